// Roles, states and which actions need a reason, as the server declares them (GET /lifecycles):
// the web app never re-types these lists.
import { useQuery } from '@tanstack/react-query';
import { get } from './api';
import type { Lifecycles } from './types';

export function useLifecycles() {
  return useQuery({ queryKey: ['lifecycles'], staleTime: Infinity, gcTime: Infinity, queryFn: () => get<Lifecycles>('/lifecycles') }).data;
}
