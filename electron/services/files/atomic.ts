import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private';

/**
 * A temp name in the destination's own folder, so the final rename never crosses file systems:
 * ".<name>.<process id>-<random>.tmp", the process named so that what a killed one left can be told
 * from what a running one is writing (leftovers.ts sweepOrphans).
 */
export function tempPathFor(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is already durable enough there.
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Runs `write` against a temp file beside `dest`, fsyncs it and renames it into place: readers see
 * the old file or the complete new one, never a half-written one.
 */
export async function writeAtomically(
  dest: string,
  write: (tempPath: string) => Promise<void>,
  mode = PRIVATE_FILE_MODE,
  /** Runs on the complete temp file while it is synced; throwing leaves `dest` untouched. */
  check?: (tempPath: string) => Promise<void>,
): Promise<void> {
  await fsp.mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(dest);
  try {
    await write(temp);
    await fsp.chmod(temp, mode);
    const handle = await fsp.open(temp, 'r+');
    try {
      // The check reads what the file system will return from now on while the disk catches up on
      // another thread: verifying and syncing overlap, and both finish before the rename.
      await Promise.all([handle.sync(), check?.(temp)]);
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, dest);
    await fsyncDir(path.dirname(dest));
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

export function writeFileAtomic(dest: string, data: Uint8Array | string, mode = PRIVATE_FILE_MODE): Promise<void> {
  return writeAtomically(dest, (temp) => fsp.writeFile(temp, data, { mode }), mode);
}

export function copyFileAtomic(src: string, dest: string, check?: (tempPath: string) => Promise<void>): Promise<void> {
  // copyFile lets the OS copy (in the kernel, or as a reflink) instead of passing every byte through JS.
  return writeAtomically(dest, (temp) => fsp.copyFile(src, temp, fs.constants.COPYFILE_FICLONE), PRIVATE_FILE_MODE, check);
}
