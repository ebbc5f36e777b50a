import { acclamationView, dossierBoard, printAcclamation, saveAcclamation } from '../services/dossiers/conference';
import { attachScan, createDossier, detachScan, listDossiers, removeDossier, saveAchievements } from '../services/dossiers/dossier';
import { generatePart } from '../services/dossiers/documents';
import { exportDossiers } from '../services/dossiers/export';
import { exportMinistry } from '../services/dossiers/ministry';
import type { Handlers } from './dispatch';

/** Award dossiers: the member builds, generates, attaches the signed scans and sends; the leader holds the conference and sends to the Ministry. */
export const dossiersHandlers = {
  'dossiers.list': (input, { ws }) => listDossiers(ws, input.groupId),
  'dossiers.create': (input, { ws }) => createDossier(ws, input.groupId, input.nomineeId, input.awardCode),
  'dossiers.remove': (input, { ws }) => removeDossier(ws, input.groupId, input.recordId),
  'dossiers.save': (input, { ws }) => saveAchievements(ws, input.groupId, input.recordId, input.achievements),
  'dossiers.generate': async (input, { ws, files }) => {
    const written = await generatePart(ws, input.groupId, input.recordId, input.part);
    return { file: files.register(written.path), also: written.also.map((p) => files.register(p)), dossier: written.dossier };
  },
  'dossiers.attachScan': async (input, { ws, files }) => {
    const picked = files.resolve(input.file);
    try {
      return await attachScan(ws, input.groupId, input.recordId, input.part, picked.path, picked.name, input.allDossiers);
    } finally {
      await files.discard([input.file]);
    }
  },
  'dossiers.detachScan': (input, { ws }) => detachScan(ws, input.groupId, input.recordId, input.part, input.sha256),
  'dossiers.export': async (input, { ws, files }) => {
    const sent = await exportDossiers(ws, input.groupId);
    return { file: files.register(sent.path), seq: sent.seq, count: sent.count, milestone: sent.milestone };
  },
  'dossiers.board': (input, { ws }) => dossierBoard(ws.db, input.groupId),
  'dossiers.acclamation': (input, { ws }) => acclamationView(ws, input.groupId),
  'dossiers.saveAcclamation': (input, { ws }) => saveAcclamation(ws, input.groupId, input.acclamation),
  'dossiers.printAcclamation': async (input, { ws, files }) => (await printAcclamation(ws, input.groupId, input.papers)).map((p) => files.register(p)),
  'dossiers.exportMinistry': async (input, { ws, files }) => {
    const sent = await exportMinistry(ws, input.groupId);
    return { file: files.register(sent.path), seq: sent.seq, units: sent.units, milestone: sent.milestone };
  },
} satisfies Handlers<
  | 'dossiers.list'
  | 'dossiers.create'
  | 'dossiers.remove'
  | 'dossiers.save'
  | 'dossiers.generate'
  | 'dossiers.attachScan'
  | 'dossiers.detachScan'
  | 'dossiers.export'
  | 'dossiers.board'
  | 'dossiers.acclamation'
  | 'dossiers.saveAcclamation'
  | 'dossiers.printAcclamation'
  | 'dossiers.exportMinistry'
>;
