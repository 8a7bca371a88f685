import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';

/**
 * The CLI as a user runs it: separate processes, the embedded PostgreSQL (DATABASE_URL is removed from their
 * environment), real signals.
 */
const BIN = new URL('../../../bin/tsunagu.js', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // vitest puts Vite's BASE_URL ('/') and friends in process.env; a user's shell has none of them.
  const { DATABASE_URL, BASE_URL, MODE, DEV, PROD, SSR, ...env } = process.env;
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

function run(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tsunagu ${args.join(' ')} timed out\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function startServer(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: baseEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', () => undefined);
  return child;
}

async function waitReady(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready on ${port}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Child processes of a pid, from /proc (name as the kernel shows it: `node` for a cluster worker). */
async function childrenOf(parent: number): Promise<{ pid: number; command: string }[]> {
  const found: { pid: number; command: string }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match && Number(match[2]) === parent) found.push({ pid: Number(entry), command: match[1]! });
  }
  return found;
}

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

// Each case starts the real CLI (tsx loader, config, module graph): seconds apiece on a loaded 2-core machine, so the
// cases run side by side and the block allows minutes, not the default 30 s.
describe('tsunagu CLI arguments', { timeout: 180_000 }, () => {
  it('prints usage and exits 2 on an unknown command or flag', async () => {
    const cases = [['frobnicate'], ['serve', '--bogus'], ['migrate', '--force'], ['seed'], ['serve', '--role', 'nope']];
    const results = await Promise.all(cases.map((args) => run(args)));
    results.forEach((result, i) => {
      const args = cases[i]!.join(' ');
      expect(result.code, args).toBe(2);
      expect(result.stderr, args).toMatch(/Usage: tsunagu/);
    });
  });

  it('has --help on every subcommand', async () => {
    const commands = ['serve', 'migrate', 'seed'];
    const [top, ...results] = await Promise.all([run(['--help']), ...commands.map((c) => run([c, '--help']))]);
    results.forEach((result, i) => {
      expect(result.code, commands[i]).toBe(0);
      expect(result.stdout, commands[i]).toContain(`Usage: tsunagu ${commands[i]}`);
    });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('serve');
  });

  it('stops with a message naming an invalid variable', async () => {
    const result = await run(['migrate'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});

describe('embedded PostgreSQL lifecycle', { timeout: 180_000 }, () => {
  let dataDir: string;
  let pgPort: number;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-cli-'));
    pgPort = await freePort();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data dir, survives kill -9, and stops cleanly on SIGTERM', async () => {
    const httpPort = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(httpPort), EMBEDDED_PG_PORT: String(pgPort), HOST: '127.0.0.1' };

    const first = startServer(env);
    await waitReady(httpPort);
    const postmasterPid = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    first.kill('SIGKILL');
    await exited(first);
    // The app is gone; its PostgreSQL is left running with its lock file, as after a real crash.
    expect(isAlive(postmasterPid)).toBe(true);

    const second = startServer(env);
    await waitReady(httpPort);
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/v1/municipalities`);
    expect((await res.json()).items).toHaveLength(63);
    expect(isAlive(postmasterPid)).toBe(false);

    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    const secondPostmaster = await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null);
    expect(secondPostmaster).toBeNull();
  });

  it('runs WEB_CONCURRENCY HTTP processes on one port and stops them all on SIGTERM', async () => {
    const httpPort = await freePort();
    const server = startServer({
      DATA_DIR: dataDir,
      PORT: String(httpPort),
      EMBEDDED_PG_PORT: String(pgPort),
      HOST: '127.0.0.1',
      WEB_CONCURRENCY: '2',
    });
    await waitReady(httpPort);
    const workers = await childrenOf(server.pid!);
    // The two HTTP workers; the embedded PostgreSQL is the primary's child too.
    const nodeWorkers = workers.filter((w) => w.command === 'node');
    expect(nodeWorkers).toHaveLength(2);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${httpPort}/api/v1/municipalities`)),
    );
    for (const res of answers) expect((await res.json()).items).toHaveLength(63);

    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    for (const worker of nodeWorkers) expect(isAlive(worker.pid)).toBe(false);
    expect(await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null)).toBeNull();
  });

  it('explains a busy PostgreSQL port', async () => {
    const { server, port } = await occupy();
    try {
      const result = await run(['migrate'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('EMBEDDED_PG_PORT');
    } finally {
      server.close();
    }
  });

  it('explains a busy HTTP port and leaves nothing running', async () => {
    const { server, port } = await occupy();
    try {
      const result = await run(['serve'], {
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(pgPort),
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Port \d+ is already in use.*PORT=/s);
      expect(await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => null)).toBeNull();
    } finally {
      server.close();
    }
  });
});
