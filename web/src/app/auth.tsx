// Who is signed in. /me on load restores the session (and its CSRF token) after a reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './api';
import type { Role, User } from './types';

interface AuthState {
  user: User | null;
  loading: boolean;
  signIn(login: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const qc = useQueryClient();

  const refresh = useCallback(async () => {
    try {
      const me = await api<{ user: User; csrfToken: string | null }>('GET', '/me');
      setCsrfToken(me.csrfToken);
      setUser(me.user);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => {
    const expired = () => { setCsrfToken(null); setUser(null); };
    window.addEventListener('jb:unauthorized', expired);
    return () => window.removeEventListener('jb:unauthorized', expired);
  }, []);

  const value = useMemo<AuthState>(() => ({
    user, loading, refresh,
    async signIn(login, password) {
      const r = await api<{ user: User; csrfToken: string }>('POST', '/auth/login', { login, password });
      setCsrfToken(r.csrfToken);
      qc.clear();
      setUser(r.user);
      return r.user;
    },
    async signOut() {
      try { await api('POST', '/auth/logout', {}); } catch { /* signed out anyway */ }
      setCsrfToken(null);
      qc.clear();
      setUser(null);
    },
  }), [user, loading, refresh, qc]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export const hasRole = (user: User | null, ...roles: Role[]) => !!user && roles.some((r) => user.roles.includes(r));
