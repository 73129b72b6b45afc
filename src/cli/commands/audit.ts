// `tiepdan audit verify`: recomputes the audit trail's hash chain and names every edited or missing row.
import { appendFile, readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { auditSealerOf } from '../../db/audit-seal.js';
import { AppError } from '../../shared/errors.js';
import { type AuditAnchor, describeAuditProblem, describeAuditWarning, verifyAuditLog } from '../../tickets/index.js';
import { type CliContext, print, printJson, setExitCode } from '../context.js';
import { withTicketCli } from './ticket-context.js';

/** Anchors from a file `audit anchor --file` wrote: one JSON object per line. */
async function readAnchors(file: string): Promise<AuditAnchor[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new AppError('NOT_FOUND', `Anchor file ${file} not found`, {
      userMessage: `Không đọc được tệp mốc neo ${file}.`,
    });
  });
  const anchors: AuditAnchor[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      const a = JSON.parse(line) as Partial<AuditAnchor>;
      if (typeof a.id !== 'number' || typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/i.test(a.hash)) throw new Error();
      anchors.push({
        id: a.id,
        hash: a.hash,
        ...(typeof a.mac === 'string' || a.mac === null ? { mac: a.mac } : {}),
        at: typeof a.at === 'string' ? a.at : '?',
      });
    } catch {
      throw new AppError('BAD_INPUT', `Bad anchor line ${i + 1} in ${file}`, {
        userMessage: `Dòng ${i + 1} của tệp mốc neo ${file} không phải một mốc neo (JSON có id và hash).`,
      });
    }
  }
  return anchors;
}

export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('Nhật ký thay đổi (không sửa được, nối chuỗi hash)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ nhật ký; thoát với mã 3 nếu có bản ghi bị sửa hoặc xoá')
    .option('--expect-head <hash>', 'hash đầu chuỗi đã lưu lần kiểm tra trước (phát hiện xoá các bản ghi mới nhất)')
    .option('--anchor <file>', 'tệp mốc neo do "audit anchor --file" ghi: mỗi mốc phải còn nguyên')
    .option('--json', 'in JSON')
    .action(async (o) => {
      const anchors = o.anchor ? await readAnchors(context.resolvePath(o.anchor)) : undefined;
      await withTicketCli(context, async ({ db, audit: reader }) => {
        const result = await verifyAuditLog({
          reader,
          expectHead: o.expectHead,
          anchors,
          sealer: auditSealerOf(db.prisma),
        });
        if (o.json) printJson(result);
        else {
          for (const p of result.problems) print(`✗ ${describeAuditProblem(p)}`);
          for (const w of result.warnings) print(`! ${describeAuditWarning(w)}`);
          print(
            result.ok
              ? `✓ Nhật ký toàn vẹn: ${result.rows} bản ghi.`
              : `✗ Nhật ký KHÔNG toàn vẹn: ${result.problems.length} vấn đề trong ${result.rows} bản ghi.`,
          );
          print(
            `Hash đầu chuỗi (lưu lại để đối chiếu lần sau): ${result.headHash}${result.headId ? ` (#${result.headId})` : ''}`,
          );
        }
        if (!result.ok) setExitCode(3);
      });
    });

  audit
    .command('anchor')
    .description('Ghi mốc neo (số thứ tự và hash đầu chuỗi) ra ngoài cơ sở dữ liệu để đối chiếu về sau')
    .option('--file <path>', 'thêm mốc vào cuối tệp này (nên để trên máy khác hoặc thiết bị lưu trữ riêng)')
    .action(async (o) => {
      await withTicketCli(context, async ({ audit: reader }) => {
        const result = await verifyAuditLog({ reader });
        if (result.headId === null) {
          print('Nhật ký còn trống: chưa có gì để neo.');
          return;
        }
        const [head] = await reader.readAudit(result.headId - 1, 1);
        const anchor: AuditAnchor = {
          id: result.headId,
          hash: result.headHash,
          mac: head?.mac ?? null,
          at: new Date().toISOString(),
        };
        const line = JSON.stringify(anchor);
        if (o.file) {
          await appendFile(context.resolvePath(o.file), `${line}\n`, { mode: 0o600 });
          print(
            `Đã thêm mốc neo #${anchor.id} vào ${o.file}. Kiểm tra về sau: tiepdan audit verify --anchor ${o.file}`,
          );
        }
        if (!result.ok) print('! Nhật ký hiện đã có vấn đề (xem tiepdan audit verify): mốc này neo cả phần đã bị sửa.');
        print(line);
      });
    });
}
