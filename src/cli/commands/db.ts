// `tiepdan db migrate`: applies pending SQL migrations to the configured database.
import type { Command } from 'commander';
import { type CliContext, print } from '../context.js';

export function registerDbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description('Cơ sở dữ liệu');
  db.command('migrate')
    .description('Áp dụng các migration chưa chạy (mỗi tệp một lần, trong một giao dịch)')
    .action(async () => {
      const database = await context.openDatabase({
        onMigrated: (result) => {
          for (const name of result.applied) print(`Đã áp dụng: ${name}`);
          if (result.applied.length === 0)
            print(`Cơ sở dữ liệu đã cập nhật (${result.alreadyApplied.length} migration).`);
        },
      });
      await database.close();
    });
}
