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

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'tsunagu', ...base },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
