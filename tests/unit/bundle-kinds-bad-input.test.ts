import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { writeReceipts } from '../../electron/services/bundles/receipts';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { exportRegistration } from '../../electron/services/registration/export';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { groupInput, LEADER, makeUnit, MEMBER, registeredMember, resign, tempDir, type TestSigner, refusal } from '../helpers/units';
import { readZip, type RawEntry } from '../helpers/zip';

/**
 * The bad-input tests of the registration bundle (bundle-format.test.ts), run for the kickoff and the
 * receipt: each is a real bundle as the app writes it, then broken one way; every one is refused
 * with a Vietnamese reason before anything is trusted, never a crash.
 */

interface Made {
  file: string;
  signer: TestSigner;
  /** A string inside one record that its schema refuses when replaced. */
  schemaBreak: [RegExp, string];
}

async function kickoff(): Promise<Made> {
  const member = await registeredMember();
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
  const sent = await publishKickoff(leader.ws, group.id);
  return { file: sent.path, signer: { ...(await leader.ws.keys.load(leader.unit.keyId)), keyId: leader.unit.keyId }, schemaBreak: [/"kind": "khu_vuc"/, '"kind": "tinh"'] };
}

async function receipt(): Promise<Made> {
  const member = await registeredMember();
  const leader = await makeUnit(LEADER);
  saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
  const sent = await exportRegistration(member.ws, member.group.id);
  const accepted = await importBundleFile(leader.ws, { path: sent.path, name: 'r.tdkt' });
  const [written] = await writeReceipts(leader.ws, [accepted.bundleId!]);
  return { file: written!.file, signer: { ...(await leader.ws.keys.load(leader.unit.keyId)), keyId: leader.unit.keyId }, schemaBreak: [/"received_at": "[^"]*"/, '"received_at": "hôm qua"'] };
}


const recordOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/records/'))!;

type Case = [string, (entries: RawEntry[], made: Made) => RawEntry[], string | RegExp];
const cases: Case[] = [
  ['copied entry for entry into a new ZIP (the control: accepted)', (entries) => entries, 'accepted'],
  [
    'one byte changed in bundle.json',
    (entries) => {
      const header = entries.find((e) => e.name === 'bundle.json')!;
      header.data = Buffer.from(header.data.toString('utf8').replace(/"seq": (\d+)/, (_m, n: string) => `"seq": ${Number(n) + 5}`));
      return entries;
    },
    'Chữ ký số không hợp lệ',
  ],
  [
    'signed by a different key than the one bundle.json names',
    (entries, { signer }) => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      const other = { privateKey, rawPublic: rawPublicKey(publicKey), keyId: keyIdOf(rawPublicKey(publicKey)) };
      return resign(entries, other, (h) => void (h.sender.key_id = signer.keyId));
    },
    'không phải của khóa mà gói ghi',
  ],
  ['an extra file not in the manifest', (entries) => [...entries, { name: 'data/evidence/' + 'a'.repeat(64) + '.pdf', data: Buffer.from('%PDF') }], 'tệp thừa không có trong danh mục'],
  ['an unknown file outside data/', (entries) => [...entries, { name: 'readme.exe', data: Buffer.from('MZ') }], '"readme.exe" không thuộc định dạng'],
  ['a record missing', (entries) => entries.filter((e) => e !== recordOf(entries)), /thiếu tệp "data\/records\//],
  ['a name with ".."', (entries) => [...entries, { name: 'data/records/../../x.json', data: Buffer.from('{}') }], '".."'],
  ['a link', (entries) => [...entries, { name: 'data/records/link.json', data: Buffer.from('/etc/passwd'), symlink: true }], 'liên kết (symlink)'],
  ['a duplicate entry name', (entries) => [...entries, { ...recordOf(entries) }], 'xuất hiện hai lần'],
  ['a CRC-32 that does not match', (entries) => ((recordOf(entries).writtenCrc32 = 0xdeadbeef), entries), 'Mã kiểm tra CRC-32 không khớp'],
  ['malformed JSON in a record, even correctly signed', (entries, { signer }) => ((recordOf(entries).data = Buffer.from('{"record_id": [')), resign(entries, signer)), /không phải JSON hợp lệ/],
  [
    'a record that fails its schema, even correctly signed',
    (entries, { signer, schemaBreak: [from, to] }) => {
      const rec = entries.filter((e) => e.name.startsWith('data/records/')).find((e) => from.test(e.data.toString('utf8')))!;
      rec.data = Buffer.from(rec.data.toString('utf8').replace(from, to));
      return resign(entries, signer);
    },
    /Bản ghi ".*" sai cấu trúc/,
  ],
  ['a record type the kind does not carry', (entries, { signer }) => resign(entries, signer, (h) => void (h.records[0]!.type = 'registration')), /Loại bản ghi "registration" không có trong gói/],
  [
    'a milestone that is no key of a plan, even correctly signed',
    (entries, { signer }) => resign(entries, signer, (h) => void (h.milestone = '../Sơ kết 6 tháng')),
    /Tệp "bundle\.json" sai cấu trúc: .*milestone/,
  ],
  ['a record larger than the limits', (entries) => ((recordOf(entries).data = Buffer.alloc(5 * 1024 * 1024, 0x20)), entries), 'quá lớn'],
];

describe.each([
  ['kickoff', kickoff],
  ['receipt', receipt],
] as const)('a bad %s bundle is refused with a reason, as a registration bundle is', (_kind, make) => {
  it('truncated file', async () => {
    const { file } = await make();
    const bytes = await fs.readFile(file);
    const cut = path.join(tempDir(), 'cut.tdkt');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(verifyBundleFile(cut, bundleKinds)).rejects.toThrow(/bị cắt cụt|ZIP/);
  });

  it.each(cases)('%s', async (_what, forge, reason) => {
    const made = await make();
    const got = await refusal(forge(await readZip(made.file), made));
    if (reason === 'accepted') return expect(got).toBe('accepted');
    if (typeof reason === 'string') expect(got).toContain(reason);
    else expect(got).toMatch(reason);
    expect(got).toMatch(/^BundleError: /);
  });
});
