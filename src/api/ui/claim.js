// One claim against its source: the post text with every field highlighted at its span, the fields with
// their confidence, inline editing (a correction is a new revision), approve/reject, history and audit.
import { api, askReason, badge, claimSpans, clear, fmtNum, fmtTime, h, hasRole, highlighted, quantityText, safeLink, say, selectionSpan, typing } from './dom.js';

const EVENT_TYPES = ['rocket_attack', 'missile_attack', 'drone_attack', 'airstrike', 'ied', 'small_arms', 'interception_report', 'other'];
const QUALIFIERS = ['exact', 'approximately', 'at_least', 'more_than', 'at_most', 'fewer_than', 'range', 'vague'];
const PRECISIONS = ['minute', 'hour', 'part_of_day', 'day', 'month'];
const KINDS = ['base', 'city', 'province', 'country', 'region', 'site'];
const ROLES = ['', 'target', 'origin', 'reference'];

const conf = (c) => (typeof c === 'number' ? h('span', { class: 'conf', text: ` (confidence ${c.toFixed(2)})` }) : null);
const spanText = (s) => (s ? `${s.start}–${s.end}` : 'no span');

export async function claimView(main, [id], onKeys) {
  const detail = await api('GET', `/api/v1/review/claims/${id}`);
  const moderator = hasRole('moderator');
  let editing = false;
  const { claim, post } = detail;
  const text = post?.text ?? '';

  const sourceText = h('div', { class: 'source-text', id: 'source-text', lang: 'en' });
  sourceText.append(text ? highlighted(text, claimSpans(claim.data)) : h('em', { text: '[the post was deleted; its text is purged]' }));
  const source = h('section', { class: 'source', 'aria-labelledby': 'source-h' },
    h('h2', { id: 'source-h', text: 'Source' }),
    h('p', { class: 'muted' }, `@${post?.author ?? '?'}`, post?.sourceName ? ` · ${post.sourceName}` : '', ` · ${post?.sourceKind ?? ''} · posted ${fmtTime(post?.postedAt)} `, safeLink(post?.url, 'original')),
    sourceText,
    h('div', { class: 'legend', 'aria-hidden': 'true' }, h('span', { class: 'l-type', text: 'event type' }), h('span', { class: 'l-quantity', text: 'quantity' }), h('span', { class: 'l-time', text: 'time' }), h('span', { class: 'l-location', text: 'place' })));

  const fieldsBox = h('section', { 'aria-labelledby': 'fields-h' });
  // While editing, the source sits above a full-width form.
  const layout = h('div', { class: 'claim-layout' }, source, fieldsBox);
  const stopEditing = () => { editing = false; layout.classList.remove('editing'); renderActions(); renderFields(); };
  const actions = h('div', { class: 'actions' });
  const history = h('section', { 'aria-labelledby': 'history-h' });

  function renderFields() {
    const d = claim.data;
    const linkable = (key, ...cells) => h('tr', { 'data-field': key, tabindex: 0, onmouseenter: () => mark(key, true), onmouseleave: () => mark(key, false), onfocus: () => mark(key, true), onblur: () => mark(key, false) }, cells);
    clear(fieldsBox,
      h('h2', { id: 'fields-h', text: `Extracted fields (revision ${claim.revision})` }),
      h('dl', { class: 'kv' },
        h('dt', { text: 'Event type' }), h('dd', { 'data-field': 'event_type' }, d.event_type.replace('_', ' '), conf(d.event_type_confidence), d.event_type_span ? null : h('span', { class: 'nospan', text: ' (no span)' })),
        d.hedges?.length ? [h('dt', { text: 'Hedges' }), h('dd', { text: d.hedges.join('; ') })] : null,
        d.correction ? [h('dt', { text: 'Correction post' }), h('dd', { text: 'yes' })] : null),
      h('h3', { text: 'Quantities' }),
      d.quantities.length
        ? h('table', { 'aria-label': 'Quantities' },
          h('thead', {}, h('tr', {}, ['What', 'Group', 'Count', 'Qualifier', 'Mention', 'Conf.'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, d.quantities.map((q, i) => linkable(`quantity-${i}`,
            h('td', { text: q.what }), h('td', { text: q.group }), h('td', { text: quantityText(q) }), h('td', { text: q.qualifier }),
            h('td', {}, q.mention || '—', q.span ? null : h('span', { class: 'nospan', text: ' (no span)' })), h('td', { text: q.confidence?.toFixed(2) ?? '—' })))))
        : h('p', { class: 'muted', text: 'None.' }),
      h('h3', { text: 'Time' }),
      d.event_time
        ? h('table', { 'aria-label': 'Event time' }, h('tbody', {}, linkable('event_time',
          h('td', {}, h('strong', { text: d.event_time.local ?? '?' }), ` ${d.event_time.tz ?? ''}`),
          h('td', { text: d.event_time.utc ? `${d.event_time.utc} UTC` : 'no UTC' }),
          h('td', { text: `${d.event_time.precision ?? '?'}${d.event_time.approximate ? ', approximate' : ''}` }),
          h('td', {}, d.event_time.mention || '—', d.event_time.span ? null : h('span', { class: 'nospan', text: ' (no span)' })),
          h('td', { text: d.event_time.confidence?.toFixed(2) ?? '—' }))))
        : h('p', { class: 'muted', text: 'No time found.' }),
      h('h3', { text: 'Places' }),
      d.locations.length
        ? h('table', { 'aria-label': 'Places' },
          h('thead', {}, h('tr', {}, ['Name', 'Country', 'Lat', 'Lon', 'Kind', 'Role', 'Mention', 'Conf.'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, d.locations.map((l, i) => linkable(`location-${i}`,
            h('td', { text: l.name }), h('td', { text: l.country ?? '—' }), h('td', { text: fmtNum(l.lat) }), h('td', { text: fmtNum(l.lon) }),
            h('td', { text: l.kind }), h('td', { text: l.role ?? '—' }),
            h('td', {}, l.mention || '—', l.span ? null : h('span', { class: 'nospan', text: ' (no span)' })), h('td', { text: l.confidence?.toFixed(2) ?? '—' })))))
        : h('p', { class: 'muted', text: 'None.' }));
  }

  function mark(key, on) {
    for (const m of sourceText.querySelectorAll('mark[data-field]')) if (m.getAttribute('data-field').split(' ').includes(key)) m.classList.toggle('active', on);
  }

  function renderActions() {
    clear(actions,
      badge(claim.status), h('span', { class: 'muted', text: ` revision ${claim.revision}` }),
      claim.reviewedBy ? h('span', { class: 'muted', text: ` · ${claim.status} by ${claim.reviewedBy}${claim.reviewReason ? `: “${claim.reviewReason}”` : ''}` }) : null,
      moderator && !editing ? [
        h('button', { type: 'button', class: 'ok', id: 'approve', onclick: () => decide('approve'), 'aria-keyshortcuts': 'a', text: 'Approve (a)' }),
        h('button', { type: 'button', class: 'danger', id: 'reject', onclick: () => decide('reject'), 'aria-keyshortcuts': 'r', text: 'Reject (r)' }),
        h('button', { type: 'button', id: 'edit', onclick: () => startEdit(), 'aria-keyshortcuts': 'e', text: 'Edit fields (e)' }),
      ] : null,
      h('button', { type: 'button', id: 'next', onclick: () => next(), 'aria-keyshortcuts': 'n', text: 'Next pending (n)' }),
      detail.incident ? h('a', { href: `/ui/incidents/${detail.incident.id}`, text: `Incident #${detail.incident.id} (${detail.incident.status.replace('_', ' ')})` }) : h('span', { class: 'muted', text: 'not in an incident yet' }));
  }

  function renderHistory() {
    const json = (v) => h('pre', { class: 'json', text: v === null || v === undefined ? '—' : JSON.stringify(v, null, 1) });
    clear(history,
      h('h2', { id: 'history-h', text: 'Revisions' }),
      h('table', { id: 'revisions', 'aria-label': 'Revisions' },
        h('thead', {}, h('tr', {}, ['Rev.', 'Step', 'Status', 'By', 'When (UTC)', 'Reason'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, detail.revisions.map((r) => h('tr', {},
          h('td', { text: r.revision }), h('td', { text: r.action }), h('td', { text: r.status ?? '' }), h('td', { text: r.author }), h('td', { text: fmtTime(r.created_at) }), h('td', { text: r.reason ?? '' }))))),
      h('h2', { text: 'Audit trail' }),
      detail.audit.length
        ? h('table', { id: 'audit', 'aria-label': 'Audit trail' },
          h('thead', {}, h('tr', {}, ['When (UTC)', 'Who', 'Action', 'Before', 'After'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, detail.audit.map((a) => h('tr', { 'data-action': a.action },
            h('td', { text: fmtTime(a.at) }), h('td', { class: 'actor', text: a.actor }), h('td', { text: a.action }), h('td', {}, json(a.before)), h('td', {}, json(a.after))))))
        : h('p', { class: 'muted', text: 'No changes yet.' }),
      detail.aliases.length
        ? [h('h2', { text: 'Place aliases proposed from this claim' }),
          h('ul', {}, detail.aliases.map((a) => h('li', { text: `“${a.alias}” → ${a.name}${a.place_id ? ` (${a.place_id})` : ''}: ${a.status}${a.decided_by ? ` by ${a.decided_by}` : ''}` })))]
        : null);
  }

  async function decide(decision) {
    let reason;
    if (decision === 'reject') { reason = await askReason(`Reject claim #${id}`); if (reason === null) return; }
    try {
      const r = await api('POST', `/api/v1/claims/${id}/${decision}`, { revision: claim.revision, ...(reason ? { reason } : {}) });
      say(`Claim #${id} ${r.status} (revision ${r.revision}).`);
      await reload();
    } catch (e) {
      say(e.message, true);
      if (e.status === 409) await reload(); // someone else reviewed it meanwhile: show what they did
    }
  }

  async function next() {
    const stored = new URLSearchParams(sessionStorage.getItem('cw.queue') ?? '');
    stored.set('status', 'pending'); stored.set('offset', '0'); stored.set('limit', '200');
    const q = await api('GET', `/api/v1/review/queue?${stored}`);
    const n = q.items.find((c) => c.id !== claim.id && Number(c.id) > Number(claim.id)) ?? q.items.find((c) => c.id !== claim.id);
    if (n) location.assign(`/ui/claims/${n.id}`);
    else say('No other pending claim in this queue.');
  }

  async function reload() {
    const fresh = await api('GET', `/api/v1/review/claims/${id}`);
    Object.assign(detail, fresh);
    Object.assign(claim, fresh.claim);
    editing = false;
    layout.classList.remove('editing');
    sourceText.replaceChildren(text ? highlighted(text, claimSpans(claim.data)) : '');
    renderActions(); renderFields(); renderHistory();
  }

  // ---- inline editing -------------------------------------------------------------------------------
  function startEdit() {
    if (!moderator || editing) return;
    editing = true;
    layout.classList.add('editing');
    renderActions();
    const d = structuredClone(claim.data);
    const err = h('p', { class: 'error', role: 'alert', id: 'edit-error' });
    const num = (v) => (v === null || v === undefined ? '' : String(v));
    const field = (label, el) => h('label', {}, h('span', { class: 'visually-hidden', text: label }), el);
    const selectEl = (name, options, value, label) => field(label, h('select', { name, 'aria-label': label }, options.map((o) => h('option', { value: o, selected: o === (value ?? ''), text: o || '—' }))));
    const useSelection = (row) => h('button', {
      type: 'button', title: 'Set the mention and span from the text selected in the source', text: 'Use selection',
      onmousedown: (ev) => ev.preventDefault(), // keep the selection in the source text
      onclick: () => {
        const s = selectionSpan(sourceText);
        if (!s) return say('Select the words in the source text first.', true);
        row.querySelector('[name=mention]').value = text.slice(s.start, s.end);
        row.dataset.span = JSON.stringify(s);
        row.querySelector('.span').textContent = spanText(s);
      },
    });

    const qBody = h('tbody');
    const addQuantity = (q) => {
      const row = h('tr', { 'data-span': q.span ? JSON.stringify(q.span) : '' },
        h('td', {}, field('What', h('input', { name: 'what', value: q.what, 'aria-label': 'What is counted', required: true }))),
        h('td', {}, field('Group', h('input', { name: 'group', value: q.group, 'aria-label': 'Group' }))),
        h('td', {}, selectEl('qualifier', QUALIFIERS, q.qualifier, 'Qualifier')),
        h('td', {}, field('Value', h('input', { name: 'value', type: 'number', min: 0, value: num(q.value), 'aria-label': 'Value' }))),
        h('td', {}, field('Min', h('input', { name: 'min', type: 'number', min: 0, value: num(q.min), 'aria-label': 'Min' }))),
        h('td', {}, field('Max', h('input', { name: 'max', type: 'number', min: 0, value: num(q.max), 'aria-label': 'Max' }))),
        h('td', {}, field('Mention', h('input', { name: 'mention', value: q.mention, 'aria-label': 'Mention' }))),
        h('td', {}, h('span', { class: 'span muted', text: spanText(q.span) }), ' ', h('i')),
        h('td', {}, h('button', { type: 'button', text: 'Remove', 'aria-label': 'Remove this quantity', onclick: () => row.remove() })));
      row.querySelector('i').replaceWith(useSelection(row));
      row._orig = q;
      qBody.append(row);
    };
    d.quantities.forEach(addQuantity);

    const lBody = h('tbody');
    const addLocation = (l) => {
      const row = h('tr', { 'data-span': l.span ? JSON.stringify(l.span) : '' },
        h('td', {}, field('Mention', h('input', { name: 'mention', value: l.mention, 'aria-label': 'Mention' }))),
        h('td', {}, field('Name', h('input', { name: 'name', value: l.name, 'aria-label': 'Place name', required: true }))),
        h('td', {}, field('Country', h('input', { name: 'country', value: l.country ?? '', 'aria-label': 'Country code', size: 3, maxlength: 2 }))),
        h('td', {}, field('Latitude', h('input', { name: 'lat', type: 'number', step: 'any', min: -90, max: 90, value: num(l.lat), 'aria-label': 'Latitude' }))),
        h('td', {}, field('Longitude', h('input', { name: 'lon', type: 'number', step: 'any', min: -180, max: 180, value: num(l.lon), 'aria-label': 'Longitude' }))),
        h('td', {}, selectEl('kind', KINDS, l.kind, 'Kind')),
        h('td', {}, selectEl('role', ROLES, l.role ?? '', 'Role')),
        h('td', {}, field('Gazetteer id', h('input', { name: 'place_id', value: l.place_id ?? '', 'aria-label': 'Gazetteer id' }))),
        h('td', {}, h('span', { class: 'span muted', text: spanText(l.span) }), ' ', h('i')),
        h('td', {}, h('button', { type: 'button', text: 'Remove', 'aria-label': 'Remove this place', onclick: () => row.remove() })));
      row.querySelector('i').replaceWith(useSelection(row));
      row._orig = l;
      lBody.append(row);
    };
    d.locations.forEach(addLocation);

    const t = d.event_time ?? { mention: '', local: null, tz: null, utc: null, precision: null, approximate: false };
    const timeBox = h('fieldset', { id: 'edit-time', 'data-span': t.span ? JSON.stringify(t.span) : '' },
      h('legend', { text: 'Time' }),
      h('label', {}, h('input', { type: 'checkbox', name: 'no_time', checked: !d.event_time }), ' no time stated'), ' ',
      h('label', {}, 'Local ', h('input', { name: 'local', value: t.local ?? '', placeholder: 'YYYY-MM-DDTHH:MM', size: 17 })), ' ',
      h('label', {}, 'Zone ', h('input', { name: 'tz', value: t.tz ?? '', placeholder: 'Asia/Baghdad', size: 14 })), ' ',
      h('label', {}, 'UTC ', h('input', { name: 'utc', value: t.utc ?? '', placeholder: 'YYYY-MM-DDTHH:MMZ', size: 18 })), ' ',
      h('label', {}, 'Precision ', h('select', { name: 'precision' }, ['', ...PRECISIONS].map((p) => h('option', { value: p, selected: p === (t.precision ?? ''), text: p || '—' })))), ' ',
      h('label', {}, h('input', { type: 'checkbox', name: 'approximate', checked: t.approximate }), ' approximate'), ' ',
      h('label', {}, 'Mention ', h('input', { name: 'mention', value: t.mention, size: 24 })), ' ',
      h('span', { class: 'span muted', text: spanText(t.span) }), ' ', h('i'));
    timeBox.querySelector('i').replaceWith(useSelection(timeBox));

    const form = h('form', { id: 'edit-form', 'aria-labelledby': 'edit-h' },
      h('h2', { id: 'edit-h', text: `Correct claim #${id} (editing revision ${claim.revision})` }),
      h('div', { class: 'field' }, h('label', { for: 'edit-type', text: 'Event type' }),
        h('select', { id: 'edit-type', name: 'event_type' }, EVENT_TYPES.map((e) => h('option', { value: e, selected: e === d.event_type, text: e.replace('_', ' ') })))),
      h('fieldset', {}, h('legend', { text: 'Quantities' }),
        h('table', { class: 'edit-table', id: 'edit-quantities' }, h('thead', {}, h('tr', {}, ['What', 'Group', 'Qualifier', 'Value', 'Min', 'Max', 'Mention', 'Span', ''].map((x) => h('th', { scope: 'col', text: x })))), qBody),
        h('button', { type: 'button', id: 'add-quantity', text: 'Add quantity', onclick: () => addQuantity({ what: 'rocket', group: 'unspecified', value: null, min: null, max: null, qualifier: 'exact', mention: '' }) })),
      timeBox,
      h('fieldset', {}, h('legend', { text: 'Places' }),
        h('table', { class: 'edit-table', id: 'edit-locations' }, h('thead', {}, h('tr', {}, ['Mention', 'Name', 'Country', 'Lat', 'Lon', 'Kind', 'Role', 'Gazetteer id', 'Span', ''].map((x) => h('th', { scope: 'col', text: x })))), lBody),
        h('button', { type: 'button', id: 'add-location', text: 'Add place', onclick: () => addLocation({ mention: '', name: '', country: null, lat: null, lon: null, kind: 'city' }) })),
      h('div', { class: 'field' }, h('label', { for: 'edit-reason', text: 'Reason for the correction' }), h('textarea', { id: 'edit-reason', name: 'reason', rows: 2 })),
      h('label', {}, h('input', { type: 'checkbox', id: 'edit-aliases', name: 'propose_aliases', checked: true }), ' Teach the gazetteer corrected place names (an admin reviews each alias)'),
      err,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save', text: 'Save correction' }), h('button', { type: 'button', id: 'cancel-edit', text: 'Cancel (Esc)', onclick: stopEditing })));

    const nullableNum = (v) => (v.trim() === '' ? null : Number(v));
    const rowSpan = (row, mention, orig) => {
      const s = row.dataset.span ? JSON.parse(row.dataset.span) : undefined;
      if (s && text.slice(s.start, s.end) === mention) return s;
      // The mention was retyped: find it in the text, or drop the span rather than keep a wrong one.
      const at = mention ? text.indexOf(mention) : -1;
      return at >= 0 ? { start: at, end: at + mention.length } : (orig?.span && text.slice(orig.span.start, orig.span.end) === mention ? orig.span : undefined);
    };
    const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      err.textContent = '';
      const get = (row, n) => row.querySelector(`[name=${n}]`).value;
      const quantities = [...qBody.children].map((row) => {
        const mention = get(row, 'mention');
        const next = clean({ ...row._orig, what: get(row, 'what').trim(), group: get(row, 'group').trim() || 'unspecified', qualifier: get(row, 'qualifier'),
          value: nullableNum(get(row, 'value')), min: nullableNum(get(row, 'min')), max: nullableNum(get(row, 'max')), mention, span: rowSpan(row, mention, row._orig) });
        if (JSON.stringify(next) !== JSON.stringify(row._orig)) delete next.confidence;
        return next;
      });
      const locations = [...lBody.children].map((row) => {
        const mention = get(row, 'mention');
        const role = get(row, 'role');
        const placeId = get(row, 'place_id').trim();
        const next = clean({ ...row._orig, mention, name: get(row, 'name').trim(), country: get(row, 'country').trim().toUpperCase() || null,
          lat: nullableNum(get(row, 'lat')), lon: nullableNum(get(row, 'lon')), kind: get(row, 'kind'), role: role || undefined, place_id: placeId || undefined, span: rowSpan(row, mention, row._orig) });
        if (!role) delete next.role;
        if (!placeId) delete next.place_id;
        if (JSON.stringify(next) !== JSON.stringify(row._orig)) delete next.confidence;
        return next;
      });
      const tget = (n) => timeBox.querySelector(`[name=${n}]`);
      let event_time = null;
      if (!tget('no_time').checked) {
        const mention = tget('mention').value;
        event_time = clean({ ...(d.event_time ?? {}), mention, local: tget('local').value.trim() || null, tz: tget('tz').value.trim() || null, utc: tget('utc').value.trim() || null,
          precision: tget('precision').value || null, approximate: tget('approximate').checked, span: rowSpan(timeBox, mention, d.event_time) });
        if (JSON.stringify(event_time) !== JSON.stringify(d.event_time)) delete event_time.confidence;
      }
      const proposed = { event_type: form.elements.event_type.value, quantities, event_time, locations };
      const changes = {};
      for (const [k, v] of Object.entries(proposed)) if (JSON.stringify(v) !== JSON.stringify(claim.data[k] ?? null)) changes[k] = v;
      if (!Object.keys(changes).length) { err.textContent = 'Nothing changed.'; return; }
      const reason = form.elements.reason.value.trim();
      try {
        const r = await api('POST', `/api/v1/claims/${id}/corrections`, { revision: claim.revision, changes, ...(reason ? { reason } : {}), propose_aliases: form.elements.propose_aliases.checked });
        say(`Saved revision ${r.revision} (${r.changed.join(', ')})${r.proposed_aliases.length ? `; ${r.proposed_aliases.length} place alias(es) proposed` : ''}.`);
        await reload();
        document.getElementById('approve')?.focus();
      } catch (e) {
        err.textContent = e.message;
        say(e.message, true);
      }
    });
    clear(fieldsBox, form);
    form.elements.event_type.focus();
  }

  clear(main,
    h('p', {}, h('a', { href: `/ui/?${sessionStorage.getItem('cw.queue') ?? ''}`, text: '← Queue (u)' })),
    h('h1', { text: `Claim #${id}` }),
    actions,
    layout,
    history);
  renderActions(); renderFields(); renderHistory();
  if (location.hash === '#edit') startEdit();

  onKeys((ev) => {
    if (editing && ev.key === 'Escape') { stopEditing(); return; }
    if (typing(ev)) return;
    switch (ev.key) {
      case 'a': if (moderator && !editing) { ev.preventDefault(); void decide('approve'); } break;
      case 'r': if (moderator && !editing) { ev.preventDefault(); void decide('reject'); } break;
      case 'e': if (moderator) { ev.preventDefault(); startEdit(); } break;
      case 'n': case 'j': ev.preventDefault(); void next(); break;
      case 'u': location.assign(`/ui/?${sessionStorage.getItem('cw.queue') ?? ''}`); break;
      default:
    }
  });
}
