// Process entry for `npm start`: reads configuration once, starts the service, stops it cleanly on signals.
import { withDotEnv } from './config/dotenv.js';
import { loadConfig } from './config/index.js';
import { PRIVATE_UMASK } from './db/secure-data-dir.js';
import { startService } from './service.js';
import { isAppError, toAppError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';

// everything the service writes (database, WAL, search snapshot, attachments) is readable by its account only
process.umask(PRIVATE_UMASK);
try {
  const { env, file: dotEnv } = withDotEnv(process.env, process.cwd());
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  if (dotEnv) logger.info({ file: dotEnv }, 'settings read from .env (the environment overrides it)');
  const service = await startService({ config, logger });
  process.stdout.write(`tiepdan đang chạy tại ${service.url} (Ctrl+C để dừng)\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  const appError = toAppError(error);
  process.stderr.write(`Không khởi động được tiepdan.\n${appError.userMessage}\n`);
  if (!isAppError(error) || appError.code === 'INTERNAL') process.stderr.write(`${appError.message}\n`);
  process.exit(1);
}
