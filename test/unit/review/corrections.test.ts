import { describe, expect, it } from 'vitest';
import { aliasKey, aliasProposals, applyChanges, changedFields, fieldDiff, parseChanges } from '../../../src/api/review/corrections.ts';
import type { Claim, Location } from '../../../src/domain/claim.ts';

const TEXT = 'Three drones were shot down near Harir air base in Erbil province on Sunday night.';

function claim(over: Partial<Claim> = {}): Claim {
  return {
    event_type: 'drone_attack',
    quantities: [{ what: 'drone', group: 'unspecified', value: 3, min: null, max: null, qualifier: 'exact', mention: 'Three drones', span: { start: 0, end: 12 } }],
    event_time: { mention: 'on Sunday night', local: '2025-05-04', tz: 'Asia/Baghdad', utc: null, precision: 'part_of_day', approximate: false },
    locations: [{ mention: 'Erbil', name: 'Erbil', country: 'IQ', lat: 36.19, lon: 44.01, kind: 'province' }],
    hedges: [],
    ...over,
  };
}

const harir: Location = { mention: 'Harir air base', name: 'Harir Air Base', country: 'IQ', lat: 36.5386, lon: 44.3454, kind: 'base', place_id: 'iq-harir' };

describe('parseChanges', () => {
  it('accepts a partial change of claim fields', () => {
    const r = parseChanges({ event_type: 'airstrike' }, TEXT.length);
    expect(r).toEqual({ ok: true, changes: { event_type: 'airstrike' } });
  });

  it('names the field of every schema problem, prefixed with "changes"', () => {
    const r = parseChanges({ quantities: [{ what: 'drone', group: 'x', value: 'three', min: null, max: null, qualifier: 'exact', mention: '' }] }, TEXT.length);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('changes.quantities.0.value');
  });

  it('refuses unknown fields and empty changes', () => {
    const unknown = parseChanges({ colour: 'red' }, 10);
    expect(unknown.ok === false && unknown.issues[0]!.message).toMatch(/colour/);
    const empty = parseChanges({}, 10);
    expect(empty.ok === false && empty.issues[0]!.message).toMatch(/at least one/);
  });

  it('checks what the schema cannot: bounds, qualifiers, times, zones, coordinates, spans', () => {
    const q = claim().quantities[0]!;
    const issues = (raw: unknown) => {
      const r = parseChanges(raw, TEXT.length);
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(issues({ quantities: [{ ...q, value: -2 }] })).toEqual(['changes.quantities.0.value']);
    expect(issues({ quantities: [{ ...q, qualifier: 'range', value: null, min: 5, max: null }] })).toEqual(['changes.quantities.0.qualifier']);
    expect(issues({ quantities: [{ ...q, qualifier: 'at_least', value: null }] })).toEqual(['changes.quantities.0.value']);
    expect(issues({ quantities: [{ ...q, qualifier: 'vague', value: null }] })).toEqual([]);
    expect(issues({ quantities: [{ ...q, span: { start: 10, end: 4 } }] })).toEqual(['changes.quantities.0.span']);
    expect(issues({ event_time: { ...claim().event_time!, local: 'Sunday' } })).toEqual(['changes.event_time.local']);
    expect(issues({ event_time: { ...claim().event_time!, utc: '2025-05-04 21:00' } })).toEqual(['changes.event_time.utc']);
    expect(issues({ event_time: { ...claim().event_time!, tz: 'Baghdad' } })).toEqual(['changes.event_time.tz']);
    expect(issues({ event_time: null })).toEqual([]);
    expect(issues({ locations: [{ ...harir, country: 'Iraq' }] })).toEqual(['changes.locations.0.country']);
    expect(issues({ locations: [{ ...harir, lon: 190 }] })).toEqual(['changes.locations.0.lon']);
    expect(issues({ locations: [{ ...harir, lat: null }] })).toEqual(['changes.locations.0.lat']);
    expect(issues({ locations: [{ ...harir, name: '  ' }] })).toEqual(['changes.locations.0.name']);
    expect(issues({ locations: [{ ...harir, span: { start: 30, end: TEXT.length + 1 } }] })).toEqual(['changes.locations.0.span']);
  });
});

describe('applying and diffing', () => {
  it('replaces only the given fields and keeps extractor extras', () => {
    const before = claim({ hedges: ['initial report'], acronyms: { IDF: 'indirect_fire' } });
    const after = applyChanges(before, { locations: [harir] });
    expect(after.locations).toEqual([harir]);
    expect(after.quantities).toBe(before.quantities);
    expect(after.hedges).toEqual(['initial report']);
    expect(after.acronyms).toEqual({ IDF: 'indirect_fire' });
    expect(changedFields(before, after)).toEqual(['locations']);
  });

  it('records before and after of the changed fields only', () => {
    const before = claim();
    const after = applyChanges(before, { event_type: 'airstrike', event_time: null });
    expect(fieldDiff(before, after)).toEqual({
      fields: ['event_type', 'event_time'],
      before: { event_type: 'drone_attack', event_time: before.event_time },
      after: { event_type: 'airstrike', event_time: null },
    });
    expect(fieldDiff(before, applyChanges(before, { event_type: 'drone_attack' })).fields).toEqual([]);
  });
});

describe('aliasProposals', () => {
  it('proposes a corrected or added place under the words the post used', () => {
    const before = claim();
    const after = applyChanges(before, { locations: [harir, before.locations[0]!] });
    expect(aliasProposals(before, after, TEXT)).toEqual([
      { alias: 'Harir air base', placeId: 'iq-harir', name: 'Harir Air Base', country: 'IQ', lat: 36.5386, lon: 44.3454, kind: 'base' },
    ]);
  });

  it('proposes when a mention was read as the wrong place', () => {
    const before = claim();
    const fixed: Location = { ...before.locations[0]!, name: 'Erbil Governorate', place_id: 'iq-erbil-gov', lat: 36.4, lon: 44.4 };
    expect(aliasProposals(before, applyChanges(before, { locations: [fixed] }), TEXT).map((p) => [p.alias, p.placeId])).toEqual([['Erbil', 'iq-erbil-gov']]);
  });

  it('proposes nothing for unchanged places, text not in the post, or empty mentions', () => {
    const before = claim();
    expect(aliasProposals(before, before, TEXT)).toEqual([]);
    const invented: Location = { ...harir, mention: 'Camp Bondsteel' };
    const blank: Location = { ...harir, mention: ' ' };
    expect(aliasProposals(before, applyChanges(before, { locations: [invented, blank] }), TEXT)).toEqual([]);
  });

  it('normalizes alias keys by case, width and spacing', () => {
    expect(aliasKey('  Harir\u00a0 AIR   base ')).toBe('harir air base');
    expect(aliasKey('Ｈａｒｉｒ')).toBe('harir');
  });

  it('never throws on odd input', () => {
    const weird = claim({ locations: [{ mention: '\u0000', name: '\u202e', country: null, lat: null, lon: null, kind: 'site' }] });
    expect(() => aliasProposals(claim(), weird, '')).not.toThrow();
    expect(parseChanges(null, 0).ok).toBe(false);
    expect(parseChanges('locations', 0).ok).toBe(false);
  });
});

describe('reviewFollowUpOf', () => {
  it('reads the jobs a claim.reviewed event implies, and nothing from other events', async () => {
    const { reviewFollowUpOf } = await import('../../../src/api/review/dispatch.ts');
    const payload = { claim_id: '42', review: { action: 'corrected', revision: 3, rematch: true } };
    expect(reviewFollowUpOf({ id: 'claim.reviewed:42:3', type: 'claim.reviewed', payload })).toEqual({ claimId: '42', revision: 3, eventId: 'claim.reviewed:42:3', rematch: true });
    expect(reviewFollowUpOf({ id: 'claim.created:42', type: 'claim.created', payload })).toBeUndefined();
    expect(reviewFollowUpOf({ id: 'x', type: 'claim.reviewed', payload: { claim_id: 'drop table', review: { revision: 3 } } })).toBeUndefined();
  });
});
