import fs from 'node:fs';
import path from 'node:path';

/** Whether a process with this id is running on this machine, under any user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `dir` that a killed process left half-made: those whose name `pattern`
 * matches, its first group being the id of the process that made it, when that process is no longer
 * running. Entries of running processes (this one included) and names the pattern does not match are
 * left alone; a missing folder has nothing to sweep. Returns the names removed.
 */
export function sweepOrphans(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = pattern.exec(name)?.[1];
    if (!owner || Number(owner) === process.pid || processAlive(Number(owner))) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
