/**
 * Domain events: what alerts, webhooks and the live stream carry. Ids are deterministic so emitting the
 * same fact twice is one event; payloads are versioned so receivers can evolve with us.
 *
 * Alerting reads every event through one contract, the `AlertView` (./alertView.ts): claim.* payloads are
 * mapped by `alertViewOf`; incident.* payloads carry `alert: AlertFields` (build it with `incidentAlertFields`).
 */
import type { Claim } from './claim.ts';

export const EVENT_TYPES = [
  'claim.created',
  'claim.reviewed',
  'incident.created',
  'incident.corroborated',
  'incident.disputed',
  'incident.updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_PAYLOAD_VERSION = 1;

export interface ClaimEventPayload {
  version: typeof EVENT_PAYLOAD_VERSION;
  claim_id: string;
  post: { id: string; platform: string; external_id: string; author: string; source_kind: string; source_name: string | null; url: string | null; posted_at: string };
  status: 'pending' | 'approved' | 'rejected';
  incident_id: string | null;
  /** Optional: the incident's status when known, so "only when sources disagree" can match claim events. */
  incident_status?: 'single_source' | 'corroborated' | 'disputed' | null;
  claim: Claim;
}

export function claimCreatedEventId(claimId: string): string {
  return `claim.created:${claimId}`;
}
