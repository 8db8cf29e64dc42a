/**
 * A private redis-server on a free port in a temporary directory, for tests that stop servers or need
 * settings the shared Redis must not have. Never touches the shared one on 6379.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { tempDir } from './services.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Stops the server for good and removes its directory. */
  stop(): Promise<void>;
  /** Shuts the server down the way an operator would (SIGTERM: it writes its append-only file first). */
  pause(): Promise<void>;
  /** Kills the server with SIGKILL (no chance to write anything), as a crash would. */
  crash(): Promise<void>;
  /** Starts it again on the same port and directory. */
  resume(): Promise<void>;
}

/** extraArgs override the defaults (later arguments win), e.g. ['--appendonly', 'yes'] to survive a restart. */
export async function startOwnRedis(extraArgs: string[] = []): Promise<OwnRedis> {
  const port = await freePort();
  const dir = tempDir('claimwatch-redis-');
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir.path, ...extraArgs], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`own redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = async (signal: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill(signal);
      await exited;
    }
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await halt('SIGKILL');
      dir.remove();
    },
    pause: () => halt('SIGTERM'),
    crash: () => halt('SIGKILL'),
    resume: launch,
  };
}
