import { eq } from 'drizzle-orm';
import { schema, type Db } from '../../../db/client';
import type { ParsedInput, Staff } from '../../ipc/contract';
import { UserError } from '../errors';
import { nowIso } from '../units-keys/units';
import { comparePersonNames, foldVi, matchesVi } from '../text/vietnamese';

export function listStaff(db: Db, search = ''): Staff[] {
  return db
    .select()
    .from(schema.staff)
    .all()
    .filter((s) => matchesVi(`${s.fullName} ${s.position} ${s.department}`, search))
    .map(({ createdAt: _createdAt, ...s }) => s)
    .sort((a, b) => comparePersonNames(a.fullName, b.fullName));
}

export function saveStaff(db: Db, input: ParsedInput<'staff.save'>): Staff {
  const { id, ...fields } = input;
  if (id) {
    const done = db.update(schema.staff).set(fields).where(eq(schema.staff.id, id)).run();
    if (done.changes === 0) throw new UserError('Không tìm thấy cán bộ cần sửa.');
    return { id, ...fields };
  }
  const row = db.insert(schema.staff).values({ ...fields, createdAt: nowIso() }).returning({ id: schema.staff.id }).get();
  return { id: row.id, ...fields };
}

export function removeStaff(db: Db, id: number): boolean {
  return db.delete(schema.staff).where(eq(schema.staff.id, id)).run().changes > 0;
}

/** The same person entered twice: same name (ignoring tone marks and case) and same birth year. */
export function staffKey(s: { fullName: string; birthYear: number | null }): string {
  return `${foldVi(s.fullName)}|${s.birthYear ?? ''}`;
}
