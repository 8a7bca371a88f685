import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server for demo mode and tests (no mail server can be reached from here). It accepts plain SMTP on
 * 127.0.0.1 without AUTH or STARTTLS: both ends run on this machine, so there is nobody to authenticate against and
 * nothing to encrypt for; production points the e-mail channel at a real relay with smtps:// or STARTTLS and login.
 * Every message is parsed with mailparser so tests read what a mail client would show.
 */

export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header names in lower case with their raw (unfolded) values, as they were on the wire. */
  headers: Map<string, string>;
  /** The raw "To:" header's addresses. */
  headerTo: string[];
}

export type SmtpFailureStage = 'rcpt' | 'data';

export interface LocalSmtpServer {
  port: number;
  url: string;
  messages: ReceivedEmail[];
  /** The next `count` recipients (stage rcpt) or messages (stage data) get SMTP reply `code` (e.g. 451, 550, 554). */
  failNext(count: number, code: number, stage?: SmtpFailureStage): void;
  /** Resolves once at least `count` messages were received (parsing is asynchronous). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

function smtpError(code: number, text: string) {
  return Object.assign(new Error(text), { responseCode: code });
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((item) => item.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

export async function startLocalSmtpServer(options: { port?: number } = {}): Promise<LocalSmtpServer> {
  const messages: ReceivedEmail[] = [];
  let failure: { remaining: number; code: number; stage: SmtpFailureStage } | undefined;
  const waiters: { count: number; resolve: () => void }[] = [];

  function takeFailure(stage: SmtpFailureStage): number | undefined {
    if (!failure || failure.stage !== stage || failure.remaining <= 0) return undefined;
    failure.remaining -= 1;
    const { code } = failure;
    if (failure.remaining === 0) failure = undefined;
    return code;
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = takeFailure('rcpt');
      if (code !== undefined) {
        const text = code >= 500 ? `${address.address}: mailbox unavailable` : 'Temporary failure, try again later';
        return callback(smtpError(code, text));
      }
      callback();
    },
    onData(stream, session, callback) {
      const code = takeFailure('data');
      simpleParser(stream)
        .then((parsed) => {
          if (code !== undefined)
            return callback(smtpError(code, code >= 500 ? 'Message rejected' : 'Try again later'));
          messages.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            headers: new Map(
              parsed.headerLines.map((header) => [
                header.key,
                header.line
                  .slice(header.line.indexOf(':') + 1)
                  .replace(/\r?\n[ \t]+/g, ' ')
                  .trim(),
              ]),
            ),
            headerTo: addresses(parsed.to),
          });
          for (const waiter of [...waiters]) {
            if (messages.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
          callback();
        })
        .catch((error: Error) => callback(smtpError(451, `Could not read the message: ${error.message}`)));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // smtp-server logs socket errors through 'error'; without a listener a client hang-up would crash the process.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext(count, code, stage = 'rcpt') {
      failure = count > 0 ? { remaining: count, code, stage } : undefined;
    },
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${messages.length} of ${count} messages arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
