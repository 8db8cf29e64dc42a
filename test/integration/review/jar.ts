/** A tiny cookie jar over fastify.inject, so session tests behave like a browser (cookies + CSRF header). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class Browser {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, opts: { csrf?: string | false; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.csrf === false ? undefined : (opts.csrf ?? this.csrf);
    if (token) headers['x-csrf-token'] = token;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      cookies: Object.fromEntries(this.cookies),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** GET /api/v1/session and keep its CSRF token. */
  async session(): Promise<{ user: { name: string; role: string; via: string } | null; csrf_token: string }> {
    const res = await this.request('GET', '/api/v1/session');
    const j = res.json();
    this.csrf = j.csrf_token;
    return j;
  }

  async login(name: string, password: string): Promise<LightMyRequestResponse> {
    if (!this.csrf) await this.session();
    const res = await this.request('POST', '/api/v1/session', { name, password });
    if (res.statusCode === 200) this.csrf = res.json().csrf_token;
    return res;
  }
}
