/** Vietnamese text rules shared by every capability: collation, diacritic-free search, dates. */

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** People are ordered by given name (the last word), then by the whole name, as Vietnamese lists are. */
export function comparePersonNames(a: string, b: string): number {
  const given = (s: string) => s.trim().split(/\s+/).pop() ?? '';
  return compareVi(given(a), given(b)) || compareVi(a, b);
}

/** Without tone marks, and đ written d: "Nguyễn Đức" → "Nguyen Duc". */
export function stripMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Lower-case and without marks, so "nguyen" finds "Nguyễn". */
export function foldVi(s: string): string {
  return stripMarks(s).toLowerCase();
}

export function matchesVi(haystack: string, query: string): boolean {
  const q = foldVi(query.trim());
  return q === '' || foldVi(haystack).includes(q);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Tuyên Quang, ngày 05 tháng 02 năm 2022": Decree 30 wants a leading 0 for days below 10 and months 1–2. */
export function placeAndDate(place: string, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = m <= 2 ? pad2(m) : String(m);
  return `${place}, ngày ${pad2(d)} tháng ${month} năm ${y}`;
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an ISO timestamp; a plain date passes through. */
export function localDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy, the way dates are written in Vietnamese tables. */
export function formatDateVi(iso: string): string {
  const [y, m, d] = localDate(iso).split('-');
  return `${d}/${m}/${y}`;
}
