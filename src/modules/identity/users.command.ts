import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TOKYO_WIDE_CODE } from '../../platform/access/staff-roles.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CliCommand } from '../../platform/module.ts';
import { emailSchema, passwordSchema } from './identity-staff.schemas.ts';
import { purgeEndedSessions } from './sessions/session-store.ts';
import { totpUri } from './staff/totp.ts';
import { createActiveStaff } from './use-cases/create-staff-account.ts';

const USAGE = `Usage: tsunagu users create-admin --email ADDRESS [--name NAME] [--password-stdin]
       tsunagu users purge-sessions

  Creates the first platform admin (Tokyo-wide, role platform-admin) and prints the TOTP secret to add to an
  authenticator app. Without --password-stdin a random password is generated and printed once.

  --email ADDRESS     the admin's e-mail address (sign-in name)
  --name NAME         display name (default: Platform admin)
  --password-stdin    read the password from standard input (at least 12 characters)

  purge-sessions removes sessions and card sign-in requests that ended more than a day ago (run it daily, e.g.
  from cron; safe to run at any time).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary: 'users create-admin (the first platform admin), users purge-sessions (housekeeping)',
  usage: USAGE,
  async run(services, argv) {
    const [sub, ...rest] = argv;
    if (sub === 'purge-sessions') {
      const removed = await purgeEndedSessions(services.db, services.now());
      process.stdout.write(`Removed ${removed} ended session(s) and sign-in request(s).\n`);
      return 0;
    }
    if (sub !== 'create-admin') {
      process.stderr.write(`tsunagu: unknown users command '${sub ?? ''}'\n\n${USAGE}\n`);
      return 2;
    }
    let values: { email?: string; name?: string; 'password-stdin'?: boolean };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
        strict: true,
      }));
    } catch (error) {
      process.stderr.write(`tsunagu: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    const email = emailSchema.safeParse(values.email ?? '');
    if (!email.success) {
      process.stderr.write(`tsunagu: --email must be an e-mail address\n\n${USAGE}\n`);
      return 2;
    }
    const generated = !values['password-stdin'];
    const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
    if (!passwordSchema.safeParse(password).success) {
      process.stderr.write('tsunagu: the password must be 12 to 128 characters\n');
      return 2;
    }
    try {
      const { staff, totpSecret } = await createActiveStaff(services, {
        email: email.data,
        displayName: values.name ?? 'Platform admin',
        municipalityCode: TOKYO_WIDE_CODE,
        roles: ['platform-admin', 'municipality-admin'],
        password,
      });
      process.stdout.write(
        [
          `Created platform admin ${staff.email} (${staff.id}).`,
          ...(generated ? [`Password (shown once): ${password}`] : []),
          `TOTP secret (add to an authenticator app): ${totpSecret}`,
          `otpauth URI: ${totpUri(totpSecret, staff.email)}`,
          `Sign in at ${services.config.baseUrl}/staff/sign-in`,
          '',
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`tsunagu: ${error.detail.en}\n`);
        return 1;
      }
      throw error;
    }
  },
};
