// Runs `prisma generate` after `npm install`. Generation needs no schema engine, but the CLI
// insists on finding one and cannot download it offline, so point it at a harmless executable.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = ['/bin/true', '/usr/bin/true'].find((p) => existsSync(p));
  if (stub) env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
