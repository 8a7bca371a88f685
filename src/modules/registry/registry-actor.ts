import type { Actor } from '../../platform/access/actor.ts';
import { forbidden } from '../../platform/http/app-error.ts';
import { TOKYO_CODE } from '../municipalities/index.ts';

export const REGISTRY_ROLES = ['registry-editor', 'registry-approver'] as const;
export type RegistryRole = (typeof REGISTRY_ROLES)[number];

/**
 * Who is acting in the staff workflow. The identity module (staff accounts, sessions, roles) supplies it; until it
 * is merged, the workflow use cases take it explicitly. Tokyo staff (130001) act for every municipality.
 */
export interface RegistryActor {
  actor: Actor & { id: string };
  roles: readonly RegistryRole[];
  municipalityCode: string;
}

export function actorLabel(actor: RegistryActor): string {
  return `${actor.actor.type}:${actor.actor.id}`;
}

export function assertRole(actor: RegistryActor, role: RegistryRole): void {
  if (actor.actor.type !== 'staff' || !actor.roles.includes(role)) {
    throw forbidden({ en: `This needs the ${role} role.`, ja: `この操作には「${role}」の権限が必要です。` });
  }
}

export function assertScope(actor: RegistryActor, municipalityCode: string): void {
  if (actor.municipalityCode !== TOKYO_CODE && actor.municipalityCode !== municipalityCode) {
    throw forbidden({
      en: 'This program belongs to another municipality.',
      ja: 'この制度は他の自治体のものです。',
    });
  }
}
