import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml, page } from './html.ts';

/**
 * A local stand-in for the LINE Messaging API, which cannot be reached from here. It speaks the endpoints notify
 * uses with LINE's request and error shapes, records every request, can be told to fail, and shows what each LINE
 * user received on a "demo phone" page. Demo mode and the tests point the LINE channel's base URL at it.
 */

/** Accepted when no tokens are configured: the demo and tests use it as every municipality's channel token. */
export const LOCAL_LINE_ACCESS_TOKEN = 'local-line-channel-access-token';
export const LOCAL_LINE_CHANNEL_SECRET = 'local-line-channel-secret';

const USER_ID = /^U[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MESSAGE_PATHS = new Set(['/v2/bot/message/multicast', '/v2/bot/message/push']);
const LINK_TOKEN_PATH = /^\/v2\/bot\/user\/([^/]+)\/linkToken$/;

export interface LocalLineServerOptions {
  /** 0 or omitted: any free port on 127.0.0.1. */
  port?: number;
  /** Signs account-link webhooks (x-line-signature). */
  channelSecret?: string;
  /** Where the account-link webhook goes (the app's LINE webhook route); can be set later with setAccountLinkWebhookUrl. */
  accountLinkWebhookUrl?: string;
  /** Channel access tokens answered with 200; anything else gets LINE's 401. */
  accessTokens?: string[];
  /** Oldest requests are dropped past this many, so a long demo does not grow without end (0: keep none). */
  maxRecorded?: number;
}

/**
 * Running totals over every message request since start, kept in O(1) per request so a benchmark can poll them while
 * hundreds of thousands of requests go by (the recorded list is capped; these are not).
 */
export interface LocalLineStats {
  /** Multicast/push requests, whatever the answer. */
  requests: number;
  /** Requests answered 200 and the recipients they addressed. */
  accepted: number;
  acceptedRecipients: number;
  /** Requests answered 409: the retry key had already been accepted, nothing was sent again. */
  conflicts: number;
  /** Requests answered 429 or 5xx (failNext). */
  failed: number;
  /**
   * Recipients of an accepted request who had already received the identical text (same user, same text) through an
   * earlier accepted request: what a parent would see as a duplicate.
   */
  repeatedDeliveries: number;
}

export interface RecordedLineRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  retryKey: string | undefined;
  body: unknown;
  /** User ids the request addressed (multicast `to`, or push `to`). */
  recipients: string[];
  /** The status this server answered with. */
  status: number;
  requestId: string;
  receivedAt: Date;
}

export interface ReceivedLineMessage {
  userId: string;
  text: string;
  requestId: string;
  receivedAt: Date;
}

export interface LocalLineServer {
  url: string;
  port: number;
  requests: RecordedLineRequest[];
  stats: LocalLineStats;
  /** Every text message a user received through an accepted (200) request, in order. */
  received(userId?: string): ReceivedLineMessage[];
  /** The next `count` message requests (multicast/push) answer `status`, with Retry-After when given. */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  setAccountLinkWebhookUrl(url: string): void;
  close(): Promise<void>;
}

interface Failure {
  remaining: number;
  status: number;
  retryAfterSeconds: number | undefined;
}

interface LinkToken {
  userId: string;
  issuedAt: number;
}

const LINK_TOKEN_TTL_MS = 10 * 60 * 1000;

const ERROR_BODIES: Record<number, string> = {
  400: 'The request body has 1 error(s)',
  401: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
  403: 'Access to this API is not available for your account',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export async function startLocalLineServer(options: LocalLineServerOptions = {}): Promise<LocalLineServer> {
  const channelSecret = options.channelSecret ?? LOCAL_LINE_CHANNEL_SECRET;
  const tokens = new Set(options.accessTokens ?? [LOCAL_LINE_ACCESS_TOKEN]);
  const maxRecorded = options.maxRecorded ?? 100_000;
  let webhookUrl = options.accountLinkWebhookUrl;
  const requests: RecordedLineRequest[] = [];
  const stats: LocalLineStats = {
    requests: 0,
    accepted: 0,
    acceptedRecipients: 0,
    conflicts: 0,
    failed: 0,
    repeatedDeliveries: 0,
  };
  /** sha1(user, text) of every accepted delivery: 20 bytes each instead of the text, so millions fit. */
  const deliveredTexts = new Set<string>();
  /** Retry keys LINE has accepted, per access token (LINE scopes them to the channel), with the request they made. */
  const acceptedKeys = new Map<string, Map<string, string>>();
  const linkTokens = new Map<string, LinkToken>();
  let failure: Failure | undefined;

  function record(entry: RecordedLineRequest) {
    if (maxRecorded <= 0) return;
    requests.push(entry);
    // Trim in chunks: dropping one entry per request would shift the whole array every time once it is full.
    if (requests.length > maxRecorded + Math.max(1, maxRecorded >> 4))
      requests.splice(0, requests.length - maxRecorded);
  }

  function countAnswer(status: number, recipients: string[], messages: unknown) {
    stats.requests += 1;
    if (status === 409) stats.conflicts += 1;
    else if (status === 429 || status >= 500) stats.failed += 1;
    if (status !== 200) return;
    stats.accepted += 1;
    stats.acceptedRecipients += recipients.length;
    const texts = (Array.isArray(messages) ? (messages as { type?: string; text?: string }[]) : [])
      .filter((message) => message?.type === 'text')
      .map((message) => message.text ?? '');
    for (const user of recipients) {
      for (const text of texts) {
        const key = createHash('sha1').update(user).update('\u0000').update(text).digest('base64');
        if (deliveredTexts.has(key)) stats.repeatedDeliveries += 1;
        else deliveredTexts.add(key);
      }
    }
  }

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  function bearer(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
    return token && tokens.has(token) ? token : undefined;
  }

  function handleMessage(req: IncomingMessage, res: ServerResponse, path: string, raw: string, token: string) {
    const requestId = randomUUID();
    const retryKeyHeader = req.headers['x-line-retry-key'];
    const retryKey = typeof retryKeyHeader === 'string' ? retryKeyHeader : undefined;
    const base = { method: 'POST', path, headers: req.headers, retryKey, requestId, receivedAt: new Date() };
    let body: { to?: unknown; messages?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      record({ ...base, body: raw, recipients: [], status: 400 });
      return json(res, 400, { message: 'The request body could not be parsed as JSON' });
    }
    const recipients = path.endsWith('/multicast')
      ? Array.isArray(body.to)
        ? (body.to as unknown[]).map(String)
        : []
      : typeof body.to === 'string'
        ? [body.to]
        : [];
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      countAnswer(status, recipients, body.messages);
      record({ ...base, body, recipients, status });
      json(res, status, payload, { 'x-line-request-id': requestId, ...headers });
    };

    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      const { status, retryAfterSeconds } = failure;
      if (failure.remaining === 0) failure = undefined;
      const headers: Record<string, string> =
        retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
      return answer(status, { message: ERROR_BODIES[status] ?? 'Error' }, headers);
    }
    if (retryKey !== undefined && !UUID.test(retryKey)) {
      return answer(400, { message: 'The value for the X-Line-Retry-Key header is invalid' });
    }
    const keys = acceptedKeys.get(token) ?? new Map<string, string>();
    acceptedKeys.set(token, keys);
    const earlier = retryKey ? keys.get(retryKey) : undefined;
    if (earlier) {
      return answer(
        409,
        { message: 'The retry key is already accepted', sentMessages: [] },
        { 'x-line-accepted-request-id': earlier },
      );
    }
    const details = validateMessageRequest(path, body, recipients);
    if (details.length > 0) {
      return answer(400, { message: `The request body has ${details.length} error(s)`, details });
    }
    if (retryKey) keys.set(retryKey, requestId);
    const sentMessages = (body.messages as unknown[]).map(() => ({ id: randomDigits(18), quoteToken: randomUUID() }));
    return answer(200, path.endsWith('/push') ? { sentMessages } : {});
  }

  async function handleDialogPost(res: ServerResponse, raw: string) {
    const form = new URLSearchParams(raw);
    const linkToken = form.get('linkToken') ?? '';
    const nonce = form.get('nonce') ?? '';
    const userId = (form.get('userId') ?? '').trim();
    const issued = linkTokens.get(linkToken);
    if (!issued || Date.now() - issued.issuedAt > LINK_TOKEN_TTL_MS) {
      return html(res, 400, page('LINE', '<h1>リンクトークンが無効です / The link token is invalid or expired</h1>'));
    }
    if (!USER_ID.test(userId)) {
      return html(
        res,
        400,
        dialogPage(
          linkToken,
          nonce,
          issued.userId,
          form.get('returnTo'),
          'LINE user id must look like U + 32 hex digits',
        ),
      );
    }
    if (!webhookUrl) return html(res, 503, page('LINE', '<h1>No account-link webhook URL is configured</h1>'));
    const event = {
      destination: 'U00000000000000000000000000000000',
      events: [
        {
          type: 'accountLink',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId },
          webhookEventId: randomBytes(13).toString('hex').toUpperCase(),
          deliveryContext: { isRedelivery: false },
          replyToken: randomBytes(16).toString('hex'),
          link: { result: 'ok', nonce },
        },
      ],
    };
    const payload = JSON.stringify(event);
    const signature = createHmac('sha256', channelSecret).update(payload).digest('base64');
    try {
      const answer = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signature },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      if (!answer.ok) throw new Error(`webhook answered ${answer.status}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return html(res, 502, page('LINE', `<h1>連携に失敗しました / Linking failed</h1><p>${escapeHtml(reason)}</p>`));
    }
    linkTokens.delete(linkToken);
    const returnTo = form.get('returnTo');
    const target = returnTo && /^https?:\/\//.test(returnTo) ? returnTo : `/?user=${encodeURIComponent(userId)}`;
    res.writeHead(303, { location: target });
    res.end();
  }

  function knownUsers(): string[] {
    const users = new Set<string>();
    for (const request of requests) for (const user of request.recipients) if (USER_ID.test(user)) users.add(user);
    for (const token of linkTokens.values()) users.add(token.userId);
    return [...users].sort();
  }

  function dialogPage(linkToken: string, nonce: string, userId: string, returnTo: string | null, error?: string) {
    const options = knownUsers()
      .map((user) => `<option value="${escapeHtml(user)}">`)
      .join('');
    return page(
      'LINE アカウント連携',
      `<h1>LINE アカウント連携（ローカル LINE）</h1>
<p>Local stand-in for LINE's account-link dialog. Choose or type the LINE user id to link; this sends an
<code>accountLink</code> webhook signed with the channel secret.</p>
${error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
<form method="post" action="/dialog/bot/accountLink">
<input type="hidden" name="linkToken" value="${escapeHtml(linkToken)}">
<input type="hidden" name="nonce" value="${escapeHtml(nonce)}">
${returnTo ? `<input type="hidden" name="returnTo" value="${escapeHtml(returnTo)}">` : ''}
<label for="userId">LINE user id</label>
<input id="userId" name="userId" list="known-users" required pattern="U[0-9a-f]{32}" value="${escapeHtml(userId)}" autocomplete="off">
<datalist id="known-users">${options}</datalist>
<button type="submit">連携する / Link</button>
</form>`,
    );
  }

  function phonePage(onlyUser: string | null) {
    const byUser = new Map<string, ReceivedLineMessage[]>();
    for (const message of received()) {
      if (onlyUser && message.userId !== onlyUser) continue;
      const list = byUser.get(message.userId) ?? [];
      list.push(message);
      byUser.set(message.userId, list);
    }
    const sections = [...byUser.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([user, messages]) => {
        const bubbles = messages
          .slice(-100)
          .reverse()
          .map(
            (message) =>
              `<div class="bubble">${escapeHtml(message.text)}</div><div class="meta">${message.receivedAt.toISOString()}</div>`,
          )
          .join('');
        return `<section><h2><a href="/?user=${encodeURIComponent(user)}">${escapeHtml(user)}</a> (${messages.length})</h2>${bubbles}</section>`;
      })
      .join('');
    return page(
      'ローカル LINE — デモ端末',
      `<h1>ローカル LINE — デモ端末 / Local LINE demo phone</h1>
<p>Messages this local LINE Messaging API server accepted, newest first, per LINE user.${onlyUser ? ' <a href="/">All users</a>' : ''}</p>
${sections || '<p>No messages yet.</p>'}`,
    );
  }

  function received(userId?: string): ReceivedLineMessage[] {
    const out: ReceivedLineMessage[] = [];
    for (const request of requests) {
      if (request.status !== 200 || !MESSAGE_PATHS.has(request.path)) continue;
      const messages = ((request.body as { messages?: { type?: string; text?: string }[] }).messages ?? []).filter(
        (message) => message.type === 'text',
      );
      for (const user of request.recipients) {
        if (userId && user !== userId) continue;
        for (const message of messages) {
          out.push({
            userId: user,
            text: message.text ?? '',
            requestId: request.requestId,
            receivedAt: request.receivedAt,
          });
        }
      }
    }
    return out;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://local-line');
      const path = url.pathname;
      try {
        if (path.startsWith('/v2/')) {
          const token = bearer(req);
          if (!token) {
            record({
              method: req.method ?? 'GET',
              path,
              headers: req.headers,
              retryKey: undefined,
              body: raw,
              recipients: [],
              status: 401,
              requestId: randomUUID(),
              receivedAt: new Date(),
            });
            return json(res, 401, { message: ERROR_BODIES[401] });
          }
          if (req.method === 'POST' && MESSAGE_PATHS.has(path)) return handleMessage(req, res, path, raw, token);
          const link = LINK_TOKEN_PATH.exec(path);
          if (req.method === 'POST' && link) {
            const userId = decodeURIComponent(link[1]!);
            if (!USER_ID.test(userId)) return json(res, 400, { message: 'The value is not a valid user ID' });
            const linkToken = randomBytes(24).toString('base64url');
            linkTokens.set(linkToken, { userId, issuedAt: Date.now() });
            return json(res, 200, { linkToken });
          }
          if (req.method === 'GET' && path === '/v2/bot/info') {
            return json(res, 200, {
              userId: 'U00000000000000000000000000000000',
              basicId: '@tsunagu-local',
              displayName: 'Tsunagu (local LINE)',
              chatMode: 'bot',
              markAsReadMode: 'auto',
            });
          }
          return json(res, 404, { message: 'Not found' });
        }
        if (path === '/dialog/bot/accountLink' && req.method === 'GET') {
          const linkToken = url.searchParams.get('linkToken') ?? '';
          const issued = linkTokens.get(linkToken);
          if (!issued)
            return html(
              res,
              400,
              page('LINE', '<h1>リンクトークンが無効です / The link token is invalid or expired</h1>'),
            );
          return html(
            res,
            200,
            dialogPage(linkToken, url.searchParams.get('nonce') ?? '', issued.userId, url.searchParams.get('returnTo')),
          );
        }
        if (path === '/dialog/bot/accountLink' && req.method === 'POST') {
          handleDialogPost(res, raw).catch((error: unknown) =>
            html(res, 500, page('LINE', `<h1>Error</h1><p>${escapeHtml(String(error))}</p>`)),
          );
          return;
        }
        if (path === '/' && req.method === 'GET') return html(res, 200, phonePage(url.searchParams.get('user')));
        return html(res, 404, page('LINE', '<h1>Not found</h1>'));
      } catch (error) {
        return json(res, 500, { message: error instanceof Error ? error.message : 'Internal server error' });
      }
    });
  });
  // Keep-alive sockets from the benchmark client must not hold close() open.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stats,
    received,
    failNext(count, status, retryAfterSeconds) {
      failure = count > 0 ? { remaining: count, status, retryAfterSeconds } : undefined;
    },
    setAccountLinkWebhookUrl(url) {
      webhookUrl = url;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** LINE's validation of a message request, with its error detail shape (`property` names the field). */
function validateMessageRequest(path: string, body: { to?: unknown; messages?: unknown }, recipients: string[]) {
  const details: { message: string; property: string }[] = [];
  if (path.endsWith('/multicast')) {
    if (!Array.isArray(body.to) || body.to.length < 1 || body.to.length > 500) {
      details.push({ message: 'Size must be between 1 and 500', property: 'to' });
    } else {
      recipients.forEach((user, index) => {
        if (!USER_ID.test(user)) details.push({ message: 'The value is not a valid ID', property: `to[${index}]` });
      });
    }
  } else if (!USER_ID.test(recipients[0] ?? '')) {
    details.push({ message: 'The value is not a valid ID', property: 'to' });
  }
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    details.push({ message: 'Size must be between 1 and 5', property: 'messages' });
  } else {
    messages.forEach((message: { type?: unknown; text?: unknown }, index) => {
      if (message?.type !== 'text') return;
      if (typeof message.text !== 'string' || message.text.length < 1 || message.text.length > 5000) {
        details.push({ message: 'Length must be between 1 and 5000', property: `messages[${index}].text` });
      }
    });
  }
  return details;
}

function randomDigits(count: number): string {
  let out = '';
  for (const byte of randomBytes(count)) out += String(byte % 10);
  return out;
}
