import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBridge } from '../../electron/shell/bridge';
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
      const bad = JSON.parse((await request(port, '/api/staff.save', auth, '{"fullName":"","gender":"x","birthYear":null}')).body);
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
