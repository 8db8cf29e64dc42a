/**
 * Row types of the review tables (migration 0003), merged into `Database` by module augmentation so the
 * review work stays in its own files.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface SessionsTable {
  id_hash: string;
  user_id: Id;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
  ip: string | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  name: string;
  ip: string;
  at: GeneratedTimestamp;
}

export type AliasStatus = 'proposed' | 'approved' | 'rejected';

export interface PlaceAliasesTable {
  id: Generated<string>;
  alias: string;
  alias_key: string;
  target: string;
  place_id: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  kind: string;
  status: Generated<AliasStatus>;
  proposed_by: string;
  claim_id: Id | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type ReviewAction = 'extracted' | 'corrected' | 'approved' | 'rejected';

declare module './schema.ts' {
  interface Database {
    sessions: SessionsTable;
    login_failures: LoginFailuresTable;
    place_aliases: PlaceAliasesTable;
  }
  interface ClaimRevisionsTable {
    /** Null on rows written before migration 0003 and by the extractor (read as "extracted"). */
    action: ColumnType<string | null, string | null | undefined, string | null>;
    status: ColumnType<string | null, string | null | undefined, string | null>;
  }
}
