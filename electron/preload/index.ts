import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../ipc/channels';

/** The renderer's only door to the main process: `invoke` on a channel of the contract, nothing else. */
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: string, input: unknown): Promise<unknown> =>
    (channels as readonly string[]).includes(channel) ? ipcRenderer.invoke(channel, input) : Promise.reject(new Error(`Kênh không hợp lệ: ${channel}`)),
});
