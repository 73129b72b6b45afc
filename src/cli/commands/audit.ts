// `tiepdan audit verify`: recomputes the audit trail's hash chain and names every edited or missing row.
import type { Command } from 'commander';
import { describeAuditProblem, describeAuditWarning, verifyAuditLog } from '../../tickets/index.js';
import { type CliContext, print, printJson, setExitCode } from '../context.js';
import { withTicketCli } from './ticket-context.js';

export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('Nhật ký thay đổi (không sửa được, nối chuỗi hash)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ nhật ký; thoát với mã 3 nếu có bản ghi bị sửa hoặc xoá')
    .option('--expect-head <hash>', 'hash đầu chuỗi đã lưu lần kiểm tra trước (phát hiện xoá các bản ghi mới nhất)')
    .option('--json', 'in JSON')
    .action(async (o) => {
      await withTicketCli(context, async ({ audit: reader }) => {
        const result = await verifyAuditLog({ reader, expectHead: o.expectHead });
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
}
