// When `npm start` holds the embedded database, a `tiepdan` command cannot open it (one process only).
// Instead the command line is handed to the running service over its loopback admin route, and its output
// is printed as the service streams it back.
import type { LockInfo } from '../db/data-dir-lock.js';
import { ADMIN_CLI_CONTENT_TYPE, type AdminCliEvent } from '../http/routes/admin-cli.js';
import { AppError } from '../shared/errors.js';
import { type CliOutput, terminal } from './context.js';

/** Thrown by the terminal context when the database belongs to a running service that accepts commands. */
export class ForwardToService extends Error {
  constructor(readonly holder: LockInfo & { port: number; adminToken: string }) {
    super(`forward to service pid ${holder.pid}`);
    this.name = 'ForwardToService';
  }
}

export interface ForwardedResult {
  /** The command's exit code; its output has already been written to `output` as it arrived. */
  exitCode: number;
}

/** The admin route's media type, whatever charset parameter follows it. */
const STREAM_TYPE = ADMIN_CLI_CONTENT_TYPE.split(';')[0] ?? ADMIN_CLI_CONTENT_TYPE;

/**
 * Runs the command line in the service that holds the database. Output is written to `output` (the terminal
 * by default) chunk by chunk as the service produces it; resolves to the command's exit code.
 */
export async function forwardToService(
  holder: ForwardToService['holder'],
  args: string[],
  cwd: string,
  output: CliOutput = terminal,
  forwarded: { stdin?: string | undefined; osUser?: string | undefined } = {},
): Promise<ForwardedResult> {
  const lostContact = (reason: string) =>
    new AppError('UPSTREAM_FAILED', `Service on port ${holder.port} stopped answering mid-command: ${reason}`, {
      userMessage: `Dịch vụ tiepdan (pid ${holder.pid}) ngừng trả lời khi lệnh đang chạy; lệnh có thể đã chạy xong hoặc dừng giữa chừng. Hãy kiểm tra nhật ký của dịch vụ.`,
    });
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${holder.port}/admin/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${holder.adminToken}` },
      body: JSON.stringify({ args, cwd, ...forwarded }),
    });
  } catch (error) {
    throw new AppError('UPSTREAM_FAILED', `Service on port ${holder.port} unreachable: ${(error as Error).message}`, {
      userMessage: `Dịch vụ tiepdan (pid ${holder.pid}) đang giữ cơ sở dữ liệu nhưng không trả lời ở cổng ${holder.port}. Hãy kiểm tra dịch vụ hoặc dừng nó rồi chạy lại lệnh.`,
    });
  }
  if (!response.ok) {
    throw new AppError('UPSTREAM_FAILED', `Service refused the command: HTTP ${response.status}`, {
      userMessage: `Dịch vụ tiepdan từ chối lệnh (HTTP ${response.status}).`,
    });
  }
  if (!response.body || !response.headers.get('content-type')?.startsWith(STREAM_TYPE)) {
    // a service started before this version answers with one JSON object at the end
    throw new AppError('UPSTREAM_FAILED', `Service answered ${response.headers.get('content-type')}, not a stream`, {
      userMessage: `Dịch vụ tiepdan (pid ${holder.pid}) đang chạy phiên bản cũ hơn lệnh này. Hãy khởi động lại dịch vụ rồi chạy lại lệnh.`,
    });
  }

  let exitCode: number | undefined;
  const handle = (line: string) => {
    if (line.trim() === '') return;
    const event = JSON.parse(line) as AdminCliEvent;
    if ('exitCode' in event) exitCode = event.exitCode;
    else if (event.stream === 'stdout') output.out(event.text);
    else output.err(event.text);
  };
  let pending = '';
  try {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const lines = (pending + read.value).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) handle(line);
    }
    handle(pending);
  } catch (error) {
    throw lostContact((error as Error).message);
  }
  if (exitCode === undefined) throw lostContact('stream ended without an exit code');
  return { exitCode };
}
