import { describe, expect, it } from 'vitest';
import { channels } from '../../electron/ipc/channels';
import { mergeHandlers } from '../../electron/api/dispatch';

const handlerFor = () => () => null;
const all = () => Object.fromEntries(channels.map((c) => [c, handlerFor()]));

describe('handler maps', () => {
  it('merge when every channel is defined exactly once', () => {
    expect(Object.keys(mergeHandlers(all()))).toEqual([...channels]);
  });

  it('refuse a channel defined in two maps', () => {
    expect(() => mergeHandlers(all(), { 'bundles.import': handlerFor() })).toThrow('Channel "bundles.import" is defined twice.');
  });

  it('refuse a channel without a handler, and a handler without a channel', () => {
    const some = all();
    delete some['bundles.import'];
    expect(() => mergeHandlers(some)).toThrow(/missing for bundles\.import/);
    expect(() => mergeHandlers(all(), { 'bundles.steal': handlerFor() })).toThrow(/unknown channels bundles\.steal/);
  });
});
