import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testClock } from './clock';
import crypto from 'node:crypto';
import { afterEach } from 'vitest';
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace';
import { setupUnit } from '../../electron/services/units-keys/units';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveStaff } from '../../electron/services/registration/staff';
import { saveRegistration } from '../../electron/services/registration/registration';
import { exportRegistration } from '../../electron/services/registration/export';
import { groupInputSchema, type GroupInput, type OwnUnit, type Unit } from '../../electron/ipc/contract';
import { bagInfoText, manifestText, type BundleHeader } from '../../electron/services/bundles/format';
import { sign } from '../../electron/services/units-keys/keys';
import { writeRawZip, type RawEntry } from './zip';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';

const made: Workspace[] = [];
const dirs: string[] = [];

/** A fresh folder under the system temp dir, removed after the test. */
export function tempDir(prefix = 'thidua-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const ws of made.splice(0)) ws.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export const LEADER: Unit = { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: 'UBND tỉnh Tuyên Quang' };
export const DEPUTY: Unit = { code: 'THADS-TQ', name: 'Cục Thi hành án dân sự tỉnh Tuyên Quang', kind: 'thads', province: 'Tuyên Quang', parentName: 'Tổng cục Thi hành án dân sự' };
export const MEMBER: Unit = { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', province: 'Hà Giang', parentName: 'UBND tỉnh Hà Giang' };

export async function makeUnit(unit: Unit): Promise<{ ws: Workspace; unit: OwnUnit }> {
  const ws = openWorkspace({ dataDir: tempDir(`unit-${unit.code}-`), clock: testClock });
  made.push(ws);
  return { ws, unit: await setupUnit(ws, unit) };
}

export function groupInput(pins: Record<string, string> = {}, overrides: Partial<GroupInput> = {}): GroupInput {
  return {
    code: 'KVTD-MNPB',
    name: 'Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc',
    year: 2022,
    kind: 'khu_vuc',
    registrationDeadline: '2022-02-10',
    members: [
      { ...LEADER, role: 'leader', fingerprint: pins[LEADER.code] ?? '' },
      { ...DEPUTY, role: 'deputy', fingerprint: pins[DEPUTY.code] ?? '' },
      { ...MEMBER, role: 'member', fingerprint: pins[MEMBER.code] ?? '' },
    ],
    ...overrides,
  };
}

/** A member that has registered (two staff, two titles, a key task) and can export. */
export async function registeredMember(unit: Unit = MEMBER, groupIn: GroupInput = groupInput()) {
  const member = await makeUnit(unit);
  const group = saveGroup(member.ws, groupInputSchema.parse(groupIn));
  const a = saveStaff(member.ws, { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc' });
  const b = saveStaff(member.ws, { fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc' });
  const input = {
    groupId: group.id,
    numberSymbol: '05/ĐK-STP',
    place: unit.province,
    documentDate: '2022-02-05',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên', 'Lưu: VT'],
    collective: [{ titleCode: 'TTLDXS', note: '' }],
    individuals: [
      { staffId: a.id, titleCode: 'CSTDCS' },
      { staffId: b.id, titleCode: 'LDTT' },
    ],
    commitments: [{ kind: 'key_task' as const, content: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.' }],
  };
  saveRegistration(member.ws, input);
  return { ...member, group, input, staff: [a, b] };
}

/** A leader whose group pins the given members' keys (fingerprints read over the phone). */
export async function leaderPinning(pins: Record<string, string>) {
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput(pins)));
  return { ...leader, group };
}

/** Member exports; the leader has pinned the member's key. */
export async function exchange() {
  const member = await registeredMember();
  const exported = await exportRegistration(member.ws, member.group.id);
  const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
  return { member, leader, bundle: exported.path };
}

export interface TestSigner {
  privateKey: crypto.KeyObject;
  rawPublic: Buffer;
  keyId: string;
}

/** Recomputes the signed catalogue after a test changed data files, and signs it again: only the change it wants is left wrong. */
export function resign(entries: RawEntry[], signer: TestSigner, edit: (h: BundleHeader) => void = () => {}): RawEntry[] {
  const get = (name: string) => entries.find((e) => e.name === name)!;
  const header = JSON.parse(get('bundle.json').data.toString('utf8')) as BundleHeader;
  for (const f of header.files) {
    const data = get(f.path).data;
    f.sha256 = crypto.createHash('sha256').update(data).digest('hex');
    f.size = data.length;
    const rec = header.records.find((r) => f.path.includes(r.record_id));
    if (rec) rec.content_sha256 = f.sha256;
  }
  edit(header);
  const bytes = Buffer.from(JSON.stringify(header, null, 2));
  get('bundle.json').data = bytes;
  get('manifest-sha256.txt').data = Buffer.from(manifestText(header.files));
  get('bag-info.txt').data = Buffer.from(bagInfoText(header));
  get('bundle.sig.json').data = Buffer.from(
    JSON.stringify({
      signatures: [{ algorithm: 'ed25519', key_id: signer.keyId, public_key: signer.rawPublic.toString('base64'), signature: sign(bytes, signer.privateKey).toString('base64') }],
    }),
  );
  return entries;
}

/** Header fields of a bundle from the member to the leader, for tests that call the writer directly. */
export function bundleFields(keyId: string, appVersion = 'test'): Omit<BundleHeader, 'files' | 'records'> {
  return {
    format: 'thidua-tuphap-bundle',
    format_version: 1,
    bundle_id: crypto.randomUUID(),
    kind: 'registration',
    sender: { unit_code: MEMBER.code, unit_name: MEMBER.name, key_id: keyId },
    recipient: { unit_codes: [LEADER.code] },
    group: { code: 'KVTD-MNPB', name: 'Khu vực thi đua' },
    year: 2022,
    seq: 1,
    created_at: '2022-02-05T03:00:00.000Z',
    app_version: appVersion,
  };
}

/** Writes the entries as a bundle and reads it as a reader would: 'accepted', or the refusal as "BundleError: …". */
export async function refusal(entries: RawEntry[]): Promise<string> {
  const file = path.join(tempDir(), 'forged.tdkt');
  await writeRawZip(file, entries);
  return verifyBundleFile(file, bundleKinds).then(
    () => 'accepted',
    (e: Error) => `${e.name}: ${e.message}`,
  );
}
