import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileHandle } from '../../ipc/contract';
import { UserError } from '../errors';

/**
 * The renderer never sees a path: files picked, uploaded or generated are known to it only by an
 * opaque handle, valid while the app runs.
 */
export class FileHandles {
  private readonly byId = new Map<string, { path: string; name: string; owned: boolean }>();

  /** `owned`: a copy made for the app (an upload), removed by `discard`; never the user's own file. */
  register(filePath: string, name = path.basename(filePath), owned = false): FileHandle {
    const id = crypto.randomBytes(16).toString('hex');
    this.byId.set(id, { path: filePath, name, owned });
    return { id, name, size: fs.statSync(filePath).size };
  }

  /** Forgets handles once their files have been read, deleting the copies the app owns. */
  async discard(handles: Pick<FileHandle, 'id'>[]): Promise<void> {
    for (const { id } of handles) {
      const entry = this.byId.get(id);
      this.byId.delete(id);
      if (entry?.owned) await fs.promises.rm(entry.path, { force: true });
    }
  }

  resolve(handle: Pick<FileHandle, 'id'>): { path: string; name: string } {
    const entry = this.byId.get(handle.id);
    if (!entry) throw new UserError('Tệp đã chọn không còn hiệu lực; hãy chọn lại.');
    return entry;
  }
}
