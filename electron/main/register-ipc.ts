import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels } from '../ipc/channels';
import type { Context } from '../api/context';
import { dispatch } from '../api/dispatch';

export const APP_ORIGIN = 'app://thidua';

/** Only our own window, showing our own page, may call the contract. */
function trusted(event: IpcMainInvokeEvent, window: WebContents): boolean {
  return event.sender === window && !!event.senderFrame && event.senderFrame.url.startsWith(`${APP_ORIGIN}/`);
}

export function registerIpc(ctx: Context, window: WebContents): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      trusted(event, window) ? dispatch(channel, input, ctx) : { ok: false, error: 'Yêu cầu không đến từ cửa sổ của ứng dụng.' },
    );
  }
}
