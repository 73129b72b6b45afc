// The shared HTTP server's answers to requests Node's parser refuses, through a raw socket on 127.0.0.1.
import net from 'node:net';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, listen, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/shared/logger.js';

let running: RunningServer;

beforeAll(async () => {
  const mount = (app: Hono) => {
    app.post('/echo', async (c) => c.text(await c.req.text()));
  };
  const app = createHttpApp({ logger: createLogger({ level: 'silent' }), mounts: [mount], health: async () => ({}) });
  running = await listen(app, '127.0.0.1', 0);
});

afterAll(async () => {
  await running.close();
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(running.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.end(text);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers an oversized chunk extension with 413 and a Vietnamese JSON message', async () => {
    const reply = await rawRequest(
      'POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
        `1;${'a'.repeat(20_000)}\r\nx\r\n0\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('application/json');
    expect(reply).toContain('quá dài');
  });

  it('answers broken framing with 400 in the same shape', async () => {
    const reply = await rawRequest('GARBAGE\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('Yêu cầu không hợp lệ.');
  });
});
