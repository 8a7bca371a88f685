import type { AppServices } from '../../../platform/services.ts';
import { type LocalLineServer, startLocalLineServer } from '../local-servers/local-line-server.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../local-servers/local-smtp-server.ts';

let running: { line?: LocalLineServer; smtp?: LocalSmtpServer } | undefined;

/**
 * LINE and a mail server cannot be reached from a demo machine, so `serve --demo` starts local stand-ins on the
 * configured ports (NOTIFY_DEMO_LINE_PORT, NOTIFY_DEMO_SMTP_PORT), once per process. A port already taken (another
 * demo is running) is reported and skipped; the channels then keep their messages waiting and retry.
 */
export async function startDemoLocalServers(services: AppServices): Promise<string> {
  const { notify, baseUrl } = services.config;
  if (services.config.mode !== 'demo') return 'local LINE/SMTP servers not started (production mode)';
  if (!running) {
    running = {};
    try {
      running.line = await startLocalLineServer({
        port: notify.demoLinePort,
        accountLinkWebhookUrl: `${baseUrl}/notify/line/webhook/131237`,
      });
    } catch (error) {
      services.log.warn({ err: error }, 'local LINE server not started');
    }
    try {
      running.smtp = await startLocalSmtpServer({ port: notify.demoSmtpPort });
    } catch (error) {
      services.log.warn({ err: error }, 'local SMTP server not started');
    }
  }
  return `local LINE server ${running.line ? `${running.line.url} (demo phone: ${running.line.url}/)` : 'not started'}, local SMTP server ${running.smtp ? running.smtp.url : 'not started'}`;
}
