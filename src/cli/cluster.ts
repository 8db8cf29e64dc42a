import { CliError } from './jsonl.ts';

export async function run(_args: string[]): Promise<void> {
  throw new CliError('cluster is being built (issue in progress)', 1);
}
