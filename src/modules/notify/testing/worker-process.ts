import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../../../bin/tsunagu.js', import.meta.url).pathname;

/**
 * A real `tsunagu serve --role worker` process on the given database, for tests and benches that kill it with
 * SIGKILL. Resolves once the worker says it is ready.
 */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  // vitest puts Vite's BASE_URL ('/') and friends in process.env; the worker must not inherit them.
  const { BASE_URL, MODE, DEV, PROD, SSR, DATABASE_URL, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, 'serve', '--role', 'worker', '--no-migrate'], {
    env: {
      ...inherited,
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tsunagu-worker-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Tsunagu is ready')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
