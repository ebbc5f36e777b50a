import { collectBundleFiles } from '../services/bundles/importer';
import type { Handlers } from './dispatch';

/** The host's own file dialogs: the renderer only ever holds handles to what a person picked. */
export const filesHandlers = {
  'files.pickBundles': async (input, { host, files }) => {
    const picked = await collectBundleFiles(await host.pickBundles(input.folder));
    return picked.map((f) => files.register(f.path));
  },
  'files.pickXlsx': async (_input, { host, files }) => {
    const picked = await host.pickXlsx();
    return picked ? files.register(picked) : null;
  },
  'files.pickDocument': async (input, { host, files }) => {
    const picked = await host.pickDocument(input.kind);
    return picked ? files.register(picked) : null;
  },
  'files.save': (input, { host, files }) => {
    const { path, name } = files.resolve(input.file);
    return host.saveAs(path, name);
  },
  'files.saveAll': (input, { host, files }) => host.saveAll(input.files.map((f) => files.resolve(f))),
  'files.open': async (input, { host, files }) => {
    await host.openFile(files.resolve(input.file).path);
    return {};
  },
} satisfies Handlers<'files.pickBundles' | 'files.pickXlsx' | 'files.pickDocument' | 'files.save' | 'files.saveAll' | 'files.open'>;
