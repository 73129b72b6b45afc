// Use case: walk the whole audit trail and recompute its hash chain; names every edited row and every gap.
import { type AuditAnchor, AuditChainVerifier, type AuditProblem, type AuditWarning } from './audit-chain.js';
import type { AuditLogReader, AuditSealer } from './ports.js';

export interface VerifyAuditLogOptions {
  reader: AuditLogReader;
  /** The head hash recorded elsewhere earlier (e.g. printed in a report): catches deletion of the newest rows. */
  expectHead?: string | undefined;
  /** Heads recorded outside the database earlier (`tiepdan audit anchor`): each row must still be there, unchanged. */
  anchors?: AuditAnchor[] | undefined;
  /** The audit key's sealer: without it, seals are reported as not checked. */
  sealer?: AuditSealer | undefined;
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
  const verifier = new AuditChainVerifier(options.sealer);
  const batch = options.batchSize ?? 1000;
  const anchors = new Map((options.anchors ?? []).map((a) => [a.id, a]));
  const anchorProblems: AuditProblem[] = [];
  let after = 0;
  for (;;) {
    const rows = await options.reader.readAudit(after, batch);
    for (const row of rows) {
      verifier.push(row);
      const anchor = anchors.get(row.id);
      if (anchor) {
        anchors.delete(row.id);
        const sealChanged = anchor.mac !== undefined && (anchor.mac ?? null) !== (row.mac ?? null);
        if (anchor.hash.toLowerCase() !== row.hash || sealChanged)
          anchorProblems.push({ kind: 'anchor_changed', id: row.id, at: anchor.at });
      }
    }
    if (rows.length < batch) break;
    after = rows[rows.length - 1]?.id ?? after;
  }
  verifier.finish();
  // anchored rows not met on the way: deleted
  for (const anchor of anchors.values()) anchorProblems.push({ kind: 'anchor_missing', id: anchor.id, at: anchor.at });
  const problems = [...verifier.problems, ...anchorProblems];
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
  switch (w.kind) {
    case 'id_gap':
      return `Số thứ tự nhảy từ #${w.afterId} lên #${w.beforeId} nhưng chuỗi hash liền mạch: có thể do một giao dịch bị huỷ, hoặc bản ghi mới nhất đã bị xoá trước khi ghi tiếp (đối chiếu với mốc neo đã lưu: --anchor).`;
    case 'unsealed_before_key':
      return `${w.count} bản ghi đầu (đến #${w.lastId}) được ghi trước khi có khóa nhật ký nên không có dấu niêm phong; chuỗi hash vẫn bảo vệ chúng.`;
    case 'seals_unchecked':
      return `${w.count} dấu niêm phong chưa được kiểm tra vì lệnh này không có khóa nhật ký (AUDIT_KEY hoặc tệp khóa).`;
  }
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
    case 'seal_mismatch':
      return p.fromId === p.toId
        ? `Bản ghi #${p.fromId} đã bị sửa (dấu niêm phong không khớp).`
        : `Bản ghi #${p.fromId} đã bị sửa: dấu niêm phong không khớp từ #${p.fromId} đến #${p.toId}, vì chuỗi hash đã bị tính lại để che giấu việc sửa.`;
    case 'unsealed':
      return `Bản ghi #${p.id} bị xoá dấu niêm phong (các bản ghi trước nó đều có).`;
    case 'anchor_changed':
      return `Bản ghi #${p.id} không còn như lúc neo (${p.at}): một bản ghi từ #1 đến #${p.id} đã bị sửa rồi chuỗi hash được tính lại.`;
    case 'anchor_missing':
      return `Bản ghi #${p.id} đã neo lúc ${p.at} không còn: các bản ghi từ #${p.id} trở đi đã bị xoá.`;
  }
}
