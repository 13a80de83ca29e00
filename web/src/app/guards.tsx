// Route guards: sign-in first, then the role the page needs (a 403 page naming it otherwise).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth, hasRole } from './auth';
import { Loading } from './Layout';
import { ForbiddenPage } from '../pages/errors/ErrorPages';
import { usePublicBoard } from './publicConfig';
import type { Role } from './types';

/**
 * `publicBoard`: the page is also open to anonymous visitors when the deployment made the board
 * public (the board and challenge pages); every other page still sends them to sign in.
 */
export function RequireAuth({ children, roles, publicBoard }: { children: ReactNode; roles?: Role[]; publicBoard?: boolean }) {
  const { user, loading } = useAuth();
  const open = usePublicBoard();
  const loc = useLocation();
  if (loading) return <Loading />;
  if (!user && publicBoard && open === undefined) return <Loading />;
  if (!user && publicBoard && open) return <>{children}</>;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (roles && !hasRole(user, ...roles)) return <ForbiddenPage roles={roles} />;
  return <>{children}</>;
}
