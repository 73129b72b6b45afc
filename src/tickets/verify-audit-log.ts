// Use case: walk the whole audit trail and recompute its hash chain; names every edited row and every gap.
import { AuditChainVerifier, type AuditProblem, type AuditWarning } from './audit-chain.js';
import type { AuditLogReader } from './ports.js';

export interface VerifyAuditLogOptions {
  reader: AuditLogReader;
  /** The head hash recorded elsewhere earlier (e.g. printed in a report): catches deletion of the newest rows. */
  expectHead?: string | undefined;
  batchSize?: number | undefined;
}

export interface VerifyAuditLogResult {
  ok: boolean;
  rows: number;
  headId: number | null;
  headHash: string;
  problems: AuditProblem[];
  warnings: AuditWarning[];
}

export async function verifyAuditLog(options: VerifyAuditLogOptions): Promise<VerifyAuditLogResult> {
  const verifier = new AuditChainVerifier();
  const batch = options.batchSize ?? 1000;
  let after = 0;
  for (;;) {
    const rows = await options.reader.readAudit(after, batch);
    for (const row of rows) verifier.push(row);
    if (rows.length < batch) break;
    after = rows[rows.length - 1]?.id ?? after;
  }
  const problems = [...verifier.problems];
  if (options.expectHead) {
    // the expected head must still be in the chain; if it was the last row, it must still be the head
    const expected = options.expectHead.trim().toLowerCase();
    const found = await findHash(options.reader, expected);
    if (!found) problems.push({ kind: 'head_mismatch', expected, actual: verifier.headHash });
  }
  return {
    ok: problems.length === 0,
    rows: verifier.count,
    headId: verifier.headId,
    headHash: verifier.headHash,
    problems,
    warnings: verifier.warnings,
  };
}

async function findHash(reader: AuditLogReader, hash: string): Promise<boolean> {
  let after = 0;
  for (;;) {
    const rows = await reader.readAudit(after, 1000);
    if (rows.some((r) => r.hash === hash)) return true;
    if (rows.length < 1000) return false;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export function describeAuditWarning(w: AuditWarning): string {
  return `Số thứ tự nhảy từ #${w.afterId} lên #${w.beforeId} nhưng chuỗi hash liền mạch: có thể do một giao dịch bị huỷ, hoặc bản ghi mới nhất đã bị xoá trước khi ghi tiếp (đối chiếu với hash đầu chuỗi đã lưu: --expect-head).`;
}

/** One Vietnamese line per problem. */
export function describeAuditProblem(p: AuditProblem): string {
  switch (p.kind) {
    case 'edited':
      return `Bản ghi #${p.id} đã bị sửa (hash không khớp nội dung).`;
    case 'missing':
      return p.afterId === null
        ? `Thiếu bản ghi trước #${p.beforeId} (đã bị xoá?).`
        : `Thiếu bản ghi giữa #${p.afterId} và #${p.beforeId} (đã bị xoá?).`;
    case 'relinked':
      return `Chuỗi bị đứt trước bản ghi #${p.beforeId}: bản ghi #${p.afterId ?? 0} đã bị sửa hoặc thay thế.`;
    case 'head_mismatch':
      return `Không còn thấy bản ghi có hash ${p.expected.slice(0, 16)}… đã ghi nhận trước đây: các bản ghi mới nhất có thể đã bị xoá.`;
  }
}
