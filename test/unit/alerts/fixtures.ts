/** Invented events for alert tests (own wording; not from the dev set). */
import type { Claim } from '../../../src/domain/claim.ts';
import type { ClaimEventPayload } from '../../../src/domain/events.ts';

export function claim(over: Partial<Claim> = {}): Claim {
  return {
    event_type: 'drone_attack',
    quantities: [
      { what: 'drone', group: 'unspecified', value: 3, min: null, max: null, qualifier: 'exact', mention: 'three drones' },
      { what: 'injured', group: 'civilian', value: null, min: 2, max: null, qualifier: 'at_least', mention: 'at least two civilians were hurt' },
    ],
    event_time: null,
    locations: [{ mention: 'Erbil airport', name: 'Erbil International Airport', country: 'IQ', lat: 36.2376, lon: 43.9632, kind: 'site', place_id: 'erbil-airport' }],
    ...over,
  };
}

export function claimEvent(over: { claim?: Claim; author?: string; status?: ClaimEventPayload['status']; id?: string; type?: string; incident_status?: ClaimEventPayload['incident_status'] } = {}) {
  const payload: ClaimEventPayload = {
    version: 1,
    claim_id: '7',
    post: { id: '3', platform: 'x', external_id: 'p-3', author: over.author ?? 'KurdistanCTD', source_kind: 'social', source_name: null, url: 'https://x.com/i/status/3', posted_at: '2024-05-02T10:00:00.000Z' },
    status: over.status ?? 'pending',
    incident_id: null,
    ...(over.incident_status !== undefined ? { incident_status: over.incident_status } : {}),
    claim: over.claim ?? claim(),
  };
  return { id: over.id ?? 'claim.created:7', type: over.type ?? 'claim.created', subject: 'claim:7', payload: payload as unknown as Record<string, unknown>, occurredAt: new Date('2024-05-02T10:01:00Z') };
}
