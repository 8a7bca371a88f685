import type { Actor } from '../../../platform/access/actor.ts';
import { authorize, decide, isTokyoWide } from '../../../platform/access/authorize.ts';
import type { Permission } from '../../../platform/access/permissions.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { REGISTRY_ROLES, type RegistryActor, type RegistryRole } from '../registry-actor.ts';

/**
 * The signed-in staff actor (identity's session) as the workflow's `RegistryActor`: its registry roles and its
 * municipality, Tokyo-wide accounts acting for every municipality. The use cases keep their own role and scope
 * checks; `authorize` in front of them is the platform's audited permission check.
 */
export function registryActorFor(actor: Actor): RegistryActor {
  const roles = (actor.roles ?? []).filter((r): r is RegistryRole => (REGISTRY_ROLES as readonly string[]).includes(r));
  return {
    actor: { ...actor, id: actor.id ?? 'unknown' },
    roles,
    municipalityCode: isTokyoWide(actor) ? TOKYO_CODE : (actor.municipalityCode ?? ''),
  };
}

export type RegistryPermission = Extract<Permission, 'registry.edit' | 'registry.approve'>;

/** What the console may offer this actor (pure: no audit); the routes still call `authorize` before acting. */
export function registryAbilities(actor: Actor, municipalityCode?: string) {
  const target = municipalityCode ? { municipalityCode } : {};
  return {
    edit: decide(actor, 'registry.edit', target).allowed,
    approve: decide(actor, 'registry.approve', target).allowed,
  };
}

/**
 * The audited check before a console action. For a program, its municipality is the target, so a 足立区 editor
 * is refused (and the refusal recorded) before the use case runs.
 */
export async function authorizeRegistry(
  services: AppServices,
  actor: Actor,
  permission: RegistryPermission,
  requestId: string,
  program?: { id?: string; municipalityCode: string },
): Promise<RegistryActor> {
  await authorize(
    { db: services.db, requestId },
    actor,
    permission,
    program
      ? {
          municipalityCode: program.municipalityCode,
          resource: { type: 'registry-program', id: program.id ?? null },
        }
      : { resource: { type: 'registry-program' } },
  );
  return registryActorFor(actor);
}

/** Either registry permission admits the console; the denial is audited under `registry.edit`. */
export async function authorizeConsole(services: AppServices, actor: Actor, requestId: string) {
  const can = registryAbilities(actor);
  if (can.approve && !can.edit) return authorizeRegistry(services, actor, 'registry.approve', requestId);
  return authorizeRegistry(services, actor, 'registry.edit', requestId);
}
