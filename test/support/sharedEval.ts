/**
 * Where the team's shared evaluation files live (the annotation guide's scorer and dev set): next to the
 * checkout as ../shared/eval, at SHARED_EVAL_DIR, or in the workplace's /work/shared/eval. Tests that
 * compare with them run only where they exist; they are read, never copied into the project.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function sharedEvalDir(): string | undefined {
  const candidates = [process.env.SHARED_EVAL_DIR, resolve(root, '../shared/eval'), '/work/shared/eval'].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(resolve(d, 'score.mjs')));
}

export function sharedEvalFile(name: string): string {
  return resolve(sharedEvalDir() ?? resolve(root, '../shared/eval'), name);
}
