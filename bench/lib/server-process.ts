export { freePort } from '../../src/platform/testing/free-port.ts';

import { type ChildProcess, spawn } from 'node:child_process';

const BIN = new URL('../../bin/tsunagu.js', import.meta.url).pathname;

/** Starts `tsunagu serve` as a user would and resolves when /readyz answers 200, with the time that took. */
export async function startServer(
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; readyMs: number; url: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${env.PORT}`;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) {
        return { child, readyMs: performance.now() - started, url };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
