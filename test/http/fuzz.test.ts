// Property-based, through the real HTTP server of the whole service (in process, temp DATA_DIR): any body, query
// or content type sent to the chat and ask endpoints gets no 500, a clear Vietnamese message when refused, and the
// database holds no unclean string afterwards.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir } from '../cli/run-cli.js';
import { scanDatabase } from '../support/fuzz/clean.js';
import { askEndpointProperty, chatEndpointProperty } from '../support/fuzz/properties.js';
import { REPO_ROOT } from '../support/shared-data.js';

let dataDir: string;
let service: Service;

beforeAll(async () => {
  dataDir = await createDataDir('tiepdan-http-fuzz-');
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
      SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
    },
    REPO_ROOT,
  );
  service = await startService({ config, logger: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await service?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the chat and ask endpoints, fuzzed', () => {
  it('POST /api/chat/messages: no 500, a Vietnamese message for what is refused, nothing unclean stored', async () => {
    const opened = await fetch(`${service.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'x-chat-session': 'new' },
    });
    const { sessionId } = (await opened.json()) as { sessionId: string };
    await fc.assert(chatEndpointProperty(service.url, sessionId), { numRuns: 150 });
    // the fuzzed messages did reach the engine and the transcript
    expect(await service.db.prisma.webChatMessage.count()).toBeGreaterThan(10);
    expect(await scanDatabase(service.db)).toEqual([]);
  });

  it('GET and POST /api/ask: no 500, a Vietnamese message for what is refused', async () => {
    await fc.assert(askEndpointProperty(service.url), { numRuns: 150 });
    expect(await scanDatabase(service.db)).toEqual([]);
  });
});

describe('what the fuzzing found', () => {
  it('POST /api/ask with a focus that is not a string is refused in Vietnamese', async () => {
    const response = await fetch(`${service.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'lệ phí khai sinh', focus: {} }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'BAD_INPUT',
      message: 'Mã thủ tục (focus) phải là một chuỗi, ví dụ "1.001193".',
    });
  });
});
