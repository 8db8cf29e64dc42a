// The app shell: who is signed in, the navigation, and which view the path asks for.
import { api, clear, currentUser, h, hasRole, loadSession, say } from './dom.js';
import { claimView } from './claim.js';
import { incidentView } from './incident.js';
import { placesView } from './places.js';
import { queueView } from './queue.js';
import { aliasesView, usersView } from './admin.js';

const routes = [
  [/^\/ui\/?$/, 'queue', () => queueView],
  [/^\/ui\/claims\/(\d+)$/, 'queue', () => claimView],
  [/^\/ui\/incidents\/(\d+)$/, 'queue', () => incidentView],
  [/^\/ui\/places$/, 'places', () => placesView],
  [/^\/ui\/aliases$/, 'aliases', () => aliasesView],
  [/^\/ui\/users$/, 'users', () => usersView],
];

/** The active view's keyboard handler; views set it when they render. */
let keyHandler = null;
export function onKeys(fn) {
  keyHandler = fn;
}

async function main() {
  const s = await loadSession();
  if (!s.user) return location.replace(`/ui/login?next=${encodeURIComponent(location.pathname)}`);
  const me = currentUser();
  document.getElementById('whoami').textContent = `${me.name} (${me.role})`;
  for (const li of document.querySelectorAll('[data-min-role]')) if (!hasRole(li.getAttribute('data-min-role'))) li.remove();
  document.getElementById('logout').addEventListener('click', async () => {
    await api('DELETE', '/api/v1/session').catch(() => {});
    location.assign('/ui/login');
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '?' && !document.querySelector('dialog[open]') && !['INPUT', 'TEXTAREA', 'SELECT'].includes(ev.target?.tagName)) {
      ev.preventDefault();
      document.getElementById('help-dialog').showModal();
      return;
    }
    keyHandler?.(ev);
  });
  const main = document.getElementById('main');
  const path = location.pathname;
  const hit = routes.find(([re]) => re.test(path));
  if (!hit) return clear(main, h('h1', { text: 'Not found' }), h('p', {}, h('a', { href: '/ui/', text: 'Back to the queue' })));
  const [re, nav, view] = hit;
  for (const a of document.querySelectorAll('[data-nav]')) if (a.getAttribute('data-nav') === nav) a.setAttribute('aria-current', 'page');
  try {
    await view()(main, re.exec(path).slice(1), onKeys);
  } catch (e) {
    say(e.message, true);
    clear(main, h('h1', { text: 'Something went wrong' }), h('p', { class: 'error', text: e.message }));
  }
}

main().catch((e) => say(`Cannot reach the server: ${e.message}`, true));
