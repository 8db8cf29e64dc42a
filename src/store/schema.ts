/** Row types of the store, as Kysely sees them (bigint ids come back as strings on both PGlite and pg). */
import type { ColumnType, Generated, JSONColumnType, Kysely, Transaction } from 'kysely';
import type { Claim } from '../domain/claim.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = ColumnType<string, string | number | bigint, string | number | bigint>;
type Json<T> = ColumnType<T, string, string>;

export interface SourcesTable {
  id: string;
  kind: string;
  cursor: Json<unknown> | null;
  last_polled_at: Timestamp | null;
  rate_limited_until: Timestamp | null;
  last_error: string | null;
  updated_at: GeneratedTimestamp;
}

export interface AccountsTable {
  platform: string;
  handle: string;
  display_name: string | null;
  source_kind: Generated<string>;
  active: Generated<boolean>;
  added_at: GeneratedTimestamp;
}

export interface PostsTable {
  id: Generated<string>;
  platform: string;
  external_id: string;
  version: Generated<number>;
  version_external_id: string | null;
  author: string;
  source_kind: string;
  source_name: string | null;
  text: string | null;
  posted_at: Timestamp;
  url: string | null;
  lang: string | null;
  kind: Generated<string>;
  in_reply_to: string | null;
  conversation_id: string | null;
  raw: Json<unknown> | null;
  deleted_at: Timestamp | null;
  ingested_at: GeneratedTimestamp;
  /** Original text length when ingestion cut the text to MAX_POST_TEXT_CHARS (migration 0007). */
  text_truncated_from: number | null;
}

export interface IncidentsTable {
  id: Generated<string>;
  status: Generated<'single_source' | 'corroborated' | 'disputed'>;
  event_type: string | null;
  window_start: Timestamp | null;
  window_end: Timestamp | null;
  summary: JSONColumnType<Record<string, unknown>, string, string>;
  revision: Generated<number>;
  /** The claim records (src/compare ClaimRecord) the summary was computed from. */
  members: ColumnType<unknown[], string | undefined, string>;
  merged_into: Id | null;
  event_countries: string[] | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type ClaimStatus = 'pending' | 'approved' | 'rejected';

export interface ClaimsTable {
  id: Generated<string>;
  post_id: Id;
  extractor_version: string;
  status: Generated<ClaimStatus>;
  is_current: Generated<boolean>;
  superseded_by: Id | null;
  revision: Generated<number>;
  data: JSONColumnType<Claim, string, string>;
  event_type: string;
  event_utc: Timestamp | null;
  countries: ColumnType<string[], string[] | undefined, string[]>;
  confidence: number | null;
  /** 0006: coordinates of the claim's primary place (see primaryPlace), for bounding-box queries. */
  place_lat: ColumnType<number | null, number | null | undefined, number | null>;
  place_lon: ColumnType<number | null, number | null | undefined, number | null>;
  incident_id: Id | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ClaimRevisionsTable {
  claim_id: Id;
  revision: number;
  data: JSONColumnType<Claim, string, string>;
  author: string;
  reason: string | null;
  created_at: GeneratedTimestamp;
}

export interface EventsTable {
  id: string;
  type: string;
  subject: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  occurred_at: GeneratedTimestamp;
  dispatched_at: Timestamp | null;
  /** Set when the alert job ran (migration 0007); the reconcile sweep re-enqueues events without it. */
  alerted_at: Timestamp | null;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  owner: string;
  name: string;
  filter: JSONColumnType<Record<string, unknown>, string, string>;
  webhook_url: string | null;
  webhook_secret: string | null;
  active: Generated<boolean>;
  disabled_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  // 0004_alerts
  webhook_secret_previous: ColumnType<string | null, string | null | undefined, string | null>;
  webhook_secret_previous_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  failing_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  webhook_disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'skipped';

export interface DeliveriesTable {
  id: Generated<string>;
  event_id: string;
  subscription_id: Id;
  webhook_id: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  delivered_at: Timestamp | null;
  // 0004_alerts
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  throttles: Generated<number>;
  redeliveries: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface DeliveryAttemptsTable {
  id: Generated<string>;
  delivery_id: Id;
  subscription_id: Id;
  attempt: number;
  trigger: 'auto' | 'manual';
  url: string;
  started_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  outcome: 'succeeded' | 'retry' | 'failed' | 'disabled';
  next_attempt_at: Timestamp | null;
  response_excerpt: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  owner: string;
  kind: string;
  subscription_id: Id | null;
  message: string;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  at: GeneratedTimestamp;
}

export type Db = Kysely<Database> | Transaction<Database>;

export type UserRole = 'admin' | 'moderator' | 'researcher';

export interface UsersTable {
  id: Generated<string>;
  name: string;
  role: UserRole;
  password_hash: string | null;
  disabled_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  user_id: Id;
  prefix: string;
  key_hash: string;
  name: Generated<string>;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface Database {
  sources: SourcesTable;
  accounts: AccountsTable;
  posts: PostsTable;
  incidents: IncidentsTable;
  claims: ClaimsTable;
  claim_revisions: ClaimRevisionsTable;
  events: EventsTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  notifications: NotificationsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  schema_migrations: { name: string; applied_at: GeneratedTimestamp };
}
