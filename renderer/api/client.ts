import type { Channel } from '../../electron/ipc/channels';
import type { Envelope, FileHandle, Input, Output } from '../../electron/ipc/contract';
import { acceptList, type DocumentKind } from '../../electron/services/files/document-kinds';

/** Everything the UI may ask of the main process; the only module that knows how requests travel. */
export interface Api {
  shell: 'electron' | 'browser';
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  pickBundles(folder: boolean): Promise<FileHandle[]>;
  pickXlsx(): Promise<FileHandle | null>;
  /** A plan received as .docx or .txt, the paper a member sent (a scan or a Word file), or an evidence file of any kind. */
  pickDocument(kind: DocumentKind): Promise<FileHandle | null>;
  /** Saves a generated file where the person chooses; returns a sentence saying where. */
  save(file: FileHandle): Promise<string>;
  /** Saves several generated files together (one folder in Electron; downloads in the browser); returns a sentence saying where. */
  saveAll(files: FileHandle[]): Promise<string>;
  /** Opens a file with the system's viewer (Electron) or in a new browser tab, downloaded when the browser will not show it. */
  open(file: FileHandle): Promise<void>;
}

export class ApiError extends Error {
  override name = 'ApiError';
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value;
}

interface Preloaded {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
}

function electronApi(bridge: Preloaded): Api {
  const call = async <C extends Channel>(channel: C, input: Input<C>) => unwrap(await bridge.invoke(channel, input)) as Output<C>;
  return {
    shell: 'electron',
    call,
    pickBundles: (folder) => call('files.pickBundles', { folder }),
    pickXlsx: () => call('files.pickXlsx', {}),
    pickDocument: (kind) => call('files.pickDocument', { kind }),
    save: async (file) => {
      const r = await call('files.save', { file });
      return r.saved ? `Đã lưu tệp ${r.where}.` : 'Đã hủy, chưa lưu tệp.';
    },
    saveAll: async (files) => {
      const r = await call('files.saveAll', { files });
      return r.saved ? `Đã lưu ${r.where}.` : 'Đã hủy, chưa lưu tệp nào.';
    },
    open: async (file) => void (await call('files.open', { file })),
  };
}

/** Lets the person choose files with the browser's own dialog (a folder too), then uploads them. */
function chooseFiles(accept: string, options: { multiple: boolean; folder: boolean }): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = options.multiple;
    input.hidden = true;
    if (options.folder) input.webkitdirectory = true;
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}

function browserApi(token: string): Api {
  const headers = { authorization: `Bearer ${token}` };
  const call = async <C extends Channel>(channel: C, input: Input<C>) => {
    const res = await fetch(`/api/${channel}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return unwrap((await res.json()) as Envelope<Output<C>>);
  };
  const upload = async (file: File) => {
    const res = await fetch(`/files/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers, body: file });
    return unwrap((await res.json()) as Envelope<FileHandle>);
  };
  const blobOf = async (file: FileHandle) => {
    const res = await fetch(`/files/${file.id}`, { headers });
    if (!res.ok) throw new ApiError('Không tải được tệp.');
    return res.blob();
  };
  /** The browser shell has no folder dialog: each file is downloaded. */
  const download = async (file: FileHandle) => {
    const url = URL.createObjectURL(await blobOf(file));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return {
    shell: 'browser',
    call,
    pickBundles: async (folder) => {
      const files = (await chooseFiles('.tdkt,.tdkt-part', { multiple: true, folder })).filter((f) => !folder || /\.tdkt(-part)?$/i.test(f.name));
      return Promise.all(files.map(upload));
    },
    pickXlsx: async () => {
      const [file] = await chooseFiles('.xlsx', { multiple: false, folder: false });
      return file ? upload(file) : null;
    },
    pickDocument: async (kind) => {
      const [file] = await chooseFiles(acceptList(kind), { multiple: false, folder: false });
      return file ? upload(file) : null;
    },
    save: async (file) => {
      await download(file);
      return `Đã tải tệp ${file.name} về thư mục Tải xuống của trình duyệt.`;
    },
    saveAll: async (files) => {
      for (const file of files) await download(file);
      return `Đã tải ${files.length} tệp về thư mục Tải xuống của trình duyệt: ${files.map((f) => f.name).join(', ')}.`;
    },
    open: async (file) => {
      // Typed by its extension so the browser shows a PDF or a photo itself; anything else it downloads.
      const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
      const type = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain;charset=utf-8' }[ext];
      if (!type) return download(file);
      const url = URL.createObjectURL(new Blob([await blobOf(file)], { type }));
      if (!window.open(url, '_blank')) await download(file);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}

/** Electron's preload exposes window.api; the browser shell hands its token in the URL fragment. */
export function createApi(): Api {
  const preloaded = (window as unknown as { api?: Preloaded }).api;
  if (preloaded) return electronApi(preloaded);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('thidua-token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return browserApi(sessionStorage.getItem('thidua-token') ?? '');
}
