import type yauzl from 'yauzl';
import { UserError } from '../errors';

/** What a person reads when a ZIP-based file (a Word document, an Excel sheet) cannot be listed. */
export interface ZipEntryMessages {
  /** More entries than the limit: no ordinary document of that kind has so many. */
  tooMany: string;
  /** The central directory cannot be read; the technical detail follows it. */
  broken: string;
}

/**
 * Reads the central directory of a ZIP opened with `lazyEntries` into a map by entry name, refusing
 * it as soon as it holds more than `limit` entries, before anything is inflated. The ZIP is closed
 * when it is refused.
 */
export async function listZipEntries(zip: yauzl.ZipFile, limit: number, messages: ZipEntryMessages): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        if (entries.size > limit) return reject(new UserError(messages.tooMany));
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    if (error instanceof UserError) throw error;
    const detail = error instanceof Error && error.message ? ` Chi tiết kỹ thuật: ${error.message}` : '';
    throw new UserError(`${messages.broken}${detail}`);
  }
  return entries;
}
