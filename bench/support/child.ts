/** The parent's side of bench/support/measured.ts: spawn a measured `claimwatch` verb, ask for its memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, ParentMessage, Usage } from './measured.ts';

export type { Usage } from './measured.ts';

export class MeasuredChild {
  readonly stderr: string[] = [];
  private finalUsage: Usage | undefined;
  private error: string | undefined;
  private waiting: Array<{ tag: string; resolve: (u: Usage) => void }> = [];
  private lineWaiters: Array<{ re: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  readonly exited: Promise<number | null>;
  private partial = '';

  private constructor(readonly proc: ChildProcess) {
    proc.stdout?.resume();
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        this.stderr.push(line);
        for (const w of [...this.lineWaiters]) {
          const m = line.match(w.re);
          if (m) {
            this.lineWaiters.splice(this.lineWaiters.indexOf(w), 1);
            w.resolve(m);
          }
        }
      }
    });
    proc.on('message', (m: ChildMessage) => {
      if (m.type === 'error') this.error = m.message;
      else if (m.final) this.finalUsage = m.usage;
      else {
        const i = this.waiting.findIndex((w) => w.tag === (m.tag ?? ''));
        if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m.usage);
      }
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  /** `node --import tsx bench/support/measured.ts <args>` in `root`, with `env` added to this process's. */
  static spawn(root: string, args: string[], env: Record<string, string>): MeasuredChild {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/support/measured.ts'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new MeasuredChild(proc);
  }

  /** The child's memory now (it answers between its own tasks, so a busy loop delays the answer). */
  usage(tag = ''): Promise<Usage> {
    return new Promise((resolve) => {
      this.waiting.push({ tag, resolve });
      this.proc.send({ type: 'usage', tag } satisfies ParentMessage);
    });
  }

  /** Resolves with the first stderr line matching `re` (e.g. the "API and UI at URL" line of `start`). */
  async line(re: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
    const seen = this.stderr.map((l) => l.match(re)).find((m) => m);
    if (seen) return seen;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        new Promise<RegExpMatchArray>((resolve) => this.lineWaiters.push({ re, resolve })),
        this.exited.then((code) => Promise.reject(new Error(`the child exited (${code}) before printing ${re}:\n${this.stderr.slice(-20).join('\n')}`))),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${re} from the child in ${timeoutMs} ms:\n${this.stderr.slice(-20).join('\n')}`)), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for a finite verb to end; its last report (taken just before it exited) or the error it hit. */
  async done(): Promise<Usage> {
    const code = await this.exited;
    if (this.error || code !== 0 || !this.finalUsage) {
      throw new Error(`child failed (exit ${code}): ${this.error ?? this.stderr.slice(-20).join('\n')}`);
    }
    return this.finalUsage;
  }

  /** SIGTERM (a clean stop, as in production), then the final report. */
  async stop(): Promise<Usage> {
    this.proc.kill('SIGTERM');
    return this.done();
  }
}

export const MB = 1024 * 1024;
