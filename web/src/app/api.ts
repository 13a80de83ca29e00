// The HTTP client of the web app: JSON in and out, the session cookie sent by the browser,
// and the CSRF token (from sign-in or /me) on every unsafe request.

export interface FieldProblem { path: string; message: string; code?: string; params?: Record<string, unknown> }
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: FieldProblem[];
  rule?: string;
  requiredRoles?: string[];
  currentState?: string;
  allowedActions?: string[];
  [k: string]: unknown;
}

export class ApiError extends Error {
  constructor(public problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() { return this.problem.status; }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => { csrfToken = t; };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!res.ok) throw new ApiError({ status: res.status, code: data?.code ?? 'http_error', ...data });
  return data as T;
}

export const get = <T = any>(path: string) => api<T>('GET', path);

/** Upload a file as its raw bytes with its own type; the name goes in the query. */
export async function upload<T = any>(path: string, file: File): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`/api/v1${path}${sep}name=${encodeURIComponent(file.name)}`, { method: 'POST', headers, credentials: 'same-origin', body: file });
  const text = await res.text();
  let data: any = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!res.ok) throw new ApiError({ status: res.status, code: data?.code ?? 'http_error', ...data });
  return data as T;
}
export const post = <T = any>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T = any>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** Build a query string from the set values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export interface Page<T> {
  items: T[]; total: number; page: number; pageSize: number;
  /** Board searches: false when counting stopped at 10,000 (total is a lower bound). */
  totalExact?: boolean;
}
