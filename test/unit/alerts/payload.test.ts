import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { MAX_PAYLOAD_BYTES, shapeBody } from '../../../src/alerts/payload.ts';
import { generateWebhookSecret, isWebhookSecret, liveSecrets, signatureHeader, webhookHeaders } from '../../../src/alerts/signing.ts';
import { claim, claimEvent } from './fixtures.ts';

describe('webhook payloads', () => {
  it('wraps the event in a versioned envelope', () => {
    const e = claimEvent();
    const s = shapeBody(e);
    expect(s.shape).toBe('full');
    const body = JSON.parse(s.body);
    expect(body).toMatchObject({ type: 'claim.created', version: 1, event_id: 'claim.created:7', timestamp: '2024-05-02T10:01:00.000Z' });
    expect(body.data.claim.event_type).toBe('drone_attack');
  });

  it('keeps every payload under 20 kB: trims bulky fields first, then falls back to a stub with a link', () => {
    const long = 'A convoy was hit near the river crossing. '.repeat(200);
    const big = claim({ quantities: Array.from({ length: 60 }, (_, i) => ({ what: 'rocket', group: 'unspecified', value: i, min: null, max: null, qualifier: 'exact' as const, mention: long.slice(0, 300), detail: 'x'.repeat(50) })) });
    const e = claimEvent({ claim: big });
    (e.payload.post as Record<string, unknown>).text = long;
    const trimmed = shapeBody(e);
    expect(Buffer.byteLength(JSON.stringify(e.payload))).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    expect(trimmed.shape).toBe('trimmed');
    expect(trimmed.bytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const tb = JSON.parse(trimmed.body);
    expect(tb.data).toMatchObject({ truncated: true, href: '/api/v1/events/claim.created%3A7', claim_id: '7' });
    expect(tb.data.post.text).toBeUndefined();
    expect(tb.data.claim.quantities).toHaveLength(60);
    expect(tb.data.claim.quantities[0].mention).toBeUndefined();

    const huge = claimEvent({ claim: claim({ locations: Array.from({ length: 400 }, (_, i) => ({ mention: 'm', name: `Village number ${i} on the northern plain`, country: 'IQ', lat: 36, lon: 43, kind: 'city' as const })) }) });
    const stub = shapeBody(huge);
    expect(stub.shape).toBe('stub');
    expect(stub.bytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(JSON.parse(stub.body).data).toEqual({ version: 1, claim_id: '7', status: 'pending', subject: 'claim:7', truncated: true, href: '/api/v1/events/claim.created%3A7' });
  });
});

describe('Standard Webhooks signing', () => {
  const body = shapeBody(claimEvent()).body;

  it('produces headers the standardwebhooks verifier accepts', () => {
    const secret = generateWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    const now = new Date();
    const h = webhookHeaders('msg_abc', now, body, [secret]);
    expect(h['webhook-id']).toBe('msg_abc');
    expect(h['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, h)).toMatchObject({ event_id: 'claim.created:7' });
  });

  it('rejects a tampered body, a forged id, a wrong secret and a stale or future timestamp', () => {
    const secret = generateWebhookSecret();
    const now = new Date();
    const h = webhookHeaders('msg_abc', now, body, [secret]);
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace('drone_attack', 'rocket_attack'), h)).toThrow(/No matching signature/);
    expect(() => wh.verify(body, { ...h, 'webhook-id': 'msg_other' })).toThrow(/No matching signature/);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, h)).toThrow(/No matching signature/);
    const stale = new Date(now.getTime() - 10 * 60_000);
    expect(() => wh.verify(body, webhookHeaders('msg_abc', stale, body, [secret]))).toThrow(/too old/);
    const future = new Date(now.getTime() + 10 * 60_000);
    expect(() => wh.verify(body, webhookHeaders('msg_abc', future, body, [secret]))).toThrow(/too new/);
  });

  it('signs with both secrets during a rotation, so either verifies, and drops the old one after its grace', () => {
    const oldS = generateWebhookSecret();
    const newS = generateWebhookSecret();
    const now = new Date();
    const set = { current: newS, previous: oldS, previousExpiresAt: new Date(now.getTime() + 3600_000) };
    const live = liveSecrets(set, now);
    expect(live).toEqual([newS, oldS]);
    const h = webhookHeaders('msg_rot', now, body, live);
    expect(h['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldS).verify(body, h)).not.toThrow();
    expect(() => new Webhook(newS).verify(body, h)).not.toThrow();
    expect(liveSecrets(set, new Date(now.getTime() + 3600_001))).toEqual([newS]);
    expect(signatureHeader([newS], 'msg_rot', now, body)).toBe(h['webhook-signature']!.split(' ')[0]);
  });
});
