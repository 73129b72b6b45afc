// The CLI context for a terminal: opens the database itself, or signals that a running service holds it.
import { type Config, loadConfig } from '../config/index.js';
import { readDataDirLock } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/index.js';
import type { SecureDataDirResult } from '../db/secure-data-dir.js';
import { isAppError } from '../shared/errors.js';
import { type CliContext, resolveFrom } from './context.js';
import { ForwardToService } from './forward-to-service.js';

export function createTerminalContext(cwd = process.cwd()): CliContext {
  let config: Config | undefined;
  const getConfig = () => {
    config ??= loadConfig();
    return config;
  };
  return {
    config: getConfig,
    inService: false,
    resolvePath: resolveFrom(cwd),
    // a separate process: the running service notices the new knowledge revision by itself
    knowledgeChanged: async () => undefined,
    async openDatabase(options) {
      const c = getConfig();
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
