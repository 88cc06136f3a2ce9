/**
 * A new PGlite data directory starts as a copy of an initialised, empty one. PGlite runs initdb inside WebAssembly,
 * which costs seconds of CPU on every `pglite://memory` start; copying a cleanly closed cluster costs a fraction of
 * that (figures in docs/benchmarks.md). The template is built once per PGlite version, in this package's
 * `node_modules/.cache`, and shared by every engine of the checkout.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));

/**
 * Fills `dataDir` from the template when it holds no cluster yet; `initialise(dir)` must create a cluster in `dir`
 * and close it cleanly (it builds the template). Without a writable cache the caller's own start runs initdb.
 */
export async function fillFromTemplate(
  dataDir: string,
  initialise: (dir: string) => Promise<void>,
  log: (message: string) => void,
  cacheDir = CACHE_DIR,
): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return; // a cluster, or something PGlite must judge
  const template = join(cacheDir, `pglite-${pgliteVersion()}`);
  if (!isCluster(template)) {
    try {
      await buildTemplate(cacheDir, template, initialise);
    } catch (error) {
      log(`PGlite template not built (${(error as Error).message}); initialising the data directory directly`);
      return;
    }
  }
  cpSync(template, dataDir, { recursive: true });
}

async function buildTemplate(
  cacheDir: string,
  template: string,
  initialise: (dir: string) => Promise<void>,
): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const building = mkdtempSync(join(cacheDir, 'building-'));
  try {
    await initialise(building);
    // Atomic: others see no template or a whole one. Losing the race to another process is fine.
    renameSync(building, template);
  } catch (error) {
    if (!isCluster(template)) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

function isCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
