// Places named by claims, with coordinates: a list, no map and no outside tile server.
import { api, clear, fmtNum, h } from './dom.js';

export async function placesView(main) {
  const { items } = await api('GET', '/api/v1/places');
  const tbody = h('tbody');
  const filter = h('input', { id: 'place-filter', type: 'search', placeholder: 'name, country or alias' });
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = items.filter((p) => !q || [p.name, p.country ?? '', ...p.aliases, ...p.mentions].some((s) => s.toLowerCase().includes(q)));
    tbody.replaceChildren(...shown.map((p) => h('tr', {},
      h('td', {}, h('a', { href: `/ui/?place=${encodeURIComponent(p.name)}`, text: p.name })),
      h('td', { text: p.country ?? '—' }),
      h('td', { class: 'num', text: fmtNum(p.lat) }),
      h('td', { class: 'num', text: fmtNum(p.lon) }),
      h('td', { text: p.kind }),
      h('td', { text: p.place_id ?? '—' }),
      h('td', { text: String(p.claims) }),
      h('td', { text: [...new Set([...p.aliases, ...p.mentions])].join(', ') || '—' }))));
    document.getElementById('place-count').textContent = `${shown.length} of ${items.length} places`;
  };
  filter.addEventListener('input', render);
  clear(main,
    h('h1', { text: 'Places' }),
    h('p', { class: 'muted', text: 'Every place named by a current claim (rejected claims excluded), with its coordinates (WGS84, decimal degrees).' }),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'place-filter', text: 'Filter' }), filter), h('span', { id: 'place-count', class: 'muted', 'aria-live': 'polite' })),
    h('table', { id: 'places', 'aria-label': 'Places' },
      h('thead', {}, h('tr', {}, ['Place', 'Country', 'Latitude', 'Longitude', 'Kind', 'Gazetteer id', 'Claims', 'Written as'].map((t) => h('th', { scope: 'col', text: t })))),
      tbody));
  render();
}
