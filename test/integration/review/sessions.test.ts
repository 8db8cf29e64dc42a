/**
 * Browser sessions on the real app (embedded store, local Redis): cookie flags, CSRF on every unsafe
 * cookie-authenticated request and on login, none for API keys, logout, expiry, disabled users, and
 * login throttling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { hashSessionId } from '../../../src/store/sessions.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName } from '../../support/services.ts';
import { seedPostWithClaim, seedUsers, TAJI_TEXT, tajiClaim } from './fixtures.ts';
import { Browser } from './jar.ts';

type Users = Awaited<ReturnType<typeof seedUsers>>;

describe('browser sessions', () => {
  let app: App;
  let users: Users;
  let clock = Date.parse('2025-06-13T08:00:00Z');
  const dir = tempDir();

  beforeAll(async () => {
    app = await startApp({ config: testConfig('pglite', dir.path), sources: [], roles: ['api'], storeSchema: uniqueName('sess'), now: () => new Date(clock) });
    users = await seedUsers(app.store.db);
  });
  afterAll(async () => {
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  it('logs in with name and password and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const b = new Browser(app.server!);
    const anon = await b.session();
    expect(anon.user).toBeNull();
    expect(anon.csrf_token).toMatch(/\S{20,}/);
    const res = await b.login(users.moderator.name, users.moderator.password);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toEqual({ name: 'moderator', role: 'moderator', via: 'session' });
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean; maxAge?: number }[]).find((c) => c.name === 'cw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
    expect(cookie.secure).toBeFalsy();
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/cw_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict/);
    // Only a hash of the id is stored.
    const id = b.cookies.get('cw_session')!;
    const rows = await app.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).toContain(hashSessionId(id));
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
    expect((await b.session()).user).toMatchObject({ name: 'moderator' });
    const audit = await app.store.db.selectFrom('audit_log').select(['actor', 'action']).where('action', '=', 'session.login').execute();
    expect(audit).toContainEqual({ actor: 'moderator', action: 'session.login' });
  });

  it('marks cookies Secure when SECURE_COOKIES is on', async () => {
    const dir2 = tempDir();
    const secureApp = await startApp({ config: testConfig('pglite', dir2.path, { SECURE_COOKIES: '1' }), sources: [], roles: ['api'] });
    try {
      await seedUsers(secureApp.store.db);
      const b = new Browser(secureApp.server!);
      const first = await b.request('GET', '/api/v1/session');
      expect(String(first.headers['set-cookie'])).toMatch(/cw_csrf=[^;]+;.*; HttpOnly; Secure; SameSite=Strict/);
      b.csrf = first.json().csrf_token;
      const res = await b.login('moderator', users.moderator.password);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/cw_session=[^;]+;.*; HttpOnly; Secure; SameSite=Strict/);
    } finally {
      await secureApp.stop();
      await dropRedisPrefix(secureApp.config.redis.prefix);
      dir2.remove();
    }
  });

  it('needs a CSRF token for login and for unsafe cookie requests, bound to the session', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const b = new Browser(app.server!);
    await b.session();
    const noToken = await b.request('POST', '/api/v1/session', { name: 'moderator', password: users.moderator.password }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_TOKEN_MISSING');
    const forged = await b.request('POST', '/api/v1/session', { name: 'moderator', password: users.moderator.password }, { csrf: 'abc-def' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('FST_CSRF_INVALID_TOKEN');
    expect((await b.login('moderator', users.moderator.password)).statusCode).toBe(200);

    const without = await b.request('POST', `/api/v1/claims/${claimId}/approve`, { revision: 1 }, { csrf: false });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_TOKEN_MISSING');
    // A token issued to another session (here: the anonymous one) does not fit this session.
    const other = new Browser(app.server!);
    const otherToken = (await other.session()).csrf_token;
    b.cookies.set('cw_csrf', other.cookies.get('cw_csrf')!);
    const foreign = await b.request('POST', `/api/v1/claims/${claimId}/approve`, { revision: 1 }, { csrf: otherToken });
    expect(foreign.statusCode).toBe(403);
    await b.session(); // a fresh token for this session (the csrf cookie is reused)
    const ok = await b.request('POST', `/api/v1/claims/${claimId}/approve`, { revision: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const audit = await app.store.db.selectFrom('audit_log').select(['actor']).where('entity_id', '=', claimId).where('action', '=', 'claim.approved').executeTakeFirstOrThrow();
    expect(audit.actor).toBe('moderator');
  });

  it('issues a new CSRF secret when the old cookie no longer verifies (a restart without SESSION_SECRET)', async () => {
    const b = new Browser(app.server!);
    await b.session();
    b.cookies.set('cw_csrf', 'secret-from-before-the-restart.badsignature');
    const refused = await b.request('POST', '/api/v1/session', { name: 'moderator', password: users.moderator.password });
    expect(refused.statusCode).toBe(403);
    const again = await b.request('GET', '/api/v1/session');
    expect(String(again.headers['set-cookie'])).toMatch(/cw_csrf=/);
    b.csrf = again.json().csrf_token;
    expect((await b.request('POST', '/api/v1/session', { name: 'moderator', password: users.moderator.password })).statusCode).toBe(200);
  });

  it('needs no CSRF token with an API key, even when a session cookie is also sent', async () => {
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const b = new Browser(app.server!);
    await b.login('researcher', users.researcher.password);
    const res = await b.request('POST', `/api/v1/claims/${claimId}/approve`, { revision: 1 }, { csrf: false, headers: { authorization: `Bearer ${users.moderator.key}` } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses form-encoded bodies (a cross-site form cannot post JSON)', async () => {
    const b = new Browser(app.server!);
    await b.session();
    const withBody = await app.server!.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': b.csrf! },
      cookies: Object.fromEntries(b.cookies),
      payload: 'name=moderator&password=x',
    });
    expect(withBody.statusCode).toBe(415);
  });

  it('logs out: the session is revoked and the cookie cleared', async () => {
    const b = new Browser(app.server!);
    await b.login('moderator', users.moderator.password);
    const id = b.cookies.get('cw_session')!;
    const out = await b.request('DELETE', '/api/v1/session');
    expect(out.statusCode).toBe(200);
    expect(b.cookies.has('cw_session')).toBe(false);
    // Even a copy of the old cookie no longer works.
    b.cookies.set('cw_session', id);
    expect((await b.request('GET', '/api/v1/review/queue')).statusCode).toBe(401);
    expect((await b.session()).user).toBeNull();
    const row = await app.store.db.selectFrom('sessions').select('revoked_at').where('id_hash', '=', hashSessionId(id)).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('expires sessions after 12 hours and ends them when the user is disabled', async () => {
    const b = new Browser(app.server!);
    await b.login('researcher', users.researcher.password);
    expect((await b.request('GET', '/api/v1/review/queue')).statusCode).toBe(200);
    clock += 12 * 3600_000 + 1000;
    expect((await b.request('GET', '/api/v1/review/queue')).statusCode).toBe(401);
    const page = await b.request('GET', '/ui/');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/ui/login?next=%2Fui%2F');

    const c = new Browser(app.server!);
    await c.login('researcher', users.researcher.password);
    expect((await c.request('GET', '/api/v1/review/queue')).statusCode).toBe(200);
    const dis = await app.server!.inject({ method: 'PATCH', url: `/api/v1/users/${users.researcher.id}`, headers: { authorization: `Bearer ${users.admin.key}` }, payload: { disabled: true } });
    expect(dis.statusCode, dis.body).toBe(200);
    expect(dis.json().sessions_ended).toBe(1);
    expect((await c.request('GET', '/api/v1/review/queue')).statusCode).toBe(401);
    expect((await new Browser(app.server!).login('researcher', users.researcher.password)).statusCode).toBe(401);
    await app.server!.inject({ method: 'PATCH', url: `/api/v1/users/${users.researcher.id}`, headers: { authorization: `Bearer ${users.admin.key}` }, payload: { disabled: false } });
  });

  it('throttles failed logins per name and address, and tells when to retry', async () => {
    const b = new Browser(app.server!);
    for (let i = 0; i < 5; i++) {
      const r = await b.login('admin', 'wrong password');
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('INVALID_CREDENTIALS');
      await b.session();
    }
    const blocked = await b.login('admin', users.admin.password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Unknown names fail the same way as wrong passwords.
    await b.session();
    const unknown = await b.login('nobody-here', 'whatever');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('the name or the password is wrong (or the account is disabled)');
    clock += 16 * 60_000;
    await b.session();
    expect((await b.login('admin', users.admin.password)).statusCode).toBe(200);
  });
});
