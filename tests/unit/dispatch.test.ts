import { describe, expect, it } from 'vitest';
import { channels } from '../../electron/ipc/channels';
import fs from 'node:fs';
import path from 'node:path';
import { dispatch, mergeHandlers } from '../../electron/api/dispatch';
import type { Context } from '../../electron/api/context';
import type { PlanReading } from '../../electron/ipc/contract';
import { FileHandles } from '../../electron/services/files/handles';
import { LEADER, makeUnit, tempDir } from '../helpers/units';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');

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

describe('a plan received as a document, through the contract', () => {
  const context = async (): Promise<Context> => ({
    ws: (await makeUnit(LEADER)).ws,
    files: new FileHandles(),
    host: { shell: 'browser', pickBundles: async () => [], pickXlsx: async () => null, pickDocument: async () => null, saveAs: async () => ({ saved: false, where: '' }), saveAll: async () => ({ saved: false, where: '' }), openFile: async () => {} },
  });

  it('proposes the milestones of seed 000 from its pasted text, and of the same plan uploaded as a file', async () => {
    const ctx = await context();
    const text = fs.readFileSync(path.join(SEEDS, '000_eeaf72b0f8f51ce7.txt'), 'utf8');
    const pasted = await dispatch('groups-calendar.readPlan', { text }, ctx);
    expect(pasted.ok && (pasted.value as PlanReading).milestones.length).toBe(20);
    const file = path.join(tempDir(), 'ke-hoach.txt');
    fs.writeFileSync(file, text);
    const uploaded = await dispatch('groups-calendar.readPlan', { file: ctx.files.register(file) }, ctx);
    expect(uploaded.ok && uploaded.value).toEqual(pasted.ok && pasted.value);
  });

  it('answers an empty paste in Vietnamese', async () => {
    const answer = await dispatch('groups-calendar.readPlan', { text: '' }, await context());
    expect(answer).toEqual({ ok: false, error: 'Hãy dán nội dung kế hoạch.' });
  });
});
