import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Secrets that a demo or single-machine deployment keeps in its data dir, created on first start, so a fresh
 * clone needs no configuration and a restart keeps sessions and the embedded database password.
 */
export interface DataDirSecrets {
  sessionSecret: string;
  embeddedPgPassword: string;
}

export async function ensureDataDir(dataDir: string): Promise<string> {
  const absolute = resolve(dataDir);
  await mkdir(absolute, { recursive: true, mode: 0o755 });
  return absolute;
}

export async function loadOrCreateSecrets(dataDir: string): Promise<DataDirSecrets> {
  const file = join(await ensureDataDir(dataDir), 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DataDirSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: DataDirSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    embeddedPgPassword: randomBytes(18).toString('base64url'),
  };
  // 'wx' fails if another process created the file meanwhile; then we read theirs.
  try {
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(file, 'utf8')) as DataDirSecrets;
  }
}
