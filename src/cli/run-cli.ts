// Builds the `tiepdan` program and runs one command line, in a terminal or inside the service.
import { Command, CommanderError } from 'commander';
import { isAppError, toAppError } from '../shared/errors.js';
import { registerAskCommand } from './commands/ask.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerDbCommands } from './commands/db.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerKbCommands } from './commands/kb.js';
import { registerQuestionCommands } from './commands/questions.js';
import { registerSearchCommand } from './commands/search.js';
import { registerTicketCommands } from './commands/tickets.js';
import { registerUserCommands } from './commands/users.js';
import { registerZaloCommands } from './commands/zalo.js';
import { type CliContext, currentSink } from './context.js';
import { ForwardToService } from './forward-to-service.js';
import { speakVietnamese, vietnameseError } from './vietnamese-help.js';

/** Commands that only read (everything else may change data, and is told which database it writes to). */
const READ_ONLY = new Set([
  'ask',
  'search',
  'eval',
  'kb list',
  'tickets list',
  'tickets show',
  'tickets export',
  'tickets report',
  'tickets outbox',
  'tickets holidays',
  'tickets deadline',
  'questions list',
  'users list',
  'audit verify',
  'audit anchor',
]);

export function isWriteCommand(args: string[]): boolean {
  const words = args.filter((a) => !a.startsWith('-'));
  return !READ_ONLY.has(words[0] ?? '') && !READ_ONLY.has(words.slice(0, 2).join(' '));
}

export function buildProgram(context: CliContext): Command {
  const program = new Command('tiepdan')
    .description('tiepdan — bàn tiếp dân trực tuyến: trả lời thủ tục hành chính, tiếp nhận phản ánh, kiến nghị')
    .showHelpAfterError('(dùng --help để xem hướng dẫn)')
    .configureOutput({ writeOut: (s) => currentSink().out(s), writeErr: (s) => currentSink().err(s) })
    .exitOverride();
  registerDbCommands(program, context);
  registerKbCommands(program, context);
  registerAskCommand(program, context);
  registerSearchCommand(program, context);
  registerEvalCommand(program, context);
  registerTicketCommands(program, context);
  registerQuestionCommands(program, context);
  registerAuditCommands(program, context);
  registerUserCommands(program, context);
  registerZaloCommands(program, context);
  const output = {
    writeOut: (s: string) => currentSink().out(s),
    writeErr: (s: string) => currentSink().err(s),
    outputError: (s: string, write: (s: string) => void) => write(vietnameseError(s)),
  };
  const everywhere = (command: Command) => {
    command.configureOutput(output);
    command.exitOverride();
    for (const sub of command.commands) everywhere(sub);
  };
  everywhere(program);
  program.addHelpCommand('help [lệnh]', 'xem hướng dẫn của một lệnh');
  speakVietnamese(program);
  return program;
}

/**
 * Runs the arguments (without `node` and the script) and returns the exit code. Errors are printed in
 * Vietnamese; a ForwardToService signal is re-thrown for the terminal entry to hand the command over.
 */
export async function runCli(args: string[], context: CliContext): Promise<number> {
  const writes = isWriteCommand(args);
  const program = buildProgram({
    ...context,
    openDatabase: (options) => context.openDatabase({ ...options, writes: options?.writes ?? writes }),
  });
  try {
    const sink = currentSink();
    sink.exitCode = undefined;
    await program.parseAsync(args, { from: 'user' });
    return sink.exitCode ?? 0;
  } catch (error) {
    if (error instanceof ForwardToService) throw error;
    if (error instanceof CommanderError) return error.exitCode;
    const appError = toAppError(error);
    const sink = currentSink();
    sink.err(`Lỗi: ${appError.userMessage}\n`);
    if (appError.code === 'INTERNAL') sink.err(`(${appError.message})\n`);
    if (isAppError(error) && typeof appError.details?.exitCode === 'number') return appError.details.exitCode;
    return appError.code === 'BAD_INPUT' || appError.code === 'NOT_FOUND' ? 2 : 1;
  }
}
