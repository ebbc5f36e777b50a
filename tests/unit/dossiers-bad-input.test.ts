import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { verifyCarried } from '../../electron/services/bundles/consolidated';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { attachScan, createDossier, listDossiers } from '../../electron/services/dossiers/dossier';
import { UserError } from '../../electron/services/errors';
import { generatePart } from '../../electron/services/dossiers/documents';
import { exportDossiers } from '../../electron/services/dossiers/export';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import type { DossierRecord } from '../../electron/services/dossiers/schemas';
import type { BundleHeader } from '../../electron/services/bundles/format';
import { file, forwarded } from '../helpers/consolidated';
import { councilMeeting, group2025, memberYear, scan } from '../helpers/dossiers';
import { saveCouncil } from '../../electron/services/awards/council';
import type { CouncilMeetingInput } from '../../electron/services/awards/council-schemas';
import { DEPUTY, LEADER, makeUnit, MEMBER, resign, tempDir, type TestSigner } from '../helpers/units';
import { rawZip, readZip, type RawEntry } from '../helpers/zip';

async function completeDossier(m: Awaited<ReturnType<typeof memberYear>>) {
  const d = createDossier(m.ws, m.group.id, m.huong, 'CSTDCS');
  await generatePart(m.ws, m.group.id, d.recordId, 'proposalLetter');
  for (const part of ['proposalLetter', 'achievementReport', 'minutes'] as const) await attachScan(m.ws, m.group.id, d.recordId, part, scan(`${part}.pdf`), `${part}.pdf`);
  return d;
}

async function sentDossier() {
  const leader = await makeUnit(LEADER);
  const deputy = await makeUnit(DEPUTY);
  const m = await memberYear(MEMBER, group2025({ [LEADER.code]: leader.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }));
  const d = await completeDossier(m);
  const sent = await exportDossiers(m.ws, m.group.id);
  saveGroup(leader.ws, groupInputSchema.parse(group2025({ [MEMBER.code]: m.unit.keyId, [DEPUTY.code]: deputy.unit.keyId })));
  const signer: TestSigner = { ...(await m.ws.keys.load(m.unit.keyId)), keyId: m.unit.keyId };
  return { leader, deputy, m, d, sent, signer };
}

function forge(entries: RawEntry[], signer: TestSigner, edit: (content: DossierRecord) => void, header: (h: BundleHeader) => void = () => {}): string {
  const rec = entries.find((e) => e.name.startsWith('data/records/'))!;
  const content = JSON.parse(rec.data.toString('utf8')) as DossierRecord;
  edit(content);
  rec.data = Buffer.from(JSON.stringify(content, null, 2));
  const out = path.join(tempDir(), 'forged.tdkt');
  fs.writeFileSync(out, rawZip(resign(entries, signer, header)));
  return out;
}

/**
 * The award round's input boundaries attacked with real artefacts: dossier bundles signed with the
 * member's real key and then altered, scans attached past the limits, council meetings and workbooks
 * meant to break the readers. Each is refused with a Vietnamese reason, nothing half-written.
 */

const dossiersAt = (s: Awaited<ReturnType<typeof sentDossier>>) => s.leader.ws.db.select().from(schema.records).where(eq(schema.records.type, 'dossier')).all();

describe('a hostile dossier bundle, signed with the member’s own key', () => {
  it.each([
    ['in the name of another unit', (c: DossierRecord) => (c.unit.code = 'STP-CB'), 'không cùng đơn vị gửi'],
    ['of another year than its header', (c: DossierRecord) => (c.group.year = 2024), 'không cùng đơn vị gửi, Khu vực/Cụm hoặc năm'],
    ['with achievements past the limit', (c: DossierRecord) => (c.achievements = 'x'.repeat(20_001)), 'Thành tích quá dài'],
    ['with a negative vote count', (c: DossierRecord) => (c.council = { meeting: { record_id: c.record_id, version: 1 }, votes_for: -1, total_members: 9, reached: false }), 'sai cấu trúc'],
    ['with a name holding a NUL', (c: DossierRecord) => (c.nominee.name = 'Nguyễn\u0000Hương'), 'ký tự không được phép'],
    [
      'whose council gave more yes votes than it has members',
      (c: DossierRecord) => (c.council = { meeting: { record_id: c.record_id, version: 1 }, votes_for: 50, total_members: 9, reached: true }),
      'Hội đồng Thi đua – Khen thưởng của đơn vị ghi 50 phiếu đồng ý, nhiều hơn 9 thành viên',
    ],
  ])('%s is refused and nothing of it is kept', async (_what, edit, reason) => {
    const s = await sentDossier();
    const landed = await importBundleFile(s.leader.ws, file(forge(await readZip(s.sent.path), s.signer, edit)));
    expect(landed.status).toBe('refused');
    expect(landed.reason).toContain(reason);
    expect(dossiersAt(s)).toEqual([]);
    expect(s.leader.ws.db.select().from(schema.receivedBundles).all()).toEqual([]);
  }, 30_000);

  it('the same record and version with other content, after the real one, is refused and the real one stays', async () => {
    const s = await sentDossier();
    expect((await importBundleFile(s.leader.ws, file(s.sent.path))).status).toBe('accepted');
    const before = dossiersAt(s);
    // A new bundle (its own id and number), so only the record itself can be found out.
    const again = forge(await readZip(s.sent.path), s.signer, (c) => (c.achievements = 'Thành tích khác'), (h) => {
      h.bundle_id = crypto.randomUUID();
      h.seq += 1;
    });
    const landed = await importBundleFile(s.leader.ws, file(again));
    expect(landed.status).toBe('refused');
    expect(landed.reason).toContain('đã nhận trước đây với nội dung khác');
    expect(dossiersAt(s)).toEqual(before);
  }, 30_000);
});

describe('a signed scan attached past the limits', () => {
  it('a 21st scan on one part is refused in Vietnamese and the dossier keeps its 20', async () => {
    const m = await memberYear();
    const d = createDossier(m.ws, m.group.id, m.huong, 'CSTDCS');
    for (let i = 0; i < 20; i++) await attachScan(m.ws, m.group.id, d.recordId, 'minutes', scan(`trang-${i}.pdf`), `trang-${i}.pdf`);
    const refused = attachScan(m.ws, m.group.id, d.recordId, 'minutes', scan('trang-20.pdf'), 'trang-20.pdf');
    await expect(refused).rejects.toThrow(UserError);
    await expect(attachScan(m.ws, m.group.id, d.recordId, 'minutes', scan('trang-21.pdf'), 'trang-21.pdf')).rejects.toThrow('Mỗi thành phần hồ sơ có tối đa 20 tệp đính kèm.');
    const held = listDossiers(m.ws, m.group.id).dossiers[0]!;
    expect(held.parts.find((p) => p.part === 'minutes')!.scans).toHaveLength(20);
  }, 30_000);

  it('a missing file, an empty one and a folder are refused by name', async () => {
    const m = await memberYear();
    const d = createDossier(m.ws, m.group.id, m.huong, 'CSTDCS');
    const empty = path.join(tempDir(), 'rong.pdf');
    fs.writeFileSync(empty, '');
    await expect(attachScan(m.ws, m.group.id, d.recordId, 'minutes', '/khong/co/tep.pdf', 'tep.pdf')).rejects.toThrow('Không đọc được tệp "tep.pdf".');
    await expect(attachScan(m.ws, m.group.id, d.recordId, 'minutes', empty, 'rong.pdf')).rejects.toThrow('Tệp "rong.pdf" rỗng.');
    await expect(attachScan(m.ws, m.group.id, d.recordId, 'minutes', tempDir(), 'thu-muc.pdf')).rejects.toThrow('Không đọc được tệp "thu-muc.pdf".');
  });
});

describe('thidua verify of the bundles a forwarding bundle carries', () => {
  /** The deputy's real consolidated bundle, its signed catalogue made to list one more file under data/bundles/, signed again with the deputy's key. */
  function carrying(entries: RawEntry[], signer: TestSigner, name: string, data: Buffer): string {
    entries.push({ name, data });
    const out = path.join(tempDir(), 'chuyen-tiep.tdkt');
    fs.writeFileSync(
      out,
      rawZip(resign(entries, signer, (h) => void h.files.push({ ...h.files.find((x) => x.path.startsWith('data/bundles/'))!, path: name, sha256: crypto.createHash('sha256').update(data).digest('hex'), size: data.length }))),
    );
    return out;
  }

  it('names a carried bundle its signed list does not declare, as the import refuses it', async () => {
    const f = await forwarded();
    const forged = carrying(await readZip(f.consolidated), f.deputy.signer, `data/bundles/${crypto.randomUUID()}.tdkt`, f.originalBytes);
    await verifyBundleFile(forged, bundleKinds);
    const checks = await verifyCarried(forged, bundleKinds);
    expect(checks.filter((c) => c.problem === null)).toHaveLength(1);
    expect(checks.filter((c) => c.problem !== null).map((c) => c.problem)).toEqual(['Tệp này không được ghi trong bản kê các gói chuyển tiếp đã ký của gói chứa nó.']);
    const landed = await importBundleFile(f.leader.ws, file(forged));
    expect(landed.status).toBe('refused');
    expect(landed.reason).toContain('không được ghi trong bản kê các gói chuyển tiếp');
  });

  it('names a carried bundle altered after it was signed, even with the carrier signed again', async () => {
    const f = await forwarded();
    const entries = await readZip(f.consolidated);
    const inner = entries.find((e) => e.name.startsWith('data/bundles/'))!;
    // One byte of the inner bundle changed: the carrier's signature is redone, the inner one cannot be.
    inner.data = Buffer.from(inner.data);
    inner.data[Math.floor(inner.data.length / 2)]! ^= 0xff;
    expect(inner.data.equals(f.originalBytes)).toBe(false);
    const out = path.join(tempDir(), 'sua.tdkt');
    fs.writeFileSync(out, rawZip(resign(entries, f.deputy.signer)));
    const checks = await verifyCarried(out, bundleKinds);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.problem).toMatch(/CRC-32|Chữ ký số không hợp lệ|không khớp/);
  });
});

describe('the bundle to the Ministry in the wrong hands', () => {
  /** The deputy's real consolidated bundle, signed again as the kind award_submission by `signer`. */
  async function asSubmission(f: Awaited<ReturnType<typeof forwarded>>, signer: TestSigner, edit: (h: BundleHeader) => void) {
    const out = path.join(tempDir(), 'gui-bo.tdkt');
    fs.writeFileSync(out, rawZip(resign(await readZip(f.consolidated), signer, (h) => ((h.kind = 'award_submission'), edit(h)))));
    return file(out);
  }

  it('signed by the deputy is refused at the leader: only the leader sends it', async () => {
    const f = await forwarded();
    const landed = await importBundleFile(f.leader.ws, await asSubmission(f, f.deputy.signer, () => {}));
    expect(landed.status).toBe('refused');
    expect(landed.reason).toContain('Gói hồ sơ đề nghị khen thưởng gửi Bộ chỉ do Trưởng gửi;');
  });

  it('signed by the leader and addressed to a unit of the group is refused in a whole sentence: no unit of the group receives it', async () => {
    const f = await forwarded();
    const leader: TestSigner = { ...(await f.leader.ws.keys.load(f.leader.unit.keyId)), keyId: f.leader.unit.keyId };
    const landed = await importBundleFile(
      f.deputy.ws,
      await asSubmission(f, leader, (h) => {
        h.sender = { unit_code: LEADER.code, unit_name: LEADER.name, key_id: leader.keyId };
        h.recipient = { unit_codes: [DEPUTY.code] };
      }),
    );
    expect(landed.status).toBe('refused');
    expect(landed.reason).toBe('Gói hồ sơ đề nghị khen thưởng gửi Bộ không gửi cho đơn vị nào trong Khu vực/Cụm; đơn vị này là Phó Trưởng của Khu vực/Cụm.');
    expect(f.deputy.ws.db.select().from(schema.records).where(eq(schema.records.type, 'acclamation')).all()).toEqual([]);
  });
});

describe('the unit council’s meeting with impossible input', () => {
  it.each(['2025-02-30', '2025-99-99', '2025-00-00'])('a meeting date %s that no calendar has is refused in Vietnamese and nothing is saved', async (date) => {
    const m = await memberYear();
    const input = councilMeeting([{ nomineeId: m.huong, award_code: 'CSTDCS', votes_for: 7 }]);
    input.date = date;
    expect(() => saveCouncil(m.ws, m.group.id, input)).toThrow(new UserError('Ngày họp không phải là một ngày có thật.'));
    expect(m.ws.db.select().from(schema.records).where(eq(schema.records.type, 'council_meeting')).all()).toEqual([]);
  });

  it.each([
    ['more yes votes than members voting', (x: CouncilMeetingInput) => (x.nominations[0]!.votes_for = 11), 'nhiều hơn 9 thành viên có phiếu'],
    ['a vote count past any integer', (x: CouncilMeetingInput) => (x.nominations[0]!.votes_for = 1e300), 'Số phiếu đồng ý phải là số nguyên.'],
    ['a vote count that is no number', (x: CouncilMeetingInput) => (x.nominations[0]!.votes_for = NaN), 'Số phiếu đồng ý phải là một số.'],
    ['no member', (x: CouncilMeetingInput) => (x.members = []), 'Hội đồng chưa có thành viên nào.'],
    ['a quorum of 0/0', (x: CouncilMeetingInput) => (x.quorum = { numerator: 0, denominator: 0 }), 'Tỷ lệ tối thiểu có mặt phải lớn hơn 0.'],
    ['a threshold that is no number', (x: CouncilMeetingInput) => (x.default_threshold_percent = NaN), 'Tỷ lệ phải là một số.'],
  ])('%s is refused in Vietnamese', async (_what, edit, reason) => {
    const m = await memberYear();
    const input = councilMeeting([{ nomineeId: m.huong, award_code: 'CSTDCS', votes_for: 7 }]);
    edit(input);
    expect(() => saveCouncil(m.ws, m.group.id, input)).toThrow(reason);
    expect(() => saveCouncil(m.ws, m.group.id, input)).toThrow(UserError);
  });
});
