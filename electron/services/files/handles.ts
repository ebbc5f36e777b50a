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
  private readonly byId = new Map<string, { path: string; name: string }>();

  register(filePath: string, name = path.basename(filePath)): FileHandle {
    const id = crypto.randomBytes(16).toString('hex');
    this.byId.set(id, { path: filePath, name });
    return { id, name, size: fs.statSync(filePath).size };
  }

  resolve(handle: Pick<FileHandle, 'id'>): { path: string; name: string } {
    const entry = this.byId.get(handle.id);
    if (!entry) throw new UserError('Tệp đã chọn không còn hiệu lực; hãy chọn lại.');
    return entry;
  }
}
