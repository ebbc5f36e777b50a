/**
 * Vietnamese text rules shared by every capability: collation, diacritic-free search, dates.
 * Pure (no imports): the renderer imports this file too, so a date reads the same on screen and on paper.
 */

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

/** One plain space between words, none at the ends: "Đỗ   Thị\tLan " is "Đỗ Thị Lan". */
export function squashSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Lower-case, without marks and with single spaces, so "do thi" finds "Đỗ   Thị   Lan". */
export function foldVi(s: string): string {
  return squashSpaces(stripMarks(s).toLowerCase());
}

export function matchesVi(haystack: string, query: string): boolean {
  const q = foldVi(query);
  return q === '' || foldVi(haystack).includes(q);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Tuyên Quang, ngày 05 tháng 02 năm 2022": Decree 30 wants a leading 0 for days below 10 and months 1–2. */
export function placeAndDate(place: string, isoDate: string): string {
  // Undated: the blanks the signer fills in by hand on the day.
  if (!isoDate) return `${place}, ngày … tháng … năm …`;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = m <= 2 ? pad2(m) : String(m);
  return `${place}, ngày ${pad2(d)} tháng ${month} năm ${y}`;
}

/**
 * "Tuyên Quang, ngày      tháng      năm 2022": an undated document leaves the day and month blank for
 * the pen at signing, as seed 000 was printed; the year it is meant for is printed.
 */
export function placeAndBlankDate(place: string, year: number): string {
  const blank = ' '.repeat(8);
  return `${place}, ngày${blank}tháng${blank}năm ${year}`;
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an ISO timestamp; a plain date passes through. */
export function localDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy in Vietnam time: the one way every date a person reads is written; nothing reads as ''. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = localDate(iso).split('-');
  return `${d}/${m}/${y}`;
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; message: string };

/**
 * A date as a person types it, day first whatever the browser's locale: "5/2/2022", "05.02.2022",
 * "05-02-2022" or "05022022". Says in Vietnamese what is wrong when the date does not exist.
 */
export function parseDateVi(typed: string): ParsedDate {
  const text = typed.trim();
  const parts = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!parts) return { ok: false, message: 'Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 05/02/2022.' };
  const [d, m] = [Number(parts[1]), Number(parts[2])];
  if (parts[3]!.length !== 4) return { ok: false, message: `Năm phải viết đủ 4 chữ số, ví dụ ${pad2(d)}/${pad2(m)}/2022.` };
  const y = Number(parts[3]);
  if (y < 1900 || y > 2100) return { ok: false, message: `Năm ${y} không hợp lý: năm phải từ 1900 đến 2100.` };
  if (m < 1 || m > 12) return { ok: false, message: `Không có tháng ${m}: tháng phải từ 1 đến 12.` };
  if (d < 1) return { ok: false, message: `Không có ngày ${d}: ngày phải từ 1 trở đi.` };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return { ok: false, message: `Tháng ${m} năm ${y} chỉ có ${days} ngày: không có ngày ${pad2(d)}/${pad2(m)}/${y}.` };
  return { ok: true, iso: `${y}-${pad2(m)}-${pad2(d)}` };
}
