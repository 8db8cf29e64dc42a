import { describe, expect, it } from 'vitest';
import { matchesFilter, mismatch, parseFilter, quantityBounds, satisfies, subscriptionFilterSchema, type SubscriptionFilter } from '../../../src/alerts/filter.ts';
import { distanceKm } from '../../../src/alerts/geo.ts';
import { alertViewOf, incidentAlertFields } from '../../../src/domain/alertView.ts';
import { claim, claimEvent } from './fixtures.ts';

const f = (raw: unknown): SubscriptionFilter => subscriptionFilterSchema.parse(raw);
const view = alertViewOf(claimEvent());

describe('alert view', () => {
  it('reads a claim event into accounts, countries, places, quantities and review status', () => {
    expect(view).toMatchObject({
      version: 1,
      event_id: 'claim.created:7',
      event_type: 'claim.created',
      accounts: ['kurdistanctd'],
      countries: ['IQ'],
      claim_event_type: 'drone_attack',
      review_status: 'pending',
      disputed: false,
    });
    expect(view.places[0]).toMatchObject({ lat: 36.2376, lon: 43.9632, place_id: 'erbil-airport' });
    expect(view.quantities.map((q) => q.what)).toEqual(['drone', 'injured']);
  });

  it('never throws on malformed payloads and yields an empty view', () => {
    for (const payload of [{}, { claim: 'x' }, { claim: { locations: [null, { lat: 'a' }], quantities: [{}] } }, { alert: { accounts: 5 } }]) {
      const v = alertViewOf({ id: 'e', type: 'claim.created', payload: payload as Record<string, unknown> });
      expect(v.accounts).toEqual([]);
      expect(v.quantities).toEqual([]);
    }
    expect(alertViewOf({ id: 'e', type: 'something.else', payload: null as unknown as Record<string, unknown> }).countries).toEqual([]);
  });

  it('takes incident events from payload.alert, built from member claims', () => {
    const alert = incidentAlertFields({
      status: 'disputed',
      claims: [
        { claim: claim(), author: '@KurdistanCTD', status: 'approved' },
        { claim: claim({ locations: [{ mention: 'Mosul', name: 'Mosul', country: 'iq', lat: 36.34, lon: 43.13, kind: 'city' }] }), author: 'newsdesk', status: 'pending' },
      ],
    });
    const v = alertViewOf({ id: 'incident.disputed:4:2', type: 'incident.disputed', payload: { version: 1, alert } });
    expect(v).toMatchObject({ accounts: ['kurdistanctd', 'newsdesk'], countries: ['IQ'], review_status: 'approved', disputed: true, incident_status: 'disputed' });
    expect(v.places).toHaveLength(2);
    // Without payload.alert an incident event still knows it is disputed.
    expect(alertViewOf({ id: 'i', type: 'incident.disputed', payload: {} }).disputed).toBe(true);
  });
});

describe('subscription filter', () => {
  it('matches everything when empty and checks each condition present', () => {
    expect(matchesFilter(f({}), view)).toBe(true);
    expect(mismatch(f({ event_types: ['incident.disputed'] }), view)).toBe('event_types');
    expect(mismatch(f({ claim_event_types: ['rocket_attack'] }), view)).toBe('claim_event_types');
    expect(matchesFilter(f({ claim_event_types: ['rocket_attack', 'drone_attack'] }), view)).toBe(true);
    expect(matchesFilter(f({ accounts: ['@KURDISTANCTD'] }), view)).toBe(true);
    expect(mismatch(f({ accounts: ['someoneelse'] }), view)).toBe('accounts');
    expect(matchesFilter(f({ countries: ['sy', 'IQ'] }), view)).toBe(true);
    expect(mismatch(f({ countries: ['SY'] }), view)).toBe('countries');
    expect(mismatch(f({ review_status: ['approved'] }), view)).toBe('review_status');
    expect(matchesFilter(f({ review_status: ['approved'] }), alertViewOf(claimEvent({ status: 'approved' })))).toBe(true);
    expect(mismatch(f({ only_disputed: true }), view)).toBe('only_disputed');
    expect(matchesFilter(f({ only_disputed: true }), alertViewOf(claimEvent({ incident_status: 'disputed' })))).toBe(true);
  });

  it('matches a place within the radius and not outside it', () => {
    // Erbil airport is ~80 km from Mosul's centre.
    const mosul = { lat: 36.34, lon: 43.13 };
    expect(distanceKm(mosul.lat, mosul.lon, 36.2376, 43.9632)).toBeGreaterThan(70);
    expect(distanceKm(mosul.lat, mosul.lon, 36.2376, 43.9632)).toBeLessThan(90);
    expect(matchesFilter(f({ near: { ...mosul, radius_km: 100 } }), view)).toBe(true);
    expect(mismatch(f({ near: { ...mosul, radius_km: 50 } }), view)).toBe('near');
    expect(matchesFilter(f({ near: [{ lat: 0, lon: 0, radius_km: 10 }, { ...mosul, radius_km: 100 }] }), view)).toBe(true);
    // A place without coordinates never falls in a circle.
    const noCoords = alertViewOf(claimEvent({ claim: claim({ locations: [{ mention: 'x', name: 'x', country: 'IQ', lat: null, lon: null, kind: 'city' }] }) }));
    expect(matchesFilter(f({ near: { ...mosul, radius_km: 20_000 } }), noCoords)).toBe(false);
  });

  it('applies quantity thresholds to what the figure guarantees', () => {
    expect(matchesFilter(f({ quantities: [{ what: 'drone', op: '>=', value: 3 }] }), view)).toBe(true);
    expect(matchesFilter(f({ quantities: [{ what: 'drone', op: '>', value: 3 }] }), view)).toBe(false);
    expect(matchesFilter(f({ quantities: [{ what: 'drone', op: '=', value: 3 }] }), view)).toBe(true);
    // "at least two injured": >= 1 and >= 2 hold, >= 3 does not; the group narrows.
    expect(matchesFilter(f({ quantities: [{ what: 'injured', op: '>=', value: 2 }] }), view)).toBe(true);
    expect(matchesFilter(f({ quantities: [{ what: 'injured', op: '>=', value: 3 }] }), view)).toBe(false);
    expect(matchesFilter(f({ quantities: [{ what: 'Injured', group: 'civilian', op: '>=', value: 1 }] }), view)).toBe(true);
    expect(matchesFilter(f({ quantities: [{ what: 'injured', group: 'military', op: '>=', value: 1 }] }), view)).toBe(false);
    expect(matchesFilter(f({ quantities: [{ what: 'killed', op: '>=', value: 1 }] }), view)).toBe(false);
    // all (default) vs any
    const both = [
      { what: 'killed', op: '>=', value: 1 },
      { what: 'drone', op: '>=', value: 1 },
    ];
    expect(matchesFilter(f({ quantities: both }), view)).toBe(false);
    expect(matchesFilter(f({ quantities: both, quantities_match: 'any' }), view)).toBe(true);
  });

  it('reads qualifiers as intervals: more_than is exclusive, counts are whole, vague never satisfies', () => {
    const q = (qualifier: string, value: number | null, min: number | null, max: number | null) => ({ what: 'rocket', group: 'unspecified', value, min, max, qualifier });
    const b = (x: ReturnType<typeof q>) => quantityBounds(x)!;
    expect(satisfies(b(q('more_than', null, 9, null)), '>', 9)).toBe(true);
    expect(satisfies(b(q('more_than', null, 9, null)), '>=', 10)).toBe(false); // without integer tightening
    const v = (x: ReturnType<typeof q>, op: string, n: number) =>
      matchesFilter(f({ quantities: [{ what: 'rocket', op, value: n }] }), { ...view, quantities: [x] });
    expect(v(q('more_than', null, 9, null), '>=', 10)).toBe(true); // "more than 9 rockets" = at least 10
    expect(v(q('at_most', null, null, 5), '<=', 5)).toBe(true);
    expect(v(q('at_most', null, null, 5), '>=', 1)).toBe(false);
    expect(v(q('fewer_than', null, null, 5), '<=', 4)).toBe(true);
    expect(v(q('range', null, 4, 6), '>=', 4)).toBe(true);
    expect(v(q('range', null, 4, 6), '>=', 5)).toBe(false);
    expect(v(q('approximately', 20, null, null), '>=', 20)).toBe(true);
    expect(v(q('vague', null, null, null), '>=', 0)).toBe(false);
  });

  it('validates filters with one-line errors and normalises handles and countries', () => {
    expect(parseFilter({ accounts: ['@CJTFOIR'], countries: ['iq'] })).toEqual({ ok: true, filter: { accounts: ['cjtfoir'], countries: ['IQ'] } });
    expect(parseFilter({ colour: 'red' })).toMatchObject({ ok: false });
    expect(parseFilter({ countries: ['Iraq'] })).toMatchObject({ ok: false, error: expect.stringContaining('filter.countries.0') });
    expect(parseFilter({ near: { lat: 95, lon: 0, radius_km: 5 } })).toMatchObject({ ok: false });
    expect(parseFilter({ near: { lat: 1, lon: 0, radius_km: 0 } })).toMatchObject({ ok: false, error: expect.stringContaining('radius_km') });
    expect(parseFilter({ quantities: [{ what: 'killed', op: '=>', value: 1 }] })).toMatchObject({ ok: false });
    expect(parseFilter(null)).toEqual({ ok: true, filter: {} });
  });
});
