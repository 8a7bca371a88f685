import { z } from 'zod';

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export class LlmError extends Error {
  override name = 'LlmError';
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/**
 * One Chat Completions call (OpenAI-compatible: OpenAI, Azure OpenAI's v1 path, vLLM, llama.cpp server, Ollama…)
 * asking for JSON that follows `schema` through `response_format: json_schema`. Returns the parsed JSON; any
 * transport, status, time-out or JSON problem is an LlmError, which callers turn into the deterministic fallback.
 */
export async function completeJson(
  config: LlmConfig,
  request: { system: string; user: string; schemaName: string; schema: Record<string, unknown> },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      signal: AbortSignal.timeout(config.timeoutMs),
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: request.schemaName, strict: true, schema: request.schema },
        },
      }),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new LlmError(
      timedOut ? `no answer within ${config.timeoutMs} ms` : `request failed: ${(error as Error).message}`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new LlmError(`HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new LlmError('the answer is not JSON');
  }
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) throw new LlmError('the answer is not a chat completion');
  const content = parsed.data.choices[0]!.message.content;
  if (!content) throw new LlmError('the completion is empty');
  try {
    return JSON.parse(content);
  } catch {
    throw new LlmError('the completion is not the JSON asked for');
  }
}
