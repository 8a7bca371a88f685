import { conflict } from '../../platform/http/app-error.ts';

export const PROGRAM_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/**
 * The only moves a program version may make. `in_review → draft` is the reviewer sending it back; a published
 * version is retired when a newer one is published or the program is withdrawn.
 */
export const PROGRAM_TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: ['retired'],
  retired: [],
};

export function canTransition(from: ProgramStatus, to: ProgramStatus): boolean {
  return PROGRAM_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ProgramStatus, to: ProgramStatus): void {
  if (!canTransition(from, to)) {
    throw conflict('registry-invalid-transition', {
      en: `A program version cannot go from ${from} to ${to}.`,
      ja: `制度の版を「${from}」から「${to}」に変更することはできません。`,
    });
  }
}
