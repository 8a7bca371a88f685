import type { TsunaguModule } from '../../platform/module.ts';
import { hokatsuCommand } from './cli/hokatsu-command.ts';
import { indexRuleRoutes } from './hokatsu.routes.ts';
import { simulationPageRoutes } from './hokatsu-pages.routes.ts';
import { compareWithMinimumIndex, nurseryRoutes } from './nurseries.routes.ts';
import { seedDemoNurseries } from './use-cases/seed-demo-nurseries.ts';

export type { AllocationResult } from './allocation/allocate.ts';
export { allocate } from './allocation/allocate.ts';
export type { AllocationInstance } from './allocation/allocation-instance.ts';

/** Nursery one-stop (保活ワンストップ): allocation, index rules and simulation, nursery search. */
export const hokatsuModule: TsunaguModule = {
  name: 'hokatsu',
  routes: async (app, services) => {
    await indexRuleRoutes(app);
    await simulationPageRoutes(app, services, compareWithMinimumIndex);
    await nurseryRoutes(app, services);
  },
  seedDemo: seedDemoNurseries,
  commands: [hokatsuCommand],
};
