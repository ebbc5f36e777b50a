import { and, eq } from 'drizzle-orm';
import { schema, writeTransaction, type Db, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { nowIso, type Store } from '../workspace/clock';
import { comparePersonNames, compareVi, foldVi, formatDateVi, matchesVi, squashSpaces } from '../text/vietnamese';
import { getOwnUnit, requireOwnUnit } from '../units-keys/units';
import { awardCatalogue } from './catalogue';
import { yearFacts, yearFactsSchema, type NomineeHistory, type YearFacts } from './schemas';
import type { FactsSource, NomineeInput, NomineeKind, NomineeSummary, StoredYear } from './history-schemas';

/**
 * The history register: who the unit judges (itself, its divisions, its people) and one row of facts
 * per nominee per year, from which historyOf builds what evaluate reads. People come from the staff
 * list and stay when they leave it, since their past titles count for the unit's shares of those years.
 */

type NomineeRow = typeof schema.awardNominees.$inferSelect;
type FactsRow = typeof schema.awardYearFacts.$inferSelect;

const key = (s: string) => foldVi(s);
const entries = new Map(awardCatalogue.entries.map((e) => [e.code, e]));
const kindOrder: Record<NomineeKind, number> = { unit: 0, division: 1, person: 2 };

function byRegisterOrder(a: NomineeSummary, b: NomineeSummary): number {
  return kindOrder[a.kind] - kindOrder[b.kind] || (a.kind === 'person' ? comparePersonNames(a.name, b.name) : compareVi(a.name, b.name)) || compareVi(a.division, b.division);
}

/**
 * Brings the register up to the unit and its staff list: the unit's row named as in its setup, a
 * division per department, a person per staff row. A staff row links to a person already held with
 * the same name (and division, when two share the name) rather than making a second one.
 */
export function syncNominees({ db, clock }: Store): void {
  const unit = getOwnUnit(db);
  const staff = db.select().from(schema.staff).all();
  writeTransaction(db, (tx) => {
    const now = nowIso(clock);
    if (unit) {
      const held = tx.select().from(schema.awardNominees).where(eq(schema.awardNominees.kind, 'unit')).get();
      if (!held) tx.insert(schema.awardNominees).values({ kind: 'unit', name: unit.name, nameKey: key(unit.name), createdAt: now }).run();
      else if (held.name !== unit.name) tx.update(schema.awardNominees).set({ name: unit.name, nameKey: key(unit.name) }).where(eq(schema.awardNominees.id, held.id)).run();
    }
    for (const department of new Set(staff.map((s) => squashSpaces(s.department)).filter(Boolean))) findOrAddNominee(tx, { kind: 'division', name: department }, now);
    const linked = new Set(tx.select({ staffId: schema.awardNominees.staffId }).from(schema.awardNominees).all().map((n) => n.staffId));
    for (const s of staff) {
      if (linked.has(s.id)) continue;
      const person = findOrAddNominee(tx, { kind: 'person', name: s.fullName, division: s.department, position: s.position, female: s.gender === 'nu' }, now, s.id);
      if (person.staffId !== s.id) tx.update(schema.awardNominees).set({ staffId: s.id }).where(eq(schema.awardNominees.id, person.id)).run();
    }
  });
}

/**
 * The nominee a name stands for, added when new. A person is found by name and division; failing
 * that, by name alone when only one person holds it (a sheet that leaves the division out, or a
 * person who changed division). A new person is linked to the one staff row of that name, if one.
 */
export function findOrAddNominee(
  tx: DbOrTx,
  who: { kind: NomineeKind; name: string; division?: string; position?: string; female?: boolean | null },
  now: string,
  staffId?: number,
): NomineeRow {
  const name = squashSpaces(who.name);
  const division = who.kind === 'person' ? squashSpaces(who.division ?? '') : '';
  const nameKey = key(name);
  if (!nameKey) throw new UserError('Tên không được để trống.');
  const same = tx
    .select()
    .from(schema.awardNominees)
    .where(and(eq(schema.awardNominees.kind, who.kind), eq(schema.awardNominees.nameKey, nameKey)))
    .all();
  const exact = same.find((n) => n.divisionKey === key(division));
  if (exact) return exact;
  if (who.kind === 'person') {
    // A staff row only takes a person no other staff row holds.
    const free = staffId === undefined ? same : same.filter((n) => n.staffId === null);
    const loose = division && staffId === undefined ? free.filter((n) => n.divisionKey === '') : free;
    if (loose.length === 1) return loose[0]!;
  }
  let link: number | null = staffId ?? null;
  if (who.kind === 'person' && staffId === undefined) {
    const namesakes = tx.select().from(schema.staff).all().filter((s) => key(s.fullName) === nameKey && (!division || key(s.department) === key(division)));
    link = namesakes.length === 1 ? namesakes[0]!.id : null;
  }
  return tx
    .insert(schema.awardNominees)
    .values({ kind: who.kind, name, nameKey, division, divisionKey: key(division), position: squashSpaces(who.position ?? ''), female: who.female ?? null, staffId: link, createdAt: now })
    .returning()
    .get();
}

function summaries(db: DbOrTx): NomineeSummary[] {
  const years = new Map<number, number[]>();
  for (const f of db.select({ id: schema.awardYearFacts.nomineeId, year: schema.awardYearFacts.year }).from(schema.awardYearFacts).all()) {
    years.set(f.id, [...(years.get(f.id) ?? []), f.year]);
  }
  return db
    .select()
    .from(schema.awardNominees)
    .all()
    .map((n) => ({ id: n.id, kind: n.kind, name: n.name, division: n.division, position: n.position, female: n.female, staffId: n.staffId, years: (years.get(n.id) ?? []).sort((a, b) => b - a) }));
}

/** The register, found without diacritics ("nguyen thi" finds "Nguyễn Thị"), the unit first, then divisions, then people by given name. */
export function listNominees(store: Store, search = '', kind?: NomineeKind): NomineeSummary[] {
  syncNominees(store);
  return summaries(store.db)
    .filter((n) => (!kind || n.kind === kind) && matchesVi(`${n.name} ${n.division} ${n.position}`, search))
    .sort(byRegisterOrder);
}

/** Adds a person or division typed by hand; one already held under that name is handed back. */
export function addNominee({ db, clock }: Store, input: NomineeInput): NomineeSummary {
  const row = writeTransaction(db, (tx) => findOrAddNominee(tx, input, nowIso(clock)));
  return summaries(db).find((n) => n.id === row.id)!;
}

function nomineeRow(db: DbOrTx, id: number): NomineeRow {
  const row = db.select().from(schema.awardNominees).where(eq(schema.awardNominees.id, id)).get();
  if (!row) throw new UserError('Không tìm thấy đối tượng trong sổ theo dõi khen thưởng.');
  return row;
}

const sourceOf = (r: FactsRow): FactsSource => ({ kind: r.source, file: r.sourceFile, rows: r.sourceRows, updatedAt: r.updatedAt });

/** Stored facts are checked on the way out too: a row edited outside the program says where it is wrong. */
function factsOf(row: FactsRow, name: string): YearFacts {
  const parsed = yearFactsSchema.safeParse(row.facts);
  if (!parsed.success) throw new UserError(`Dữ liệu năm ${row.year} của "${name}" bị hỏng (${parsed.error.issues[0]!.message}); hãy nhập lại năm này.`);
  return parsed.data;
}

/** Every year held for a nominee, latest first, with where each came from. */
export function yearsOf(db: DbOrTx, nomineeId: number): StoredYear[] {
  const n = nomineeRow(db, nomineeId);
  return db
    .select()
    .from(schema.awardYearFacts)
    .where(eq(schema.awardYearFacts.nomineeId, nomineeId))
    .all()
    .sort((a, b) => b.year - a.year)
    .map((r) => ({ facts: factsOf(r, n.name), source: sourceOf(r) }));
}

/**
 * What a year's facts must say beyond their shape: titles of the catalogue that fit the nominee
 * (a person holds no collective title), decisions dated no earlier than the year they reward, a
 * sáng kiến listed once. Messages name the title or sáng kiến at fault.
 */
export function checkYearFacts(kind: NomineeKind, raw: unknown, name: string): YearFacts {
  const parsed = yearFactsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`Dữ liệu năm của "${name}" không hợp lệ (${issue.path.join('.') || 'toàn bộ'}): ${issue.message}`);
  }
  const facts = parsed.data;
  const scope = kind === 'person' ? 'individual' : 'collective';
  const codes = new Set<string>();
  for (const h of facts.honours) {
    const entry = entries.get(h.code);
    if (!entry) throw new UserError(`Năm ${facts.year} của "${name}": mã danh hiệu "${h.code}" không có trong danh mục.`);
    if (entry.scope !== scope) throw new UserError(`Năm ${facts.year} của "${name}": «${entry.name}» dành cho ${entry.scope === 'individual' ? 'cá nhân' : 'tập thể'}.`);
    if (codes.has(h.code)) throw new UserError(`Năm ${facts.year} của "${name}": «${entry.name}» ghi hai lần.`);
    codes.add(h.code);
    if (h.decision && Number(h.decision.date.slice(0, 4)) < facts.year)
      throw new UserError(`Năm ${facts.year} của "${name}": quyết định số ${h.decision.number} ngày ${formatDateVi(h.decision.date)} có trước năm được khen (${facts.year}).`);
  }
  const ids = new Set<string>();
  for (const i of facts.initiatives) {
    if (ids.has(i.id)) throw new UserError(`Năm ${facts.year} của "${name}": sáng kiến «${i.title}» ghi hai lần.`);
    ids.add(i.id);
    if (i.usedFor && !entries.has(i.usedFor.code)) throw new UserError(`Sáng kiến «${i.title}»: mã danh hiệu "${i.usedFor.code}" đã dùng để xét không có trong danh mục.`);
  }
  if (kind === 'person' && (facts.groupLeads.length || facts.targetsExceeded !== null))
    throw new UserError(`Năm ${facts.year} của "${name}": dẫn đầu Cụm, Khối và vượt chỉ tiêu chỉ ghi cho tập thể.`);
  // Members are read from the register each time (historyOf), never stored.
  const { memberIds: _members, ...own } = facts;
  return own;
}

/** Saves one year of one nominee, typed by hand: it replaces what the year held (an import's file and rows stay noted). */
export function saveYearFacts({ db, clock }: Store, nomineeId: number, raw: unknown): StoredYear {
  return writeTransaction(db, (tx) => {
    const n = nomineeRow(tx, nomineeId);
    const facts = checkYearFacts(n.kind, raw, n.name);
    const updatedAt = nowIso(clock);
    tx.insert(schema.awardYearFacts)
      .values({ nomineeId, year: facts.year, facts, source: 'manual', updatedAt })
      .onConflictDoUpdate({ target: [schema.awardYearFacts.nomineeId, schema.awardYearFacts.year], set: { facts, source: 'manual', updatedAt } })
      .run();
    const row = tx.select().from(schema.awardYearFacts).where(and(eq(schema.awardYearFacts.nomineeId, nomineeId), eq(schema.awardYearFacts.year, facts.year))).get()!;
    return { facts, source: sourceOf(row) };
  });
}

export function removeYearFacts(db: Db, nomineeId: number, year: number): boolean {
  return db.delete(schema.awardYearFacts).where(and(eq(schema.awardYearFacts.nomineeId, nomineeId), eq(schema.awardYearFacts.year, year))).run().changes > 0;
}

/**
 * Marks a sáng kiến as counted for a title or award (once only, Luật Thi đua, khen thưởng): refused
 * when it already counted for another one.
 */
export function markInitiativeUsed({ db, clock }: Store, nomineeId: number, initiativeId: string, usedFor: { code: string; year: number }): void {
  writeTransaction(db, (tx) => {
    const n = nomineeRow(tx, nomineeId);
    const rows = tx.select().from(schema.awardYearFacts).where(eq(schema.awardYearFacts.nomineeId, nomineeId)).all();
    for (const row of rows) {
      const facts = factsOf(row, n.name);
      const i = facts.initiatives.find((x) => x.id === initiativeId);
      if (!i) continue;
      if (i.usedFor && (i.usedFor.code !== usedFor.code || i.usedFor.year !== usedFor.year)) {
        const was = entries.get(i.usedFor.code)?.name ?? i.usedFor.code;
        throw new UserError(`Sáng kiến «${i.title}» đã dùng để xét «${was}» năm ${i.usedFor.year}; mỗi sáng kiến chỉ tính một lần.`);
      }
      i.usedFor = usedFor;
      tx.update(schema.awardYearFacts)
        .set({ facts, updatedAt: nowIso(clock) })
        .where(and(eq(schema.awardYearFacts.nomineeId, nomineeId), eq(schema.awardYearFacts.year, row.year)))
        .run();
      return;
    }
    throw new UserError(`Không tìm thấy sáng kiến cần đánh dấu trong lịch sử của "${n.name}".`);
  });
}

function plainHistory(db: DbOrTx, n: NomineeRow, unitKind: NomineeHistory['nominee']['unitKind']): NomineeHistory {
  const years = db.select().from(schema.awardYearFacts).where(eq(schema.awardYearFacts.nomineeId, n.id)).all().map((r) => factsOf(r, n.name));
  return {
    nominee: {
      kind: n.kind === 'person' ? 'individual' : 'collective',
      id: String(n.id),
      name: n.name,
      unitKind,
      ...(n.kind === 'person' && n.female !== null ? { female: n.female } : {}),
    },
    years: years.sort((a, b) => a.year - b.year),
  };
}


/** The people a collective is made of: everyone for the unit, those of the division for a division. */
function peopleOf(db: DbOrTx, n: NomineeRow): NomineeRow[] {
  const people = db.select().from(schema.awardNominees).where(eq(schema.awardNominees.kind, 'person')).all();
  return n.kind === 'unit' ? people : people.filter((p) => p.divisionKey === n.nameKey);
}

/**
 * The history evaluate reads. For the unit and a division, `members` are its people and each year's
 * memberIds the people with facts entered that year; a year where only members have facts is given
 * to the collective with nothing else known, so its shares can still be counted.
 */
export function historyOf(db: DbOrTx, nomineeId: number): NomineeHistory {
  const unitKind = requireOwnUnit(db).kind;
  const n = nomineeRow(db, nomineeId);
  const own = plainHistory(db, n, unitKind);
  if (n.kind === 'person') return own;
  const members = peopleOf(db, n).map((p) => plainHistory(db, p, unitKind));
  const byYear = new Map(own.years.map((f) => [f.year, f]));
  for (const m of members) for (const f of m.years) if (!byYear.has(f.year)) byYear.set(f.year, yearFacts(f.year));
  const years = [...byYear.values()]
    .map((f) => ({ ...f, memberIds: members.filter((m) => m.years.some((x) => x.year === f.year)).map((m) => m.nominee.id) }))
    .sort((a, b) => a.year - b.year);
  return { ...own, years, members };
}
