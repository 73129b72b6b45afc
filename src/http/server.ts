// The one HTTP server: health, JSON API, webhooks, web chat and (later) dashboard, all on PORT.
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, toAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** A context mounts its routes on the shared app (webhooks, chat API, Open311…). */
export type RouteMounter = (app: Hono) => void;

export interface HttpAppOptions {
  logger: Logger;
  mounts: RouteMounter[];
  /** Reported by GET /health. */
  health: () => Promise<Record<string, unknown>>;
  /** Largest accepted request body (default 1 MB). */
  maxBodyBytes?: number;
  /** Larger limits for the few routes that take files (path → bytes), e.g. the web chat's attachments. */
  largeBodies?: Record<string, number> | undefined;
}

export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  const tooLarge = bodyLimit({
    maxSize: options.maxBodyBytes ?? 1024 * 1024,
    onError: (c) => c.json({ error: 'BAD_INPUT', message: 'Nội dung gửi lên quá lớn.' }, 413),
  });
  const larger = new Map(
    Object.entries(options.largeBodies ?? {}).map(([route, maxSize]) => [
      route,
      bodyLimit({
        maxSize,
        onError: (c) =>
          c.json(
            {
              error: 'BAD_INPUT',
              message: `Tệp quá lớn: tối đa ${sizeLabel(maxSize)}. Vui lòng chụp lại ảnh nhỏ hơn hoặc gửi tệp khác.`,
            },
            413,
          ),
      }),
    ]),
  );
  app.use('*', (c, next) => (larger.get(c.req.path) ?? tooLarge)(c, next));
  app.get('/health', async (c) => c.json({ status: 'ok', ...(await options.health()) }));
  for (const mount of options.mounts) mount(app);
  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này.' }, 404));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL')
      options.logger.error({ err: appError.message, path: c.req.path }, 'request failed');
    const status = appError.httpStatus as 400;
    return c.json({ error: appError.code, message: appError.userMessage }, status);
  });
  return app;
}

export interface RunningServer {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'Địa chỉ hoặc tiêu đề yêu cầu quá dài. Câu hỏi dài xin gửi bằng POST /api/ask với JSON {"q": "…"}.',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', 'Phần mở rộng của khối dữ liệu gửi lên quá dài.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'Yêu cầu gửi lên quá chậm, xin gửi lại.'],
};

/**
 * Requests the HTTP parser refuses (a URL of tens of kilobytes, broken framing, a stalled upload) never reach
 * Hono. Node would answer them with an empty body; keep its statuses but give them the same Vietnamese JSON
 * shape as every other error.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  // a response already under way on this socket cannot be followed by another: writing one would corrupt it
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'Yêu cầu không hợp lệ.'];
  const body = JSON.stringify({ error: 'BAD_INPUT', message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on host:port (port 0 picks a free one, for tests). */
export async function listen(app: Hono, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.on('clientError', answerClientError);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new AppError('CONFIG_INVALID', `Cannot listen on ${host}:${port}: ${error.code ?? error.message}`, {
          userMessage:
            error.code === 'EADDRINUSE'
              ? `Cổng ${port} đang được dùng bởi chương trình khác. Đặt PORT khác trong .env.`
              : `Không mở được cổng ${host}:${port}.`,
        }),
      );
    });
  });
}

/** 10485760 → "10 MB", 65536 → "64 KB". */
function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}
