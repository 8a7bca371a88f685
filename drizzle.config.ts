import { defineConfig } from 'drizzle-kit';

// Generating migrations needs no database: drizzle-kit diffs the *.tables.ts files against the committed snapshots.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.tables.ts', './src/modules/**/*.tables.ts'],
  out: './migrations',
  migrations: { schema: 'drizzle' },
});
