import type { CatalogueItem } from './schemas';

/** Where a conflict is: the collective's titles, or one person's row (staffId). */
export type RegistrationConflict = { staffId: number | null; message: string };

type Choice = { titleCode: string };

/** Names joined the Vietnamese way: "A, B và C". */
function joinNames(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/** What one holder (the collective or one person) chose that the catalogue forbids together. */
function conflictsOf(items: readonly CatalogueItem[], codes: string[], who: string): string[] {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const name = (code: string) => byCode.get(code)?.name ?? code;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) problems.push(`${who} đăng ký "${name(code)}" hai lần: mỗi danh hiệu, hình thức chỉ đăng ký một lần.`);
    seen.add(code);
  }
  const groups = new Map<string, string[]>();
  for (const code of seen) {
    const group = byCode.get(code)?.exclusiveGroup;
    if (group) groups.set(group, [...(groups.get(group) ?? []), code]);
  }
  for (const [group, chosen] of groups) {
    if (chosen.length < 2) continue;
    const all = items.filter((item) => item.exclusiveGroup === group && item.scope === byCode.get(chosen[0]!)?.scope).map((item) => item.name);
    problems.push(
      `${who} chỉ được đăng ký một trong các danh hiệu ${joinNames(all.map((n) => `"${n}"`))}, đang chọn cả ${joinNames(chosen.map((c) => `"${name(c)}"`))}. Các hình thức khen thưởng thì đăng ký thêm được.`,
    );
  }
  return problems;
}

/**
 * The catalogue's rule for one registration: a title at most once per holder, and at most one title
 * of each exclusive group (resources/catalogue: exclusiveGroup) for the collective and for each person.
 * One rule for the save (which refuses) and the form (which shows it by the checkboxes or the row).
 */
export function registrationConflicts(
  items: readonly CatalogueItem[],
  collective: readonly Choice[],
  individuals: readonly (Choice & { staffId: number })[],
): RegistrationConflict[] {
  const found: RegistrationConflict[] = conflictsOf(items, collective.map((c) => c.titleCode), 'Tập thể').map((message) => ({ staffId: null, message }));
  const byPerson = new Map<number, string[]>();
  for (const p of individuals) byPerson.set(p.staffId, [...(byPerson.get(p.staffId) ?? []), p.titleCode]);
  for (const [staffId, codes] of byPerson) {
    found.push(...conflictsOf(items, codes, 'Mỗi người').map((message) => ({ staffId, message })));
  }
  return found;
}
