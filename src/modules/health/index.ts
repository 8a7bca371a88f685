import type { TsunaguModule } from '../../platform/module.ts';
// Labels for the parent's access log (identity's page reads them through platform/audit/audit-labels.ts).
import './health.audit-labels.ts';
import { exportRecipientsCommand, importRecipientsCommand } from './health.commands.ts';
import { healthRoutes } from './health.routes.ts';
import { seedDemoSchemes } from './use-cases/seed-demo-schemes.ts';
import { loadRoutineSchedule } from './vaccination/routine-schedule.ts';

export { infantCheckups, prenatalVisits } from './checkups/checkup-schedule.ts';
export { isValidInsurerNumber, isValidRecipientNumber } from './public-expense-number.ts';
export {
  childrenWithVaccinationRecords,
  type HealthDueItem,
  type HealthDueQuery,
  listHealthDueItems,
} from './use-cases/list-health-due-items.ts';
export { evaluateDoses } from './vaccination/evaluate-doses.ts';
export { loadRoutineSchedule } from './vaccination/routine-schedule.ts';

/** Maternal and child health (PMH): schedules now; subsidy eligibility, 予診票 and records build on identity. */
export const healthModule: TsunaguModule = {
  name: 'health',
  routes: (app, services) => healthRoutes(app, services, loadRoutineSchedule()),
  seedDemo: seedDemoSchemes,
  commands: [importRecipientsCommand, exportRecipientsCommand],
};
