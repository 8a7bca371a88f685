import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { rawRecord } from './registry.factories.ts';
import { searchResultSchema } from './registry.schemas.ts';
import { importRegistry } from './use-cases/import-registry.ts';

let t: TestContext;
const records = [
  rawRecord({
    psid: 'test+131199+UM1',
    areaCode: '131199',
    name: '6～7か月児健診',
    months: [6, 7],
    categories: ['027'],
  }),
  rawRecord({
    psid: 'test+131199+UM2',
    areaCode: '131199',
    name: '定期予防接種',
    shortName: '五種混合',
    months: [2, 89],
    categories: ['004', '027'],
  }),
  rawRecord({
    psid: 'test+131199+UM3',
    areaCode: '131199',
    name: '妊婦健康診査',
    targetPersons: '妊婦',
    targetCodes: ['086'],
  }),
  rawRecord({ psid: 'test+131016+UM1', areaCode: '131016', name: '千代田区の乳児健診', months: [0, 11] }),
  rawRecord({
    psid: 'test+130001+UM1',
    areaCode: '130001',
    name: '東京都の育児支援',
    months: [0, 35],
    procedureTo: '2099-03-31',
  }),
  rawRecord({ psid: 'test+130001+UM2', areaCode: '130001', name: '東京都の年齢不明制度' }),
];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T03:00:00Z') });
  await importRegistry(t.services, { records, source: 'test', actor: SYSTEM_ACTOR });
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

describe('GET /api/v1/programs', () => {
  it('returns only 板橋区 and Tokyo-wide programs whose windows contain 8 months', async () => {
    const res = await get('/api/v1/programs?municipality=131199&ageMonths=8');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { psid: string }) => i.psid)).toEqual(['test+130001+UM1', 'test+131199+UM2']);
    expect(body.total).toBe(2);
    // The list is assembled from stored summaries; it must still match the documented schema exactly.
    expect(searchResultSchema.strict().parse(body)).toEqual(body);
    expect(body.unknownAge).toBe('exclude');
    expect(body.attribution.license).toBe('CC-BY-4.0');
    expect(body.items[0].ageMonths).toEqual({ min: 0, max: 36, source: 'explicit' });
    expect(res.headers['x-attribution']).toMatch(/CC BY 4.0/);
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['last-modified']).toBeTruthy();
  });

  it('includes unknown windows on request, and filters prenatal, category and partial words', async () => {
    const withUnknown = await get('/api/v1/programs?municipality=131199&ageMonths=8&unknownAge=include');
    expect(withUnknown.json().items.map((i: { psid: string }) => i.psid)).toContain('test+130001+UM2');
    const prenatal = await get('/api/v1/programs?municipality=131199&prenatal=true');
    expect(prenatal.json().items.map((i: { psid: string }) => i.psid)).toEqual(['test+131199+UM3']);
    const category = await get('/api/v1/programs?category=004');
    expect(category.json().items.map((i: { psid: string }) => i.psid)).toEqual(['test+131199+UM2']);
    const q = await get(`/api/v1/programs?q=${encodeURIComponent('予防接')}`);
    expect(q.json().items.map((i: { psid: string }) => i.psid)).toEqual(['test+131199+UM2']);
    const shortName = await get(`/api/v1/programs?q=${encodeURIComponent('五種')}`);
    expect(shortName.json().total).toBe(1);
    const none = await get(`/api/v1/programs?q=${encodeURIComponent('防予')}`);
    expect(none.json().total).toBe(0);
  });

  it('pages with nextCursor', async () => {
    const first = (await get('/api/v1/programs?limit=4')).json();
    expect(first.items).toHaveLength(4);
    expect(first.total).toBe(6);
    const second = (await get(`/api/v1/programs?limit=4&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it('serves the same list gzip-compressed when the client accepts it', async () => {
    const plain = await get('/api/v1/programs?limit=50');
    const zipped = await get('/api/v1/programs?limit=50', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/api/v1/programs?municipality=131199');
    const again = await get('/api/v1/programs?municipality=131199', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const since = await get('/api/v1/programs/changes', {
      'if-modified-since': first.headers['last-modified'] as string,
    });
    expect(since.statusCode).toBe(304);
    const stale = await get('/api/v1/programs', { 'if-none-match': 'W/"r0-2000-01-01"' });
    expect(stale.statusCode).toBe(200);
  });

  it('rejects bad input with problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/v1/programs?municipality=131198', 'query.municipality'],
      ['/api/v1/programs?ageMonths=-1', 'query.ageMonths'],
      ['/api/v1/programs?ageMonths=1000', 'query.ageMonths'],
      ['/api/v1/programs?ageMonths=abc', 'query.ageMonths'],
      ['/api/v1/programs?category=999', 'query.category'],
      ['/api/v1/programs?prenatal=maybe', 'query.prenatal'],
      ['/api/v1/programs?cursor=bogus', 'query.cursor'],
      ['/api/v1/programs/changes?since=abc', 'query.since'],
      ['/api/v1/programs/not-a-uuid', 'params.id'],
      ['/api/v1/programs/export.csv?encoding=latin1', 'query.encoding'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
      expect(res.json().errors[0].field, url).toBe(field);
    }
  });
});

describe('program detail, change feed and exports', () => {
  it('returns one program with its contact and links, 404 for an unknown id', async () => {
    const { items } = (await get('/api/v1/programs?municipality=131016')).json();
    const id = items.find((i: { psid: string }) => i.psid === 'test+131016+UM1').id;
    const res = await get(`/api/v1/programs/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ psid: 'test+131016+UM1', status: 'published', version: 1 });
    expect(res.json().attribution.ja).toMatch(/GovTech東京/);
    const missing = await get('/api/v1/programs/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('lists changes in cursor order and resumes after a cursor', async () => {
    const all = (await get('/api/v1/programs/changes')).json();
    expect(all.items).toHaveLength(records.length);
    expect(all.items.every((c: { kind: string }) => c.kind === 'created')).toBe(true);
    const cursors = all.items.map((c: { cursor: string }) => Number(c.cursor));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    const rest = (await get(`/api/v1/programs/changes?since=${all.items[2].cursor}`)).json();
    expect(rest.items).toHaveLength(records.length - 3);
    const none = (await get(`/api/v1/programs/changes?since=${all.nextCursor}`)).json();
    expect(none).toMatchObject({ items: [], nextCursor: all.nextCursor, hasMore: false });
  });

  it('exports the Tokyo shape as JSON and CSV in UTF-8 and Shift_JIS', async () => {
    const json = await get('/api/v1/programs/export.json');
    expect(json.json()).toHaveLength(records.length);
    expect(json.json()[0].basicInformation.psid).toBeTruthy();
    expect(json.headers.link).toMatch(/creativecommons/);
    const utf8 = await get('/api/v1/programs/export.csv');
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(utf8.body).toContain('定期予防接種');
    const sjis = await get('/api/v1/programs/export.csv?encoding=shift_jis');
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    const bytes = sjis.rawPayload;
    // 「定」 in Shift_JIS is 0x92 0xE8.
    expect(bytes.includes(Buffer.from([0x92, 0xe8]))).toBe(true);
    expect(new TextDecoder('shift_jis').decode(bytes)).toContain('定期予防接種');
  });
});

describe('OpenAPI', () => {
  it('documents the registry API from its zod schemas', async () => {
    const spec = (await get('/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/programs',
        '/api/v1/programs/{id}',
        '/api/v1/programs/changes',
        '/api/v1/programs/export.json',
        '/api/v1/programs/export.csv',
      ]),
    );
    const params = spec.paths['/api/v1/programs'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['municipality', 'ageMonths', 'prenatal', 'category', 'q', 'cursor']),
    );
  });
});
