import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { dispatch, isChannel } from '../main/ipc/dispatch';
import type { Context, Host } from '../main/ipc/context';
import { UserError } from '../services/errors';
import type { Workspace } from '../services/workspace/workspace';
import { FileHandles } from '../services/files/handles';
import { CONTENT_SECURITY_POLICY, staticFile } from '../main/renderer-files';

const MAX_JSON = 16 * 1024 * 1024;
const MAX_UPLOAD = 8 * 1024 ** 3;

/** In a browser the renderer picks and saves files itself (upload, download); main never opens dialogs. */
const browserHost: Host = {
  shell: 'browser',
  pickBundles: () => Promise.reject(new UserError('Trong trình duyệt, hãy chọn tệp bằng hộp thoại của trình duyệt.')),
  pickXlsx: () => Promise.reject(new UserError('Trong trình duyệt, hãy chọn tệp bằng hộp thoại của trình duyệt.')),
  saveAs: () => Promise.reject(new UserError('Trong trình duyệt, tệp được tải về thư mục Tải xuống.')),
};

export interface Bridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON) throw new UserError('Yêu cầu quá lớn.');
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * Carries the same contract as Electron's IPC over loopback HTTP: 127.0.0.1 only, a secret token
 * made at each launch, Host and Origin checked against DNS rebinding and other local pages.
 */
export async function startBridge(ws: Workspace, rendererDir: string, port = 0): Promise<Bridge> {
  const token = crypto.randomBytes(32).toString('hex');
  const ctx: Context = { ws, files: new FileHandles(), host: browserHost };
  let origin = '';

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, { ok: false, error: 'Sai địa chỉ máy chủ.' });
      const url = new URL(req.url ?? '/', origin);
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
        return send(res, 200, await dispatch(channel, await readJson(req), ctx));
      }
      if (req.method === 'POST' && url.pathname === '/files/upload') {
        const name = path.basename(url.searchParams.get('name') ?? 'tep').slice(0, 200);
        if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD) return send(res, 413, { ok: false, error: 'Tệp quá lớn.' });
        const dest = path.join(ws.dir.staging, `upload-${crypto.randomBytes(8).toString('hex')}${path.extname(name)}`);
        await pipeline(req, fs.createWriteStream(dest));
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
    } catch (error) {
      if (!res.headersSent) send(res, error instanceof UserError ? 400 : 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    }
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
