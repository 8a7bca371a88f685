import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '../../../platform/http/app-error.ts';
import { isPrivateAddress } from './address-policy.ts';
import { SOURCE_LIMITS, sourceError, tooLarge } from './source-limits.ts';

export { isPrivateAddress } from './address-policy.ts';

const FIELD = 'body.url';

export interface FetchPageOptions {
  /** Demo mode: the demo pages live on this machine, so private addresses are allowed (still pinned). */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  /** DNS resolution (all addresses of a host name); tests pass their own to play a rebinding DNS server. */
  resolve?: (host: string) => Promise<string[]>;
  /** Which resolved addresses are refused; defaults to isPrivateAddress (tests stand a local server in for "public"). */
  isBlocked?: (address: string) => boolean;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Resolves the host ONCE and checks every address it resolves to; the answer is the one address the connection
 * will use. Connecting to a name instead would resolve it again, and a DNS server that answers a public address for
 * the check and 127.0.0.1 for the connection (DNS rebinding) would slip through.
 */
async function pinnedAddress(url: URL, options: FetchPageOptions): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw sourceError('assist-url-scheme', 400, FIELD, {
      en: 'Only http and https addresses can be fetched.',
      ja: 'http または https の URL のみ取得できます。',
    });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await (options.resolve ?? systemResolve)(host).catch(() => []);
  if (addresses.length === 0) {
    throw sourceError('assist-url-unresolved', 400, FIELD, {
      en: `The host ${host} cannot be found.`,
      ja: `ホスト ${host} が見つかりません。`,
    });
  }
  const blocked = options.allowPrivate ? () => false : (options.isBlocked ?? isPrivateAddress);
  // Any internal answer refuses the host, even beside public ones: the connection must not be able to pick it.
  if (addresses.some(blocked)) {
    throw sourceError('assist-url-private', 400, FIELD, {
      en: 'Addresses inside private networks are not fetched.',
      ja: '内部ネットワークのアドレスは取得できません。',
    });
  }
  return addresses[0]!;
}

/** A lookup that answers only the pinned address, whatever name the socket asks for. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** One GET to the pinned address; the Host header and TLS server name stay the URL's host (certificates checked). */
function get(url: URL, address: string, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      lookup: pinnedLookup(address),
      signal,
      headers: { accept: 'text/html, text/plain, application/pdf' },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/**
 * Fetches one public page for the extractor: http(s) only; each host resolved once, every address checked, the
 * connection made to the checked address (DNS pinning); at most SOURCE_LIMITS.fetchRedirects redirects, each target
 * resolved and checked again; one time limit for the whole transfer, redirects included; a byte limit counted while
 * reading, so an endless page is cut off.
 */
export async function fetchPage(
  address: string,
  options: FetchPageOptions,
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
      const pinned = await pinnedAddress(url, options);
      const response = await get(url, pinned, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        if (hop >= SOURCE_LIMITS.fetchRedirects) {
          throw sourceError('assist-url-redirects', 400, FIELD, {
            en: `More than ${SOURCE_LIMITS.fetchRedirects} redirects.`,
            ja: `リダイレクトが上限（${SOURCE_LIMITS.fetchRedirects} 回）を超えました。`,
          });
        }
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw sourceError('assist-url-status', 400, FIELD, {
          en: `The page answered HTTP ${status}.`,
          ja: `ページが HTTP ${status} を返しました。`,
        });
      }
      if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
        response.destroy();
        throw tooLarge(FIELD, maxBytes);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          response.destroy();
          throw tooLarge(FIELD, maxBytes);
        }
        chunks.push(chunk);
      }
      return {
        bytes: Buffer.concat(chunks),
        contentType: response.headers['content-type'] ?? '',
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
