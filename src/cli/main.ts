// The `tiepdan` command line: parses arguments and hands each command to its use case.
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/index.js';
import { toAppError } from '../shared/errors.js';
import { registerAskCommand } from './commands/ask.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerDbCommands } from './commands/db.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerKbCommands } from './commands/kb.js';
import { registerSearchCommand } from './commands/search.js';
import { registerTicketCommands } from './commands/tickets.js';
import type { CliContext } from './context.js';

const program = new Command('tiepdan')
  .description('tiepdan — bàn tiếp dân trực tuyến: trả lời thủ tục hành chính, tiếp nhận phản ánh, kiến nghị')
  .showHelpAfterError('(dùng --help để xem hướng dẫn)')
  .exitOverride();

const context: CliContext = { config: () => loadConfig() };

registerDbCommands(program, context);
registerKbCommands(program, context);
registerAskCommand(program, context);
registerSearchCommand(program, context);
registerEvalCommand(program, context);
registerTicketCommands(program, context);
registerAuditCommands(program, context);
// each context registers its commands here (kb, ask, search, eval, tickets, audit, …)

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const appError = toAppError(error);
    process.stderr.write(`Lỗi: ${appError.userMessage}\n`);
    if (appError.code === 'INTERNAL') process.stderr.write(`(${appError.message})\n`);
    process.exitCode = appError.code === 'BAD_INPUT' || appError.code === 'NOT_FOUND' ? 2 : 1;
  }
}
