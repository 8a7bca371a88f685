/**
 * Starts the local LINE Messaging API server and the local SMTP server on their own, for a demo or a benchmark that
 * wants them in a separate process from the app (so the app's CPU is measured alone):
 *
 *   npx tsx src/modules/notify/local-servers/run-local-servers.ts
 *   (LOCAL_LINE_PORT=0, LOCAL_SMTP_PORT=0, LINE_ACCOUNT_LINK_WEBHOOK_URL=http://127.0.0.1:3000/…)
 *
 * Prints one JSON line with both URLs, then runs until SIGINT/SIGTERM.
 */
import { startLocalLineServer } from './local-line-server.ts';
import { startLocalSmtpServer } from './local-smtp-server.ts';

const line = await startLocalLineServer({
  port: Number(process.env.LOCAL_LINE_PORT ?? 0),
  ...(process.env.LINE_ACCOUNT_LINK_WEBHOOK_URL
    ? { accountLinkWebhookUrl: process.env.LINE_ACCOUNT_LINK_WEBHOOK_URL }
    : {}),
});
const smtp = await startLocalSmtpServer({ port: Number(process.env.LOCAL_SMTP_PORT ?? 0) });
console.log(JSON.stringify({ lineUrl: line.url, smtpUrl: smtp.url }));

async function stop() {
  await Promise.all([line.close(), smtp.close()]);
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
