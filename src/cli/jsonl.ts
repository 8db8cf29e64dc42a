import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** One input post of the extract/cluster verbs. */
export const inputPostSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  posted_at: z.string().min(4),
  source: z
    .object({ kind: z.string().optional(), name: z.string().optional(), account: z.string().optional() })
    .passthrough()
    .optional(),
});
export type InputPost = z.infer<typeof inputPostSchema>;

/** Reads JSONL lazily; a bad line is reported with its line number and skipped, never silently. */
export async function* readJsonl(path: string): AsyncGenerator<{ line: number; value: unknown } | { line: number; error: string }> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    try {
      yield { line, value: JSON.parse(raw) };
    } catch (e) {
      yield { line, error: `not JSON (${(e as Error).message})` };
    }
  }
}

export interface JsonlWriter {
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
}

export function writeJsonl(path: string): JsonlWriter {
  const out = path === '-' ? process.stdout : createWriteStream(path, 'utf8');
  return {
    async write(value) {
      if (!out.write(JSON.stringify(value) + '\n')) await once(out, 'drain');
    },
    async close() {
      if (out === process.stdout) return;
      await new Promise<void>((resolve, reject) => (out as NodeJS.WritableStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    },
  };
}

export function parseFlags(args: string[], spec: Record<string, 'string' | 'boolean'>): { flags: Record<string, string | boolean>; rest: string[] } {
  const flags: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const kind = spec[name];
      if (!kind) throw new CliError(`unknown option --${name} (known: ${Object.keys(spec).map((k) => '--' + k).join(', ')})`);
      if (kind === 'boolean') flags[name] = true;
      else {
        const v = inline ?? args[++i];
        if (v === undefined) throw new CliError(`option --${name} needs a value`);
        flags[name] = v;
      }
    } else rest.push(a);
  }
  return { flags, rest };
}

/**
 * The input posts of the extract and cluster verbs: each bad line is reported on stderr with its line
 * number and skipped (counted in `skipped`), never silently dropped.
 */
export async function* readInputPosts(path: string, skipped: { count: number }): AsyncGenerator<InputPost> {
  for await (const row of readJsonl(path)) {
    if ('error' in row) {
      skipped.count++;
      console.error(`${path}:${row.line}: ${row.error}; line skipped`);
      continue;
    }
    const parsed = inputPostSchema.safeParse(row.value);
    if (!parsed.success) {
      skipped.count++;
      const issue = parsed.error.issues[0];
      console.error(`${path}:${row.line}: ${issue?.path.join('.') || 'line'}: ${issue?.message}; line skipped`);
      continue;
    }
    yield parsed.data;
  }
}
