import fsp from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../services/errors';
import { findGroup } from '../services/groups-calendar/groups';
import type { ItemValue } from '../services/scoring/criteria-schemas';
import { exportSelfAssessment } from '../services/scoring/export';
import { storeEvidence } from '../services/scoring/evidence';
import { itemsFor } from '../services/scoring/rules';
import { saveSelfAssessment, selfAssessmentView } from '../services/scoring/self-assessment';
import type { AssessedItem } from '../services/scoring/self-assessment-schemas';
import { saveVerification, verificationView } from '../services/scoring/verification';
import { formatPoints } from '../services/text/points';
import type { Workspace } from '../services/workspace/workspace';

/**
 * The scoring round of the demonstration: each member scores itself against the table its kickoff
 * brought, with evidence files; the leader verifies item by item.
 */

/** Bytes that open as what their name says, different for each unit and item, so each is stored once by content. */
export function evidenceBytes(kind: 'pdf' | 'png', label: string): Buffer {
  if (kind === 'png') {
    // A 1×1 PNG, then the label in a tEXt-like trailer the viewers ignore.
    return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e3b0a10000000049454e44ae426082', 'hex'), Buffer.from(label)]);
  }
  const text = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 50 780 Td (${text}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** What a unit states for an item, varied by a seeded generator: mostly good, sometimes late, short or marked down. */
function stated(rule: string, role: string, max: number, rand: () => number): ItemValue {
  switch (rule) {
    case 'lateness':
      return { type: 'days_late', days: rand() < 0.75 ? 0 : Math.floor(rand() * 8) };
    case 'percentage':
      return { type: 'percent', percent: Math.round((70 + rand() * 30) * 10) / 10 };
    case 'fixed':
      return { type: 'done', done: rand() < 0.9 };
    default:
      // Deductions are rare; standard and bonus points in quarter steps.
      if (role === 'deduction') return { type: 'points', points: rand() < 0.2 ? 1 : 0 };
      return { type: 'points', points: Math.round(max * (role === 'bonus' ? rand() * 0.6 : 0.7 + rand() * 0.3) * 4) / 4 };
  }
}

export interface SelfAssessed {
  file: string;
  total: number;
  /** Items the table wants evidence for that the unit left without. */
  lacking: number;
}

/**
 * A member scores itself. `lackEvidence`: it attaches no file to some items that require one (the
 * leader marks them down); `overCap`: it first types a deduction beyond its cap, which is refused.
 */
export async function selfAssess(
  ws: Workspace,
  unit: { code: string; name: string },
  groupCode: string,
  year: number,
  rand: () => number,
  options: { evidenceDir: string; lackEvidence: boolean; overCap: boolean },
  log: (s: string) => void,
): Promise<SelfAssessed> {
  const { code, name } = unit;
  const groupId = findGroup(ws.db, groupCode, year)!.id;
  const view = selfAssessmentView(ws, groupId);
  const items = itemsFor(view.table, view.unitKind);
  const assessed: AssessedItem[] = items.map((node) => ({
    node: node.id,
    value: stated(node.rule!.type, node.role, node.max, rand),
    explanation: node.role === 'deduction' ? '' : `Đơn vị tự đánh giá theo ${node.guide ? 'hướng dẫn chấm' : 'kết quả thực hiện'}.`,
    evidence: [],
  }));
  const conditions = view.table.conditions.filter(() => rand() < 0.8).map((c) => c.key);
  if (options.overCap) {
    const deduction = items.find((n) => n.role === 'deduction')!;
    try {
      saveSelfAssessment(ws, groupId, { items: assessed.map((a) => (a.node === deduction.id ? { ...a, value: { type: 'points', points: deduction.max + 1 } } : a)), conditions_met: conditions, confirmation: null });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      log(`  ${name}: nhập điểm trừ ${formatPoints(deduction.max + 1)} cho mục ${deduction.number} bị từ chối: "${error.message}" Đơn vị sửa lại.`);
    }
  }
  // One general report cited by several items is stored once; a scan per item otherwise. Stored first and
  // saved with the scores in one go, as the screen does when a unit attaches files while it scores.
  await fsp.mkdir(options.evidenceDir, { recursive: true });
  const report = path.join(options.evidenceDir, 'bao-cao-tong-ket.pdf');
  await fsp.writeFile(report, evidenceBytes('pdf', `Bao cao tong ket nam ${year} - ${code}`));
  let lacking = 0;
  for (const [i, node] of items.entries()) {
    if (!node.evidence_required) continue;
    if (options.lackEvidence && i % 4 === 1) {
      lacking++;
      continue;
    }
    const photo = i % 5 === 0;
    const file = i % 3 === 0 ? report : path.join(options.evidenceDir, `minh-chung-${node.id}.${photo ? 'png' : 'pdf'}`);
    if (file !== report) await fsp.writeFile(file, evidenceBytes(photo ? 'png' : 'pdf', `${code} - muc ${node.number}: ${node.content}`));
    const name = file === report ? 'Báo cáo tổng kết năm.pdf' : photo ? `Ảnh chụp mục ${node.number}.png` : `Minh chứng mục ${node.number}.pdf`;
    assessed[i]!.evidence.push(await storeEvidence(ws, file, name));
  }
  const scan = path.join(options.evidenceDir, 'bang-tu-cham-da-xac-nhan.pdf');
  await fsp.writeFile(scan, evidenceBytes('pdf', `Bang tu cham diem ${code} da ky, Chu tich UBND tinh xac nhan`));
  const confirmation = await storeEvidence(ws, scan, 'Bảng tự chấm điểm đã ký, xác nhận.pdf');
  const done = saveSelfAssessment(ws, groupId, { items: assessed, conditions_met: conditions, confirmation });
  const sent = await exportSelfAssessment(ws, groupId, { acceptGaps: true });
  return { file: sent.path, total: done.totals.total, lacking };
}

/**
 * The leader verifies a member: every item looked at; an item that requires evidence and has none
 * earns nothing, with the reason; the rest stand as stated. The conditions are confirmed as stated.
 */
export function verifyMember(ws: Workspace, groupId: number, code: string): { self: number; verified: number; markedDown: number } {
  const view = verificationView(ws, groupId, code);
  const nothing = (v: ItemValue): ItemValue =>
    v.type === 'days_late' ? { type: 'days_late', days: null } : v.type === 'percent' ? { type: 'percent', percent: 0 } : v.type === 'done' ? { type: 'done', done: false } : { type: 'points', points: 0 };
  let markedDown = 0;
  const items = view.items.flatMap((i) => {
    if (!i.selfValue) return [];
    if (i.node.evidence_required && !i.evidence.length && i.selfPoints > 0) {
      markedDown++;
      return [{ node: i.node.id, value: nothing(i.selfValue), reason: 'Không có tài liệu minh chứng kèm theo.' }];
    }
    return [{ node: i.node.id, value: i.selfValue, reason: '' }];
  });
  const complete = items.length === view.items.length;
  const saved = saveVerification(ws, groupId, code, { items, conditions_met: view.conditionsStated, complete, inspection: null });
  return { self: saved.selfTotal, verified: saved.verifiedTotal, markedDown };
}
