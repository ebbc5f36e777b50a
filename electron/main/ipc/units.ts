import { catalogue } from '../../services/catalogue/catalogue';
import { listGroups } from '../../services/groups-calendar/groups';
import { getOwnUnit, setupUnit, updateOwnUnit } from '../../services/units-keys/units';
import { printKeyCard } from '../../services/units-keys/key-card';
import type { Handlers } from './dispatch';

export const unitHandlers = {
  'app.state': (_input, { ws, host }) => {
    const unit = getOwnUnit(ws.db);
    return { unit, groups: unit ? listGroups(ws.db) : [], shell: host.shell };
  },
  'catalogue.list': () => [...catalogue],
  'unit.setup': (input, { ws }) => setupUnit(ws, input),
  'unit.update': (input, { ws }) => updateOwnUnit(ws.db, input),
  'unit.printKeyCard': async (_input, { ws, files }) => files.register(await printKeyCard(ws)),
} satisfies Handlers<'app.state' | 'catalogue.list' | 'unit.setup' | 'unit.update' | 'unit.printKeyCard'>;
