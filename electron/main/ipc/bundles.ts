import { collectBundleFiles, decideQuarantine, importBundleFiles, listQuarantine } from '../../services/bundles/importer';
import type { Handlers } from './dispatch';

export const bundleHandlers = {
  'files.pickBundles': async (input, { host, files }) => {
    const picked = await collectBundleFiles(await host.pickBundles(input.folder));
    return picked.map((f) => files.register(f.path));
  },
  'files.pickXlsx': async (_input, { host, files }) => {
    const picked = await host.pickXlsx();
    return picked ? files.register(picked) : null;
  },
  'files.save': (input, { host, files }) => {
    const { path, name } = files.resolve(input.file);
    return host.saveAs(path, name);
  },
  'bundles.import': async (input, { ws, files }) => {
    const results = await importBundleFiles(ws, input.files.map((h) => files.resolve(h)));
    await files.discard(input.files);
    return results;
  },
  'bundles.quarantine': (_input, { ws }) => listQuarantine(ws),
  'bundles.decide': (input, { ws }) => decideQuarantine(ws, input.id, input.accept),
} satisfies Handlers<'files.pickBundles' | 'files.pickXlsx' | 'files.save' | 'bundles.import' | 'bundles.quarantine' | 'bundles.decide'>;
