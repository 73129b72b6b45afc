// ChatModel adapter for any OpenAI-compatible chat endpoint (OpenAI, vLLM, Ollama…) through the openai client.
import OpenAI from 'openai';
import type { ChatModel } from '../llm/chat-model.js';
import { toUpstreamError } from './upstream-error.js';

export interface OpenAiChatOptions {
  model: string;
  /** Local servers (vLLM, Ollama) accept any key; leave undefined there. */
  apiKey?: string | undefined;
  /** e.g. http://127.0.0.1:11434/v1; undefined = api.openai.com */
  baseURL?: string | undefined;
  timeoutMs?: number;
  /** Retries inside the client (default 0: the writer falls back to the extractive answer instead). */
  maxRetries?: number;
}

/** Placeholder key for servers that need none; the openai client refuses to start without one. */
const NO_KEY = 'no-key';

export function createOpenAiChat(options: OpenAiChatOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey ?? NO_KEY,
    baseURL: options.baseURL,
    timeout: options.timeoutMs ?? 20_000,
    maxRetries: options.maxRetries ?? 0,
  });
  return {
    model: options.model,
    async complete({ system, user, maxTokens, signal }) {
      try {
        const completion = await client.chat.completions.create(
          {
            model: options.model,
            temperature: 0,
            max_tokens: maxTokens,
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: user },
            ],
          },
          { signal },
        );
        return completion.choices[0]?.message?.content ?? '';
      } catch (error) {
        throw toUpstreamError(error, 'openai-chat', [options.apiKey]);
      }
    },
  };
}
