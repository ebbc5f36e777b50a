import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../electron/cli/demo';
import { openWorkspace } from '../../electron/services/workspace/workspace';
import { findGroup } from '../../electron/services/groups-calendar/groups';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { parseDocx } from '../helpers/docx';
import { tempDir } from '../helpers/units';
import { readZip } from '../helpers/zip';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';

describe('thidua demo', () => {
  it('runs the year’s exchange end to end and leaves the leader’s documents', async () => {
    const out = path.join(tempDir('demo-'), 'out');
    const lines: string[] = [];
    await runDemo(out, (s) => lines.push(s));
    const log = lines.join('\n');
    expect(log).toContain('27 đơn vị nhập gói khởi động');
    expect(log).toMatch(/chuyển 13 gói của các Cục THADS cho Trưởng/);
    expect(log).toContain('Chờ xác nhận: Sở Tư pháp tỉnh Lai Châu');
    expect(log).toContain('gửi lại bản đăng ký đã sửa (phiên bản 2)');
    expect(log).toMatch(/Màn hình việc cần làm của Sở Tư pháp tỉnh Hà Giang: ".*Đã được Sở Tư pháp tỉnh Tuyên Quang tiếp nhận ngày 16\/02\/2024\."/);
    expect(log).toContain('gửi chậm: Cục Thi hành án dân sự tỉnh Hòa Bình, Sở Tư pháp tỉnh Điện Biên; chưa gửi: Sở Tư pháp tỉnh Sơn La.');
    // The scoring round: a deduction over its cap refused, items without evidence marked down, verified scores back.
    expect(log).toMatch(/nhập điểm trừ 6 cho mục 1 bị từ chối: "Điểm trừ 6 của mục 1 vượt quá mức trừ tối đa 5 điểm\."/);
    expect(log).toMatch(/tiêu chí không có minh chứng bị chấm 0 điểm/);
    expect(log).toMatch(/12\. Xếp hạng theo điểm thẩm định: 1\. /);
    expect(log).toMatch(/Trưởng gửi (\d+) biên nhận kèm điểm thẩm định; \1 đã về đơn vị\..* thấy: mục .* lý do "Không có tài liệu minh chứng kèm theo\."/);

    // The award round: one export refused naming the part without its scan, one unmet condition flagged for the leader, the vote, the Ministry bundle.
    expect(log).toContain('Sở Tư pháp tỉnh Cao Bằng: chưa gửi được — Chưa gửi được hồ sơ đề nghị khen thưởng: «');
    expect(log).toMatch(/Chiến sĩ thi đua cơ sở»: thiếu bản scan đã ký, đóng dấu của báo cáo thành tích\./);
    expect(log).toMatch(/ {6}Sở Tư pháp tỉnh Bắc Kạn: .+ – Chiến sĩ thi đua cơ sở: Không đủ điều kiện\./);
    expect(log).toContain('Cần từ 2/3 tổng số đơn vị thành viên (28 đơn vị), tức ít nhất 19 phiếu đồng ý.');
    expect(log).toContain('Sở Tư pháp tỉnh Hà Giang: 25/28 (89,29 %), được suy tôn.');
    expect(log).toContain('Sở Tư pháp tỉnh Lào Cai: 17/28 (60,71 %), không đạt tỷ lệ.');
    expect(log).toContain('Hạn gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp: 30/11/2024');
    const [ministry] = fs.readdirSync(path.join(out, 'usb', '10-gui-bo')).map((f) => path.join(out, 'usb', '10-gui-bo', f));
    expect((await verifyBundleFile(ministry!, bundleKinds)).header.kind).toBe('award_submission');
    // The voted members' dossier bundles ride inside byte for byte as they signed them (Hà Giang's came straight to the leader).
    const inner = (await readZip(ministry!)).filter((e) => e.name.startsWith('data/bundles/'));
    expect(inner).toHaveLength(3);
    const signed = fs.readdirSync(path.join(out, 'usb', '9-ho-so-gui-truong')).find((f) => f.startsWith('ho-so-khen-thuong-2024-STP-HG'))!;
    const original = fs.readFileSync(path.join(out, 'usb', '9-ho-so-gui-truong', signed));
    expect(inner.some((e) => e.data.equals(original))).toBe(true);
    const conference = fs.readdirSync(path.join(out, 'documents', 'hoi-nghi')).sort();
    expect(conference).toEqual(['bien-ban-hoi-nghi-tong-ket-2024-KVTD-MNPB.docx', 'bien-ban-kiem-phieu-2024-KVTD-MNPB.docx', 'danh-sach-don-vi-duoc-suy-ton-2024-KVTD-MNPB.docx', 'phieu-suy-ton-2024-KVTD-MNPB.docx']);
    const proposerPapers = fs.readdirSync(path.join(out, 'documents', 'STP-HG'));
    for (const kind of ['to-trinh-khen-thuong', 'danh-sach-de-nghi-khen-thuong', 'bao-cao-thanh-tich', 'bien-ban-hop-hoi-dong', 'danh-sach-hoi-dong-de-nghi']) {
      expect(proposerPapers.some((f) => f.startsWith(kind)), kind).toBe(true);
    }
    for (const dir of ['hoi-nghi', 'STP-HG', 'THADS-HG']) {
      for (const d of fs.readdirSync(path.join(out, 'documents', dir))) expect((await parseDocx(path.join(out, 'documents', dir, d))).errors, d).toEqual([]);
    }

    const documents = fs.readdirSync(path.join(out, 'documents')).filter((f) => path.extname(f)).sort();
    expect(documents.map((d) => path.extname(d)).sort()).toEqual(['.docx', '.docx', '.docx', '.docx', '.docx', '.xlsx', '.xlsx']);
    expect(documents.filter((d) => d.startsWith('xep-hang-thi-dua-2024-'))).toHaveLength(2);
    for (const d of documents.filter((f) => f.endsWith('.docx'))) expect((await parseDocx(path.join(out, 'documents', d))).errors, d).toEqual([]);

    // The leader's own database tells the same story: a Cục THADS member credited through the deputy.
    const ws = openWorkspace({ dataDir: path.join(out, 'units', 'STP-TQ') });
    try {
      const board = statusBoard(ws.db, findGroup(ws.db, 'KVTD-MNPB', 2024)!.id, { today: '2024-02-25T03:00:00.000Z' });
      const column = board.columns.findIndex((c) => c.deliverable === 'registration' && c.from === 'member');
      expect(board.rows.find((r) => r.code === 'THADS-HG')!.cells[column]!.state).toBe('on_time');
      const late = statusBoard(ws.db, findGroup(ws.db, 'KVTD-MNPB', 2024)!.id, { today: '2024-11-20T03:00:00.000Z' });
      const scored = late.columns.findIndex((c) => c.deliverable === 'self_assessment');
      expect(late.rows.filter((r) => r.cells[scored]?.state === 'on_time').length).toBeGreaterThan(20);
    } finally {
      ws.close();
    }
  }, 300_000);
});
