import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { modules } from './modules/index.ts';
import { PortInUseError, type Role, serve } from './platform/cli/serve-command.ts';
import { EmbeddedPostgresError } from './platform/db/embedded-postgres.ts';
import { createLogger } from './platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase, seedDemoData } from './platform/runtime.ts';

const USAGE = `Usage: tsunagu <command> [options]

Commands:
  serve                      Start the platform: HTTP and job worker in one process by default
  migrate                    Apply database migrations and reference data, then exit
  seed                       Load demo data (--demo), then exit
${modules
  .flatMap((m) => m.commands ?? [])
  .map((c) => `  ${c.name.padEnd(26)} ${c.summary}`)
  .join('\n')}
Run 'tsunagu <command> --help' for a command's options. Configuration comes from the environment (see README.md).`;

const COMMANDS: Record<string, { usage: string; options: Record<string, { type: 'string' | 'boolean' }> }> = {
  serve: {
    usage: `Usage: tsunagu serve [--role web|worker|all] [--no-migrate] [--demo]

  --role web|worker|all  web: HTTP only; worker: jobs only; all (default): both in one process
  --no-migrate           do not apply migrations on start (also MIGRATE_ON_START=false)
  --demo                 load the demo data on start (idempotent)`,
    options: {
      role: { type: 'string' },
      'no-migrate': { type: 'boolean' },
      demo: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  },
  migrate: {
    usage:
      'Usage: tsunagu migrate\n\n  Applies every pending migration (idempotent), installs the job queue schema and syncs reference data.',
    options: { help: { type: 'boolean' } },
  },
  seed: {
    usage: 'Usage: tsunagu seed --demo\n\n  --demo  load the demo data (idempotent: running it twice changes nothing)',
    options: { demo: { type: 'boolean' }, help: { type: 'boolean' } },
  },
};

function usageError(message: string, usage: string): number {
  process.stderr.write(`tsunagu: ${message}\n\n${usage}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...platformArgs] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  // Module commands may have several words (`registry import <file>`): the longest name that prefixes argv wins.
  const moduleCommand = modules
    .flatMap((m) => m.commands ?? [])
    .filter((c) => c.name.split(' ').every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const rest = moduleCommand ? argv.slice(moduleCommand.name.split(' ').length) : platformArgs;
  const spec = COMMANDS[command];
  if (!spec && !moduleCommand) return usageError(`unknown command '${command}'`, USAGE);

  if (moduleCommand && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${moduleCommand.usage}\n`);
    return 0;
  }
  let values: Record<string, string | boolean | undefined> = {};
  if (spec) {
    try {
      ({ values } = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: false }));
    } catch (error) {
      return usageError((error as Error).message, spec.usage);
    }
    if (values.help) {
      process.stdout.write(`${spec.usage}\n`);
      return 0;
    }
  }

  if (command === 'seed' && !values.demo) return usageError('seed needs --demo', spec!.usage);
  const role = (values.role ?? 'all') as Role;
  if (!['web', 'worker', 'all'].includes(role)) return usageError('--role must be web, worker or all', spec!.usage);
  const config = loadConfig();
  const log = createLogger(config.logLevel, { pretty: process.stdout.isTTY && config.mode === 'demo' });

  if (command === 'serve') {
    await serve(config, log, {
      role,
      migrate: config.migrateOnStart && !values['no-migrate'],
      demo: Boolean(values.demo),
    });
    return -1; // keeps running until a signal
  }
  const services = await openServices(config, log);
  try {
    if (command === 'migrate') {
      await prepareDatabase(services, { migrate: true });
      log.info('database is up to date');
      return 0;
    }
    await prepareDatabase(services, { migrate: true });
    if (command === 'seed') {
      for (const line of await seedDemoData(services)) log.info(`demo data — ${line}`);
      return 0;
    }
    return await moduleCommand!.run(services, rest);
  } finally {
    await closeServices(services, 5000);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof PortInUseError) {
      process.stderr.write(`tsunagu: ${error.message}\n`);
    } else {
      process.stderr.write(`tsunagu: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  },
);
