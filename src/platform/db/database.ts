import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { loadOrCreateSecrets } from '../data-dir.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a query can run on: the pool-backed database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  /** Where the URL came from, for the start-up log (never the password). */
  source: 'DATABASE_URL' | 'embedded';
  close(): Promise<void>;
}

// PostgreSQL `date` values stay strings (YYYY-MM-DD): a civil date is not an instant, and turning it into a JS Date
// in the server's zone is how birthdays end up off by one. bigint counts come back as numbers when they fit.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
});

const EMBEDDED_DATABASE = 'tsunagu';

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    return fromUrl(config.databaseUrl, config.databasePoolMax, log, 'DATABASE_URL');
  }
  const secrets = await loadOrCreateSecrets(config.dataDir);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    password: secrets.embeddedPgPassword,
    log,
  });
  await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE);
  const url = withDatabase(embedded.url, EMBEDDED_DATABASE);
  const database = fromUrl(url, config.databasePoolMax, log, 'embedded');
  return {
    ...database,
    async close() {
      await database.close();
      await embedded.stop();
    },
  };
}

export function fromUrl(url: string, poolMax: number, log: Logger, source: Database['source']): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'tsunagu' });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (error) => log.warn({ err: error }, 'idle database connection lost'));
  let closed = false;
  return {
    db: drizzle(pool),
    pool,
    url,
    source,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createDatabaseIfMissing(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const from = template ? ` template "${template.replaceAll('"', '""')}"` : '';
    try {
      await client.query(`create database ${quoted}${from}`);
    } catch (error) {
      // Another process created it between our check and our create.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  } finally {
    await client.end();
  }
}
