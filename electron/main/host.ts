import { dialog, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { Host } from '../api/context';
import { copyFileAtomic } from '../services/files/atomic';
import { verifyBundleFile } from '../services/bundles/reader';
import { bundleKinds } from '../services/workspace/bundle-kinds';
import { BUNDLE_EXTENSION } from '../services/bundles/format';
import { documentKinds } from '../services/files/document-kinds';
import { UserError } from '../services/errors';

/** Files are picked and saved with the main process's own dialogs; the renderer sees only handles. */
export function electronHost(window: BrowserWindow): Host {
  return {
    shell: 'electron',
    async pickBundles(folder) {
      const result = await dialog.showOpenDialog(window, {
        title: folder ? 'Chọn thư mục chứa gói hồ sơ (ổ USB)' : 'Chọn gói hồ sơ',
        properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
        filters: folder ? [] : [{ name: 'Gói hồ sơ thi đua', extensions: ['tdkt', 'tdkt-part'] }],
      });
      return result.canceled ? [] : result.filePaths;
    },
    async pickXlsx() {
      const result = await dialog.showOpenDialog(window, {
        title: 'Chọn danh sách cán bộ (.xlsx)',
        properties: ['openFile'],
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickDocument(kind) {
      const { title, filterName, extensions, allFiles } = documentKinds[kind];
      const filters = [{ name: filterName, extensions: [...extensions] }, ...(allFiles ? [{ name: 'Tất cả tệp', extensions: ['*'] }] : [])];
      const result = await dialog.showOpenDialog(window, { title, properties: ['openFile'], filters });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveAs(source, suggestedName) {
      const result = await dialog.showSaveDialog(window, { title: 'Lưu tệp', defaultPath: suggestedName });
      if (result.canceled || !result.filePath) return { saved: false, where: '' };
      // A bundle copied to a USB stick is checked again on the stick before it replaces anything.
      const check = source.endsWith(BUNDLE_EXTENSION) ? async (temp: string) => void (await verifyBundleFile(temp, bundleKinds)) : undefined;
      await copyFileAtomic(source, result.filePath, check);
      return { saved: true, where: path.basename(result.filePath) };
    },
    async saveAll(sources) {
      const result = await dialog.showOpenDialog(window, { title: 'Chọn thư mục lưu (ví dụ ổ USB)', properties: ['openDirectory', 'createDirectory'] });
      const folder = result.filePaths[0];
      if (result.canceled || !folder) return { saved: false, where: '' };
      for (const s of sources) {
        const check = s.path.endsWith(BUNDLE_EXTENSION) ? async (temp: string) => void (await verifyBundleFile(temp, bundleKinds)) : undefined;
        await copyFileAtomic(s.path, path.join(folder, s.name), check);
      }
      return { saved: true, where: `${sources.length} tệp vào ${folder}` };
    },
    async openFile(file) {
      // shell.openPath answers with an error string rather than throwing.
      const failed = await shell.openPath(file);
      if (failed) throw new UserError(`Không mở được tệp bằng phần mềm xem của máy: ${failed}`);
    },
  };
}
