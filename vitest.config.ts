import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Views are JSX through our own escaping factory (views/html.ts), classic runtime.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    // Two cores: two files at a time keeps PGlite instances and Chromium from starving each other.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
