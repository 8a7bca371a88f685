import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmExtractor } from './llm-extractor.ts';

const PAGE = [
  '出産応援ギフト',
  '妊娠中の方に10万円分のギフトをお贈りします。',
  '対象',
  '妊娠届を提出した妊婦',
  '申請期間',
  '令和7年4月1日から令和8年3月31日まで',
  '電話 03-1234-5678',
].join('\n');

let server: Server;
let base: string;
const seen: { body: Record<string, unknown>; authorization?: string }[] = [];

async function json(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A Chat Completions endpoint as OpenAI-compatible servers speak it, with a few misbehaving variants. */
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await json(req);
    seen.push({ body, authorization: req.headers.authorization });
    const answer = (content: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: body.model,
          choices: [
            { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(content) } },
          ],
        }),
      );
    if (req.url === '/good/v1/chat/completions') {
      answer({
        name: { value: '出産応援ギフト', quote: '出産応援ギフト' },
        summary: {
          value: '妊娠中の方に10万円分のギフトをお贈りします。',
          quote: '妊娠中の方に10万円分のギフトをお贈りします。',
        },
        targetText: { value: '妊娠届を提出した妊婦', quote: '妊娠届を提出した妊婦' },
        ageMonths: null,
        prenatal: { value: true, quote: '妊婦' },
        procedurePeriod: { from: '2025-04-01', to: '2026-03-31', quote: '令和7年4月1日から令和8年3月31日まで' },
        implementationPeriod: null,
        // A value whose quote is not on the page: dropped.
        url: { value: 'https://invented.example/', quote: 'https://invented.example/' },
      });
    } else if (req.url === '/off-schema/v1/chat/completions') {
      answer({ name: 'just a string' });
    } else if (req.url === '/slow/v1/chat/completions') {
      setTimeout(() => answer({}), 5000).unref();
    } else {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});

const extractor = (path: string, timeoutMs = 3000) =>
  llmExtractor({ baseUrl: `${base}/${path}/v1`, model: 'test-model', apiKey: 'sk-test', timeoutMs });

describe('LLM extractor over Chat Completions', () => {
  it('asks for JSON-schema output and keeps only values whose quote is on the page', async () => {
    const result = await extractor('good').extract({ text: PAGE });
    expect(result.extractor).toBe('llm');
    expect(result.notices).toEqual([]);
    expect(result.fields.name?.value).toBe('出産応援ギフト');
    expect(result.fields.prenatal?.evidence[0]?.quote).toBe('妊婦');
    expect(result.fields.procedurePeriod?.value).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(result.fields.url).toBeUndefined();
    // Contact comes from the deterministic patterns.
    expect(result.fields.contactPhone?.value).toBe('03-1234-5678');
    const request = seen.at(-1)!;
    expect(request.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({
      model: 'test-model',
      response_format: { type: 'json_schema', json_schema: { name: 'program_proposal', strict: true } },
    });
  });

  it.each([
    ['error', 'HTTP 500'],
    ['off-schema', 'schema'],
  ])('falls back to the deterministic result with a notice (%s)', async (path, why) => {
    const result = await extractor(path).extract({ text: PAGE });
    expect(result.extractor).toBe('deterministic');
    expect(result.notices[0]?.en).toContain(why);
    expect(result.fields.procedurePeriod?.value).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('falls back when the model does not answer in time', async () => {
    const result = await extractor('slow', 1000).extract({ text: PAGE });
    expect(result.extractor).toBe('deterministic');
    expect(result.notices[0]?.en).toContain('1000 ms');
  });
});
