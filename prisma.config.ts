// Prisma CLI configuration. Only `prisma generate` is used: migrations are SQL files applied by the app.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
