import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBridge } from '../../electron/shell/bridge';
import { dispatch } from '../../electron/api/dispatch';
import type { Context } from '../../electron/api/context';
import { FileHandles } from '../../electron/services/files/handles';
import { DATABASE_BUSY } from '../../electron/services/errors';
import { makeUnit, MEMBER } from '../helpers/units';

/** Raw requests, so Host and Origin can be forged the way a hostile page or DNS rebinding would. */
function request(port: number, p: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser shell bridge', () => {
  it('serves the contract only to the holder of the launch token, on its own host and origin', async () => {
    const { ws } = await makeUnit(MEMBER);
    const bridge = await startBridge(ws, path.resolve('dist/renderer'));
    try {
      const url = new URL(bridge.url);
      const port = Number(url.port);
      const host = url.host;
      const auth = { authorization: `Bearer ${bridge.token}`, host };
      expect(url.hostname).toBe('127.0.0.1');
      expect((await request(port, '/api/app.state', { host }, '{}')).status).toBe(401);
      expect((await request(port, '/api/app.state', { host, authorization: 'Bearer 00' }, '{}')).status).toBe(401);
      expect((await request(port, '/api/app.state', { ...auth, host: `evil.example:${port}` }, '{}')).status).toBe(421);
      expect((await request(port, '/api/app.state', { ...auth, origin: 'http://evil.example' }, '{}')).status).toBe(403);
      const ok = await request(port, '/api/app.state', auth, '{}');
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { unit: { code: 'STP-HG' }, shell: 'browser' } });
      const bad = JSON.parse((await request(port, '/api/registration.staffSave', auth, '{"fullName":"","gender":"x","birthYear":null}')).body);
      expect(bad).toEqual({ ok: false, error: 'Họ và tên không được để trống. Giới tính phải là Nam hoặc Nữ.' });
      const wrongType = JSON.parse((await request(port, '/api/registration.get', auth, '{"groupId":"một"}')).body);
      expect(wrongType).toEqual({ ok: false, error: 'Đầu vào không hợp lệ: mong đợi số, nhận được string' });
      expect((await request(port, '/..%2f..%2fpackage.json', { host })).status).toBe(404);
      expect((await request(port, '/files/' + 'a'.repeat(32), auth)).status).toBe(400);
      // An uploaded bundle is the app's own copy: gone from staging once imported, its handle with it.
      const upload = JSON.parse((await request(port, '/files/upload?name=a.tdkt', auth, 'không phải gói')).body);
      expect(fs.readdirSync(ws.dir.staging)).toHaveLength(1);
      const imported = JSON.parse((await request(port, '/api/bundles.import', auth, JSON.stringify({ files: [upload.value] }))).body);
      expect(imported.value).toEqual([{ file: 'a.tdkt', status: 'refused', reason: 'Tệp không phải gói hồ sơ .tdkt (không phải tệp ZIP). Đề nghị đơn vị gửi lại gói.' }]);
      expect(fs.readdirSync(ws.dir.staging)).toEqual([]);
      expect(JSON.parse((await request(port, '/api/bundles.import', auth, JSON.stringify({ files: [upload.value] }))).body).error).toContain('không còn hiệu lực');
      const page = await request(port, '/', { host });
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await bridge.close();
    }
  });
});

/**
 * Streams `total` bytes with chunked transfer encoding (no Content-Length), honouring back-pressure,
 * and stops sending as soon as the server answers.
 */
function chunked(port: number, p: string, headers: Record<string, string>, total: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port, path: p, method: 'POST', headers }, (res) => {
      answered = true;
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: data, sent });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Bytes that are not HTTP at all, straight on a socket. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.on('data', (c) => (data += c));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const MiB = 1024 * 1024;

describe('the bridge under hostile input', () => {
  it('limits chunked bodies by counting, answers malformed input with 400 in Vietnamese, and keeps serving', { timeout: 120_000 }, async () => {
    const { ws } = await makeUnit(MEMBER);
    const bridge = await startBridge(ws, path.resolve('dist/renderer'), { maxUpload: 10 * MiB });
    try {
      const url = new URL(bridge.url);
      const port = Number(url.port);
      const auth = { authorization: `Bearer ${bridge.token}`, host: url.host };
      const refusal = (r: { status: number; body: string }, status: number) => {
        expect(r.status).toBe(status);
        const body = JSON.parse(r.body) as { ok: boolean; error: string };
        expect(body.ok).toBe(false);
        expect(body.error).toMatch(VIETNAMESE);
        return body.error;
      };

      // 100 MB, chunked, to an upload limited to 10 MB: refused once past the limit, nothing kept.
      const upload = await chunked(port, '/files/upload?name=lon.tdkt', auth, 100 * MiB);
      expect(refusal(upload, 413)).toBe('Dữ liệu gửi lên quá lớn (tối đa 10 MB); không có gì được lưu.');
      expect(upload.sent).toBeLessThan(100 * MiB);
      expect(fs.readdirSync(ws.dir.staging)).toEqual([]);
      // The same for an API call (16 MB), and for a declared length over the limit.
      expect(refusal(await chunked(port, '/api/app.state', auth, 100 * MiB), 413)).toContain('tối đa 16 MB');
      expect(refusal(await request(port, '/files/upload?name=a.tdkt', { ...auth, 'content-length': String(11 * MiB) }, ''), 413)).toContain('tối đa 10 MB');

      const bad: [string, Record<string, string>, string | undefined][] = [
        ['/%E0%A4%A', { host: url.host }, undefined],
        ['/%', { host: url.host }, undefined],
        ['/api/app.state%E0%A4%A', auth, '{}'],
        ['/files/%E0%A4%A', auth, undefined],
        ['/api/registration.get', auth, '{"groupId":'],
        ['/api/registration.get', auth, '[' .repeat(100_000)],
        ['/api/registration.get', auth, '\u00ff\u00fe'],
        ['/api/registration.get', auth, '{"groupId": 1e999}'],
        ['/api/registration.get', auth, '"một"'],
        ['/api/registration.get', auth, 'null'],
        ['/api/registration.staffSave', auth, '{"fullName": ["Nguyễn"], "gender": 1, "birthYear": "1980"}'],
        ['/api/bundles.import', auth, '{"files": [{"id": {"__proto__": 1}}]}'],
        ['/api/constructor', auth, '{}'],
      ];
      for (const [p, headers, body] of bad) {
        const r = await request(port, p, headers, body);
        expect(r.status, `${p} ${body?.slice(0, 40)}`).toBeLessThan(500);
        const answer = JSON.parse(r.body) as { ok: boolean; error: string };
        expect(answer.ok).toBe(false);
        expect(answer.error, `${p} ${body?.slice(0, 40)}`).toMatch(VIETNAMESE);
        expect(answer.error).not.toMatch(/SyntaxError|URIError|Unexpected token|Invalid URL|URI malformed/);
      }
      expect(refusal(await request(port, '/%E0%A4%A', { host: url.host }), 400)).toBe('Địa chỉ yêu cầu không hợp lệ.');
      expect(refusal(await request(port, '/api/registration.get', auth, '{"groupId":'), 400)).toBe('Dữ liệu gửi lên không phải JSON hợp lệ.');
      // Not even HTTP: still an answer the app wrote.
      const garbage = await raw(port, 'GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400/);
      expect(garbage).toContain('Yêu cầu không hợp lệ.');

      const alive = JSON.parse((await request(port, '/api/app.state', auth, '{}')).body);
      expect(alive).toMatchObject({ ok: true, value: { unit: { code: 'STP-HG' } } });
    } finally {
      await bridge.close();
    }
  });
});

describe('the dispatch shared by IPC and the bridge', () => {
  const context = (ws: Context['ws']): Context => ({
    ws,
    files: new FileHandles(),
    host: { shell: 'browser', pickBundles: async () => [], pickXlsx: async () => null, pickDocument: async () => null, saveAs: async () => ({ saved: false, where: '' }), saveAll: async () => ({ saved: false, where: '' }), openFile: async () => {} },
  });

  it('says an unexpected fault in a Vietnamese sentence, the library’s words only after "Chi tiết kỹ thuật"', async () => {
    const { ws } = await makeUnit(MEMBER);
    ws.db.$client.close();
    const answer = await dispatch('app.state', {}, context(ws));
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/^Đã xảy ra lỗi không mong muốn\. .*Chi tiết kỹ thuật: The database connection is not open$/);
  });

  it('says in Vietnamese that the database is busy when another writer holds it past the timeout', async () => {
    const { ws } = await makeUnit(MEMBER);
    ws.db.$client.pragma('busy_timeout = 200');
    const other = new Database(ws.db.$client.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const answer = await dispatch('registration.staffSave', { fullName: 'Nguyễn Văn An', birthYear: 1980, gender: 'nam' }, context(ws));
      expect(answer).toEqual({ ok: false, error: DATABASE_BUSY });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
