// The CLI context for a terminal: opens the database itself, or signals that a running service holds it.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDotEnv } from '../config/dotenv.js';
import { type Config, loadConfig } from '../config/index.js';
import { readDataDirLock } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/index.js';
import type { SecureDataDirResult } from '../db/secure-data-dir.js';
import { isAppError } from '../shared/errors.js';
import { type CliContext, describeDatabase, resolveFrom } from './context.js';
import { ForwardToService } from './forward-to-service.js';

export function createTerminalContext(cwd = process.cwd()): CliContext {
  let config: Config | undefined;
  const getConfig = () => {
    config ??= loadConfig(withDotEnv(process.env, cwd).env, cwd);
    return config;
  };
  let stdin: Promise<string> | undefined;
  return {
    config: getConfig,
    inService: false,
    osUser: () => os.userInfo().username,
    readStdin: () => {
      stdin ??= readAll(process.stdin);
      return stdin;
    },
    resolvePath: resolveFrom(cwd),
    // a separate process: the running service notices the new knowledge revision by itself
    knowledgeChanged: async () => undefined,
    async openDatabase(options) {
      const c = getConfig();
      // an empty DATA_DIR here while the service runs elsewhere used to be filled silently, and the service never
      // saw what was imported: say where the data goes, and when it is a new database
      if (!c.databaseUrl && !existsSync(path.join(c.dataDir, 'pglite', 'PG_VERSION')))
        process.stderr.write(newDatabaseWarning(c.dataDir));
      if (options?.writes) process.stderr.write(`(Ghi vào cơ sở dữ liệu: ${describeDatabase(c)})\n`);
      try {
        return await openDatabase({
          databaseUrl: c.databaseUrl,
          dataDir: c.dataDir,
          role: 'cli',
          auditKey: c.audit.key,
          auditKeyFile: c.audit.keyFile,
          ...(options?.onMigrated ? { onMigrated: options.onMigrated } : {}),
          onPermissionsRepaired: (r) => process.stderr.write(permissionsRepairedLine(c.dataDir, r)),
        });
      } catch (error) {
        if (!c.databaseUrl && isAppError(error, 'CONFLICT')) {
          const holder = await readDataDirLock(c.dataDir);
          if (holder?.role === 'service' && holder.port && holder.adminToken) {
            throw new ForwardToService({ ...holder, port: holder.port, adminToken: holder.adminToken });
          }
        }
        throw error;
      }
    },
  };
}

/** What the CLI says when it had to close the data folder to other accounts. */
function permissionsRepairedLine(dataDir: string, r: SecureDataDirResult): string {
  const failed = r.failed.length > 0 ? ` Không sửa được ${r.failed.length} mục (thuộc tài khoản khác).` : '';
  return `(Đã giới hạn quyền truy cập ${r.repaired} tệp, thư mục trong ${dataDir} chỉ cho tài khoản đang chạy tiepdan.${failed})\n`;
}

function newDatabaseWarning(dataDir: string): string {
  return (
    `Chú ý: chưa có cơ sở dữ liệu tại ${dataDir}; một cơ sở dữ liệu MỚI, trống sẽ được tạo ở đó.\n` +
    'Nếu dịch vụ tiepdan đang dùng thư mục khác, hãy đặt DATA_DIR (trong .env hoặc biến môi trường) giống dịch vụ,\n' +
    'hoặc chạy lệnh từ thư mục của dịch vụ, rồi chạy lại.\n'
  );
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
