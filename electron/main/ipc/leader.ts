import { overview } from '../../services/registration/overview';
import { printConsolidated } from '../../services/registration/consolidated-export';
import type { Handlers } from './dispatch';

export const leaderHandlers = {
  'leader.overview': (input, { ws }) => overview(ws.db, input),
  'leader.printConsolidated': async (input, { ws, files }) => files.register(await printConsolidated(ws, input)),
} satisfies Handlers<'leader.overview' | 'leader.printConsolidated'>;
