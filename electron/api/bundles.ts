import { decideQuarantine, importBundleFiles, listQuarantine } from '../services/bundles/importer';
import { writeReceipts } from '../services/bundles/receipts';
import { exportConsolidated } from '../services/bundles/consolidated';
import { discardHeldWhole, heldWholes, partLimitBytes, setPartLimit, splitForMail } from '../services/bundles/parts';
import type { Handlers } from './dispatch';

export const bundlesHandlers = {
  'bundles.import': async (input, { ws, files }) => {
    const results = await importBundleFiles(ws, input.files.map((h) => files.resolve(h)));
    await files.discard(input.files);
    return results;
  },
  'bundles.quarantine': (_input, { ws }) => listQuarantine(ws),
  'bundles.decide': (input, { ws }) => decideQuarantine(ws, input.id, input.accept),
  'bundles.exportConsolidated': async (input, { ws, files }) => {
    const sent = await exportConsolidated(ws, input.groupId);
    return { file: files.register(sent.path), seq: sent.seq, forwarded: sent.forwarded, milestone: sent.milestone };
  },
  'bundles.writeReceipts': async (input, { ws, files }) =>
    (await writeReceipts(ws, input.bundleIds)).map((r) => ({ file: files.register(r.file), senderCode: r.senderCode })),
  'bundles.partLimit': (_input, { ws }) => ({ bytes: partLimitBytes(ws.db) }),
  'bundles.setPartLimit': (input, { ws }) => ({ bytes: setPartLimit(ws.db, input.megabytes) }),
  'bundles.split': async (input, { ws, files }) => (await splitForMail(ws, files.resolve(input.file).path)).map((p) => files.register(p)),
  'bundles.heldParts': (_input, { ws }) => heldWholes(ws),
  'bundles.discardHeldParts': async (input, { ws }) => {
    await discardHeldWhole(ws, input.sha256);
    return {};
  },
} satisfies Handlers<'bundles.import' | 'bundles.exportConsolidated' | 'bundles.writeReceipts' | 'bundles.quarantine' | 'bundles.decide' | 'bundles.partLimit' | 'bundles.setPartLimit' | 'bundles.split' | 'bundles.heldParts' | 'bundles.discardHeldParts'>;
