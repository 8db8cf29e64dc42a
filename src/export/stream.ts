/** Store -> text chunks of one export format; shared by the API and the CLI so both give the same bytes. */
import { exportRows, type ExportFilter } from '../store/exportQuery.ts';
import type { Db } from '../store/schema.ts';
import { csvHeader, encode, GEOJSON_HEAD, GEOJSON_TAIL, type ExportFormat } from './formats.ts';

/** `onRows` hears the running total after each page (progress lines; tests check the export pages). */
export async function* exportChunks(db: Db, format: ExportFormat, filter: ExportFilter, onRows?: (n: number) => void, pageSize?: number): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  if (format === 'geojson') yield GEOJSON_HEAD;
  const state = { features: 0 };
  let total = 0;
  for await (const page of exportRows(db, filter, pageSize)) {
    total += page.length;
    onRows?.(total);
    const text = [...encode(format, page, state)].join('');
    if (text) yield text;
  }
  if (format === 'geojson') yield GEOJSON_TAIL;
}
