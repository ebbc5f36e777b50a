import { acclamationView, dossierBoard, printAcclamation, saveAcclamation } from '../services/dossiers/conference';
import { exportMinistry } from '../services/dossiers/ministry';
import type { Handlers } from './dispatch';

/** The leader's year-end conference; the member's dossier channels are in dossiers.ts. */
export const conferenceHandlers = {
  'dossiers.board': (input, { ws }) => dossierBoard(ws.db, input.groupId),
  'dossiers.acclamation': (input, { ws }) => acclamationView(ws, input.groupId),
  'dossiers.saveAcclamation': (input, { ws }) => saveAcclamation(ws, input.groupId, input.acclamation),
  'dossiers.printAcclamation': async (input, { ws, files }) => (await printAcclamation(ws, input.groupId, input.papers)).map((p) => files.register(p)),
  'dossiers.exportMinistry': async (input, { ws, files }) => {
    const sent = await exportMinistry(ws, input.groupId);
    return { file: files.register(sent.path), seq: sent.seq, units: sent.units, milestone: sent.milestone };
  },
} satisfies Handlers<'dossiers.board' | 'dossiers.acclamation' | 'dossiers.saveAcclamation' | 'dossiers.printAcclamation' | 'dossiers.exportMinistry'>;
