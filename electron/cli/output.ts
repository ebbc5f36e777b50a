import { UserError } from '../services/errors';

/**
 * Prints what a command read or made, as JSON or as lines for a person. A file refused (a UserError)
 * prints its reason, in JSON too under --json, and the command exits 1; anything else is a fault.
 */
export async function printOrRefuse<T>(json: boolean, produce: () => Promise<T>, describe: (value: T) => string[]): Promise<number> {
  try {
    const value = await produce();
    console.log(json ? JSON.stringify(value, null, 2) : describe(value).join('\n'));
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (json) console.log(JSON.stringify({ error: error.message }, null, 2));
    console.error(`Lỗi: ${error.message}`);
    return 1;
  }
}
