/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over `{id}.{timestamp}.{body}`,
 * sent as `webhook-signature: v1,<base64>`. While a secret is being rotated the header carries one
 * signature per live secret, space-separated, so receivers holding either secret verify the message.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A fresh secret in the Standard Webhooks format: "whsec_" + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function isWebhookSecret(s: string): boolean {
  return /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(s);
}

export interface SecretSet {
  current: string;
  /** The secret before the last rotation, still signed with until `previousExpiresAt`. */
  previous: string | null;
  previousExpiresAt: Date | null;
}

/** The secrets to sign with at `now`: the current one, and the previous one during its grace period. */
export function liveSecrets(s: SecretSet, now: Date): string[] {
  const out = [s.current];
  if (s.previous && s.previousExpiresAt && s.previousExpiresAt.getTime() > now.getTime()) out.push(s.previous);
  return out;
}

export function signatureHeader(secrets: readonly string[], msgId: string, timestamp: Date, body: string): string {
  return secrets.map((s) => new Webhook(s).sign(msgId, timestamp, body)).join(' ');
}

export const WEBHOOK_USER_AGENT = 'claimwatch-webhooks/1';

/** The request headers of one delivery attempt. */
export function webhookHeaders(msgId: string, timestamp: Date, body: string, secrets: readonly string[]): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatureHeader(secrets, msgId, timestamp, body),
  };
}
