import { listGroups, removeGroup, saveGroup } from '../../services/groups-calendar/groups';
import type { Handlers } from './dispatch';

export const groupHandlers = {
  'groups.list': (_input, { ws }) => listGroups(ws.db),
  'groups.save': (input, { ws }) => saveGroup(ws.db, input),
  'groups.remove': (input, { ws }) => removeGroup(ws.db, input.groupId),
} satisfies Handlers<'groups.list' | 'groups.save' | 'groups.remove'>;
