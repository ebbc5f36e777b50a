import os from 'node:os';
import path from 'node:path';

/**
 * Where a unit's data lives: THIDUA_DATA_DIR if set, else the user's application-data folder —
 * the same place for the Electron window and the browser shell, so either opens the same data.
 */
export function defaultDataDir(): string {
  if (process.env.THIDUA_DATA_DIR) return path.resolve(process.env.THIDUA_DATA_DIR);
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'thidua-tuphap');
}
