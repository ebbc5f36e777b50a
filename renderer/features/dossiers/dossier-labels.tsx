import type { DossierView } from '../../../electron/ipc/contract';
import { comparePersonNames, compareVi } from '../../../electron/services/text/vietnamese';

type Nominee = { kind: DossierView['nominee']['kind']; name: string };

/** The badge of a condition's result, as on the eligibility screen. */
export const eligibilityClass = { met: 'badge badge-accepted', not_met: 'badge badge-refused', needs_review: 'badge badge-stale' } as const;

/** "Đã gửi phiên bản 1; đang sửa phiên bản 2": where a dossier stands in the exchange. */
export function statusText(d: Pick<DossierView, 'status' | 'version' | 'sentVersion'>): string {
  if (d.status === 'sent') return `Đã gửi phiên bản ${d.version}`;
  if (d.sentVersion !== null) return `Đã gửi phiên bản ${d.sentVersion}; đang sửa phiên bản ${d.version}`;
  return 'Chưa gửi';
}

/** "Đủ hồ sơ", or "Còn thiếu: …" naming the parts still lacking their signed scan. */
export function completenessText(d: Pick<DossierView, 'missing'>): string {
  return d.missing.length ? `Còn thiếu: ${d.missing.join('; ')}` : 'Đủ hồ sơ';
}

/** "Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở": a dossier as its buttons and headings name it. */
export const dossierTitle = (d: Pick<DossierView, 'nominee' | 'award'>) => `${d.nominee.name} — ${d.award.name}`;

const kindOrder = { unit: 0, division: 1, person: 2 } as const;

/** The unit first, then its divisions, then its people by given name, as Vietnamese lists are ordered. */
export function compareNominees(a: Nominee, b: Nominee): number {
  return kindOrder[a.kind] - kindOrder[b.kind] || (a.kind === 'person' ? comparePersonNames(a.name, b.name) : compareVi(a.name, b.name));
}

/** Whether the council's yes votes reached the award's share of its total membership. */
export function CouncilBadge({ reached }: { reached: boolean }) {
  return <span className={reached ? 'badge badge-accepted' : 'badge badge-refused'}>{reached ? 'Đạt tỷ lệ' : 'Không đạt tỷ lệ'}</span>;
}
