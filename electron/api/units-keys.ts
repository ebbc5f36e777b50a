import { replaceOwnKey, setupUnit, updateOwnUnit } from '../services/units-keys/units';
import { printKeyCard } from '../services/units-keys/key-card';
import type { Handlers } from './dispatch';

export const unitsKeysHandlers = {
  'units-keys.setup': (input, { ws }) => setupUnit(ws, input),
  'units-keys.update': (input, { ws }) => updateOwnUnit(ws, input),
  'units-keys.printKeyCard': async (_input, { ws, files }) => files.register(await printKeyCard(ws)),
  'units-keys.replaceKey': (_input, { ws }) => replaceOwnKey(ws),
} satisfies Handlers<'units-keys.setup' | 'units-keys.update' | 'units-keys.printKeyCard' | 'units-keys.replaceKey'>;
