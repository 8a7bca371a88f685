import type { CliCommand } from '../../../platform/module.ts';
import { ALLOCATE_USAGE, type CliIo, runAllocateCommand } from './allocate-command.ts';
import { IMPORT_USAGE, runImportCommand } from './import-commands.ts';

const IMPORTS = ['import-nurseries', 'import-vacancies', 'import-minimum-index'];

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `tsunagu hokatsu <subcommand>`: the CLI dispatches on the first word only, so the subcommand is parsed here. */
export const hokatsuCommand: CliCommand = {
  name: 'hokatsu',
  summary: 'Nursery one-stop: allocate | import-nurseries | import-vacancies | import-minimum-index',
  usage: `${ALLOCATE_USAGE}\n\n${IMPORT_USAGE}`,
  run: (services, argv) => {
    const [sub, ...rest] = argv;
    if (sub && IMPORTS.includes(sub)) return runImportCommand(services, sub, rest, io);
    return runAllocateCommand(argv, io);
  },
};
