import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'gridatlas.lock';

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database folder ${folder} is already in use by process ${ownerPid}. ` +
        'PGlite cannot be opened by two processes at once; stop the other process or set GRIDATLAS_DATA_DIR to another folder.',
    );
    this.name = 'FolderLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on a data folder, held by this process until released.
 * The lock file is created atomically (O_EXCL); a lock left by a process that no longer runs is taken over.
 */
export function acquireFolderLock(folder: string): { release(): void } {
  fs.mkdirSync(folder, { recursive: true });
  const lockPath = path.join(folder, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (Number(fs.readFileSync(lockPath, 'utf8')) === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      // Also on process.exit() without a clean shutdown; a crash leaves a stale lock, which the next start takes over.
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && processIsAlive(ownerPid)) {
        throw new FolderLockedError(folder, ownerPid);
      }
      // Stale lock from a process that died: remove it and try again.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${folder}`);
}
