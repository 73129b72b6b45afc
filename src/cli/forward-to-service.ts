// When `npm start` holds the embedded database, a `tiepdan` command cannot open it (one process only).
// Instead the command line is handed to the running service over its loopback admin route.
import type { LockInfo } from '../db/data-dir-lock.js';
import { AppError } from '../shared/errors.js';

/** Thrown by the terminal context when the database belongs to a running service that accepts commands. */
export class ForwardToService extends Error {
  constructor(readonly holder: LockInfo & { port: number; adminToken: string }) {
    super(`forward to service pid ${holder.pid}`);
    this.name = 'ForwardToService';
  }
}

export interface ForwardedResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function forwardToService(
  holder: ForwardToService['holder'],
  args: string[],
  cwd: string,
): Promise<ForwardedResult> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${holder.port}/admin/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${holder.adminToken}` },
      body: JSON.stringify({ args, cwd }),
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
  return (await response.json()) as ForwardedResult;
}
