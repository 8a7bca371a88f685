import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/app-error.ts';
import { fetchPage, isPrivateAddress } from './fetch-page.ts';

describe('addresses a server-side fetch refuses', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '192.168.255.255',
    '169.254.0.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd00:ec2::254', // cloud metadata over IPv6
    'fdff:ffff::1',
    'fe80::1',
    'febf::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe', // 169.254.169.254
    '0:0:0:0:0:ffff:c0a8:1', // 192.168.0.1
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '2002:7f00:1::1', // 6to4 of 127.0.0.1
    'not-an-address',
  ])('%s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '169.255.0.1',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2404:6800:4004:80a::200e',
    '::ffff:8.8.8.8',
  ])('allows public %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('fetchPage: DNS pinning, redirects and limits', () => {
  let server: Server;
  let port: number;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>公開ページ</h1>');
      else if (req.url === '/to-internal')
        res.writeHead(302, { location: `http://internal.example:${port}/page` }).end();
      else if (req.url === '/to-loopback')
        res.writeHead(302, { location: `http://[::ffff:7f00:1]:${port}/page` }).end();
      else if (req.url === '/big') res.writeHead(200).end(Buffer.alloc(4096, 'a'));
      else if (req.url === '/silent') res.writeHead(200).write('<h1>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  // The test server lives on 127.0.0.1, so these tests stand it in for "the public internet" and treat 10/8 as
  // the internal network; the real policy (isPrivateAddress) is tested above.
  const policy = { allowPrivate: false, isBlocked: (a: string) => a.startsWith('10.') };

  it('resolves once and connects to the checked address, so a rebinding DNS answer is never used', async () => {
    const answers = [['127.0.0.1'], ['10.0.0.1']];
    const asked: string[] = [];
    const page = await fetchPage(`http://rebind.example:${port}/page`, {
      ...policy,
      resolve: async (host) => {
        asked.push(host);
        return answers.shift() ?? ['10.0.0.1'];
      },
    });
    expect(Buffer.from(page.bytes).toString()).toBe('<h1>公開ページ</h1>');
    // One resolution; rebind.example is not in any real DNS, so the socket can only have used the pinned answer.
    expect(asked).toEqual(['rebind.example']);
    expect(seen.at(-1)?.host).toBe(`rebind.example:${port}`);
  });

  it('refuses a host when any of its answers is internal', async () => {
    const resolve = async () => ['127.0.0.1', '10.1.2.3'];
    expect(await codeOf(fetchPage(`http://mixed.example:${port}/page`, { ...policy, resolve }))).toBe(
      'assist-url-private',
    );
  });

  it('checks every redirect target again', async () => {
    const resolve = async (host: string) => (host === 'internal.example' ? ['10.0.0.7'] : ['127.0.0.1']);
    expect(await codeOf(fetchPage(`http://public.example:${port}/to-internal`, { ...policy, resolve }))).toBe(
      'assist-url-private',
    );
    // With the real policy, a redirect to an IPv4-mapped loopback literal is refused before any connection.
    expect(
      await codeOf(
        fetchPage(`http://public.example:${port}/to-loopback`, {
          allowPrivate: false,
          resolve,
          isBlocked: (a) => a !== '127.0.0.1' && isPrivateAddress(a),
        }),
      ),
    ).toBe('assist-url-private');
  });

  it('refuses internal literals and metadata addresses with the real policy', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f.1/',
    ]) {
      expect(await codeOf(fetchPage(url, { allowPrivate: false })), url).toBe('assist-url-private');
    }
    expect(await codeOf(fetchPage('file:///etc/passwd', { allowPrivate: false }))).toBe('assist-url-scheme');
  });

  it('cuts off a page over the byte limit and a page that never ends in time', async () => {
    const resolve = async () => ['127.0.0.1'];
    expect(await codeOf(fetchPage(`http://p.example:${port}/big`, { ...policy, resolve, maxBytes: 1024 }))).toBe(
      'assist-source-too-large',
    );
    expect(await codeOf(fetchPage(`http://p.example:${port}/silent`, { ...policy, resolve, timeoutMs: 300 }))).toBe(
      'assist-url-timeout',
    );
  });
});
