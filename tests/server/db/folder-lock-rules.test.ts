import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFolderLock, FolderLockedError, LOCK_FILE_NAME } from '../../../server/db/folder-lock.ts';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-lock-'));

describe('the data folder lock', () => {
  it('refuses a folder held by a running process, naming the folder and the process', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    expect(() => acquireFolderLock(dir)).toThrow(FolderLockedError);
    expect(() => acquireFolderLock(dir)).toThrow(new RegExp(`${dir}.*process ${process.ppid}`));
  });

  it('takes over a lock left by a process that died, and removes it on release', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '2147483646\n');
    const lock = acquireFolderLock(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
