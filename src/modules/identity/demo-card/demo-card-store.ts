import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../../platform/db/database.ts';
import { demoCardSettings, demoCardStore } from '../tables/demo-card.tables.ts';

export interface DemoCardSecrets {
  signingJwk: Record<string, unknown>;
  cookieKey: string;
  clientSecret: string;
}

/** The demo authority's keys: made by the first process that needs them, then shared through the database. */
export async function loadDemoCardSecrets(db: Db): Promise<DemoCardSecrets> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await db
    .insert(demoCardSettings)
    .values({
      signingJwk: {
        ...privateKey.export({ format: 'jwk' }),
        kid: `demo-card-${randomBytes(4).toString('hex')}`,
        use: 'sig',
        alg: 'RS256',
      },
      cookieKey: randomBytes(32).toString('base64url'),
      clientSecret: randomBytes(32).toString('base64url'),
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(demoCardSettings).where(eq(demoCardSettings.id, 'default'));
  return { signingJwk: row!.signingJwk, cookieKey: row!.cookieKey, clientSecret: row!.clientSecret };
}

/** oidc-provider's storage in PostgreSQL, so sign-ins survive a restart and work across processes. */
export function demoCardAdapter(db: Db) {
  return class PgDemoCardAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const values = {
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insert(demoCardStore)
        .values({ model: this.model, id, ...values })
        .onConflictDoUpdate({ target: [demoCardStore.model, demoCardStore.id], set: values });
    }

    private async findWhere(condition: ReturnType<typeof and>): Promise<AdapterPayload | undefined> {
      const [row] = await db
        .select({ payload: demoCardStore.payload, consumedAt: demoCardStore.consumedAt })
        .from(demoCardStore)
        .where(
          and(
            eq(demoCardStore.model, this.model),
            condition,
            // The provider's own clock, not the database's: it computes expiries from it.
            or(isNull(demoCardStore.expiresAt), gt(demoCardStore.expiresAt, new Date())),
          ),
        );
      if (!row) return undefined;
      return {
        ...(row.payload as AdapterPayload),
        ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}),
      };
    }

    find(id: string) {
      return this.findWhere(eq(demoCardStore.id, id));
    }

    findByUid(uid: string) {
      return this.findWhere(eq(demoCardStore.uid, uid));
    }

    findByUserCode(userCode: string) {
      return this.findWhere(eq(demoCardStore.userCode, userCode));
    }

    async consume(id: string): Promise<void> {
      await db
        .update(demoCardStore)
        .set({ consumedAt: new Date() })
        .where(and(eq(demoCardStore.model, this.model), eq(demoCardStore.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(demoCardStore).where(and(eq(demoCardStore.model, this.model), eq(demoCardStore.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(demoCardStore).where(eq(demoCardStore.grantId, grantId));
    }
  };
}
