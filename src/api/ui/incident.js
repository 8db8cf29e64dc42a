// An incident: its sources side by side, each with its text highlighted, and a comparison table whose
// cells are marked where the sources disagree. The incident engine's own summary is shown as it is.
import { api, badge, claimSpans, clear, fmtNum, fmtTime, h, highlighted, quantityText, safeLink } from './dom.js';

/** The interval of counts a quantity allows; null when it says nothing comparable. */
function interval(q) {
  const v = q.value, lo = q.min ?? v, hi = q.max ?? v;
  switch (q.qualifier) {
    case 'exact': return v === null ? null : [v, v];
    case 'approximately': return v === null ? null : [Math.floor(v * 0.8), Math.ceil(v * 1.2)];
    case 'at_least': return lo === null ? null : [lo, Infinity];
    case 'more_than': return lo === null ? null : [lo + 1, Infinity];
    case 'at_most': return hi === null ? null : [0, hi];
    case 'fewer_than': return hi === null ? null : [0, Math.max(0, hi - 1)];
    case 'range': return lo === null || hi === null ? null : [lo, hi];
    default: return null;
  }
}

/** True when some pair of the intervals cannot both be right. */
function disagree(intervals) {
  const xs = intervals.filter(Boolean);
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i][1] < xs[j][0] || xs[j][1] < xs[i][0]) return true;
  return false;
}

/** Rows of the comparison: one per counted thing, plus event time and place. Pure over the member claims. */
export function compareMembers(members) {
  const rows = [];
  const keys = new Map();
  for (const m of members) for (const q of m.data.quantities) keys.set(`${q.what}|${q.group}`, { what: q.what, group: q.group });
  for (const [key, k] of keys) {
    const cells = members.map((m) => m.data.quantities.filter((q) => `${q.what}|${q.group}` === key));
    const intervals = cells.map((qs) => (qs.length ? interval(qs[0]) : null));
    rows.push({ label: `${k.what} (${k.group})`, cells: cells.map((qs) => (qs.length ? qs.map(quantityText).join(', ') : '—')), disagree: disagree(intervals), compared: intervals.filter(Boolean).length > 1 });
  }
  const days = members.map((m) => m.data.event_time?.utc?.slice(0, 10) ?? m.data.event_time?.local?.slice(0, 10) ?? null);
  const knownDays = days.filter(Boolean);
  rows.push({ label: 'event date', cells: members.map((m) => m.data.event_time ? `${m.data.event_time.local ?? '?'} ${m.data.event_time.tz ?? ''}`.trim() : '—'), disagree: new Set(knownDays).size > 1, compared: knownDays.length > 1 });
  const placeSets = members.map((m) => new Set(m.data.locations.map((l) => l.place_id ?? l.name)));
  const named = placeSets.filter((s) => s.size);
  const overlap = named.length < 2 || named.every((s) => named.every((t) => [...s].some((x) => t.has(x))));
  rows.push({ label: 'place', cells: members.map((m) => m.data.locations.map((l) => l.name).join(', ') || '—'), disagree: !overlap, compared: named.length > 1 });
  return rows;
}

export async function incidentView(main, [id]) {
  const { incident, members } = await api('GET', `/api/v1/review/incidents/${id}`);
  const rows = compareMembers(members);
  const summary = incident.summary ?? {};
  const discrepancies = Array.isArray(summary.discrepancies) ? summary.discrepancies : [];
  clear(main,
    h('p', {}, h('a', { href: '/ui/', text: '← Queue' })),
    h('h1', {}, `Incident #${incident.id} `, badge(incident.status)),
    h('dl', { class: 'kv' },
      h('dt', { text: 'Event type' }), h('dd', { text: incident.event_type ?? '—' }),
      h('dt', { text: 'Window (UTC)' }), h('dd', { text: `${fmtTime(incident.window_start) || '?'} – ${fmtTime(incident.window_end) || '?'}` }),
      h('dt', { text: 'Sources' }), h('dd', { text: String(members.length) }),
      h('dt', { text: 'Revision' }), h('dd', { text: String(incident.revision) })),
    h('h2', { text: 'Comparison' }),
    h('table', { id: 'comparison', 'aria-label': 'Field comparison across sources' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Field' }), members.map((m) => h('th', { scope: 'col', text: `${m.source_name ?? m.author} (#${m.id})` })))),
      h('tbody', {}, rows.map((r) => h('tr', { class: r.disagree ? 'row-disagree' : '' },
        h('th', { scope: 'row', text: r.label }),
        r.cells.map((c) => h('td', { class: !r.compared ? '' : r.disagree ? 'disagree' : 'agree', text: c })))))),
    discrepancies.length
      ? [h('h2', { text: 'Discrepancies found by the incident engine' }), h('ul', { id: 'discrepancies' }, discrepancies.map((d) => h('li', { class: 'disagree', text: typeof d === 'string' ? d : JSON.stringify(d) })))]
      : null,
    h('h2', { text: 'Sources side by side' }),
    h('div', { class: 'sources' }, members.map((m) => h('article', { 'aria-label': `Source ${m.source_name ?? m.author}` },
      h('h3', {}, h('a', { href: `/ui/claims/${m.id}`, text: `Claim #${m.id}` }), ' ', badge(m.status)),
      h('p', { class: 'muted' }, `@${m.author}`, m.source_name ? ` · ${m.source_name}` : '', ` · ${m.source_kind} · ${fmtTime(m.posted_at)} `, safeLink(m.url, 'original')),
      h('div', { class: 'source-text' }, m.text ? highlighted(m.text, claimSpans(m.data)) : h('em', { text: '[deleted]' })),
      h('ul', {},
        m.data.quantities.map((q) => h('li', { text: `${q.what} (${q.group}): ${quantityText(q)}` })),
        m.data.event_time ? h('li', { text: `time: ${m.data.event_time.local ?? '?'} ${m.data.event_time.tz ?? ''}` }) : null,
        m.data.locations.map((l) => h('li', { text: `place: ${l.name} ${l.country ?? ''} (${fmtNum(l.lat)}, ${fmtNum(l.lon)})` })))))),
    h('h2', { text: 'Incident summary (as stored)' }),
    h('pre', { class: 'json', id: 'summary', text: JSON.stringify(summary, null, 2) }));
}
