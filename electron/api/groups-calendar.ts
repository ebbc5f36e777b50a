import { listGroups, removeGroup, saveGroup } from '../services/groups-calendar/groups';
import { exportStatusBoard, planView, printPlan, resetPlanToTemplate, savePlan } from '../services/groups-calendar/year-plan';
import { publishKickoff } from '../services/groups-calendar/kickoff';
import { memberDeadlines } from '../services/groups-calendar/home';
import { statusBoard } from '../services/groups-calendar/status-board';
import { nowIso } from '../services/workspace/clock';
import { readPlanText } from '../services/groups-calendar/plan-reader';
import { readPlanFile } from '../services/groups-calendar/plan-reader-file';
import type { Handlers } from './dispatch';

export const groupsCalendarHandlers = {
  'groups-calendar.list': (_input, { ws }) => listGroups(ws.db),
  'groups-calendar.save': (input, { ws }) => saveGroup(ws, input),
  'groups-calendar.remove': (input, { ws }) => removeGroup(ws.db, input.groupId),
  'groups-calendar.plan': (input, { ws }) => planView(ws, input.groupId),
  'groups-calendar.savePlan': (input, { ws }) => savePlan(ws, input.groupId, input.plan),
  'groups-calendar.resetPlan': (input, { ws }) => resetPlanToTemplate(ws, input.groupId),
  'groups-calendar.printPlan': async (input, { ws, files }) => files.register(await printPlan(ws, input.groupId)),
  'groups-calendar.readPlan': async (input, { files }) => {
    if ('text' in input) return readPlanText(input.text);
    try {
      return await readPlanFile(files.resolve(input.file).path);
    } finally {
      await files.discard([input.file]);
    }
  },
  'groups-calendar.publishKickoff': async (input, { ws, files }) => {
    const sent = await publishKickoff(ws, input.groupId);
    return { file: files.register(sent.path), seq: sent.seq };
  },
  'groups-calendar.home': (input, { ws }) => memberDeadlines(ws.db, input.groupId, { today: nowIso(ws.clock) }),
  'groups-calendar.board': (input, { ws }) => statusBoard(ws.db, input.groupId, { today: nowIso(ws.clock), unitKind: input.unitKind }),
  'groups-calendar.exportBoard': async (input, { ws, files }) => files.register(await exportStatusBoard(ws, input.groupId, input.unitKind, input.format)),
} satisfies Handlers<
  | 'groups-calendar.list'
  | 'groups-calendar.save'
  | 'groups-calendar.remove'
  | 'groups-calendar.plan'
  | 'groups-calendar.savePlan'
  | 'groups-calendar.resetPlan'
  | 'groups-calendar.printPlan'
  | 'groups-calendar.readPlan'
  | 'groups-calendar.publishKickoff'
  | 'groups-calendar.home'
  | 'groups-calendar.board'
  | 'groups-calendar.exportBoard'
>;
