import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSmtpServer, startLocalSmtpServer } from '../local-servers/local-smtp-server.ts';
import type { Channel } from './channel.ts';
import { createEmailChannel, emailMessageId } from './email-channel.ts';
import { delivery, renderedMessage } from './test-deliveries.ts';

const FROM = 'つなぐ <notice@tsunagu.example>';
let smtp: LocalSmtpServer;
let channel: Channel;

beforeEach(async () => {
  smtp = await startLocalSmtpServer();
  channel = createEmailChannel({ smtpUrl: smtp.url, from: FROM, timeoutMs: 2_000 });
});

afterEach(async () => {
  await channel.close?.();
  await smtp.close();
});

function mail(n: number, to = `parent${n}@example.jp`, overrides = {}) {
  return delivery(n, { channel: 'email', to }, overrides);
}

describe('e-mail channel against the local SMTP server', () => {
  it('sends text and HTML parts with a stable Message-ID and RFC 8058 one-click unsubscribe', async () => {
    const message = renderedMessage({ body: '1段落目\n\n<2段落目>' });
    const outcomes = await channel.send([mail(1, 'parent1@example.jp', { message }), mail(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered']);
    const received = await smtp.waitForMessages(2);
    const first = received.find((m) => m.to[0] === 'parent1@example.jp')!;
    expect(first.subject).toBe(message.title);
    expect(first.text).toContain('1段落目');
    expect(first.text).toContain(message.url);
    expect(first.html).toContain('&lt;2段落目&gt;');
    expect(first.html).toContain(`href="${message.unsubscribeUrl}"`);
    expect(first.messageId).toBe(emailMessageId(mail(1).idempotencyKey, FROM));
    expect(first.messageId).toMatch(/@tsunagu\.example>$/);
    expect(first.headers.get('list-unsubscribe')).toContain(`<${message.unsubscribeUrl}>`);
    expect(first.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((outcomes[0] as { providerReference?: string }).providerReference).toBe(first.messageId);
  });

  it('classifies a 4xx reply as temporary and sends on the retry', async () => {
    smtp.failNext(1, 451);
    const [first] = await channel.send([mail(1)]);
    expect(first).toMatchObject({ status: 'temporary-failure' });
    expect(first?.status === 'temporary-failure' && first.error).toContain('451');
    const [second] = await channel.send([mail(1)]);
    expect(second).toMatchObject({ status: 'delivered' });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('disables an address the server rejects with 5xx and keeps 5xx for the message itself as plain permanent', async () => {
    smtp.failNext(1, 550, 'rcpt');
    expect((await channel.send([mail(1)]))[0]).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    smtp.failNext(1, 554, 'data');
    expect((await channel.send([mail(2)]))[0]).toMatchObject({ status: 'permanent-failure', disableEndpoint: false });
    expect(smtp.messages).toHaveLength(0);
  });

  it('treats an SMTP outage as temporary and loses nothing once the server is back', async () => {
    const port = smtp.port;
    await channel.close?.();
    await smtp.close();
    channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 2_000 });
    const down = await channel.send([mail(1), mail(2)]);
    expect(down.map((o) => o.status)).toEqual(['temporary-failure', 'temporary-failure']);
    smtp = await startLocalSmtpServer({ port });
    const up = await channel.send([mail(1), mail(2)]);
    expect(up.map((o) => o.status)).toEqual(['delivered', 'delivered']);
    expect(await smtp.waitForMessages(2)).toHaveLength(2);
  });

  it('disables an address that is not an e-mail address at all', async () => {
    const [outcome] = await channel.send([mail(1, 'not an address')]);
    expect(outcome).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
  });
});
