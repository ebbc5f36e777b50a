import { listGroups, removeGroup, saveGroup } from '../services/groups-calendar/groups';
import type { Handlers } from './dispatch';

export const groupsCalendarHandlers = {
  'groups-calendar.list': (_input, { ws }) => listGroups(ws.db),
  'groups-calendar.save': (input, { ws }) => saveGroup(ws, input),
  'groups-calendar.remove': (input, { ws }) => removeGroup(ws.db, input.groupId),
} satisfies Handlers<'groups-calendar.list' | 'groups-calendar.save' | 'groups-calendar.remove'>;
