import type { TsunaguModule } from '../../platform/module.ts';
import { applicationPageRoutes } from './application-pages.routes.ts';
import { applicationRoutes } from './applications.routes.ts';
import { hokatsuCommand } from './cli/hokatsu-command.ts';
import { consultationRoutes } from './consultation.routes.ts';
import { consultationPageRoutes } from './consultation-pages.routes.ts';
import { counsellorPageRoutes } from './counsellor-pages.routes.ts';
import { indexRuleRoutes } from './hokatsu.routes.ts';
import { simulationPageRoutes } from './hokatsu-pages.routes.ts';
import { compareWithMinimumIndex, nurseryRoutes } from './nurseries.routes.ts';
import { screeningPageRoutes } from './screening-pages.routes.ts';
import { seedDemoHokatsuStaff } from './use-cases/seed-demo-hokatsu-staff.ts';
import { seedDemoNurseries } from './use-cases/seed-demo-nurseries.ts';
import { visitBookingRoutes } from './visit-booking.routes.ts';
import { visitPageRoutes } from './visit-pages.routes.ts';

export type { AllocationResult } from './allocation/allocate.ts';
export { allocate } from './allocation/allocate.ts';
export type { AllocationInstance } from './allocation/allocation-instance.ts';
export { computeIndex } from './index-rules/compute-index.ts';
export { findIndexRuleSet } from './index-rules/index-rule-catalog.ts';
// For the identity branch: these use cases take the signed-in actor and an opaque household reference.
export { bookVisit, VISIT_RULES } from './use-cases/book-visit.ts';
export { cancelVisitBooking } from './use-cases/cancel-visit-booking.ts';
export { publishMinimumIndices } from './use-cases/publish-minimum-indices.ts';
export { publishVisitSlots } from './use-cases/publish-visit-slots.ts';
export { rescheduleVisitBooking } from './use-cases/reschedule-visit-booking.ts';
export { listVisitAttendees, markVisitAttendance } from './use-cases/visit-attendance.ts';

/** Nursery one-stop (保活ワンストップ): allocation, index rules and simulation, nursery search. */
export const hokatsuModule: TsunaguModule = {
  name: 'hokatsu',
  routes: async (app, services) => {
    await indexRuleRoutes(app);
    await simulationPageRoutes(app, services, compareWithMinimumIndex);
    await nurseryRoutes(app, services);
    await visitBookingRoutes(app, services);
    await visitPageRoutes(app, services);
    await applicationRoutes(app, services);
    await applicationPageRoutes(app, services);
    await screeningPageRoutes(app, services);
    await consultationRoutes(app, services);
    await consultationPageRoutes(app, services);
    await counsellorPageRoutes(app, services);
  },
  // Nurseries first: the demo nursery-staff account is bound to one of them.
  seedDemo: async (services) => `${await seedDemoNurseries(services)}; ${await seedDemoHokatsuStaff(services)}`,
  commands: [hokatsuCommand],
};
