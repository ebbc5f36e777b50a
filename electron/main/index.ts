import path from 'node:path';
import { app, BrowserWindow, Menu, protocol, safeStorage, session } from 'electron';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
import { defaultDataDir } from '../services/workspace/data-dir';
import { FileHandles } from '../services/files/handles';
import type { Sealer } from '../services/units-keys/keys';
import { registerIpc, APP_ORIGIN } from './register-ipc';
import { electronHost } from './host';
import { CONTENT_SECURITY_POLICY, staticFile } from './renderer-files';

const rendererDir = path.join(import.meta.dirname, 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// Date pickers and number formats follow the UI's language.
app.commandLine.appendSwitch('lang', 'vi');

/** The private key is sealed by the OS key store (DPAPI on Windows) when one is available. */
function sealer(): Sealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
  };
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function createWindow(ws: Workspace): Promise<void> {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Thi đua Tư pháp',
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  registerIpc({ ws, files: new FileHandles(), host: electronHost(window) }, window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  Menu.setApplicationMenu(null);
  harden();
  protocol.handle('app', async (request) => {
    const file = await staticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Không tìm thấy', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'content-security-policy': CONTENT_SECURITY_POLICY } });
  });
  const ws = openWorkspace({ dataDir: defaultDataDir(), nativeBinding: process.env.THIDUA_NATIVE_BINDING, sealer: sealer() });
  app.on('will-quit', () => ws.close());
  await createWindow(ws);
});

app.on('window-all-closed', () => app.quit());
