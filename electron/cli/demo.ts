import fsp from 'node:fs/promises';
import path from 'node:path';
import data from '../../resources/demo/khu-vuc-mien-nui-phia-bac-2022.json';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
import { setupUnit } from '../services/units-keys/units';
import { SetClock } from '../services/workspace/clock';
import { findGroup, saveGroup } from '../services/groups-calendar/groups';
import { saveStaff } from '../services/registration/staff';
import { saveRegistration } from '../services/registration/registration';
import { exportRegistration, printRegistration } from '../services/registration/export';
import { printConsolidated } from '../services/registration/consolidated-export';
import { decideQuarantine, importBundleFiles, listQuarantine } from '../services/bundles/importer';
import { overview } from '../services/registration/overview';
import { formatDateVi } from '../services/text/vietnamese';
import type { GroupInput, OwnUnit } from '../ipc/contract';
import { groupInputSchema } from '../ipc/contract';

type Member = (typeof data.members)[number];

/** A small deterministic generator, so every run of the demonstration tells the same story. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function person(rand: () => number, female: boolean): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = data.names;
  return `${pick(n.familyNames)} ${pick(female ? n.middleNamesFemale : n.middleNamesMale)} ${pick(female ? n.givenNamesFemale : n.givenNamesMale)}`;
}

/** Every installation of the demonstration reads one clock, moved through the year as the story goes. */
const clock = new SetClock('2022-01-20T08:00:00+07:00');
const at = (iso: string) => clock.set(iso);

async function registerMember(ws: Workspace, unit: OwnUnit, member: Member, index: number, group: GroupInput, log: (s: string) => void): Promise<string> {
  const rand = random(index * 7919 + 17);
  const staffing = data.staffing[member.kind as 'so_tu_phap' | 'thads'];
  const headName = person(rand, rand() < 0.4);
  const staff = [
    saveStaff(ws, { fullName: headName, birthYear: 1965 + Math.floor(rand() * 10), gender: 'nam', position: staffing.head, department: 'Lãnh đạo' }),
    ...staffing.positions.map(([position, department]) => {
      const female = rand() < 0.5;
      return saveStaff(ws, { fullName: person(rand, female), birthYear: 1970 + Math.floor(rand() * 28), gender: female ? 'nu' : 'nam', position: position!, department: department!, allowDuplicate: true });
    }),
  ];
  const savedGroup = saveGroup(ws, groupInputSchema.parse(group));
  const late = data.lateUnits.includes(member.code);
  const day = late ? 14 : 3 + (index % 6);
  const date = `2022-02-${String(day).padStart(2, '0')}`;
  at(`${date}T08:30:00+07:00`);
  const titles = member.role === 'leader' || index % 3 === 0 ? ['TTLDXS', 'CO_BTP'] : index % 3 === 1 ? ['TTLDXS', 'BK_BTP_TT'] : ['TTLDXS'];
  saveRegistration(ws, {
    groupId: savedGroup.id,
    numberSymbol: `${String(10 + index).padStart(2, '0')}/${staffing.symbol}`,
    place: member.province,
    documentDate: date,
    signerAuthority: '',
    signerTitle: staffing.head.toUpperCase(),
    signerName: headName,
    recipients: ['Như trên', 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Lãnh đạo đơn vị', 'Lưu: VT, VP'],
    collective: titles.map((titleCode) => ({ titleCode, note: '' })),
    individuals: staff.map((s, i) => ({ staffId: s.id, titleCode: i === 0 ? 'CSTDCS' : i === 1 ? 'BK_BTP_CN' : i === 2 ? 'CSTDCS' : 'LDTT' })),
    commitments: [
      { kind: 'key_task', content: staffing.keyTask },
      { kind: 'project', content: staffing.project },
      { kind: 'other', content: 'Thực hiện tốt văn hóa công sở; 100% công chức, người lao động hoàn thành nhiệm vụ, không có cá nhân bị kỷ luật.' },
    ],
  });
  const exported = await exportRegistration(ws, savedGroup.id);
  log(`  ${unit.name}: đăng ký ngày ${formatDateVi(date)}, ${staff.length} cá nhân, gói số ${exported.seq}${late ? ' (gửi chậm)' : ''}`);
  return exported.path;
}

/**
 * The whole exchange of seed 000 (registration, 2022): one installation per member unit, every
 * member's signed registration bundle, all imported by the leader, and the leader's documents.
 */
export async function runDemo(outDir: string, log: (s: string) => void): Promise<void> {
  const started = Date.now();
  const out = path.resolve(outDir);
  await fsp.rm(out, { recursive: true, force: true });
  const dirs = { units: path.join(out, 'units'), bundles: path.join(out, 'bundles'), documents: path.join(out, 'documents') };
  for (const d of Object.values(dirs)) await fsp.mkdir(d, { recursive: true });

  log(`Trình diễn: ${data.group.name} năm ${data.group.year} (${data.members.length} đơn vị).`);
  at('2022-01-20T08:00:00+07:00');
  const installs = await Promise.all(
    data.members.map(async (member) => {
      const ws = openWorkspace({ dataDir: path.join(dirs.units, member.code), clock });
      const unit = await setupUnit(ws, { code: member.code, name: member.name, kind: member.kind as OwnUnit['kind'], province: member.province, parentName: member.parentName });
      return { member, ws, unit };
    }),
  );
  log(`1. Đã cài đặt ${installs.length} đơn vị, mỗi đơn vị một cơ sở dữ liệu và một khóa ký Ed25519.`);

  // The leader reads members' fingerprints over the phone and pins them in its group setup; one
  // member's key is left unconfirmed so its bundle waits in quarantine.
  const groupFor = (pin: boolean): GroupInput => ({
    ...data.group,
    kind: 'khu_vuc',
    members: installs.map(({ member, unit }) => ({
      code: member.code,
      name: member.name,
      kind: member.kind as OwnUnit['kind'],
      province: member.province,
      parentName: member.parentName,
      role: member.role as 'leader' | 'deputy' | 'member',
      fingerprint: pin && !data.unconfirmedKeyUnits.includes(member.code) ? unit.keyId : '',
    })),
  });
  const leader = installs.find((i) => i.member.role === 'leader')!;

  log('2. Các đơn vị lập và ký gói đăng ký thi đua:');
  const bundles: string[] = [];
  for (const [index, { member, ws, unit }] of installs.entries()) {
    const file = await registerMember(ws, unit, member, index, groupFor(member.role === 'leader'), log);
    const copy = path.join(dirs.bundles, path.basename(file));
    await fsp.copyFile(file, copy);
    if (member.role !== 'leader') bundles.push(copy);
  }

  at('2022-02-16T09:00:00+07:00');
  const results = await importBundleFiles(leader.ws, bundles.map((p) => ({ path: p, name: path.basename(p) })));
  const count = (s: string) => results.filter((r) => r.status === s).length;
  log(`3. ${leader.unit.name} nhập ${results.length} gói: ${count('accepted')} đã nhận, ${count('quarantined')} chờ xác nhận khóa, ${count('refused')} bị từ chối.`);
  for (const q of listQuarantine(leader.ws)) {
    log(`   Chờ xác nhận: ${q.senderName}, dấu vân tay ${q.fingerprint} — đã gọi điện đối chiếu, xác nhận.`);
    const r = await decideQuarantine(leader.ws, q.id, true);
    log(`   ${r.reason}`);
  }
  const again = await importBundleFiles(leader.ws, [{ path: bundles[0]!, name: path.basename(bundles[0]!) }]);
  log(`   Nhập lại ${again[0]!.file}: ${again[0]!.reason}`);

  const groupId = findGroup(leader.ws.db, data.group.code, data.group.year)!.id;
  const everything = { groupId, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false } as const;
  const view = overview(leader.ws, everything);
  const late = view.matrix.filter((m) => m.late).map((m) => m.unitName);
  log(`4. Ma trận tiếp nhận: ${view.matrix.filter((m) => m.receivedAt).length}/${view.matrix.length} đơn vị đã gửi; gửi chậm: ${late.join(', ') || 'không'}.`);
  log(`   Bảng tổng hợp: ${view.rows.length} dòng đăng ký (${view.rows.filter((r) => r.scope === 'collective').length} tập thể, ${view.rows.filter((r) => r.scope === 'individual').length} cá nhân).`);

  at('2022-02-25T10:00:00+07:00');
  const consolidated = await printConsolidated(leader.ws, everything);
  const own = await printRegistration(leader.ws, groupId);
  for (const f of [consolidated, own]) await fsp.copyFile(f, path.join(dirs.documents, path.basename(f)));
  log(`5. Văn bản của Trưởng Khu vực trong ${path.relative(process.cwd(), dirs.documents) || dirs.documents}: ${path.basename(consolidated)}, ${path.basename(own)}.`);

  for (const { ws } of installs) ws.close();
  log(`Xong trong ${((Date.now() - started) / 1000).toFixed(1)} giây. Cơ sở dữ liệu của Trưởng Khu vực: ${path.join(leader.ws.dataDir, 'thidua.sqlite')}`);
}
