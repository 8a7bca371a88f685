import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';

export interface DeploymentKeys {
  linkSigningKey: string;
  vapidPublicKey: string | null;
  vapidPrivateKey: string | null;
}

const cache = new WeakMap<Db, Promise<DeploymentKeys>>();

/**
 * The deployment's keys, made once and kept in the database so every web and worker process signs and verifies the
 * same links (and Web Push subscribers stay valid across restarts). The first process to ask creates the row;
 * `on conflict do nothing` makes a race between two processes harmless.
 */
export function deploymentKeys(db: Db): Promise<DeploymentKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadOrCreate(db);
    keys.catch(() => cache.delete(db));
    cache.set(db, keys);
  }
  return keys;
}

async function loadOrCreate(db: Db): Promise<DeploymentKeys> {
  await db.execute(
    sql`insert into notify_deployment_keys (id, link_signing_key) values ('default', ${randomBytes(32).toString('base64url')}) on conflict (id) do nothing`,
  );
  const result = await db.execute<{
    link_signing_key: string;
    vapid_public_key: string | null;
    vapid_private_key: string | null;
  }>(
    sql`select link_signing_key, vapid_public_key, vapid_private_key from notify_deployment_keys where id = 'default'`,
  );
  const row = result.rows[0]!;
  return {
    linkSigningKey: row.link_signing_key,
    vapidPublicKey: row.vapid_public_key,
    vapidPrivateKey: row.vapid_private_key,
  };
}

/** Stores VAPID keys once; a second caller keeps the first caller's pair. */
export async function storeVapidKeysOnce(db: Db, keys: { publicKey: string; privateKey: string }): Promise<void> {
  await deploymentKeys(db);
  await db.execute(
    sql`update notify_deployment_keys set vapid_public_key = ${keys.publicKey}, vapid_private_key = ${keys.privateKey} where id = 'default' and vapid_public_key is null`,
  );
  cache.delete(db);
}

/** An unsubscribe token for (parent, category): no database lookup, no session, so it works from any mail client. */
export function signUnsubscribe(key: string, parentId: string, category: string): string {
  const mac = createHmac('sha256', key).update(`unsubscribe|${parentId}|${category}`).digest('base64url').slice(0, 32);
  return `${parentId}.${category}.${mac}`;
}

export function verifyUnsubscribe(key: string, token: string): { parentId: string; category: string } | undefined {
  const [parentId, category, mac] = token.split('.');
  if (!parentId || !category || !mac) return undefined;
  const expected = signUnsubscribe(key, parentId, category).split('.')[2]!;
  const a = Buffer.from(mac);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  return { parentId, category };
}
