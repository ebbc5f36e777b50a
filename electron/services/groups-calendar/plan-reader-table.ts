import { squashSpaces } from '../text/vietnamese';
import { findDeadlines, foldSameLength } from './plan-reader-dates';

/**
 * Plans that list their calendar as a table ("STT | Nội dung | Đơn vị thực hiện | Thời gian"): a
 * row reaches the reader as one line of cells separated by tabs, as a DOCX's rows are written out
 * and as Word puts a table on the clipboard.
 */

/** The cells of a line when it is a table row: at least two filled cells, the first not a lone bullet ("-\tCác đơn vị…" is indented text). */
export function rowCells(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const cells = line.split('\t').map(squashSpaces);
  while (cells.length && !cells[cells.length - 1]) cells.pop();
  while (cells.length && !cells[0]) cells.shift();
  if (cells.filter(Boolean).length < 2 || /^[-+•–]$/.test(cells[0]!)) return null;
  return cells;
}

/** Which column holds what, from a header row. */
export interface Columns {
  what: number;
  who: number;
  when: number;
  to: number;
}

const HEADER: [keyof Columns, RegExp][] = [
  ['to', /\b(?:noi nhan|gui (?:den|ve|toi|cho)|don vi nhan|co quan nhan|ben nhan)\b/],
  ['when', /\b(?:thoi gian|thoi han|han|ngay|tien do)\b/],
  ['who', /\b(?:don vi|co quan|chu tri|thuc hien|trach nhiem|ben gui)\b/],
  ['what', /\b(?:noi dung|cong viec|nhiem vu|hoat dong|san pham)\b/],
];

/** A header row names at least two of the columns and holds no date. */
export function headerColumns(cells: string[]): Columns | null {
  const columns: Columns = { what: -1, who: -1, when: -1, to: -1 };
  let named = 0;
  cells.forEach((cell, i) => {
    const f = foldSameLength(cell);
    if (cell.length > 60 || /\d+\s*[/.-]\s*\d+/.test(f)) return;
    const kind = HEADER.find(([k, re]) => columns[k] < 0 && re.test(f))?.[0];
    if (kind) {
      columns[kind] = i;
      named++;
    }
  });
  return named >= 2 && !cells.some((c) => /\d+\s*[/.-]\s*\d+/.test(c)) ? columns : null;
}

/** "Báo cáo" in a cell names the report, not its sending. */
const SEND_WORD = /\b(?:gui|nop|trinh)\b/;

/**
 * A row as a sentence of the plan's own cells: who, what, to whom, by when. Only the words the
 * sentence grammar needs are added ("gửi" before the receiver, "hạn" before a bare date).
 */
export function rowSentence(cells: string[], columns: Columns | null): string {
  if (!columns) return cells.filter(Boolean).join(' ');
  const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
  const [who, what, to, when] = [cell(columns.who), cell(columns.what), cell(columns.to), cell(columns.when)];
  const parts = [who, what];
  if (to) parts.push(SEND_WORD.test(foldSameLength(what)) ? to : `gửi ${to}`);
  if (when) parts.push(findDeadlines(foldSameLength(when), when, 0, when.length).length ? when : `hạn ${when}`);
  return parts.filter(Boolean).join(' ');
}
