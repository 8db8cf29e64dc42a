/**
 * The moderator UI in a real browser (headless Debian Chromium via playwright-core) against the real app
 * (API role, embedded store, local Redis): log in, review the queue by keyboard, correct a claim's place
 * inline, approve it, and read the correction and the approval back in the audit trail; then the incident
 * view, the place list, alias approval by an admin, a researcher's read-only view and hostile post text.
 * Screenshots: test-artifacts/e2e/*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName } from '../support/services.ts';
import { seedIncident, seedPostWithClaim, seedUsers, TAJI_NEWS_TEXT, TAJI_TEXT, tajiClaim, tajiNewsClaim } from '../integration/review/fixtures.ts';
import { launch, openPage, type WatchedPage } from './browser.ts';

const HOSTILE_TEXT = 'Breaking <img src=x onerror="window.__xss=1"> 3 drones <script>window.__xss=2</script> hit near Kirkuk & "Camp" \u202Eevil';

describe('moderator review in the browser', { timeout: 90_000 }, () => {
  let app: App;
  let browser: Browser;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let taji: { claimId: string; postId: string };
  let news: { claimId: string };
  let other: { claimId: string };
  let hostile: { claimId: string };
  let incidentId: string;
  const pages: WatchedPage[] = [];
  const dir = tempDir();

  beforeAll(async () => {
    app = await startApp({ config: testConfig('pglite', dir.path), sources: [], roles: ['api'], storeSchema: uniqueName('e2e') });
    users = await seedUsers(app.store.db);
    taji = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim(), url: 'https://example.org/status/1' });
    news = await seedPostWithClaim(app.store.db, { text: TAJI_NEWS_TEXT, claim: tajiNewsClaim(), author: 'testwire', sourceKind: 'news', sourceName: 'Test Wire', postedAt: '2025-06-12T22:00:00Z' });
    other = await seedPostWithClaim(app.store.db, {
      text: 'A drone was intercepted over the Erbil airport area early on Friday, officials said.',
      claim: { event_type: 'interception_report', quantities: [], event_time: null, locations: [] },
      author: 'TestKRG',
    });
    hostile = await seedPostWithClaim(app.store.db, {
      text: HOSTILE_TEXT,
      claim: {
        event_type: 'drone_attack',
        quantities: [{ what: 'drone', group: 'unspecified', value: 3, min: null, max: null, qualifier: 'exact', mention: '3 drones', span: { start: HOSTILE_TEXT.indexOf('3 drones'), end: HOSTILE_TEXT.indexOf('3 drones') + 8 } }],
        event_time: null,
        locations: [{ mention: 'Kirkuk & "Camp"', name: '<b>Kirkuk</b>', country: 'IQ', lat: 35.4681, lon: 44.3922, kind: 'city' }],
      },
      author: 'hostile<script>',
      url: 'javascript:alert(1)',
    });
    incidentId = await seedIncident(app.store.db, [taji.claimId, news.claimId], { discrepancies: [{ field: 'rocket', values: [4, 6] }], note: 'shape chosen by the incident engine' });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  async function login(name: string, password: string, next = '/ui/'): Promise<WatchedPage> {
    const w = await openPage(browser, app.url!);
    pages.push(w);
    await w.page.goto(`${app.url}${next}`);
    await w.page.waitForURL(/\/ui\/login\?next=/);
    await w.page.getByLabel('Name').fill(name);
    await w.page.getByLabel('Password').fill(password);
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await w.page.waitForURL((u) => u.pathname === next);
    return w;
  }

  function clean(w: WatchedPage): void {
    expect(w.outside, 'requests that left the app').toEqual([]);
    expect(w.errors, 'script errors').toEqual([]);
  }

  it('logs in, reviews by keyboard, corrects a place inline, approves, and shows the audit trail', async () => {
    const w = await openPage(browser, app.url!);
    pages.push(w);
    const { page } = w;
    await page.goto(`${app.url}/ui/`);
    await page.waitForURL(/\/ui\/login\?next=%2Fui%2F/);
    await w.shot('01-login');
    await page.getByLabel('Name').fill('moderator');
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/name or the password is wrong/);
    await page.getByLabel('Password').fill(users.moderator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/ui/');

    // The queue: pending first, the oldest pending selected.
    await page.locator('table.queue tbody tr').first().waitFor();
    await w.shot('02-queue');
    const statuses = await page.locator('table.queue tbody tr td:nth-child(2)').allTextContents();
    expect(statuses.every((s) => s === 'pending')).toBe(true);
    await expect.poll(() => page.locator('tr.selected').getAttribute('data-id')).toBe(taji.claimId);
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('tr.selected').getAttribute('data-id')).toBe(news.claimId);
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/ui/claims/${taji.claimId}`);

    // Every field is highlighted at its span in the source text.
    const mark = (field: string) => page.locator(`#source-text mark[data-field~="${field}"]`);
    await mark('location-0').first().waitFor();
    // A field's span may be cut where another field's span overlaps it ("4 rockets" holds the event type's "rockets").
    const marked = async (field: string) => (await mark(field).allTextContents()).join('');
    await expect.poll(() => marked('quantity-0')).toBe('4 rockets');
    await expect.poll(() => marked('quantity-1')).toBe('Two contractors were lightly injured');
    await expect.poll(() => marked('event_time')).toBe('at about 9:10 p.m. local time on June 12, 2025');
    await expect.poll(() => marked('location-0')).toBe('Baghdad');
    await expect.poll(() => marked('event_type')).toBe('rockets');
    await expect.poll(() => page.locator('#source-text').textContent()).toBe(TAJI_TEXT);
    await w.shot('03-claim');

    // Inline edit: the place is the base, not the city. Select its words in the source and take them.
    await page.keyboard.press('e');
    const row = page.locator('#edit-locations tbody tr').first();
    await row.waitFor();
    // Browser-side code as a string: the test program is typed without the DOM library.
    await page.evaluate(`(() => {
      const needle = 'Camp Taji';
      const root = document.getElementById('source-text');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.indexOf(needle);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + needle.length);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(r);
          return;
        }
      }
      throw new Error(needle + ' not in the source text');
    })()`);
    await row.getByRole('button', { name: 'Use selection' }).click();
    await expect.poll(() => row.getByLabel('Mention').inputValue()).toBe('Camp Taji');
    await row.getByLabel('Place name').fill('Camp Taji');
    await row.getByLabel('Latitude').fill('33.5222');
    await row.getByLabel('Longitude').fill('44.2564');
    await row.getByLabel('Kind').selectOption('base');
    await row.getByLabel('Role').selectOption('target');
    await row.getByLabel('Gazetteer id').fill('iq-camp-taji');
    await page.locator('#edit-quantities tbody tr').first().getByLabel('Value').fill('5');
    await page.getByLabel('Reason for the correction').fill('the rockets hit the base; the spokesperson later said five');
    await w.shot('04-edit');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Saved revision 2 \(quantities, locations\); 1 place alias\(es\) proposed/);
    await expect.poll(() => marked('location-0')).toBe('Camp Taji');
    await expect.poll(() => page.getByRole('heading', { name: /Extracted fields \(revision 2\)/ }).count()).toBe(1);

    // Approve with the keyboard.
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/approved \(revision 3\)/);
    await expect.poll(() => page.locator('.actions .badge').first().textContent()).toBe('approved');

    // The audit trail: who, what, before and after.
    const audit = page.locator('#audit tbody tr');
    await expect.poll(() => audit.count()).toBe(2);
    await expect.poll(() => audit.nth(0).locator('td').nth(2).textContent()).toBe('claim.approved');
    await expect.poll(() => audit.nth(1).locator('td').nth(2).textContent()).toBe('claim.corrected');
    await expect.poll(() => audit.locator('td.actor').allTextContents()).toEqual(['moderator', 'moderator']);
    await expect.poll(() => audit.nth(1).locator('td').nth(3).textContent()).toContain('Baghdad');
    await expect.poll(() => audit.nth(1).locator('td').nth(4).textContent()).toContain('Camp Taji');
    await expect.poll(() => page.locator('#revisions tbody tr').count()).toBe(3);
    await w.shot('05-approved-audit');

    // The store agrees with the page.
    const claim = await app.store.db.selectFrom('claims').selectAll().where('id', '=', taji.claimId).executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ status: 'approved', revision: 3, reviewed_by: 'moderator' });
    expect(claim.data.locations[0]).toMatchObject({ name: 'Camp Taji', place_id: 'iq-camp-taji', kind: 'base', span: { start: TAJI_TEXT.indexOf('Camp Taji'), end: TAJI_TEXT.indexOf('Camp Taji') + 9 } });
    expect(claim.data.quantities[0]).toMatchObject({ value: 5, mention: '4 rockets' });
    const rows = await app.store.db.selectFrom('audit_log').select(['actor', 'action']).where('entity_id', '=', taji.claimId).where('entity', '=', 'claim').orderBy('id').execute();
    expect(rows).toEqual([
      { actor: 'moderator', action: 'claim.corrected' },
      { actor: 'moderator', action: 'claim.approved' },
    ]);

    // n: the next pending claim of the queue.
    await page.keyboard.press('n');
    await page.waitForURL(`**/ui/claims/${news.claimId}`);
    clean(w);
  });

  it('rejects from the queue with a reason asked in a dialog', async () => {
    const w = await login('moderator', users.moderator.password, '/ui/');
    const { page } = w;
    await page.goto(`${app.url}/ui/?account=TestKRG`);
    await page.locator(`tr[data-id="${other.claimId}"].selected`).waitFor();
    await page.keyboard.press('r');
    await page.getByLabel('Reason (required)').fill('not an attack: a routine interception notice');
    await w.shot('06-reject-dialog', false);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`tr[data-id="${other.claimId}"] td:nth-child(2)`).textContent()).toBe('rejected');
    const c = await app.store.db.selectFrom('claims').select(['status', 'review_reason']).where('id', '=', other.claimId).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'rejected', review_reason: 'not an attack: a routine interception notice' });
    clean(w);
  });

  it('shows an incident with its sources side by side and the disagreeing count marked', async () => {
    const w = await login('researcher', users.researcher.password, `/ui/incidents/${incidentId}`);
    const { page } = w;
    await page.locator('#comparison').waitFor();
    await expect.poll(() => page.locator('.sources article').count()).toBe(2);
    const rocketRow = page.locator('#comparison tbody tr', { has: page.locator('th', { hasText: 'rocket (unspecified)' }) });
    await expect.poll(() => rocketRow.locator('td').allTextContents()).toEqual(['5', '6']);
    await expect.poll(() => rocketRow.locator('td.disagree').count()).toBe(2);
    await expect.poll(() => page.locator('#discrepancies li').count()).toBe(1);
    await expect.poll(() => page.locator('#summary').textContent()).toContain('shape chosen by the incident engine');
    await w.shot('07-incident');
    clean(w);
  });

  it('lets a researcher read a claim but not review it', async () => {
    const w = await login('researcher', users.researcher.password, `/ui/claims/${news.claimId}`);
    const { page } = w;
    await page.locator('#source-text mark').first().waitFor();
    await expect.poll(() => page.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /Edit fields/ }).count()).toBe(0);
    await page.keyboard.press('a');
    await page.keyboard.press('e');
    await expect.poll(() => page.locator('#edit-form').count()).toBe(0);
    await expect.poll(() => page.locator('nav a', { hasText: 'Users' }).count()).toBe(0);
    const c = await app.store.db.selectFrom('claims').select(['status', 'revision']).where('id', '=', news.claimId).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'pending', revision: 1 });
    await w.shot('08-researcher-claim');
    clean(w);
  });

  it('lists places with coordinates and lets an admin approve the proposed alias', async () => {
    const w = await login('admin', users.admin.password, '/ui/aliases');
    const { page } = w;
    const row = page.locator('#aliases tbody tr', { hasText: 'Camp Taji' });
    await row.waitFor();
    await expect.poll(() => row.locator('td').first().textContent()).toBe('Camp Taji');
    await w.shot('09-aliases');
    await row.getByRole('button', { name: 'Approve alias Camp Taji' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/approved/);
    const alias = await app.store.db.selectFrom('place_aliases').select(['status', 'decided_by']).where('alias', '=', 'Camp Taji').executeTakeFirstOrThrow();
    expect(alias).toEqual({ status: 'approved', decided_by: 'admin' });

    await page.getByRole('link', { name: 'Places' }).click();
    await page.waitForURL('**/ui/places');
    const taj = page.locator('#places tbody tr', { has: page.locator('td:first-child', { hasText: /^Camp Taji$/ }) });
    await taj.first().waitFor();
    await expect.poll(() => taj.first().locator('td').allTextContents()).toEqual(['Camp Taji', 'IQ', '33.5222', '44.2564', 'base', 'iq-camp-taji', '2', 'Camp Taji, Taji base']);
    await page.getByLabel('Filter').fill('kirkuk');
    await expect.poll(() => page.locator('#places tbody tr').count()).toBe(1);
    await page.getByLabel('Filter').fill('');
    await w.shot('10-places');
    clean(w);
  });

  it('shows hostile post text as text: no markup, no script, no javascript: link', async () => {
    const w = await login('moderator', users.moderator.password, `/ui/claims/${hostile.claimId}`);
    const { page } = w;
    await page.locator('#source-text mark').first().waitFor();
    // Text as text; the right-to-left override is shown as U+FFFD instead of reordering what follows it.
    await expect.poll(() => page.locator('#source-text').textContent()).toBe(HOSTILE_TEXT.replace('\u202E', '\uFFFD'));
    await expect.poll(() => page.locator('#source-text img, #source-text script, main b').count()).toBe(0);
    await expect.poll(() => page.evaluate('typeof window.__xss')).toBe('undefined');
    await expect.poll(() => page.locator('a[href^="javascript:"]').count()).toBe(0);
    await expect.poll(() => page.getByText('<b>Kirkuk</b>').count()).toBe(1);
    await w.shot('11-hostile');
    clean(w);
  });

  it('signs out: the session ends and pages send the browser back to the login page', async () => {
    const w = await login('moderator', users.moderator.password, '/ui/places');
    const { page } = w;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/ui/login');
    await page.goto(`${app.url}/ui/places`);
    await page.waitForURL(/\/ui\/login\?next=%2Fui%2Fplaces/);
    clean(w);
  });
});
