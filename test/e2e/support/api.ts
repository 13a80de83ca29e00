// A small API client for seeding: signs in with the cookie session and sends the CSRF token.
export class ApiClient {
  private cookie = '';
  private csrf = '';
  user: { id: string; name: string; roles: string[] } | null = null;
  constructor(private base: string) {}

  static async signIn(base: string, login: string, password: string): Promise<ApiClient> {
    const c = new ApiClient(base);
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    if (!res.ok) throw new Error(`sign-in as ${login} failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.getSetCookie().map((s) => s.split(';')[0]).join('; ');
    const body = await res.json();
    c.cookie = setCookie;
    c.csrf = body.csrfToken;
    c.user = body.user;
    return c;
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie, 'x-csrf-token': this.csrf,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return data as T;
  }
  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);
  patch = <T = any>(path: string, body: unknown) => this.call<T>('PATCH', path, body);
}
