// DOM and API helpers for the claimwatch UI. Every string from the server is inserted as text
// (textContent / text nodes), never as HTML: post text is hostile input.

/** Creates an element. attrs: class, text, dataset-like "data-*", aria-*, on<event> handlers, booleans. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let csrf = null;
let me = null;

/** Reads who is signed in and the CSRF token for unsafe requests. */
export async function loadSession() {
  const r = await fetch('/api/v1/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const j = await r.json();
  csrf = j.csrf_token;
  me = j.user;
  return j;
}

export function currentUser() {
  return me;
}

const RANK = { researcher: 1, moderator: 2, admin: 3 };
export function hasRole(least) {
  return !!me && RANK[me.role] >= RANK[least];
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * JSON API call with the session cookie and, for unsafe methods, the CSRF token. A token the server no
 * longer accepts (it restarted without SESSION_SECRET) is fetched anew and the call tried once more.
 */
export async function api(method, url, body, retried = false) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const j = r.status === 204 ? null : await r.json().catch(() => null);
  if (r.status === 401 && !url.endsWith('/session')) {
    location.assign(`/ui/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (!retried && method !== 'GET' && r.status === 403 && /^FST_CSRF_/.test(j?.error?.code ?? '')) {
    await loadSession();
    return api(method, url, body, true);
  }
  if (!r.ok) throw new ApiError(r.status, j?.error?.code ?? 'HTTP', j?.error?.message ?? `request failed (${r.status})`);
  return j;
}

/** Shows a message in the live region (announced by screen readers). */
export function say(message, bad = false) {
  const s = document.getElementById('status');
  if (!s) return;
  s.className = bad ? 'status bad' : 'status';
  s.textContent = message;
  if (!bad) setTimeout(() => { if (s.textContent === message) s.textContent = ''; }, 6000);
}

export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, 'Z');
}

export function fmtNum(n, digits = 4) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—';
}

export function badge(status) {
  return h('span', { class: `badge ${status}`, text: String(status).replace('_', ' ') });
}

/** Only http(s) links from posts become anchors; anything else (javascript:, data:) stays text. */
export function safeLink(url, label) {
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) return h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', text: label ?? url });
  return url ? h('span', { text: label ?? url }) : null;
}

export function quantityText(q) {
  const n = (v) => (v === null || v === undefined ? '?' : String(v));
  switch (q.qualifier) {
    case 'range': return `${n(q.min)}–${n(q.max)}`;
    case 'at_least': return `≥ ${n(q.value ?? q.min)}`;
    case 'more_than': return `> ${n(q.value ?? q.min)}`;
    case 'at_most': return `≤ ${n(q.value ?? q.max)}`;
    case 'fewer_than': return `< ${n(q.value ?? q.max)}`;
    case 'approximately': return `~${n(q.value)}`;
    case 'vague': return q.value === null ? 'some' : `some (${n(q.value)})`;
    default: return n(q.value);
  }
}

/** Every field of a claim that points at a span of the post text, with a stable key per field. */
export function claimSpans(claim) {
  const out = [];
  if (claim.event_type_span) out.push({ key: 'event_type', kind: 'event_type', span: claim.event_type_span, label: `event type: ${claim.event_type}` });
  (claim.quantities ?? []).forEach((q, i) => q.span && out.push({ key: `quantity-${i}`, kind: 'quantity', span: q.span, label: `${q.what} (${q.group}): ${quantityText(q)}` }));
  if (claim.event_time?.span) out.push({ key: 'event_time', kind: 'event_time', span: claim.event_time.span, label: `time: ${claim.event_time.local ?? '?'}` });
  (claim.locations ?? []).forEach((l, i) => l.span && out.push({ key: `location-${i}`, kind: 'location', span: l.span, label: `place: ${l.name}` }));
  return out;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * The post text with each field's span wrapped in <mark> (every piece carries data-start, its offset in the
 * text, so a selection maps back to a span). Overlapping spans are split at every boundary;
 * a piece covered by several fields names them all.
 */
export function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  const valid = spans.filter((s) => Number.isInteger(s.span?.start) && Number.isInteger(s.span?.end) && s.span.start < s.span.end && s.span.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.span.start); cuts.add(s.span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    // Bidi controls from a post could reorder what the reviewer sees: show each as U+FFFD (same length, so offsets hold).
    const piece = text.slice(a, b).replace(BIDI_CONTROLS, '\uFFFD');
    const covering = valid.filter((s) => s.span.start <= a && s.span.end >= b);
    if (!covering.length) { frag.append(h('span', { 'data-start': a }, piece)); continue; }
    frag.append(h('mark', {
      class: `f-${covering[0].kind}`,
      'data-start': a,
      'data-field': covering.map((c) => c.key).join(' '),
      title: covering.map((c) => c.label).join('; '),
    }, piece));
  }
  return frag;
}

/** True when a keyboard shortcut should be ignored (typing in a field, a dialog open). */
export function typing(ev) {
  const t = ev.target;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return true;
  if (document.querySelector('dialog[open]')) return true;
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/** Asks for a rejection reason in the dialog; resolves to the text, or null when cancelled. */
export function askReason(title = 'Reject claim') {
  const dlg = document.getElementById('reason-dialog');
  const text = document.getElementById('reason-text');
  document.getElementById('reason-title').textContent = title;
  text.value = '';
  return new Promise((resolve) => {
    const form = document.getElementById('reason-form');
    const cancel = document.getElementById('reason-cancel');
    const done = (v) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dlg.removeEventListener('cancel', onCancel);
      if (dlg.open) dlg.close();
      resolve(v);
    };
    const onSubmit = (ev) => {
      ev.preventDefault();
      const v = text.value.trim();
      if (v.length < 3) { text.setCustomValidity('Give a reason of at least 3 characters'); text.reportValidity(); return; }
      text.setCustomValidity('');
      done(v);
    };
    const onCancel = (ev) => { ev?.preventDefault?.(); done(null); };
    // Enter submits, Shift+Enter starts a new line.
    text.onkeydown = (ev) => { if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); } };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dlg.addEventListener('cancel', onCancel);
    dlg.showModal();
    text.focus();
  });
}

/** The [start, end) of the current selection inside `container` (built by highlighted()), or null. */
export function selectionSpan(container) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const offset = (node, off) => {
    const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.closest?.('[data-start]');
    if (!el || !container.contains(el)) return null;
    return Number(el.getAttribute('data-start')) + (node.nodeType === Node.TEXT_NODE ? off : 0);
  };
  const a = offset(r.startContainer, r.startOffset);
  const b = offset(r.endContainer, r.endOffset);
  if (a === null || b === null || b <= a) return null;
  return { start: a, end: b };
}
