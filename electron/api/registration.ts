import { duplicateOf, listStaff, removeStaff, restoreStaff, saveStaff } from '../services/registration/staff';
import { importStaffXlsx } from '../services/registration/xlsx';
import { getOwnRegistration, ownDeadline, saveRegistration } from '../services/registration/registration';
import { exportRegistration, printRegistration } from '../services/registration/export';
import { catalogue } from '../services/catalogue/catalogue';
import { registrationConflicts } from '../services/catalogue/conflicts';
import { overview } from '../services/registration/overview';
import { printConsolidated } from '../services/registration/consolidated-export';
import { registrationDiff, registrationHistory } from '../services/registration/versions';
import { enterOnBehalf } from '../services/registration/on-behalf';
import type { Handlers } from './dispatch';

export const registrationHandlers = {
  'registration.staffList': (input, { ws }) => listStaff(ws.db, input.search),
  'registration.staffSave': (input, { ws }) => saveStaff(ws, input),
  'registration.staffRemove': (input, { ws }) => ({ removed: removeStaff(ws.db, input.id) }),
  'registration.staffRestore': (input, { ws }) => restoreStaff(ws, input),
  'registration.staffDuplicateOf': (input, { ws }) => duplicateOf(ws.db, input),
  'registration.staffImportXlsx': async (input, { ws, files }) => {
    try {
      return await importStaffXlsx(ws, files.resolve(input.file).path);
    } finally {
      await files.discard([input.file]);
    }
  },
  'registration.get': (input, { ws }) => getOwnRegistration(ws.db, input.groupId),
  'registration.save': (input, { ws }) => saveRegistration(ws, input),
  'registration.conflicts': (input) => registrationConflicts(catalogue, input.collective, input.individuals),
  'registration.deadline': (input, { ws }) => ownDeadline(ws, input.groupId),
  'registration.printDocx': async (input, { ws, files }) => files.register(await printRegistration(ws, input.groupId)),
  'registration.export': async (input, { ws, files }) => {
    const done = await exportRegistration(ws, input.groupId);
    return { file: files.register(done.path), version: done.version, seq: done.seq, milestone: done.milestone };
  },
  'registration.overview': (input, { ws }) => overview(ws, input),
  'registration.printConsolidated': async (input, { ws, files }) => files.register(await printConsolidated(ws, input)),
  'registration.history': (input, { ws }) => registrationHistory(ws.db, input.unitCode, input.groupId),
  'registration.diff': (input, { ws }) => registrationDiff(ws.db, input.recordId, input.from, input.to),
  'registration.enterOnBehalf': async ({ attachment, ...input }, { ws, files }) => {
    try {
      return enterOnBehalf(ws, input, attachment ? { name: attachment.name, path: files.resolve(attachment).path } : undefined);
    } finally {
      if (attachment) await files.discard([attachment]);
    }
  },
} satisfies Handlers<
  'registration.staffList' | 'registration.staffSave' | 'registration.staffRemove' | 'registration.staffRestore' | 'registration.staffDuplicateOf' | 'registration.staffImportXlsx' | 'registration.get' | 'registration.save' | 'registration.conflicts' | 'registration.deadline' | 'registration.printDocx' | 'registration.export' | 'registration.overview' | 'registration.printConsolidated' | 'registration.history' | 'registration.diff' | 'registration.enterOnBehalf'
>;
