import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillFromTemplate } from '../src/pglite-template.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Stands in for PGlite's initdb: writes a cluster marker and one data file, counting its runs. */
function countingInitdb() {
  const calls: string[] = [];
  const initialise = async (dir: string) => {
    calls.push(dir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'data'), 'empty cluster');
  };
  return { calls, initialise };
}

describe('fillFromTemplate', () => {
  it('builds the template once and copies it into every new data directory', async () => {
    const cache = tempDir();
    const { calls, initialise } = countingInitdb();
    const first = join(tempDir(), 'a');
    const second = tempDir(); // exists, empty
    await fillFromTemplate(first, initialise, () => undefined, cache);
    await fillFromTemplate(second, initialise, () => undefined, cache);
    expect(calls).toHaveLength(1);
    for (const dir of [first, second]) expect(readFileSync(join(dir, 'base', 'data'), 'utf8')).toBe('empty cluster');
    writeFileSync(join(first, 'base', 'data'), 'written by an engine');
    expect(readFileSync(join(second, 'base', 'data'), 'utf8')).toBe('empty cluster');
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^pglite-\d/)]); // no half-built leftovers
  });

  it('leaves a directory that already holds something to PGlite', async () => {
    const cache = tempDir();
    const { calls, initialise } = countingInitdb();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    await fillFromTemplate(dataDir, initialise, () => undefined, cache);
    expect(calls).toHaveLength(0);
    expect(existsSync(join(dataDir, 'base'))).toBe(false);
  });

  it('lets engines starting together share one template', async () => {
    const cache = tempDir();
    const { initialise } = countingInitdb();
    const targets = [tempDir(), tempDir(), tempDir()];
    await Promise.all(targets.map((dir) => fillFromTemplate(dir, initialise, () => undefined, cache)));
    for (const dir of targets) expect(readFileSync(join(dir, 'base', 'data'), 'utf8')).toBe('empty cluster');
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^pglite-\d/)]);
  });

  it('falls back to initialising in place when the cache cannot be written', async () => {
    const cache = join(tempDir(), 'not-a-dir');
    writeFileSync(cache, 'a file where the cache directory would be');
    const { calls, initialise } = countingInitdb();
    const dataDir = tempDir();
    const messages: string[] = [];
    await fillFromTemplate(dataDir, initialise, (message) => messages.push(message), cache);
    expect(calls).toHaveLength(0);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(messages).toEqual([expect.stringContaining('initialising the data directory directly')]);
  });
});
