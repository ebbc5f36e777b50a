import { addNominee, listNominees, removeYearFacts, saveYearFacts, yearsOf } from '../services/awards/history';
import { importHistoryXlsx, previewHistoryXlsx } from '../services/awards/history-xlsx';
import { eligibilityView } from '../services/awards/eligibility-view';
import { councilView, printCouncilList, printCouncilMinutes, saveCouncil } from '../services/awards/council';
import type { Handlers } from './dispatch';

export const awardsHandlers = {
  'awards.nominees': (input, { ws }) => listNominees(ws, input.search, input.kind),
  'awards.addNominee': (input, { ws }) => addNominee(ws, input),
  'awards.years': (input, { ws }) => yearsOf(ws.db, input.nomineeId),
  'awards.saveYear': (input, { ws }) => saveYearFacts(ws, input.nomineeId, input.facts),
  'awards.removeYear': (input, { ws }) => ({ removed: removeYearFacts(ws.db, input.nomineeId, input.year) }),
  // The staged file stays after a preview: the import reads it again, unchanged (its sha256).
  'awards.previewHistoryXlsx': (input, { ws, files }) => {
    const staged = files.resolve(input.file);
    return previewHistoryXlsx(ws, staged.path, staged.name);
  },
  'awards.importHistoryXlsx': async (input, { ws, files }) => {
    try {
      const staged = files.resolve(input.file);
      return await importHistoryXlsx(ws, staged.path, input.sha256, staged.name);
    } finally {
      await files.discard([input.file]);
    }
  },
  'awards.eligibility': (input, { ws }) => eligibilityView(ws.db, input.year, input.date),
  'awards.council': (input, { ws }) => councilView(ws, input.groupId),
  'awards.saveCouncil': (input, { ws }) => saveCouncil(ws, input.groupId, input.meeting),
  'awards.printCouncilMinutes': async (input, { ws, files }) => files.register(await printCouncilMinutes(ws, input.groupId)),
  'awards.printCouncilList': async (input, { ws, files }) => files.register(await printCouncilList(ws, input.groupId)),
} satisfies Handlers<
  | 'awards.nominees'
  | 'awards.addNominee'
  | 'awards.years'
  | 'awards.saveYear'
  | 'awards.removeYear'
  | 'awards.previewHistoryXlsx'
  | 'awards.importHistoryXlsx'
  | 'awards.eligibility'
  | 'awards.council'
  | 'awards.saveCouncil'
  | 'awards.printCouncilMinutes'
  | 'awards.printCouncilList'
>;
