/**
 * One engine per PGlite data directory: two PGlite instances on the same files would each acknowledge writes the
 * other never sees. The lock is a file beside the directory (`<dir>.lock`) holding the owner's pid, written to a
 * temporary file and hard-linked into place, so it appears atomically and complete; a lock whose process is gone
 * (killed, crashed) is stale and taken over.
 */
import { hostname } from 'node:os';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
}

export function lockDataDir(dir: string): DataDirLock {
  const path = `${dir}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    const draft = `${path}.${process.pid}.tmp`;
    writeFileSync(draft, `${JSON.stringify({ pid: process.pid, host: hostname(), dir })}\n`);
    try {
      linkSync(draft, path); // fails if the lock exists
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (readOwner(path)?.pid === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.on('exit', release); // a clean exit without close() must not leave a lock behind either
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    const owner = readOwner(path);
    if (owner && isAlive(owner)) {
      throw new Error(
        `the PGlite data directory ${dir} is in use by another engine (process ${owner.pid}` +
          `${owner.host === hostname() ? '' : ` on ${owner.host}`}; lock file ${path}). Two engines on one directory ` +
          'lose writes: stop that process, or give this one its own directory (HASURA_GRAPHQL_DATABASE_URL=pglite:///other/dir). ' +
          `If that process no longer runs, delete ${path}.`,
      );
    }
    // Stale (its process is gone) or unreadable: take it over, unless another starter just did.
    try {
      if (readOwner(path)?.pid === owner?.pid) unlinkSync(path);
    } catch {
      // someone else removed it first
    }
  }
  throw new Error(`cannot take the lock ${path} on the PGlite data directory ${dir}`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, host: String(owner.host ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell from here: assume it runs
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
