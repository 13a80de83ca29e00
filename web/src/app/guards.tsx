// Route guards: sign-in first, then the role the page needs (a 403 page naming it otherwise).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth, hasRole } from './auth';
import { Loading } from './Layout';
import { ForbiddenPage } from '../pages/errors/ErrorPages';
import type { Role } from './types';

export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { user, loading } = useAuth();
  const loc = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (roles && !hasRole(user, ...roles)) return <ForbiddenPage roles={roles} />;
  return <>{children}</>;
}
