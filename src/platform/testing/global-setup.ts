import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { allJobs } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { modules } from '../../modules/index.ts';
import { createDatabaseIfMissing, fromUrl, withDatabase } from '../db/database.ts';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { MIGRATIONS_FOLDER, runMigrations } from '../db/migrate.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../log/logger.ts';
import type { AppServices } from '../services.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * Once per `npm test`: find a PostgreSQL (DATABASE_URL, else an embedded one under node_modules/.cache), and build a
 * template database with every migration, the queue schema and the reference data. Each test file then clones the
 * template (CREATE DATABASE … TEMPLATE), which takes milliseconds, so files run in parallel on their own databases.
 */
export default async function setup(project: TestProject) {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  let embedded: EmbeddedPostgresHandle | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = resolve('node_modules/.cache/tsunagu-test');
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: 'tsunagu-test', log });
    serverUrl = embedded.url;
  }

  const template = `tsunagu_tpl_${schemaFingerprint()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query('select 1 from pg_database where datname = $1 and datistemplate', [template]);
    if (!existing.rowCount) await buildTemplate(admin, serverUrl, template, log);
  } finally {
    await admin.end();
  }

  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await embedded?.stop();
  };
}

async function buildTemplate(
  admin: pg.Client,
  serverUrl: string,
  template: string,
  log: ReturnType<typeof createLogger>,
) {
  // Another run may have half-built it (killed mid-way): start over.
  await admin.query(`drop database if exists "${template}" with (force)`);
  const building = `${template}_building`;
  await admin.query(`drop database if exists "${building}" with (force)`);
  await createDatabaseIfMissing(serverUrl, building);
  const url = withDatabase(serverUrl, building);
  const database = fromUrl(url, 4, log, 'DATABASE_URL');
  const jobs = new JobQueue(url, log);
  try {
    await runMigrations(database.pool);
    await jobs.start(allJobs());
    const services = { config: loadConfig({}), database, db: database.db, jobs, log, now: () => new Date() };
    for (const module of modules) await module.syncReferenceData?.(services as unknown as AppServices);
  } finally {
    await jobs.stop(1000);
    await database.close();
  }
  // Renaming only after it is complete means a template that exists is always a whole one.
  await admin.query(`alter database "${building}" rename to "${template}"`);
  await admin.query(`alter database "${template}" is_template true`);
}

/** Changes whenever a migration or the job list changes, so a stale template is never reused. */
function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  }
  hash.update(
    allJobs()
      .map((j) => j.name)
      .join(','),
  );
  hash.update(readFileSync(new URL('../../modules/municipalities/data/municipalities.csv', import.meta.url)));
  return hash.digest('hex').slice(0, 12);
}
