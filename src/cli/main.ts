// The `tiepdan` command line. Runs the command here, or hands it to the running service when that
// service holds the embedded database.

import { PRIVATE_UMASK } from '../db/secure-data-dir.js';
import { toAppError } from '../shared/errors.js';
import { ForwardToService, forwardToService } from './forward-to-service.js';
import { runCli } from './run-cli.js';
import { createTerminalContext } from './terminal-context.js';

// a command that opens the embedded database writes into the data folder: its files stay the owner's alone
process.umask(PRIVATE_UMASK);
const args = process.argv.slice(2);
const context = createTerminalContext();
try {
  process.exitCode = await runCli(args, context);
} catch (error) {
  if (error instanceof ForwardToService) {
    try {
      process.stderr.write(
        `(Dịch vụ tiepdan pid ${error.holder.pid} đang chạy: lệnh được chuyển cho dịch vụ thực hiện.)\n`,
      );
      // the service cannot read this terminal: what the command reads from stdin travels with it
      const stdin = args.includes('--password-stdin') ? await context.readStdin() : undefined;
      process.exitCode = (
        await forwardToService(error.holder, args, process.cwd(), undefined, { stdin, osUser: context.osUser() })
      ).exitCode;
    } catch (forwardError) {
      process.stderr.write(`Lỗi: ${toAppError(forwardError).userMessage}\n`);
      process.exitCode = 1;
    }
  } else {
    process.stderr.write(`Lỗi: ${toAppError(error).userMessage}\n`);
    process.exitCode = 1;
  }
}
