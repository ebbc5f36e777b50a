import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../electron/ipc/channels';
import { tempDir } from '../helpers/units';

/**
 * Electron cannot start on these machines, so its main process is loaded against a stand-in that
 * records what it is asked to do. Everything behind the IPC handlers (workspace, dispatch) is real.
 */
const rec = vi.hoisted(() => ({
  windows: [] as { options: { webPreferences: Record<string, unknown> }; url?: string; webContents: object }[],
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  schemes: [] as unknown[],
  sandbox: false,
  switches: [] as string[][],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1 };
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      rec.windows.push(this as never);
    }
    once() {}
    async loadURL(url: string) {
      (this as unknown as { url: string }).url = url;
    }
  }
  return {
    app: {
      enableSandbox: () => (rec.sandbox = true),
      commandLine: { appendSwitch: (...a: string[]) => rec.switches.push(a) },
      whenReady: () => Promise.resolve(),
      on: (name: string, fn: (...args: unknown[]) => void) => rec.appListeners.set(name, fn),
      quit: () => {},
    },
    BrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s), handle: () => {} },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof rec.permissionRequest) => (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof rec.permissionCheck) => (rec.permissionCheck = fn),
      },
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => rec.handlers.set(channel, fn) },
    dialog: {},
  };
});

describe('the Electron main process', () => {
  it('opens a sandboxed, isolated window on app://, checks IPC senders and denies navigation, pop-ups and permissions', async () => {
    process.env.THIDUA_DATA_DIR = tempDir();
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(rec.windows[0]?.url).toBe('app://thidua/index.html'));

    expect(rec.sandbox).toBe(true);
    expect(rec.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const prefs = rec.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);

    expect([...rec.handlers.keys()].sort()).toEqual([...channels].sort());
    const handler = rec.handlers.get('app.state')!;
    const own = { sender: rec.windows[0]!.webContents, senderFrame: { url: 'app://thidua/index.html' } };
    expect(await handler(own, {})).toEqual({ ok: true, value: { unit: null, groups: [], shell: 'electron' } });
    expect(await handler({ ...own, senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false });
    expect(await handler({ ...own, sender: { id: 2 } }, {})).toMatchObject({ ok: false });

    const granted = vi.fn();
    rec.permissionRequest!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(rec.permissionCheck!()).toBe(false);

    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = { on: (n: string, fn: never) => listeners.set(n, fn), setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn) };
    rec.appListeners.get('web-contents-created')!({}, contents);
    const away = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(inside, 'app://thidua/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(openHandler!()).toEqual({ action: 'deny' });
    rec.appListeners.get('will-quit')!();
    delete process.env.THIDUA_DATA_DIR;
  });
});
