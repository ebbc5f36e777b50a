import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { Transform, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dispatch, isChannel } from '../api/dispatch';
import type { Context, Host } from '../api/context';
import { asUserError, unexpectedErrorMessage, UserError } from '../services/errors';
import { PRIVATE_FILE_MODE } from '../services/files/private';
import type { Workspace } from '../services/workspace/workspace';
import { FileHandles } from '../services/files/handles';
import { CONTENT_SECURITY_POLICY, staticFile } from '../main/renderer-files';

const MiB = 1024 * 1024;
/** An API call's JSON; the largest real one (a registration) is a few kB. */
const MAX_JSON = 16 * MiB;
/** The largest bundle a reader accepts. */
const MAX_UPLOAD = 8 * 1024 * MiB;

/** In a browser the renderer picks and saves files itself (upload, download); main never opens dialogs. */
const browserHost: Host = {
  shell: 'browser',
  pickBundles: () => Promise.reject(new UserError('Trong trình duyệt, hãy chọn tệp bằng hộp thoại của trình duyệt.')),
  pickXlsx: () => Promise.reject(new UserError('Trong trình duyệt, hãy chọn tệp bằng hộp thoại của trình duyệt.')),
  pickDocument: () => Promise.reject(new UserError('Trong trình duyệt, hãy chọn tệp bằng hộp thoại của trình duyệt.')),
  saveAs: () => Promise.reject(new UserError('Trong trình duyệt, tệp được tải về thư mục Tải xuống.')),
  saveAll: () => Promise.reject(new UserError('Trong trình duyệt, tệp được tải về thư mục Tải xuống.')),
  openFile: () => Promise.reject(new UserError('Trong trình duyệt, tệp được mở ở một thẻ mới hoặc tải về thư mục Tải xuống.')),
};

export interface Bridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  port?: number;
  /** Largest body of an API call and of an upload, in bytes (tests lower them). */
  maxJson?: number;
  maxUpload?: number;
}

/** A refusal with its HTTP status; the message is for the person. */
class HttpError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sizeLabel = (bytes: number) => (bytes >= 1024 * MiB ? `${+(bytes / (1024 * MiB)).toFixed(1)} GB` : `${Math.round(bytes / MiB)} MB`);
const tooLarge = (limit: number) => new HttpError(413, `Dữ liệu gửi lên quá lớn (tối đa ${sizeLabel(limit)}); không có gì được lưu.`);

/**
 * Counts the bytes of a body as they arrive, whatever the request declares: a chunked body has no
 * Content-Length, so only counting stops it at the limit.
 */
function limitBytes(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? tooLarge(limit) : null, chunk);
    },
  });
}

function checkDeclaredLength(req: http.IncomingMessage, limit: number): void {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
}

async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  checkDeclaredLength(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
}

/** The request's path, decoded; a malformed address (a stray or broken %-escape) is refused here. */
function parseUrl(raw: string | undefined, origin: string): URL {
  try {
    const url = new URL(raw ?? '/', origin);
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    throw new HttpError(400, 'Địa chỉ yêu cầu không hợp lệ.');
  }
}

/** A file name as shown to the person: no folders, no control characters, not endless. */
function uploadName(raw: string | null): string {
  // eslint-disable-next-line no-control-regex
  const name = path.basename((raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 200);
  return name || 'tep';
}

/**
 * Carries the same contract as Electron's IPC over loopback HTTP: 127.0.0.1 only, a secret token
 * made at each launch, Host and Origin checked against DNS rebinding and other local pages.
 */
export async function startBridge(ws: Workspace, rendererDir: string, options: BridgeOptions = {}): Promise<Bridge> {
  const { port = 0, maxJson = MAX_JSON, maxUpload = MAX_UPLOAD } = options;
  const token = crypto.randomBytes(32).toString('hex');
  const ctx: Context = { ws, files: new FileHandles(), host: browserHost };
  let origin = '';

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, { ok: false, error: 'Sai địa chỉ máy chủ.' });
    const url = parseUrl(req.url, origin);
    if (req.method === 'GET' && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/files/')) {
      const file = await staticFile(rendererDir, url.pathname);
      if (!file) return send(res, 404, { ok: false, error: 'Không tìm thấy.' });
      res.writeHead(200, { 'content-type': file.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      return res.end(file.body);
    }
    const auth = req.headers.authorization ?? '';
    const given = Buffer.from(auth.replace(/^Bearer /, ''));
    if (given.length !== token.length || !crypto.timingSafeEqual(given, Buffer.from(token))) return send(res, 401, { ok: false, error: 'Phiên làm việc không hợp lệ: hãy mở lại địa chỉ mà lệnh npm start đã in.' });
    if (req.headers.origin && req.headers.origin !== origin) return send(res, 403, { ok: false, error: 'Nguồn yêu cầu không được phép.' });

    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const channel = url.pathname.slice('/api/'.length);
      if (!isChannel(channel)) return send(res, 404, { ok: false, error: 'Không có chức năng này.' });
      return send(res, 200, await dispatch(channel, await readJson(req, maxJson), ctx));
    }
    if (req.method === 'POST' && url.pathname === '/files/upload') {
      const name = uploadName(url.searchParams.get('name'));
      checkDeclaredLength(req, maxUpload);
      const ext = /^\.[A-Za-z0-9]{1,10}$/.test(path.extname(name)) ? path.extname(name) : '';
      const dest = path.join(ws.dir.staging, `upload-${crypto.randomBytes(8).toString('hex')}${ext}`);
      try {
        await pipeline(req, limitBytes(maxUpload), fs.createWriteStream(dest, { mode: PRIVATE_FILE_MODE }));
      } catch (error) {
        // A broken or refused upload leaves nothing behind in staging.
        await fsp.rm(dest, { force: true });
        throw error;
      }
      return send(res, 200, { ok: true, value: ctx.files.register(dest, name, true) });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const { path: file, name } = ctx.files.resolve({ id: url.pathname.slice('/files/'.length) });
      const stat = await fsp.stat(file);
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': stat.size,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
      return void (await pipeline(fs.createReadStream(file), res));
    }
    send(res, 404, { ok: false, error: 'Không có chức năng này.' });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const known = asUserError(error);
      const status = error instanceof HttpError ? error.status : known ? 400 : 500;
      if (status === 500) console.error('[bridge]', error);
      // A body refused half-way is not read further: the connection closes after the answer.
      send(res, status, { ok: false, error: known ? known.message : unexpectedErrorMessage(error) }, req.complete ? {} : { connection: 'close' });
    });
  });
  // What Node's HTTP parser cannot read (not HTTP, a control character in the address) gets an answer
  // of ours too, instead of Node's bare "Bad Request".
  server.on('clientError', (_error, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify({ ok: false, error: 'Yêu cầu không hợp lệ.' });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/#token=${token}`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
