import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from './logger.ts';

describe('log redaction', () => {
  it('never writes personal fields or credentials', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    log.info(
      {
        child: { name: '山田 花子', birthDate: '2025-04-01', municipalityCode: '131199' },
        parent: { address: '東京都板橋区…', phone: '090-0000-0000', email: 'a@example.jp' },
        req: { headers: { cookie: 'sid=secret', authorization: 'Bearer abc' } },
        account: { accountNumber: '1234567' },
      },
      'registered',
    );
    const line = lines.join('');
    for (const secret of ['山田', '2025-04-01', '板橋区', '090-', 'a@example.jp', 'sid=secret', 'Bearer', '1234567']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('131199'); // codes that identify no person stay readable
  });
});
