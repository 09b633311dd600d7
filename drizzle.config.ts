import { defineConfig } from 'drizzle-kit'

// Migrations are generated from the one schema and serve PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
})
