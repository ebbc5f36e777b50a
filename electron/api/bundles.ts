import { decideQuarantine, importBundleFiles, listQuarantine } from '../services/bundles/importer';
import type { Handlers } from './dispatch';

export const bundlesHandlers = {
  'bundles.import': async (input, { ws, files }) => {
    const results = await importBundleFiles(ws, input.files.map((h) => files.resolve(h)));
    await files.discard(input.files);
    return results;
  },
  'bundles.quarantine': (_input, { ws }) => listQuarantine(ws),
  'bundles.decide': (input, { ws }) => decideQuarantine(ws, input.id, input.accept),
} satisfies Handlers<'bundles.import' | 'bundles.quarantine' | 'bundles.decide'>;
