import fs from 'node:fs';
import path from 'node:path';

/**
 * A unit's data (its database, its private key, the bundles of other units) is for its own user only:
 * folders 0700, files 0600. Windows has no such modes (its profile folders are already private), so
 * nothing is changed there.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
const POSIX = process.platform !== 'win32';

/** Makes the folder if needed and, unless told otherwise (a folder the app does not own), private. */
export function makePrivateDir(dir: string, restrict = true): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir leaves an existing folder's mode alone, and its mode is filtered by the umask.
  if (restrict && POSIX) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes a file (and only a file: never through a link) private, if it exists. */
export function restrictFile(file: string): void {
  if (!POSIX) return;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat?.isFile() && (stat.mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes a folder and everything in it private, links never followed; a missing folder is left alone. */
export function restrictTree(root: string): void {
  if (!POSIX) return;
  const stat = fs.lstatSync(root, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return;
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(root, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name);
    if (entry.isDirectory()) restrictTree(p);
    else if (entry.isFile()) restrictFile(p);
  }
}
