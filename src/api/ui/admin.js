// Admin views: gazetteer alias proposals (moderators see them, admins decide) and users with API keys.
import { api, askReason, badge, clear, fmtNum, fmtTime, h, hasRole, say } from './dom.js';

export async function aliasesView(main) {
  const status = new URLSearchParams(location.search).get('status') ?? 'proposed';
  const { items } = await api('GET', `/api/v1/place-aliases?status=${encodeURIComponent(status)}`);
  const admin = hasRole('admin');
  const decide = async (a, verb) => {
    let reason;
    if (verb === 'reject') { reason = await askReason(`Reject alias “${a.alias}”`); if (reason === null) return; }
    try {
      await api('POST', `/api/v1/place-aliases/${a.id}/${verb}`, reason ? { reason } : {});
      say(`Alias “${a.alias}” ${verb}d.`);
      await aliasesView(main);
    } catch (e) { say(e.message, true); }
  };
  clear(main,
    h('h1', { text: 'Place aliases' }),
    h('p', { class: 'muted', text: 'Names moderators taught the gazetteer by correcting a place. Approved aliases are used for the next posts.' }),
    h('nav', { 'aria-label': 'Alias status', class: 'actions' }, ['proposed', 'approved', 'rejected'].map((s) => h('a', { href: `?status=${s}`, 'aria-current': s === status ? 'page' : undefined, text: s }))),
    items.length
      ? h('table', { id: 'aliases', 'aria-label': `${status} aliases` },
        h('thead', {}, h('tr', {}, ['Alias', 'Place', 'Country', 'Lat', 'Lon', 'Kind', 'Proposed by', 'From claim', 'Status', ''].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, items.map((a) => h('tr', {},
          h('td', { text: a.alias }), h('td', { text: a.name + (a.placeId ? ` (${a.placeId})` : '') }), h('td', { text: a.country ?? '—' }),
          h('td', { text: fmtNum(a.lat) }), h('td', { text: fmtNum(a.lon) }), h('td', { text: a.kind }), h('td', { text: a.proposedBy }),
          h('td', {}, a.claimId ? h('a', { href: `/ui/claims/${a.claimId}`, text: `#${a.claimId}` }) : '—'),
          h('td', {}, badge(a.status), a.decidedBy ? ` by ${a.decidedBy}` : ''),
          h('td', {}, admin && a.status === 'proposed' ? [
            h('button', { type: 'button', class: 'ok', text: 'Approve', 'aria-label': `Approve alias ${a.alias}`, onclick: () => decide(a, 'approve') }), ' ',
            h('button', { type: 'button', class: 'danger', text: 'Reject', 'aria-label': `Reject alias ${a.alias}`, onclick: () => decide(a, 'reject') })] : null)))))
      : h('p', { class: 'muted', text: `No ${status} aliases.` }));
}

export async function usersView(main) {
  const { items } = await api('GET', '/api/v1/users');
  const shown = h('p', { id: 'new-key', role: 'status', 'aria-live': 'polite' });
  const showKey = (label, key) => clear(shown, h('strong', { text: label }), ' ', h('code', { text: key }), h('span', { class: 'muted', text: ' (copy it now: it is shown once)' }));
  const form = h('form', { class: 'filters', id: 'new-user', 'aria-label': 'Add a user' },
    h('div', { class: 'field' }, h('label', { for: 'nu-name', text: 'Name' }), h('input', { id: 'nu-name', name: 'name', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'nu-role', text: 'Role' }), h('select', { id: 'nu-role', name: 'role' }, ['researcher', 'moderator', 'admin'].map((r) => h('option', { value: r, text: r })))),
    h('div', { class: 'field' }, h('label', { for: 'nu-password', text: 'Password (10+ characters, optional)' }), h('input', { id: 'nu-password', name: 'password', type: 'password', autocomplete: 'new-password' })),
    h('label', {}, h('input', { type: 'checkbox', name: 'api_key' }), ' issue an API key'),
    h('button', { type: 'submit', class: 'primary', text: 'Add user' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = form.elements;
    try {
      const r = await api('POST', '/api/v1/users', { name: f.name.value.trim(), role: f.role.value, ...(f.password.value ? { password: f.password.value } : {}), api_key: f.api_key.checked });
      await usersView(main);
      say(`Added ${r.name} (${r.role}).`);
      if (r.api_key) showKey(`API key for ${r.name}:`, r.api_key);
    } catch (e) { say(e.message, true); }
  });
  clear(main,
    h('h1', { text: 'Users' }),
    shown,
    h('table', { id: 'users', 'aria-label': 'Users' },
      h('thead', {}, h('tr', {}, ['Name', 'Role', 'Password', 'API keys (prefix, label, last used)', 'State', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, items.map((u) => h('tr', {},
        h('td', { text: u.name }), h('td', { text: u.role }), h('td', { text: u.has_password ? 'set' : '—' }),
        h('td', {}, h('ul', {}, u.api_keys.map((k) => h('li', {}, h('code', { text: k.prefix }), ` ${k.name}, ${k.last_used_at ? fmtTime(k.last_used_at) : 'never used'} `,
          k.revoked_at ? h('span', { class: 'muted', text: '(revoked)' }) : h('button', { type: 'button', text: 'Revoke', 'aria-label': `Revoke key ${k.prefix}`, onclick: async () => {
            try { await api('DELETE', `/api/v1/api-keys/${k.prefix}`); await usersView(main); say(`Key ${k.prefix} revoked.`); } catch (e) { say(e.message, true); }
          } }))))),
        h('td', { text: u.disabled_at ? 'disabled' : 'active' }),
        h('td', {},
          h('button', { type: 'button', text: 'New key', 'aria-label': `Issue an API key for ${u.name}`, onclick: async () => {
            try { const r = await api('POST', `/api/v1/users/${u.id}/api-keys`, { label: 'ui' }); showKey(`API key for ${u.name}:`, r.api_key); } catch (e) { say(e.message, true); }
          } }), ' ',
          h('button', { type: 'button', text: u.disabled_at ? 'Enable' : 'Disable', onclick: async () => {
            try { await api('PATCH', `/api/v1/users/${u.id}`, { disabled: !u.disabled_at }); await usersView(main); } catch (e) { say(e.message, true); }
          } })))))),
    h('h2', { text: 'Add a user' }),
    form);
}
