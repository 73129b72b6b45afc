// Turns a failure of an external AI service into an AppError that carries no secret and no remote text.
import { AppError } from '../../shared/errors.js';

export type UpstreamService = 'openai-chat' | 'openai-embeddings' | 'pinecone' | 'pgvector';

/** Removes the given secrets and anything shaped like an API key from a message. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[ẩn]');
  return out
    .replace(/\b(sk|pcsk|pk)[-_][A-Za-z0-9_*-]{6,}/g, '[ẩn]')
    .replace(/(bearer\s+)[^\s"']+/gi, '$1[ẩn]')
    .replace(/(api[-_ ]?key["'=:\s]+)[^\s"',}]+/gi, '$1[ẩn]');
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown }; cause?: { status?: unknown } };
  for (const s of [e?.status, e?.response?.status, e?.cause?.status]) if (typeof s === 'number') return s;
  return undefined;
}

/**
 * Wraps an error from an OpenAI-compatible endpoint or a vector store. The internal message keeps the
 * error's class and status (and its text with secrets removed, for the operator); the original error is
 * not kept as `cause`, because client errors hold request headers with the key.
 */
export function toUpstreamError(
  error: unknown,
  service: UpstreamService,
  secrets: ReadonlyArray<string | undefined>,
): AppError {
  if (error instanceof AppError) return error;
  const name = (error as Error)?.name ?? 'Error';
  const status = statusOf(error);
  const timedOut = /timeout|timed out|aborted/i.test(`${name} ${(error as Error)?.message ?? ''}`);
  const detail = redactSecrets(String((error as Error)?.message ?? error), secrets).slice(0, 300);
  return new AppError('UPSTREAM_FAILED', `${service} failed (${name}${status ? ` ${status}` : ''}): ${detail}`, {
    userMessage: 'Dịch vụ trí tuệ nhân tạo bên ngoài tạm thời không phản hồi.',
    details: { service, status, kind: timedOut ? 'timeout' : status ? 'api' : 'network' },
  });
}
