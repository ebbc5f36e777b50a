import type { z } from 'zod';
import type { groupKindSchema } from './schemas';

export type GroupKind = z.infer<typeof groupKindSchema>;

/**
 * How every document and screen words a group by its kind, and the abbreviation its number symbols
 * carry (12/KH-KVTĐ). A Sở's internal group is worded as the group form names it: "Cụm thi đua nội
 * bộ", its plans numbered as the Sở's own (…/KH-STP).
 */
const words: Record<GroupKind, { kind: string; abbr: string }> = {
  khu_vuc: { kind: 'Khu vực thi đua', abbr: 'KVTĐ' },
  cum: { kind: 'Cụm thi đua', abbr: 'CTĐ' },
  noi_bo: { kind: 'Cụm thi đua nội bộ', abbr: 'STP' },
};

/** "Khu vực thi đua", "Cụm thi đua" or "Cụm thi đua nội bộ", and "KVTĐ", "CTĐ" or "STP". */
export function groupKindWords(kind: GroupKind): { kind: string; abbr: string } {
  return words[kind];
}
