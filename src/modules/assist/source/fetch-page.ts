import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../../../platform/http/app-error.ts';
import { SOURCE_LIMITS, sourceError, tooLarge } from './source-limits.ts';

const FIELD = 'body.url';

/** Loopback, private, link-local, CGNAT, unique-local and unspecified addresses: never fetched outside demo mode. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 6) {
    const a = address.toLowerCase();
    if (a.startsWith('::ffff:')) return isPrivateAddress(a.slice(7));
    return a === '::1' || a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
  }
  const [x = 0, y = 0] = address.split('.').map(Number);
  return (
    x === 10 ||
    x === 127 ||
    x === 0 ||
    (x === 169 && y === 254) ||
    (x === 172 && y >= 16 && y <= 31) ||
    (x === 192 && y === 168) ||
    (x === 100 && y >= 64 && y <= 127) ||
    x >= 224
  );
}

async function assertFetchable(url: URL, allowPrivate: boolean) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw sourceError('assist-url-scheme', 400, FIELD, {
      en: 'Only http and https addresses can be fetched.',
      ja: 'http または https の URL のみ取得できます。',
    });
  }
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) {
    throw sourceError('assist-url-unresolved', 400, FIELD, {
      en: `The host ${host} cannot be found.`,
      ja: `ホスト ${host} が見つかりません。`,
    });
  }
  if (addresses.some(isPrivateAddress)) {
    throw sourceError('assist-url-private', 400, FIELD, {
      en: 'Addresses inside private networks are not fetched.',
      ja: '内部ネットワークのアドレスは取得できません。',
    });
  }
}

/**
 * Fetches one public page for the extractor: http(s) only, no private addresses (unless demo mode, where the demo
 * pages live on this machine), at most SOURCE_LIMITS.fetchRedirects redirects (each target checked again), a
 * time limit for the whole transfer, and a byte limit counted while reading so an endless page is cut off.
 */
export async function fetchPage(
  address: string,
  options: { allowPrivate: boolean; timeoutMs?: number; maxBytes?: number },
): Promise<{ bytes: Uint8Array; contentType: string; finalUrl: string }> {
  const maxBytes = options.maxBytes ?? SOURCE_LIMITS.pdfBytes;
  const timeoutMs = options.timeoutMs ?? SOURCE_LIMITS.fetchTimeoutMs;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw sourceError('assist-url-invalid', 400, FIELD, {
      en: 'Not a valid URL.',
      ja: 'URL の形式が正しくありません。',
    });
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      await assertFetchable(url, options.allowPrivate);
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html, text/plain, application/pdf' },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        if (hop >= SOURCE_LIMITS.fetchRedirects) {
          throw sourceError('assist-url-redirects', 400, FIELD, {
            en: `More than ${SOURCE_LIMITS.fetchRedirects} redirects.`,
            ja: `リダイレクトが上限（${SOURCE_LIMITS.fetchRedirects} 回）を超えました。`,
          });
        }
        url = new URL(response.headers.get('location')!, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw sourceError('assist-url-status', 400, FIELD, {
          en: `The page answered HTTP ${response.status}.`,
          ja: `ページが HTTP ${response.status} を返しました。`,
        });
      }
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw tooLarge(FIELD, maxBytes);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body?.getReader();
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw tooLarge(FIELD, maxBytes);
        }
        chunks.push(value);
      }
      return {
        bytes: Buffer.concat(chunks),
        contentType: response.headers.get('content-type') ?? '',
        finalUrl: url.toString(),
      };
    }
  } catch (error) {
    if (signal.aborted) {
      throw sourceError('assist-url-timeout', 504, FIELD, {
        en: `The page did not arrive within ${timeoutMs / 1000} s.`,
        ja: `ページの取得が ${timeoutMs / 1000} 秒以内に終わりませんでした。`,
      });
    }
    if (error instanceof AppError) throw error;
    throw sourceError('assist-url-unreachable', 502, FIELD, {
      en: `The page cannot be fetched: ${(error as Error).message}`,
      ja: `ページを取得できません: ${(error as Error).message}`,
    });
  }
}
