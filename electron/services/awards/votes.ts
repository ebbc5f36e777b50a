import { compareVi } from '../text/vietnamese';

/**
 * Vote arithmetic, done by the app rather than the clerk (DESIGN.md §7): the unit's council
 * (Hội đồng Thi đua – Khen thưởng) voting on its nominees, and the group's suy tôn of its leading
 * units at the year-end conference. Thresholds are exact fractions compared in integers, so a vote
 * exactly at a threshold passes whatever the sizes (4 of 5 is 80 %, 8 of 12 is two thirds).
 */

/** A threshold as a fraction: 80 % is 80/100, two thirds 2/3. */
export interface Share {
  numerator: number;
  denominator: number;
}

/** 80 → 80/100; 66.67 → 6667/10000: a percentage as written, to two decimals. */
export function percentShare(percent: number): Share {
  return { numerator: Math.round(percent * 100), denominator: 10_000 };
}

/** `count` of `of` reaches the share: count / of ≥ numerator / denominator, in integers. */
export const reaches = (count: number, of: number, share: Share): boolean => of > 0 && count * share.denominator >= share.numerator * of;

/** The fewest of `of` that reach the share. */
export const needed = (of: number, share: Share): number => Math.floor((share.numerator * of + share.denominator - 1) / share.denominator);

/** "80 %", "2/3", "66,67 %": the share as a person writes it. */
export function shareText(share: Share): string {
  if (share.denominator !== 10_000 && share.denominator !== 100) return `${share.numerator}/${share.denominator}`;
  const percent = (share.numerator * 100) / share.denominator;
  return `${percent.toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`;
}

// ---- The unit's council ----

export interface CouncilMember {
  name: string;
  /** Chủ tịch, Phó Chủ tịch, Ủy viên, Ủy viên thư ký… */
  role: string;
  present: boolean;
  /** Absent, and sent a written vote (phiếu bầu gửi bằng văn bản), which counts. */
  votedInWriting: boolean;
}

export interface CouncilBallot {
  /** Who is proposed (the unit, a division, a person) and for what. */
  nominee: string;
  award: string;
  /** The award's threshold on the council's total membership (catalogue: council vote rule). */
  threshold: Share;
  /** Yes votes, present and written together. */
  yes: number;
}

export interface CouncilTally {
  total: number;
  present: number;
  inWriting: number;
  /** Members whose vote counts: present, or absent with a written vote. */
  voting: number;
  quorum: { share: Share; needed: number; met: boolean };
  results: (CouncilBallot & { needed: number; passed: boolean; text: string })[];
  /** What makes the record impossible (more votes than voters, nobody on the council), in Vietnamese. */
  problems: string[];
}

/**
 * The council's meeting: present members against its quorum (a share of the total membership), and
 * each ballot against its award's threshold, on the TOTAL membership: an absent member who did not
 * vote in writing counts as not voting yes.
 */
export function tallyCouncil(members: readonly CouncilMember[], quorum: Share, ballots: readonly CouncilBallot[]): CouncilTally {
  const total = members.length;
  const present = members.filter((m) => m.present).length;
  const inWriting = members.filter((m) => !m.present && m.votedInWriting).length;
  const voting = present + inWriting;
  const problems: string[] = [];
  if (total === 0) problems.push('Hội đồng chưa có thành viên nào.');
  const results = ballots.map((b) => {
    if (!Number.isInteger(b.yes) || b.yes < 0) problems.push(`Số phiếu đồng ý cho ${b.nominee} (${b.award}) phải là số nguyên không âm.`);
    else if (b.yes > voting) problems.push(`${b.nominee} (${b.award}): ${b.yes} phiếu đồng ý, nhiều hơn ${voting} thành viên có phiếu (có mặt hoặc gửi phiếu bằng văn bản).`);
    const need = needed(total, b.threshold);
    const passed = reaches(b.yes, total, b.threshold);
    const text = `${b.yes}/${total} thành viên Hội đồng đồng ý (${percentOf(b.yes, total)}); cần từ ${shareText(b.threshold)} tổng số thành viên, tức ít nhất ${need} phiếu: ${passed ? 'đạt' : 'không đạt'}.`;
    return { ...b, needed: need, passed, text };
  });
  return { total, present, inWriting, voting, quorum: { share: quorum, needed: needed(total, quorum), met: reaches(present, total, quorum) }, results, problems };
}

/** "83,33 %": for minutes, never for deciding. */
export function percentOf(count: number, of: number): string {
  if (of === 0) return '0 %';
  return `${((count * 100) / of).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`;
}

// ---- The group's suy tôn ----

export interface AcclamationRules {
  threshold: Share;
  /** What the threshold is counted on: every member unit of the group, or the units that voted. */
  base: 'members' | 'voters';
  /** How many units the group may put forward (Cờ thi đua); null: every unit reaching the threshold. */
  seats: number | null;
  /** Units equal in votes at the last seat: the one ranked higher on the scoring table, or a new ballot. */
  tieBreak: 'higher_score' | 'revote';
  secretBallot: boolean;
}

export interface AcclamationCandidate {
  code: string;
  name: string;
  /** Its total on the group's ranking, for the higher-score tie-break; null when not ranked. */
  score: number | null;
}

export interface AcclamationCount {
  /** Member units of the group. */
  members: number;
  /** Units that cast a ballot. */
  voters: number;
  /** Ballots declared invalid (phiếu không hợp lệ) at the count. */
  invalid: number;
  /** Yes votes per candidate code, among the valid ballots. */
  votes: Readonly<Record<string, number>>;
}

export interface AcclamationRow extends AcclamationCandidate {
  votes: number;
  reaches: boolean;
  /** Order among the candidates reaching the threshold (votes, then the tie-break); null otherwise. */
  rank: number | null;
  elected: boolean;
  /** Still equal at the last seat after the tie-break: a new ballot between them decides. */
  revote: boolean;
  decidedBy: string | null;
}

export interface AcclamationTally {
  base: number;
  needed: number;
  valid: number;
  rows: AcclamationRow[];
  problems: string[];
}

/**
 * The suy tôn count: each candidate's yes votes against the threshold (on the members or the voters),
 * then, among those reaching it, the seats in order of votes; a tie at the last seat is parted by the
 * scoring table when the rules say so, else (or if still equal) goes to a new ballot between them.
 */
export function tallyAcclamation(candidates: readonly AcclamationCandidate[], count: AcclamationCount, rules: AcclamationRules): AcclamationTally {
  const problems: string[] = [];
  const valid = count.voters - count.invalid;
  if (count.voters > count.members) problems.push(`Số đơn vị bỏ phiếu (${count.voters}) nhiều hơn số đơn vị thành viên (${count.members}).`);
  if (count.invalid < 0 || valid < 0) problems.push(`Số phiếu không hợp lệ (${count.invalid}) phải từ 0 đến số đơn vị bỏ phiếu (${count.voters}).`);
  const base = rules.base === 'members' ? count.members : count.voters;
  const need = needed(base, rules.threshold);
  const votesOf = (c: AcclamationCandidate) => count.votes[c.code] ?? 0;
  for (const c of candidates) {
    const v = votesOf(c);
    if (!Number.isInteger(v) || v < 0) problems.push(`Số phiếu của ${c.name} phải là số nguyên không âm.`);
    else if (v > Math.max(valid, 0)) problems.push(`${c.name} được ${v} phiếu, nhiều hơn ${Math.max(valid, 0)} phiếu hợp lệ.`);
  }
  const byScore = rules.tieBreak === 'higher_score';
  const scoreOf = (c: AcclamationCandidate) => c.score ?? -Infinity;
  // Equal votes are parted by score only when the rules say so; otherwise they stay equal.
  const compare = (a: AcclamationCandidate, b: AcclamationCandidate) => votesOf(b) - votesOf(a) || (byScore ? scoreOf(b) - scoreOf(a) : 0);
  const reaching = candidates.filter((c) => reaches(votesOf(c), base, rules.threshold)).sort((a, b) => compare(a, b) || compareVi(a.name, b.name));
  const seats = rules.seats ?? reaching.length;
  const rows = new Map<string, AcclamationRow>();
  reaching.forEach((c, i) => {
    const firstEqual = reaching.findIndex((x) => compare(x, c) === 0);
    const lastEqual = reaching.length - 1 - [...reaching].reverse().findIndex((x) => compare(x, c) === 0);
    const rank = firstEqual + 1;
    // The last seat falls inside a group still equal after the tie-break: none of them is elected until a new ballot.
    const straddles = firstEqual < seats && lastEqual >= seats;
    const prev = reaching[i - 1];
    const decidedBy =
      byScore && prev && votesOf(prev) === votesOf(c) && compare(prev, c) !== 0
        ? `Bằng số phiếu với ${prev.name}; xếp sau vì tổng điểm chấm thi đua thấp hơn.`
        : null;
    rows.set(c.code, { ...c, votes: votesOf(c), reaches: true, rank, elected: !straddles && firstEqual < seats, revote: straddles, decidedBy });
  });
  const ordered = [
    ...reaching.map((c) => rows.get(c.code)!),
    ...candidates
      .filter((c) => !rows.has(c.code))
      .sort((a, b) => votesOf(b) - votesOf(a) || compareVi(a.name, b.name))
      .map((c) => ({ ...c, votes: votesOf(c), reaches: false, rank: null, elected: false, revote: false, decidedBy: null })),
  ];
  return { base, needed: need, valid: Math.max(valid, 0), rows: ordered, problems };
}
