import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { acceptedSuffixes } from '../files/document-kinds';
import { catalogue, requireTitle } from '../catalogue/catalogue';
import { registrationConflicts } from '../catalogue/conflicts';
import { daysBefore } from '../groups-calendar/calendar';
import { getGroup } from '../groups-calendar/groups';
import { comparePersonNames, formatDateVi } from '../text/vietnamese';
import { requireOwnUnit } from '../units-keys/units';
import { nowIso } from '../workspace/clock';
import type { Workspace } from '../workspace/workspace';
import { checkDocumentDate, creditedDate, findRegistration, receivedIn, registrationContent } from './registration';
import { receiveRecord } from '../records/store';
import type { OnBehalfEntry, onBehalfInputSchema } from './schemas';

export type { OnBehalfEntry };

/**
 * Members without the app (DESIGN.md §2): the leader, or the deputy for the members it gathers, types
 * in a member's registration from the paper or the Word file it sent. It is stored as a received
 * version of that member's registration, under a record of its own per member-group-year (a
 * correction is its version + 1), and an on_behalf_entries row says who typed it, when, and from what.
 * The status board and the overview count it like a bundle, credited with the date on the paper.
 */

/** The scan or Word file the submission came as, copied into the data folder. */
export interface OnBehalfAttachment {
  name: string;
  path: string;
}

const ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024;

/** The entry that carried a version, when it was entered on behalf; null for a bundle or our own version. */
export function onBehalfEntry(db: DbOrTx, entryId: string | null): OnBehalfEntry | null {
  if (!entryId) return null;
  const row = db.select().from(schema.onBehalfEntries).where(eq(schema.onBehalfEntries.entryId, entryId)).get();
  return !row ? null : { entryId: row.entryId, unitCode: row.unitCode, recordId: row.recordId, version: row.version, submittedAt: row.submittedAt, enteredBy: row.enteredBy, enteredAt: row.enteredAt, note: row.note, attachmentName: row.attachmentName };
}

/** "Nhập thay ngày 15/02/2022: Theo Công văn số 12/STP ngày 08/02/2022": how every screen words the marker. */
export function onBehalfText(entry: Pick<OnBehalfEntry, 'enteredAt' | 'note'>): string {
  return `Nhập thay ngày ${formatDateVi(entry.enteredAt)}: ${entry.note}`;
}

function copyAttachment(ws: Workspace, unitCode: string, entryId: string, file: OnBehalfAttachment): string {
  const ext = path.extname(file.name).toLowerCase();
  if (!acceptedSuffixes('attachment').includes(ext)) {
    throw new UserError(`Tệp đính kèm "${file.name}" không đúng loại: chỉ nhận tệp PDF, Word (.doc, .docx) hoặc ảnh chụp (.jpg, .png, .tif).`);
  }
  const stat = fs.statSync(file.path, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UserError(`Không đọc được tệp đính kèm "${file.name}".`);
  if (stat.size > ATTACHMENT_MAX_BYTES) throw new UserError(`Tệp đính kèm "${file.name}" quá lớn (tối đa 30 MB).`);
  const dir = path.join(ws.dataDir, 'on-behalf', unitCode);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `${entryId}${ext}`);
  fs.copyFileSync(file.path, target);
  return path.relative(ws.dataDir, target);
}

/**
 * Enters a member's registration on its behalf. Refused, with the reason in Vietnamese, when this
 * unit neither leads the group nor gathers the member as its deputy, when the dates do not hold, or
 * when the member already sent a version through the app dated on or after the paper: an entry never
 * supersedes the member's own signed word.
 */
export function enterOnBehalf(ws: Workspace, parsed: z.output<typeof onBehalfInputSchema>, attachment?: OnBehalfAttachment): OnBehalfEntry {
  const { db, clock } = ws;
  const own = requireOwnUnit(db);
  const group = getGroup(db, parsed.groupId);
  const now = nowIso(clock);
  const viewer = group.members.find((m) => m.code === own.code);
  const unitCode = parsed.unitCode.toUpperCase();
  const member = group.members.find((m) => m.code === unitCode);
  if (!viewer || viewer.role === 'member') throw new UserError('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm thi đua được nhập thay hồ sơ của đơn vị thành viên.');
  if (!member) throw new UserError(`Đơn vị mã "${unitCode}" không phải thành viên của ${group.name} năm ${group.year}.`);
  if (member.code === own.code) throw new UserError('Hồ sơ của chính đơn vị này được lập ở màn hình đăng ký, không nhập thay.');
  if (viewer.role === 'deputy' && !member.gatheredByDeputy) {
    throw new UserError(`${member.name} không thuộc các đơn vị do Phó Trưởng tổng hợp: chỉ Trưởng Khu vực/Cụm được nhập thay hồ sơ của đơn vị này.`);
  }
  checkDocumentDate(parsed.documentDate, group.year, now);
  if (daysBefore(parsed.submittedAt, now) > 0) {
    throw new UserError(`Ngày trên văn bản hoặc ngày nhận (${formatDateVi(parsed.submittedAt)}) không được sau hôm nay.`);
  }
  if (daysBefore(parsed.submittedAt, parsed.documentDate) < 0) {
    throw new UserError(`Ngày nhận ${formatDateVi(parsed.submittedAt)} không được trước ngày ký văn bản ${formatDateVi(parsed.documentDate)}.`);
  }
  parsed.collective.forEach((c) => requireTitle(c.titleCode, 'collective'));
  parsed.individuals.forEach((p) => requireTitle(p.titleCode, 'individual'));
  // A typed person is one person by name and birth year, as the conflict rules count titles per person.
  const personKey = (p: { fullName: string; birthYear: number | null }) => `${p.fullName.toLowerCase()}|${p.birthYear ?? ''}`;
  const personIds = new Map<string, number>();
  const individuals = parsed.individuals.map((p) => {
    if (!personIds.has(personKey(p))) personIds.set(personKey(p), personIds.size + 1);
    return { ...p, staffId: personIds.get(personKey(p))! };
  });
  const conflicts = registrationConflicts(catalogue, parsed.collective, individuals);
  if (conflicts.length) {
    const nameOf = (id: number | null) => (id === null ? '' : `${individuals.find((p) => p.staffId === id)!.fullName}: `);
    throw new UserError(conflicts.map((c) => nameOf(c.staffId) + c.message).join('\n'));
  }
  individuals.sort((a, b) => comparePersonNames(a.fullName, b.fullName));

  const current = findRegistration(db, member.code, group.code, group.year);
  const currentEntry = current && onBehalfEntryOf(db, current.recordId, current.version);
  if (current && !currentEntry) {
    const credited = creditedDate(db, current.recordId, current.version);
    if (credited && daysBefore(parsed.submittedAt, credited) <= 0) {
      throw new UserError(
        `${member.name} đã gửi bản đăng ký qua ứng dụng ngày ${formatDateVi(credited)}, không sớm hơn ngày ${formatDateVi(parsed.submittedAt)} của văn bản này: bản nhập thay không thay thế bản đơn vị đã ký gửi.`,
      );
    }
  }

  const entryId = crypto.randomUUID();
  const attachmentPath = attachment ? copyAttachment(ws, member.code, entryId, attachment) : null;
  try {
    writeTransaction(db, (tx) => {
      const previous = tx
        .select({ recordId: schema.onBehalfEntries.recordId, version: schema.onBehalfEntries.version })
        .from(schema.onBehalfEntries)
        .where(and(eq(schema.onBehalfEntries.unitCode, member.code), eq(schema.onBehalfEntries.groupCode, group.code), eq(schema.onBehalfEntries.year, group.year), eq(schema.onBehalfEntries.kind, 'registration')))
        .orderBy(desc(schema.onBehalfEntries.version))
        .get();
      const recordId = previous?.recordId ?? crypto.randomUUID();
      const version = (previous?.version ?? 0) + 1;
      const unit = tx.select().from(schema.units).where(eq(schema.units.code, member.code)).get()!;
      const content = registrationContent(
        { recordId, version, unit: { code: unit.code, name: unit.name, kind: unit.kind, province: unit.province, parent_name: unit.parentName }, groupCode: group.code, year: group.year },
        { ...parsed, individuals: individuals.map((p) => ({ ...p, staffId: null })) },
      );
      receiveRecord(tx, { recordId, type: 'registration', ownerCode: member.code, groupCode: group.code, year: group.year }, version, content, entryId, now);
      tx.insert(schema.onBehalfEntries)
        .values({
          entryId,
          unitCode: member.code,
          kind: 'registration',
          groupCode: group.code,
          year: group.year,
          recordId,
          version,
          submittedAt: parsed.submittedAt,
          enteredBy: own.code,
          enteredAt: now,
          note: parsed.note,
          attachmentName: attachment ? path.basename(attachment.name) : null,
          attachmentPath,
        })
        .run();
    });
  } catch (e) {
    if (attachmentPath) fs.rmSync(path.join(ws.dataDir, attachmentPath), { force: true });
    throw e;
  }
  return onBehalfEntry(db, entryId)!;
}

/** The entry a version came from, when it was typed in on the member's behalf. */
export function onBehalfEntryOf(db: DbOrTx, recordId: string, version: number): OnBehalfEntry | null {
  return onBehalfEntry(db, receivedIn(db, recordId, version));
}
