import { contract, type Envelope, type Output, type ParsedInput } from '../ipc/contract';
import { channels, type Channel } from '../ipc/channels';
import { asUserError, unexpectedErrorMessage } from '../services/errors';
import type { Context } from './context';
import { appHandlers, catalogueHandlers } from './app';
import { unitsKeysHandlers } from './units-keys';
import { groupsCalendarHandlers } from './groups-calendar';
import { registrationHandlers } from './registration';
import { bundlesHandlers } from './bundles';
import { filesHandlers } from './files';
import { scoringHandlers } from './scoring';
import { awardsHandlers } from './awards';
import { dossiersHandlers } from './dossiers';

export type Handlers<C extends Channel> = { [K in C]: (input: ParsedInput<K>, ctx: Context) => Output<K> | Promise<Output<K>> };
type AnyHandler = (input: never, ctx: Context) => unknown;

/**
 * One map per capability, merged here: a channel defined in two maps, or in none, is a programming
 * error found when the app starts (and by the tests), not a handler silently replaced.
 */
export function mergeHandlers(...maps: Record<string, AnyHandler>[]): Handlers<Channel> {
  const merged = new Map<string, AnyHandler>();
  for (const map of maps) {
    for (const [channel, handler] of Object.entries(map)) {
      if (merged.has(channel)) throw new Error(`Channel "${channel}" is defined twice.`);
      merged.set(channel, handler);
    }
  }
  const missing = channels.filter((c) => !merged.has(c));
  const unknown = [...merged.keys()].filter((c) => !isChannel(c));
  if (missing.length || unknown.length) throw new Error(`Handlers missing for ${missing.join(', ') || '-'}; unknown channels ${unknown.join(', ') || '-'}.`);
  return Object.fromEntries(merged) as Handlers<Channel>;
}

const handlers = mergeHandlers(appHandlers, catalogueHandlers, unitsKeysHandlers, groupsCalendarHandlers, registrationHandlers, bundlesHandlers, filesHandlers, scoringHandlers, awardsHandlers, dossiersHandlers);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (channels as readonly string[]).includes(name);
}

/**
 * The one entry point for every transport (Electron IPC, the browser shell's loopback bridge):
 * validates the input against the contract, runs the handler, and turns failures into a message.
 */
export async function dispatch(channel: Channel, rawInput: unknown, ctx: Context): Promise<Envelope<unknown>> {
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join(' ') };
  try {
    const run = handlers[channel] as (input: unknown, ctx: Context) => unknown;
    return { ok: true, value: spec.output.parse(await run(parsed.data, ctx)) };
  } catch (error) {
    const known = asUserError(error);
    if (known) return { ok: false, error: known.message };
    console.error(`[${channel}]`, error);
    return { ok: false, error: unexpectedErrorMessage(error) };
  }
}
