import { awardCatalogue, rulesInForce, type EntryInForce } from '../../electron/services/awards/catalogue';
import { yearFacts, type HonourHeld, type NomineeHistory, type YearFacts } from '../../electron/services/awards/schemas';

/** Histories for the award rules, written the way a clerk would enter them: a year at a time. */

/** A year with nothing known yet; tests state only what matters to them. */
export const year = yearFacts;

/** A title or award decided (with its decision) in a year. */
export const held = (code: string, y = 2024): HonourHeld => ({ code, decision: { number: `${String(y % 100).padStart(2, '0')}/QĐ-STP`, date: `${y}-12-20` } });
/** Proposed in this round: no decision yet. */
export const proposed = (code: string): HonourHeld => ({ code, decision: null });

export function person(id: string, years: YearFacts[]): NomineeHistory {
  return { nominee: { kind: 'individual', id, name: `Cán bộ ${id}`, unitKind: 'so_tu_phap' }, years };
}

/**
 * A collective of `size` people in year `y`: `member(i)` gives person i's facts that year (all
 * "hoàn thành tốt nhiệm vụ" and Lao động tiên tiến unless said otherwise).
 */
export function collective(y: number, size: number, own: Partial<Omit<YearFacts, 'year'>>, member: (i: number) => Partial<Omit<YearFacts, 'year'>> = () => ({})): NomineeHistory {
  const members = Array.from({ length: size }, (_, i) => person(`m${i + 1}`, [year(y, { taskCompletion: 'hoan_thanh_tot', honours: [held('LDTT', y)], ...member(i) })]));
  return {
    nominee: { kind: 'collective', id: 'phong-1', name: 'Phòng Hành chính tư pháp', unitKind: 'so_tu_phap' },
    years: [year(y, { ...own, memberIds: members.map((m) => m.nominee.id) })],
    members,
  };
}

/** The entry's rules in force on a date (the award round's review date). */
export function entryOn(code: string, date: string): EntryInForce {
  const entry = rulesInForce(awardCatalogue, date).entries.find((e) => e.code === code);
  if (!entry) throw new Error(`no rules of ${code} on ${date}`);
  return entry;
}

/** Review dates of a year's round: before the switch to Nghị định 152/2025 and after it. */
export const ROUND_2024 = '2024-12-15';
export const ROUND_2025 = '2025-12-15';
