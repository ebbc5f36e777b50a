import { schema, readSnapshot, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { comparePersonNames, compareVi, formatDateVi } from '../text/vietnamese';
import { awardCatalogue, rulesInForce, sourceText, type EntryInForce, type RulesInForce } from './catalogue';
import { evaluate, type ConditionResult, type ConditionStatus, type Evaluation } from './eligibility';
import { historyOf } from './history';
import type { EligibilityView, EntryView, NomineeKind, NomineeView } from './history-schemas';
import type { NomineeHistory } from './schemas';

/**
 * For the year under review: the unit, each division and each person, with every title and award of
 * their scope in force on the review date evaluated: met, not met or to review, the reasons, the year
 * that breaks a chain, "chưa xác minh" where the rule is not verified, and the legal source.
 */

export const statusLabels: Record<ConditionStatus, string> = { met: 'Đạt', not_met: 'Chưa đạt', needs_review: 'Cần xem xét' };

function brokenYearOf(results: ConditionResult[]): number | null {
  for (const r of results) {
    if (r.brokenYear !== undefined) return r.brokenYear;
    const inner = r.children ? brokenYearOf(r.children) : null;
    if (inner !== null && r.status !== 'met') return inner;
  }
  return null;
}

function view(e: Evaluation, entry: EntryInForce): EntryView {
  return {
    code: e.code,
    name: e.name,
    kind: entry.kind,
    status: e.status,
    statusLabel: statusLabels[e.status],
    reason: e.reason,
    details: e.results.map((r) => ({ status: r.status, statusLabel: statusLabels[r.status], text: r.reason })),
    verified: e.verified,
    verifiedLabel: e.verified ? '' : 'chưa xác minh',
    brokenYear: e.status === 'met' ? null : brokenYearOf(e.results),
    source: e.sources.map(sourceText).join('; '),
    note: e.note ?? null,
  };
}

/**
 * Lao động tiên tiến is decided in the same round as the titles that need it (CSTĐCS, and the
 * shares of a collective): a person who meets it this year counts as proposed for it, as the
 * catalogue's note on CSTĐCS says, unless it is already recorded.
 */
function withProposedLdtt(history: NomineeHistory, ldtt: EntryInForce | undefined, year: number): NomineeHistory {
  if (!ldtt || history.nominee.kind !== 'individual') return history;
  const facts = history.years.find((f) => f.year === year);
  if (!facts || facts.honours.some((h) => h.code === ldtt.code)) return history;
  if (evaluate(ldtt, history, year).status !== 'met') return history;
  return { ...history, years: history.years.map((f) => (f === facts ? { ...f, honours: [...f.honours, { code: ldtt.code, decision: null }] } : f)) };
}

/** What evaluate reads for a nominee in the round: its history, Lao động tiên tiến counted as proposed where met. */
function historyForReview(db: DbOrTx, nomineeId: number, rules: RulesInForce, year: number): NomineeHistory {
  const ldtt = rules.entries.find((e) => e.code === 'LDTT');
  const history = historyOf(db, nomineeId);
  if (history.nominee.kind === 'individual') return withProposedLdtt(history, ldtt, year);
  return { ...history, members: history.members?.map((m) => withProposedLdtt(m, ldtt, year)) };
}

/** One nominee judged for one title or award as the eligibility screen judges it: the snapshot a dossier keeps. */
export function nomineeEntryView(db: DbOrTx, nomineeId: number, entry: EntryInForce, rules: RulesInForce, year: number): { evaluation: Evaluation; view: EntryView } {
  const evaluation = evaluate(entry, historyForReview(db, nomineeId, rules, year), year);
  return { evaluation, view: view(evaluation, entry) };
}

/** The review date: the given one, else the last day of the year under review. */
export function eligibilityView(db: DbOrTx, year: number, date?: string): EligibilityView {
  if (!Number.isInteger(year) || year < 1945 || year > 2100) throw new UserError(`Năm xét "${year}" không hợp lệ.`);
  const on = date ?? `${year}-12-31`;
  if (on.slice(0, 4) !== String(year)) throw new UserError(`Ngày xét ${formatDateVi(on)} không thuộc năm ${year}.`);
  const rules = rulesInForce(awardCatalogue, on);
  return readSnapshot(db, (tx) => {
    const nominees = tx.select().from(schema.awardNominees).all();
    const kindOrder: Record<NomineeKind, number> = { unit: 0, division: 1, person: 2 };
    const out: NomineeView[] = [];
    for (const n of nominees.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.kind === 'person' ? comparePersonNames(a.name, b.name) : compareVi(a.name, b.name)))) {
      const history = historyForReview(tx, n.id, rules, year);
      const scope = n.kind === 'person' ? 'individual' : 'collective';
      const entries = rules.entries.filter((e) => e.scope === scope).map((e) => view(evaluate(e, history, year), e));
      out.push({ id: n.id, kind: n.kind, name: n.name, division: n.division, entries });
    }
    return { year, date: on, dateText: formatDateVi(on), edition: rules.edition, nominees: out };
  });
}
