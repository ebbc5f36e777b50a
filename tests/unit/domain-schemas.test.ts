import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { contract, type Input } from '../../electron/ipc/contract';
import type { Channel } from '../../electron/ipc/channels';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { exportRegistration } from '../../electron/services/registration/export';
import { REGISTRATION_RECORD_FORMAT, registrationRecordV1Schema, type RegistrationRecord } from '../../electron/services/registration/record';
import { stripUnsafeChars } from '../../electron/services/text/unsafe-chars';
import { readZip, writeRawZip } from '../helpers/zip';
import { groupInput, registeredMember, resign, tempDir, type TestSigner } from '../helpers/units';

/** A registration record a member signed, edited by `edit` and signed again with the member's own key. */
async function signedRecord(edit: (r: RegistrationRecord) => void): Promise<string> {
  const member = await registeredMember();
  const { path: file } = await exportRegistration(member.ws, member.group.id);
  const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
  const entries = await readZip(file);
  const rec = entries.find((e) => e.name.startsWith('data/records/'))!;
  const content = JSON.parse(rec.data.toString('utf8')) as RegistrationRecord;
  edit(content);
  rec.data = Buffer.from(JSON.stringify(content));
  const forged = path.join(tempDir(), 'forged.tdkt');
  await writeRawZip(forged, resign(entries, signer));
  return verifyBundleFile(forged, bundleKinds).then(
    () => 'accepted',
    (e: Error) => e.message,
  );
}

describe('a record read from a bundle meets the domain rules of the form that made it', () => {
  it('accepts the record as written', async () => {
    expect(await signedRecord(() => {})).toBe('accepted');
  });

  it.each([
    ['a birth year of -5', (r: RegistrationRecord) => void (r.individuals[0]!.birth_year = -5), /individuals\.0\.birth_year: Năm sinh không hợp lệ/],
    ['a birth year of 3000', (r: RegistrationRecord) => void (r.individuals[0]!.birth_year = 3000), /Năm sinh không hợp lệ/],
    ['a date of 2022-13-45', (r: RegistrationRecord) => void (r.document.date = '2022-13-45'), /document\.date: Ngày ký không phải là một ngày có thật/],
    ['a date of 2022-02-30', (r: RegistrationRecord) => void (r.document.date = '2022-02-30'), /Ngày ký không phải là một ngày có thật/],
    ['a document year far from the emulation year', (r: RegistrationRecord) => void (r.document.date = '2031-02-05'), /document\.date: Ngày ký 05\/02\/2031 không hợp lệ: bản đăng ký năm 2022 phải ký trong các năm 2021 đến 2023/],
    ['a group year of 3', (r: RegistrationRecord) => void (r.group.year = 3), /group\.year: Năm không hợp lệ/],
    ['a blank name', (r: RegistrationRecord) => void (r.individuals[0]!.full_name = '   '), /Họ và tên không được để trống/],
  ])('refuses %s, even correctly signed', async (_, edit, reason) => {
    expect(await signedRecord(edit)).toMatch(reason);
  });

  it.each([
    ['U+FFFE in a name', (r: RegistrationRecord) => void (r.individuals[0]!.full_name = 'Nguyễn\uFFFE Hương'), /individuals\.0\.full_name: Họ và tên chứa ký tự không được phép \(U\+FFFE/],
    ['U+FFFF in the unit name', (r: RegistrationRecord) => void (r.unit.name = 'Sở\uFFFF'), /Tên đơn vị chứa ký tự không được phép \(U\+FFFF/],
    ['a lone surrogate in a commitment', (r: RegistrationRecord) => void (r.commitments[0]!.content = 'Nhiệm vụ \uD800'), /Nội dung cam kết chứa ký tự không được phép \(U\+D800/],
    ['a C0 control in the signer', (r: RegistrationRecord) => void (r.document.signer_name = 'A\u0001B'), /Họ tên người ký chứa ký tự không được phép \(U\+0001/],
    ['NUL in a recipient', (r: RegistrationRecord) => void (r.document.recipients[0] = 'Như\u0000 trên'), /Nơi nhận chứa ký tự không được phép \(U\+0000/],
    ['a noncharacter in a note', (r: RegistrationRecord) => void (r.collective[0]!.note = '\uFDD0'), /Ghi chú chứa ký tự không được phép \(U\+FDD0/],
  ])('refuses %s, a character XML forbids', async (_, edit, reason) => {
    expect(await signedRecord(edit)).toMatch(reason);
  });
});

describe('the registration record format is versioned', () => {
  it('registers registration record format 1 for bundles, its own schema, not the form’s', () => {
    expect(REGISTRATION_RECORD_FORMAT).toBe(1);
    const kind = bundleKinds.kind('registration')!;
    expect(bundleKinds.carries(kind, 'registration')).toBe(registrationRecordV1Schema);
  });

  it('still reads a record signed under format 1 (a frozen sample)', () => {
    const sample = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/registration-record-v1.json'), 'utf8')) as unknown;
    const parsed = registrationRecordV1Schema.safeParse(sample);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Read as signed: nothing trimmed or rewritten.
    expect(parsed.data).toEqual(sample);
  });
});

/** Inputs the renderer sends, one per channel that takes text a person typed. */
const typed = {
  'units-keys.setup': { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', province: 'Hà Giang', parentName: '' },
  'registration.staffSave': { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc' },
  'registration.staffList': { search: 'huong' },
  'groups-calendar.save': { ...groupInput(), name: 'Khu vực thi đua' },
  'registration.save': {
    groupId: 1,
    numberSymbol: '05/ĐK-STP',
    place: 'Hà Giang',
    documentDate: '2022-02-05',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên'],
    collective: [{ titleCode: 'TTLDXS', note: 'ghi chú' }],
    individuals: [],
    commitments: [{ kind: 'key_task', content: 'Nhiệm vụ' }],
  },
  'registration.overview': { groupId: 1, search: 'ha giang' },
} satisfies { [C in Channel]?: Input<C> };

/** Every text field of those inputs, as [channel, path, label in the message]. */
const textFields: [keyof typeof typed, (string | number)[], string][] = [
  ['units-keys.setup', ['name'], 'Tên đơn vị'],
  ['units-keys.setup', ['province'], 'Tỉnh/thành phố'],
  ['units-keys.setup', ['parentName'], 'Cơ quan chủ quản'],
  ['registration.staffSave', ['fullName'], 'Họ và tên'],
  ['registration.staffSave', ['position'], 'Chức vụ'],
  ['registration.staffSave', ['department'], 'Phòng/bộ phận'],
  ['registration.staffList', ['search'], 'Từ khóa tìm kiếm'],
  ['groups-calendar.save', ['name'], 'Tên Khu vực/Cụm thi đua'],
  ['groups-calendar.save', ['members', 0, 'name'], 'Tên đơn vị'],
  ['registration.save', ['numberSymbol'], 'Số, ký hiệu'],
  ['registration.save', ['place'], 'Địa danh'],
  ['registration.save', ['signerAuthority'], 'Thẩm quyền ký'],
  ['registration.save', ['signerTitle'], 'Chức vụ người ký'],
  ['registration.save', ['signerName'], 'Họ tên người ký'],
  ['registration.save', ['recipients', 0], 'Nơi nhận'],
  ['registration.save', ['collective', 0, 'note'], 'Ghi chú'],
  ['registration.save', ['commitments', 0, 'content'], 'Nội dung cam kết'],
  ['registration.overview', ['search'], 'Từ khóa tìm kiếm'],
];

function withText(input: unknown, at: (string | number)[], value: string): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = value;
  return copy;
}

function parse(channel: keyof typeof typed, input: unknown) {
  return contract[channel].input.safeParse(input);
}

describe('text a person types', () => {
  it('passes as typed for every field the tests know', () => {
    for (const channel of Object.keys(typed) as (keyof typeof typed)[]) expect(parse(channel, typed[channel]).error?.issues ?? []).toEqual([]);
  });

  const unsafe: [string, string][] = [
    ['U+FFFE', '\uFFFE'],
    ['U+FFFF', '\uFFFF'],
    ['U+D800', '\uD800'],
    ['U+DC00', '\uDC00'],
    ['U+0000', '\u0000'],
    ['U+0008', '\u0008'],
    ['U+000B', '\u000B'],
    ['U+001F', '\u001F'],
    ['U+007F', '\u007F'],
    ['U+0085', '\u0085'],
    ['U+FDD0', '\uFDD0'],
    ['U+1FFFE', '\u{1FFFE}'],
    ['U+10FFFF', '\u{10FFFF}'],
  ];
  it.each(unsafe)('refuses %s in every text field, naming the field', (code, char) => {
    for (const [channel, at, label] of textFields) {
      const parsed = parse(channel, withText(typed[channel], at, `Hà ${char}Giang`));
      expect(parsed.success, `${channel} ${at.join('.')}`).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message)).toContain(`${label} chứa ký tự không được phép (${code}, ký tự điều khiển hoặc ký tự không hợp lệ); hãy xóa ký tự này.`);
    }
  });

  it('keeps tab and line breaks in long text, Vietnamese letters and emoji everywhere', () => {
    const parsed = parse('registration.save', withText(typed['registration.save'], ['commitments', 0, 'content'], 'Dòng 1\r\nDòng 2\tcó tab 😀 Ỹ'));
    expect(parsed.success).toBe(true);
    expect(stripUnsafeChars('Ngu\u0000yễn\uFFFE \uD83D\uDE00\uD800 Hà\u0085')).toBe('Nguyễn 😀 Hà');
  });
});

describe('dates a person types are real calendar dates', () => {
  it.each(['2022-02-30', '2022-13-45', '2021-02-29', '2022-00-10', '22-02-05', ''])('refuses %j as the signing date', (date) => {
    const parsed = parse('registration.save', { ...typed['registration.save'], documentDate: date });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/^Ngày ký (không hợp lệ: hãy nhập một ngày có thật theo dạng ngày\/tháng\/năm, ví dụ 05\/02\/2022|không được để trống)\.$/);
  });

  it('accepts 29 February of a leap year', () => {
    expect(parse('registration.save', { ...typed['registration.save'], documentDate: '2024-02-29' }).success).toBe(true);
  });

  it('refuses a deadline that is not a date, and accepts none', () => {
    const bad = contract['groups-calendar.save'].input.safeParse({ ...typed['groups-calendar.save'], registrationDeadline: '2022-02-30' });
    expect(bad.error!.issues[0]!.message).toBe('Hạn gửi đăng ký không hợp lệ: hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/02/2022.');
    expect(contract['groups-calendar.save'].input.safeParse({ ...typed['groups-calendar.save'], registrationDeadline: '' }).success).toBe(true);
  });
});
