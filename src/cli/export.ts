/** `claimwatch export`: the claim record as CSV, GeoJSON or JSONL, straight from the store. */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config/env.ts';
import { exportChunks } from '../export/stream.ts';
import { EVENT_TYPES } from '../domain/claim.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.ts';
import { openStore } from '../store/db.ts';
import { exportFilterSchema } from '../store/exportQuery.ts';
import { CliError, parseFlags } from './jsonl.ts';

export const exportHelp = `claimwatch export [--format csv|geojson|jsonl] [--output FILE|-] [filters]

  --format F              csv (ACLED-like columns, see README), geojson (one feature per claim) or jsonl
                          (full claims); default jsonl
  --output FILE           where to write; - or absent: standard output

Filters (the same as GET /api/v1/export; the API's name in brackets):
  --status S              pending, approved or rejected                       [status]
  --event-type T          ${EVENT_TYPES.join(', ')}  [event_type]
  --country CC            ISO 3166-1 alpha-2 code of a place, e.g. IQ           [country]
  --account HANDLE        the post's author, e.g. @OIRSpox                      [account]
  --incident ID           claims of one incident (--incident-id also works)    [incident_id]
  --since DATE            event time (else post time) at or after, ISO date     [since]
  --until DATE            event time (else post time) before, ISO date          [until]
  --include-superseded    also claims of older versions of edited posts        [include_superseded]

Reads DATABASE_URL or the embedded store in DATA_DIR; progress goes to stderr.`;

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, {
    format: 'string',
    output: 'string',
    status: 'string',
    'event-type': 'string',
    country: 'string',
    account: 'string',
    incident: 'string',
    'incident-id': 'string',
    since: 'string',
    until: 'string',
    'include-superseded': 'boolean',
    help: 'boolean',
  });
  if (flags.help) return void console.log(exportHelp);
  const format = (flags.format ?? 'jsonl') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const output = typeof flags.output === 'string' ? flags.output : '-';
  const raw: Record<string, unknown> = {
    status: flags.status,
    event_type: flags['event-type'],
    country: flags.country,
    account: flags.account,
    incident_id: flags.incident ?? flags['incident-id'],
    since: flags.since,
    until: flags.until,
    include_superseded: flags['include-superseded'] === true,
  };
  const parsed = exportFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new CliError(`--${String(i?.path[0] ?? '').replace('_id', '').replace('_', '-')}: ${i?.message}`);
  }
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.store.databaseUrl, dataDir: join(config.store.dataDir, 'pglite') });
  let rows = 0;
  let lastReport = 0;
  try {
    const out = output === '-' ? process.stdout : createWriteStream(output);
    await pipeline(
      Readable.from(
        exportChunks(store.db, format, parsed.data, (n) => {
          rows = n;
          if (n - lastReport >= 5_000) {
            lastReport = n;
            console.error(`export: ${n} claims so far`);
          }
        }),
      ),
      out,
      { end: out !== process.stdout },
    );
  } finally {
    await store.close();
  }
  console.error(`exported ${rows} claims as ${format}${output === '-' ? '' : ` to ${output}`}`);
}
