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

/** Packages loaded from node_modules at run time rather than bundled. */
const EXTERNAL = ['@electric-sql/pglite', 'pdfkit', 'fontkit', 'dejavu-fonts-ttf', 'nodemailer', 'htmx.org']

const REQUIRE_BANNER = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join(' ')

/** Builds into outdir (dist by default, relative to the project root), replacing what was there. */
export async function buildApp(outdir = 'dist'): Promise<void> {
  await rm(outdir, { recursive: true, force: true })
  await build({
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    // Pure-JS packages are bundled in: one file to load instead of hundreds of small modules is a
    // quarter of a second less before the first page (issue 15's warm start). Packages that read
    // files of their own at run time (PGlite's WebAssembly, pdfkit's font metrics, the fonts, htmx's
    // script, nodemailer's optional parts) stay in node_modules.
    external: EXTERNAL,
    // The bundled CommonJS packages (typed-html) call require() for Node's built-ins.
    banner: { js: REQUIRE_BANNER },
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
