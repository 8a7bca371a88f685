import type { TsunaguModule } from '../../platform/module.ts';
import { ALLOCATE_USAGE, runAllocateCommand } from './cli/allocate-command.ts';
import { indexRuleRoutes } from './hokatsu.routes.ts';
import { simulationPageRoutes } from './hokatsu-pages.routes.ts';

export type { AllocationResult } from './allocation/allocate.ts';
export { allocate } from './allocation/allocate.ts';
export type { AllocationInstance } from './allocation/allocation-instance.ts';

/** Nursery one-stop (保活ワンストップ): allocation, index rules and simulation, nursery search. */
export const hokatsuModule: TsunaguModule = {
  name: 'hokatsu',
  routes: async (app, services) => {
    await indexRuleRoutes(app);
    await simulationPageRoutes(app, services, async () => null);
  },
  commands: [
    {
      name: 'hokatsu',
      summary: 'Nursery one-stop: allocate (run an allocation round from a JSON instance)',
      usage: ALLOCATE_USAGE,
      run: (_services, argv) =>
        runAllocateCommand(argv, {
          stdout: (text) => process.stdout.write(text),
          stderr: (text) => process.stderr.write(text),
        }),
    },
  ],
};
