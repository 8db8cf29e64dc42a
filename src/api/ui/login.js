// Login page: fetch a CSRF token, post the credentials as JSON, go where the user was heading.
import { api, loadSession } from './dom.js';

function nextPath() {
  const n = new URLSearchParams(location.search).get('next');
  // Only paths inside the UI: never an open redirect to another site.
  return n && /^\/ui\/[A-Za-z0-9/_-]*$/.test(n) ? n : '/ui/';
}

async function main() {
  const s = await loadSession();
  if (s.user) return location.replace(nextPath());
  const form = document.getElementById('login-form');
  const err = document.getElementById('login-error');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const name = form.elements.name.value.trim();
    const password = form.elements.password.value;
    if (!name || !password) { err.textContent = 'Enter your name and password.'; return; }
    const button = document.getElementById('login-submit');
    button.disabled = true;
    try {
      await api('POST', '/api/v1/session', { name, password });
      location.replace(nextPath());
    } catch (e) {
      err.textContent = e.message;
      // A failed login may have been refused for a stale token; fetch a fresh one for the next try.
      await loadSession().catch(() => {});
      form.elements.password.select();
    } finally {
      button.disabled = false;
    }
  });
}

main().catch((e) => { document.getElementById('login-error').textContent = `Cannot reach the server: ${e.message}`; });
