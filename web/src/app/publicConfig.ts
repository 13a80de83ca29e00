// What the deployment allows before sign-in (GET /public-config): whether the board is open to
// visitors (JIEBANG_PUBLIC_BOARD). Asked only while nobody is signed in, and once per page load.
import { useQuery } from '@tanstack/react-query';
import { get } from './api';
import { useAuth } from './auth';

export interface PublicConfig { publicBoard: boolean }

/** Whether an anonymous visitor may see the board now; undefined while still finding out. */
export function usePublicBoard(): boolean | undefined {
  const { user, loading } = useAuth();
  const anonymous = !loading && !user;
  const q = useQuery({
    queryKey: ['public-config'],
    queryFn: () => get<PublicConfig>('/public-config'),
    enabled: anonymous,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: 1,
  });
  if (!anonymous) return false;
  if (q.isError) return false;
  return q.data?.publicBoard;
}
