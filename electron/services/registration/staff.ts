import { eq } from 'drizzle-orm';
import { schema, type Db } from '../../../db/client';
import type { ParsedInput, Staff } from '../../ipc/contract';
import { UserError } from '../errors';
import { nowIso, type Store } from '../workspace/clock';
import { comparePersonNames, foldVi, matchesVi } from '../text/vietnamese';

export function listStaff(db: Db, search = ''): Staff[] {
  return db
    .select()
    .from(schema.staff)
    .all()
    .filter((s) => matchesVi(`${s.fullName} ${s.position} ${s.department}`, search))
    .map(toStaff)
    .sort((a, b) => comparePersonNames(a.fullName, b.fullName));
}

const toStaff = ({ createdAt: _createdAt, ...s }: typeof schema.staff.$inferSelect): Staff => s;

/** Another person already listed with the same name (spacing, case and tone marks aside) and birth year. */
export function duplicateOf(db: Db, input: Pick<Staff, 'fullName' | 'birthYear'> & { id?: number }): Staff | null {
  const key = staffKey(input);
  const found = db.select().from(schema.staff).all().find((s) => s.id !== input.id && staffKey(s) === key);
  return found ? toStaff(found) : null;
}

/** Saves a person typed by hand; a namesake born the same year is refused until the person confirms. */
export function saveStaff({ db, clock }: Store, input: ParsedInput<'registration.staffSave'>): Staff {
  const { id, allowDuplicate, ...fields } = input;
  const twin = allowDuplicate ? null : duplicateOf(db, input);
  if (twin) {
    throw new UserError(
      `Đã có ${twin.fullName}${twin.birthYear ? ` (sinh năm ${twin.birthYear})` : ''} trong danh sách cán bộ. Nếu đây là một người khác trùng họ tên và năm sinh, hãy xác nhận “Vẫn lưu”.`,
    );
  }
  if (id) {
    const done = db.update(schema.staff).set(fields).where(eq(schema.staff.id, id)).run();
    if (done.changes === 0) throw new UserError('Không tìm thấy cán bộ cần sửa.');
    return { id, ...fields };
  }
  const row = db.insert(schema.staff).values({ ...fields, createdAt: nowIso(clock) }).returning({ id: schema.staff.id }).get();
  return { id: row.id, ...fields };
}

/** Removes a person and hands back what was removed, so the page can offer to undo it. */
export function removeStaff(db: Db, id: number): Staff | null {
  const row = db.delete(schema.staff).where(eq(schema.staff.id, id)).returning().get();
  return row ? toStaff(row) : null;
}

/** Undoes a removal: the person comes back under the same id, so registrations naming them still do. */
export function restoreStaff({ db, clock }: Store, person: Staff): Staff {
  const { allowDuplicate: _a, ...fields } = person;
  db.insert(schema.staff).values({ ...fields, createdAt: nowIso(clock) }).onConflictDoNothing().run();
  return fields;
}

/** The same person entered twice: same name (ignoring tone marks and case) and same birth year. */
export function staffKey(s: { fullName: string; birthYear: number | null }): string {
  return `${foldVi(s.fullName)}|${s.birthYear ?? ''}`;
}
