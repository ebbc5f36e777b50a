import { vi } from 'vitest';
import type { Api } from '../../renderer/api/client';
import type { Channel } from '../../electron/ipc/channels';
import type { Input, Output } from '../../electron/ipc/contract';

type Handlers = { [C in Channel]?: (input: Input<C>) => Output<C> | Promise<Output<C>> };

/** The typed Api with in-memory handlers; records every call so a test can assert what the UI asked. */
export function fakeApi(handlers: Handlers, overrides: Partial<Api> = {}) {
  // Every bundle saved asks this installation's mail limit first: 20 MB, the default, unless a test says otherwise;
  // the import screen asks for parts waiting for their whole: none, unless a test says otherwise.
  const all: Handlers = { 'bundles.partLimit': () => ({ bytes: 20 * 1024 * 1024 }), 'bundles.heldParts': () => [], ...handlers };
  const call = vi.fn(async (channel: Channel, input: unknown) => {
    const h = all[channel] as ((i: unknown) => unknown) | undefined;
    if (!h) throw new Error(`Không có xử lý giả cho ${channel}`);
    return h(input);
  });
  const api: Api = {
    shell: 'browser',
    call: call as Api['call'],
    pickBundles: vi.fn(async () => []),
    pickXlsx: vi.fn(async () => null),
    pickDocument: vi.fn(async () => null),
    save: vi.fn(async (f) => `Đã tải tệp ${f.name}.`),
    saveAll: vi.fn(async (files) => `Đã tải ${files.length} tệp.`),
    open: vi.fn(async () => {}),
    ...overrides,
  };
  return { api, call };
}
