import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';

/**
 * The one list of fields that must never reach a log line: personal data of parents and children, credentials and
 * numbers that identify a person or an account. Modules name their fields after these so the list stays short.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.totpSecret',
  '*.token',
  '*.consentToken',
  '*.apiKey',
  '*.name',
  '*.nameKana',
  '*.familyName',
  '*.givenName',
  '*.birthDate',
  '*.birthdate',
  '*.address',
  '*.phone',
  '*.email',
  '*.myNumber',
  '*.recipientNumber',
  '*.accountNumber',
  '*.accountHolder',
];

export interface LoggerOptions {
  /** Human-readable lines for a person at a terminal (pino-pretty, a dev dependency); JSON otherwise. */
  pretty?: boolean;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const pretty = options.pretty && canResolve('pino-pretty');
  return pino({
    level,
    base: { service: 'tsunagu' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { ignore: 'service,pid,hostname', translateTime: 'SYS:HH:MM:ss' },
          },
        }
      : {}),
  });
}

function canResolve(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

export type { Logger };
