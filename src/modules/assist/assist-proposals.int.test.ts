import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';
import { importRegistry, rawRecord } from '../registry/index.ts';
import { registryProgramVersions } from '../registry/registry.tables.ts';
import { japanesePdf } from './testing/japanese-pdf.ts';

let t: TestContext;
let server: Server;
let base: string;
type Cookies = Record<string, string>;
let editor: Cookies;
let adachiEditor: Cookies;
let programId: string;

const PAGE = `<!doctype html><html><head><title>板橋区 | 乳児おむつ支援</title><script>var x = "対象：99歳";</script></head>
<body><header>板橋区</header><main><h1>乳児おむつ支援</h1>
<p>区内在住の子育て家庭に、紙おむつを毎月お届けします。</p>
<h2>対象</h2><p>生後２か月から１歳６か月までのお子さんがいる世帯</p>
<h2>申請期間</h2><p>令和7年4月1日（火）から令和8年3月31日（火）まで</p>
<h2>支給内容</h2><p>1人につき月額3,000円相当</p>
<h2>お問い合わせ</h2><p>子育て支援課 電話：03-3579-2000 &amp; <a href="mailto:kosodate@city.itabashi.example">kosodate@city.itabashi.example</a></p>
</main></body></html>`;

beforeAll(async () => {
  t = await createTestApp();
  const report = await importRegistry(t.services, {
    records: [rawRecord({ psid: 'assist+131199+1', areaCode: '131199', name: '乳児おむつ支援', months: [0, 11] })],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
  expect(report.created).toBe(1);
  const sign = async (municipalityCode: string) =>
    staffCookie(t.app, t.services, await makeStaff(t.services, { municipalityCode, roles: ['registry-editor'] }));
  editor = await sign('131199');
  adachiEditor = await sign('131211');
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/staff/registry/programs', cookies: editor });
  programId = list.json().items[0].id;
  server = createServer((req, res) => {
    if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'あ');
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        res.once('drain', pump);
      };
      pump();
      req.on('close', () => res.destroy());
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await t?.close();
});

const propose = (cookies: Cookies, payload: unknown, id = programId) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/assist/programs/${id}/proposals`,
    cookies,
    payload: payload as object,
  });

describe('proposals from a municipal page', () => {
  it('reads a saved page into a field diff with evidence, and two accepted fields enter review', async () => {
    const res = await propose(editor, { text: PAGE, name: 'itabashi-omutsu.html' });
    expect(res.statusCode).toBe(201);
    const proposal = res.json();
    expect(proposal.extractor).toBe('deterministic');
    const row = (field: string) => proposal.diff.find((d: { field: string }) => d.field === field);
    expect(row('name').proposed).toBe('乳児おむつ支援');
    expect(row('ageMonths')).toMatchObject({
      current: { min: 0, max: 12 },
      proposed: { min: 2, max: 19 },
      changed: true,
    });
    expect(row('ageMonths').evidence[0].quote).toBe('生後２か月から１歳６か月まで');
    expect(row('procedurePeriod').proposed).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(row('contactPhone')).toMatchObject({ proposed: '03-3579-2000', applicable: false });
    expect(row('contactEmail').proposed).toBe('kosodate@city.itabashi.example');
    // The script's 「対象：99歳」 is not page text.
    expect(JSON.stringify(proposal.diff)).not.toContain('99歳');

    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/proposals/${proposal.id}/decisions`,
      cookies: editor,
      payload: {
        decisions: {
          ageMonths: { action: 'accept' },
          procedurePeriod: { action: 'accept' },
          summary: { action: 'reject' },
          name: { action: 'reject' },
        },
      },
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'applied', version: 2, accepted: ['ageMonths', 'procedurePeriod'] });
    const [version] = await t.services.db
      .select()
      .from(registryProgramVersions)
      .where(eq(registryProgramVersions.version, 2));
    expect(version).toMatchObject({ status: 'in_review', programId });
    expect(version!.data.ageMonths).toMatchObject({ min: 2, max: 19 });
    expect(version!.data.procedurePeriod).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
    expect(version!.data.name).toBe('乳児おむつ支援');
    // Nothing was published: the public record keeps its old window.
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/programs/${programId}` });
    expect(pub.json().ageMonths ?? pub.json().program?.ageMonths).toMatchObject({ min: 0, max: 12 });

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/proposals/${proposal.id}/decisions`,
      cookies: editor,
      payload: { decisions: { name: { action: 'accept' } } },
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps proposals to the program’s municipality', async () => {
    expect((await propose(adachiEditor, { text: PAGE })).statusCode).toBe(403);
  });

  it('names the field or limit for bad input', async () => {
    const none = await propose(editor, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('body');
    const notPdf = await propose(editor, { pdfBase64: Buffer.from('%PDF-1.4 broken').toString('base64') });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().code).toBe('assist-pdf-malformed');
    const scan = await propose(editor, { pdfBase64: Buffer.from(japanesePdf([[]])).toString('base64') });
    expect(scan.statusCode).toBe(422);
    expect(scan.json()).toMatchObject({ code: 'assist-pdf-no-text', errors: [{ field: 'file' }] });
    const huge = await propose(editor, { text: 'あ'.repeat(800_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detailJa).toContain('2 MB');
    const ftp = await propose(editor, { url: 'ftp://example.jp/a.html' });
    expect(ftp.json()).toMatchObject({ code: 'assist-url-scheme', errors: [{ field: 'body.url' }] });
  });

  it('reads a PDF hand-out with Japanese text', async () => {
    const pdf = japanesePdf([
      ['乳児おむつ支援のご案内', '対象：生後２か月から１歳６か月までのお子さん', '電話 03-3579-2000'],
    ]);
    const res = await propose(editor, { pdfBase64: Buffer.from(pdf).toString('base64'), name: 'omutsu.pdf' });
    expect(res.statusCode).toBe(201);
    const age = res.json().diff.find((d: { field: string }) => d.field === 'ageMonths');
    expect(age.proposed).toEqual({ min: 2, max: 19 });
  });

  it('fetches a page by URL with limits on redirects and size', async () => {
    const ok = await propose(editor, { url: `${base}/page` });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().diff.find((d: { field: string }) => d.field === 'name').proposed).toBe('乳児おむつ支援');
    const loop = await propose(editor, { url: `${base}/loop` });
    expect(loop.json()).toMatchObject({ code: 'assist-url-redirects', status: 400 });
    const endless = await propose(editor, { url: `${base}/endless` });
    expect(endless.statusCode).toBe(413);
    expect(endless.json().code).toBe('assist-source-too-large');
  });
});
