import { catalogue } from '../services/catalogue/catalogue';
import { listGroups } from '../services/groups-calendar/groups';
import { getOwnUnit } from '../services/units-keys/units';
import type { Handlers } from './dispatch';

/** What the window needs at start: the unit (or none yet), its groups, and which shell it runs in. */
export const appHandlers = {
  'app.state': (_input, { ws, host }) => {
    const unit = getOwnUnit(ws.db);
    return { unit, groups: unit ? listGroups(ws.db) : [], shell: host.shell };
  },
} satisfies Handlers<'app.state'>;

export const catalogueHandlers = {
  'catalogue.list': () => [...catalogue],
} satisfies Handlers<'catalogue.list'>;
