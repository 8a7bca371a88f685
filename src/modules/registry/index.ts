import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { TsunaguModule } from '../../platform/module.ts';
import './registry.events.ts';
import { registryImportCommand } from './registry.commands.ts';
import { registryRoutes } from './registry.routes.ts';
import { DEMO_REGISTRY_FILE, loadRegistryFile } from './registry-file.ts';
import { type ImportReport, importRegistry } from './use-cases/import-registry.ts';

export { explicitAgeWindow } from './age-window.ts';
export type { ProgramData } from './program-data.ts';
export { type ProgramChanges, programChangesSchema } from './program-input.ts';
export { rawRecord } from './registry.factories.ts';
export { actorLabel, assertRole, type RegistryActor, type RegistryRole } from './registry-actor.ts';
export { normalizeForSearch, searchKey } from './search-key.ts';
export { authorizeRegistry, registryAbilities } from './staff/staff-registry-actor.ts';
export { getStaffProgram, programMunicipality, type StaffProgram } from './use-cases/get-staff-program.ts';
export { importRegistry } from './use-cases/import-registry.ts';
export { listProgramVersions } from './use-cases/list-program-versions.ts';
export { listStaffPrograms } from './use-cases/list-staff-programs.ts';
export { editProgramDraft } from './use-cases/save-program-draft.ts';
export { submitProgramVersion } from './use-cases/submit-program-version.ts';

export const registryModule: TsunaguModule = {
  name: 'registry',
  routes: (app, services) => registryRoutes(app, services),
  commands: [registryImportCommand],
  async seedDemo(services) {
    let report: ImportReport;
    try {
      report = await importRegistry(services, {
        records: await loadRegistryFile(DEMO_REGISTRY_FILE),
        source: 'demo subset (東京都・GovTech東京 子育て支援制度レジストリ, CC BY 4.0)',
        actor: SYSTEM_ACTOR,
      });
    } catch (error) {
      // A database that already holds a fuller registry (e.g. the official file) must not be cut down to the demo.
      if (error instanceof AppError && error.code === 'registry-import-drop-guard') {
        return 'registry already holds more programs than the demo subset; demo import skipped';
      }
      throw error;
    }
    return `registry subset: ${report.records} programs in ${report.areas} areas (created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged})`;
  },
};
