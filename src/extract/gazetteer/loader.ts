/**
 * Reads the shipped gazetteer data once per process, on first use. The only file access of extraction:
 * static data of the package, not request-time I/O.
 */
import { readFileSync } from 'node:fs';
import { buildRecords, type GazetteerFiles } from './data.ts';
import { Gazetteer } from './gazetteer.ts';

const DATA_DIR = new URL('../../../config/gazetteer/', import.meta.url);

export interface LoadStats {
  /** Milliseconds spent reading, parsing and indexing. */
  ms: number;
  places: number;
  keys: number;
  /** Heap growth during the load, in MiB (approximate: garbage collection may run meanwhile). */
  heapMiB: number;
}

let instance: Gazetteer | undefined;
let stats: LoadStats | undefined;

function readJson<T>(name: string, dir: URL): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** Reads the data files of a directory (default: config/gazetteer/) into a new gazetteer. */
export function loadGazetteer(dir: URL = DATA_DIR): Gazetteer {
  const files: GazetteerFiles = {
    countries: readJson('countries.generated.json', dir),
    cities: readJson('cities.generated.json', dir),
    provinces: readJson('provinces.json', dir),
    sites: readJson('sites.json', dir),
    regions: readJson('regions.json', dir),
    districts: readJson('districts.json', dir),
  };
  const { places, options } = buildRecords(files);
  return new Gazetteer(places, options);
}

/** The process-wide gazetteer, loaded on first call. */
export function defaultGazetteer(): Gazetteer {
  if (!instance) {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    instance = loadGazetteer();
    stats = {
      ms: Math.round(performance.now() - t0),
      places: instance.size,
      keys: instance.keyCount,
      heapMiB: Math.round((process.memoryUsage().heapUsed - heap0) / 1048576),
    };
  }
  return instance;
}

/** Load figures of the process-wide gazetteer, undefined until it is loaded. */
export function gazetteerLoadStats(): LoadStats | undefined {
  return stats;
}
