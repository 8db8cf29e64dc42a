// Review queue: pending claims first, filters kept in the URL, keyboard review (j/k/n, a, r, Enter).
import { api, askReason, badge, clear, fmtTime, h, hasRole, say, typing } from './dom.js';

const EVENT_TYPES = ['rocket_attack', 'missile_attack', 'drone_attack', 'airstrike', 'ied', 'small_arms', 'interception_report', 'other'];
const FILTERS = ['status', 'account', 'type', 'place', 'min_confidence', 'max_confidence'];
const PAGE = 50;

export async function queueView(main, _params, onKeys) {
  const params = new URLSearchParams(location.search);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const query = new URLSearchParams();
  for (const f of FILTERS) if (params.get(f)) query.set(f, params.get(f));
  query.set('limit', String(PAGE));
  query.set('offset', String(offset));
  // The claim view's "next" walks the same filtered queue.
  sessionStorage.setItem('cw.queue', query.toString());
  const data = await api('GET', `/api/v1/review/queue?${query}`);
  const moderator = hasRole('moderator');

  const input = (name, label, attrs = {}) => h('div', { class: 'field' }, h('label', { for: `f-${name}`, text: label }), h('input', { id: `f-${name}`, name, value: params.get(name) ?? '', ...attrs }));
  const choice = (name, label, options) =>
    h('div', { class: 'field' }, h('label', { for: `f-${name}`, text: label }),
      h('select', { id: `f-${name}`, name }, options.map(([v, t]) => h('option', { value: v, selected: (params.get(name) ?? '') === v, text: t }))));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the queue' },
    choice('status', 'Status', [['', 'any (pending first)'], ['pending', 'pending'], ['approved', 'approved'], ['rejected', 'rejected']]),
    input('account', 'Account', { placeholder: 'e.g. OIRSpox', size: 14 }),
    choice('type', 'Event type', [['', 'any'], ...EVENT_TYPES.map((t) => [t, t.replace('_', ' ')])]),
    input('place', 'Place or country', { placeholder: 'e.g. Erbil or IQ', size: 14 }),
    input('min_confidence', 'Min confidence', { type: 'number', min: 0, max: 1, step: 0.05 }),
    input('max_confidence', 'Max confidence', { type: 'number', min: 0, max: 1, step: 0.05 }),
    h('button', { type: 'submit', class: 'primary', text: 'Filter' }),
    h('a', { href: '/ui/', text: 'Clear' }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const f of FILTERS) { const v = form.elements[f].value.trim(); if (v) q.set(f, v); }
    location.assign(`/ui/?${q}`);
  });

  let selected = 0;
  const rows = data.items.map((c, i) => {
    const tr = h('tr', { 'data-id': c.id, 'aria-selected': 'false', onclick: () => select(i) },
      h('td', {}, h('a', { href: `/ui/claims/${c.id}`, text: `#${c.id}` })),
      h('td', {}, badge(c.status)),
      h('td', { text: c.event_type.replace('_', ' ') }),
      h('td', { text: c.confidence === null ? '—' : c.confidence.toFixed(2) }),
      h('td', { text: `@${c.author}` }),
      h('td', { text: fmtTime(c.posted_at) }),
      h('td', { text: c.places.join(', ') || '—' }),
      h('td', { class: 'text', text: (c.text ?? '[deleted]').slice(0, 160) + ((c.text ?? '').length > 160 ? '…' : '') }));
    return tr;
  });
  function select(i) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => { r.classList.toggle('selected', j === selected); r.setAttribute('aria-selected', String(j === selected)); });
    rows[selected].scrollIntoView({ block: 'nearest' });
    const c = data.items[selected];
    document.getElementById('queue-current').textContent = `Selected: claim #${c.id} (${c.status})`;
  }

  async function decide(decision) {
    const c = data.items[selected];
    if (!c || !moderator) return;
    let reason;
    if (decision === 'reject') { reason = await askReason(`Reject claim #${c.id}`); if (reason === null) return; }
    try {
      const r = await api('POST', `/api/v1/claims/${c.id}/${decision}`, { revision: c.revision, ...(reason ? { reason } : {}) });
      c.status = r.status; c.revision = r.revision;
      rows[selected].children[1].replaceChildren(badge(r.status));
      say(`Claim #${c.id} ${r.status}.`);
      select(selected + 1);
    } catch (e) {
      say(e.status === 409 ? `${e.message} (the list was reloaded)` : e.message, true);
      if (e.status === 409) setTimeout(() => location.reload(), 1200);
    }
  }

  const pager = h('div', { class: 'pager' },
    offset > 0 ? h('a', { href: `?${withOffset(params, Math.max(0, offset - PAGE))}`, text: '← Previous' }) : null,
    h('span', { class: 'muted', text: data.total ? `${offset + 1}–${offset + data.items.length} of ${data.total}` : 'No claims match.' }),
    offset + data.items.length < data.total ? h('a', { href: `?${withOffset(params, offset + PAGE)}`, text: 'Next →' }) : null);

  clear(main,
    h('h1', { text: 'Review queue' }),
    form,
    h('p', { class: 'muted' }, 'Keys: ', h('kbd', { text: 'j' }), '/', h('kbd', { text: 'k' }), ' move, ', h('kbd', { text: 'Enter' }), ' open',
      moderator ? [', ', h('kbd', { text: 'a' }), ' approve, ', h('kbd', { text: 'r' }), ' reject'] : ' (read only: you are a researcher)', ', ', h('kbd', { text: '?' }), ' help.'),
    h('p', { id: 'queue-current', class: 'visually-hidden', 'aria-live': 'polite' }),
    h('table', { class: 'queue', 'aria-label': 'Claims to review' },
      h('thead', {}, h('tr', {}, ['Claim', 'Status', 'Type', 'Conf.', 'Account', 'Posted (UTC)', 'Places', 'Text'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows)),
    pager);
  select(0);

  onKeys((ev) => {
    if (typing(ev)) return;
    const c = data.items[selected];
    switch (ev.key) {
      case 'j': case 'n': case 'ArrowDown': ev.preventDefault(); select(selected + 1); break;
      case 'k': case 'ArrowUp': ev.preventDefault(); select(selected - 1); break;
      case 'Enter': case 'o': if (c) location.assign(`/ui/claims/${c.id}`); break;
      case 'e': if (c) location.assign(`/ui/claims/${c.id}#edit`); break;
      case 'a': ev.preventDefault(); void decide('approve'); break;
      case 'r': ev.preventDefault(); void decide('reject'); break;
      default:
    }
  });
}

function withOffset(params, offset) {
  const q = new URLSearchParams(params);
  q.set('offset', String(offset));
  return q.toString();
}
