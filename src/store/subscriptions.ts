/**
 * Subscriptions repository: a researcher's filter, optionally with a webhook endpoint (URL + secrets +
 * health). Deleting is soft (deliveries keep pointing at the row); secrets never leave through `toView`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { SecretSet } from '../alerts/signing.ts';
import { toJsonb } from './json.ts';
import type { Database, Db, SubscriptionsTable } from './schema.ts';

export interface Subscription {
  id: string;
  owner: string;
  name: string;
  filter: Record<string, unknown>;
  webhookUrl: string | null;
  /** Null when there is no webhook. */
  secrets: SecretSet | null;
  active: boolean;
  failingSince: Date | null;
  webhookDisabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toSubscription(r: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: r.id,
    owner: r.owner,
    name: r.name,
    filter: r.filter,
    webhookUrl: r.webhook_url,
    secrets: r.webhook_secret ? { current: r.webhook_secret, previous: r.webhook_secret_previous, previousExpiresAt: r.webhook_secret_previous_expires_at } : null,
    active: r.active,
    failingSince: r.failing_since,
    webhookDisabledAt: r.webhook_disabled_at,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The API's view of a subscription: everything but the secrets. */
export function toView(s: Subscription) {
  return {
    id: s.id,
    owner: s.owner,
    name: s.name,
    filter: s.filter,
    active: s.active,
    webhook: s.webhookUrl
      ? {
          url: s.webhookUrl,
          enabled: s.webhookDisabledAt === null,
          disabled_at: s.webhookDisabledAt?.toISOString() ?? null,
          disabled_reason: s.disabledReason,
          failing_since: s.failingSince?.toISOString() ?? null,
          previous_secret_expires_at:
            s.secrets?.previous && s.secrets.previousExpiresAt ? s.secrets.previousExpiresAt.toISOString() : null,
        }
      : null,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export interface NewSubscription {
  owner: string;
  name: string;
  filter: Record<string, unknown>;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export async function createSubscription(db: Db, s: NewSubscription): Promise<Subscription> {
  const r = await db
    .insertInto('subscriptions')
    .values({ owner: s.owner, name: s.name, filter: toJsonb(s.filter), webhook_url: s.webhookUrl, webhook_secret: s.webhookSecret, disabled_reason: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(r);
}

export async function getSubscription(db: Db, id: string): Promise<Subscription | undefined> {
  const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return r ? toSubscription(r) : undefined;
}

export async function listSubscriptions(db: Db, q: { owner?: string; limit: number; before?: string }): Promise<Subscription[]> {
  let query = db.selectFrom('subscriptions').selectAll().where('deleted_at', 'is', null).orderBy('id', 'desc').limit(q.limit);
  if (q.owner !== undefined) query = query.where('owner', '=', q.owner);
  if (q.before) query = query.where('id', '<', q.before);
  return (await query.execute()).map(toSubscription);
}

export async function countSubscriptions(db: Db, owner: string): Promise<number> {
  const r = await db
    .selectFrom('subscriptions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner', '=', owner)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Subscriptions that take part in matching: active and not deleted (with or without a webhook). */
export async function activeSubscriptions(db: Db): Promise<Subscription[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('active', '=', true).where('deleted_at', 'is', null).orderBy('id').execute();
  return rows.map(toSubscription);
}

export interface SubscriptionChange {
  name?: string;
  filter?: Record<string, unknown>;
  active?: boolean;
  /** A new URL (or null to drop the webhook); a new URL re-enables the endpoint and clears its failure state. */
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  /** true re-enables a disabled endpoint. */
  reenableWebhook?: boolean;
}

export async function updateSubscription(db: Db, id: string, c: SubscriptionChange, now: Date): Promise<Subscription | undefined> {
  const reset = c.reenableWebhook || c.webhookUrl !== undefined;
  const r = await db
    .updateTable('subscriptions')
    .set({
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.filter !== undefined ? { filter: toJsonb(c.filter) } : {}),
      ...(c.active !== undefined ? { active: c.active } : {}),
      ...(c.webhookUrl !== undefined ? { webhook_url: c.webhookUrl } : {}),
      ...(c.webhookSecret !== undefined ? { webhook_secret: c.webhookSecret, webhook_secret_previous: null, webhook_secret_previous_expires_at: null } : {}),
      ...(reset ? { webhook_disabled_at: null, failing_since: null, disabled_reason: null } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return r ? toSubscription(r) : undefined;
}

export async function deleteSubscription(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('subscriptions')
    .set({ deleted_at: now, active: false, updated_at: now })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** New current secret; the old one keeps signing (a second signature) until `previousExpiresAt`. */
export async function rotateSecret(db: Kysely<Database>, id: string, newSecret: string, previousExpiresAt: Date, now: Date): Promise<Subscription | undefined> {
  return db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('subscriptions').select(['webhook_secret']).where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!cur) return undefined;
    const r = await tx
      .updateTable('subscriptions')
      .set({
        webhook_secret: newSecret,
        webhook_secret_previous: cur.webhook_secret,
        webhook_secret_previous_expires_at: cur.webhook_secret ? previousExpiresAt : null,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(r);
  });
}

/** Endpoint health after an attempt: cleared by a success, set (once) by a failure. */
export async function setEndpointHealth(db: Db, id: string, failingSince: Date | null): Promise<void> {
  if (failingSince === null) {
    await db.updateTable('subscriptions').set({ failing_since: null }).where('id', '=', id).where('failing_since', 'is not', null).execute();
  } else {
    await db.updateTable('subscriptions').set({ failing_since: failingSince }).where('id', '=', id).where('failing_since', 'is', null).execute();
  }
}

/** Disables the endpoint; true only for the call that did it (so the owner is told once). */
export async function disableEndpoint(db: Db, id: string, reason: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('subscriptions')
    .set({ webhook_disabled_at: now, disabled_reason: reason.slice(0, 1000), updated_at: now })
    .where('id', '=', id)
    .where('webhook_disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
