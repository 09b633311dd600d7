// `npm run build`: bundles the server and the two CLIs into dist/, so production runs plain
// `node dist/main.js` with no transpiler at run time. Our code (src/, views/) is bundled;
// packages stay in node_modules (--packages=external), so dist/ must sit next to node_modules
// and drizzle/ in the project: dist/ belongs to this checkout and is not copied elsewhere.
import { rm } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

/** dist/<name>.js for each entry point. */
export const ENTRY_POINTS = {
  main: 'src/main.ts',
  'jobs-cli': 'src/jobs/cli.ts',
  'migrate-cli': 'src/db/migrate-cli.ts',
}

/** Builds into outdir (dist by default, relative to the project root), replacing what was there. */
export async function buildApp(outdir = 'dist'): Promise<void> {
  await rm(outdir, { recursive: true, force: true })
  await build({
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm', // package.json says "type": "module"; the CLIs use top-level await
    // Views are JSX through our own escaping factory (views/html.ts), as in tsconfig.json.
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    // Stack traces in the logs point at src/ with `node --enable-source-maps`.
    sourcemap: true,
    logLevel: 'warning',
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildApp()
