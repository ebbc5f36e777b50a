import { contract, type Envelope, type Output, type ParsedInput } from '../../ipc/contract';
import { channels, type Channel } from '../../ipc/channels';
import { asUserError, unexpectedErrorMessage } from '../../services/errors';
import type { Context } from './context';
import { unitHandlers } from './units';
import { groupHandlers } from './groups';
import { registrationHandlers } from './registration';
import { bundleHandlers } from './bundles';
import { leaderHandlers } from './leader';

export type Handlers<C extends Channel> = { [K in C]: (input: ParsedInput<K>, ctx: Context) => Output<K> | Promise<Output<K>> };

const handlers: Handlers<Channel> = { ...unitHandlers, ...groupHandlers, ...registrationHandlers, ...bundleHandlers, ...leaderHandlers };

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
