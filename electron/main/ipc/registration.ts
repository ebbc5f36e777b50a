import { duplicateOf, listStaff, removeStaff, restoreStaff, saveStaff } from '../../services/registration/staff';
import { importStaffXlsx } from '../../services/registration/xlsx';
import { getOwnRegistration, ownDeadline, saveRegistration } from '../../services/registration/registration';
import { exportRegistration, printRegistration } from '../../services/registration/export';
import { catalogue } from '../../services/catalogue/catalogue';
import { registrationConflicts } from '../../services/catalogue/conflicts';
import type { Handlers } from './dispatch';

export const registrationHandlers = {
  'staff.list': (input, { ws }) => listStaff(ws.db, input.search),
  'staff.save': (input, { ws }) => saveStaff(ws.db, input),
  'staff.remove': (input, { ws }) => ({ removed: removeStaff(ws.db, input.id) }),
  'staff.restore': (input, { ws }) => restoreStaff(ws.db, input),
  'staff.duplicateOf': (input, { ws }) => duplicateOf(ws.db, input),
  'staff.importXlsx': async (input, { ws, files }) => {
    try {
      return await importStaffXlsx(ws.db, files.resolve(input.file).path);
    } finally {
      await files.discard([input.file]);
    }
  },
  'registration.get': (input, { ws }) => getOwnRegistration(ws.db, input.groupId),
  'registration.save': (input, { ws }) => saveRegistration(ws.db, input),
  'registration.conflicts': (input) => registrationConflicts(catalogue, input.collective, input.individuals),
  'registration.deadline': (input, { ws }) => ownDeadline(ws.db, input.groupId),
  'registration.printDocx': async (input, { ws, files }) => files.register(await printRegistration(ws, input.groupId)),
  'registration.export': async (input, { ws, files }) => {
    const done = await exportRegistration(ws, input.groupId);
    return { file: files.register(done.path), version: done.version, seq: done.seq };
  },
} satisfies Handlers<
  'staff.list' | 'staff.save' | 'staff.remove' | 'staff.restore' | 'staff.duplicateOf' | 'staff.importXlsx' | 'registration.get' | 'registration.save' | 'registration.conflicts' | 'registration.deadline' | 'registration.printDocx' | 'registration.export'
>;
