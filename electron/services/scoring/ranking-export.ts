import path from 'node:path';
import type { Workspace } from '../workspace/workspace';
import { nowIso } from '../workspace/clock';
import { rankingDocument } from '../documents/ranking-doc';
import { asciiName, writeDocx } from '../documents/write';
import { getGroup } from '../groups-calendar/groups';
import { planView } from '../groups-calendar/year-plan';
import { requireOwnUnit, todayVi } from '../units-keys/units';
import type { UnitKind } from '../units-keys/schemas';
import { UserError } from '../errors';
import { rankingView } from './ranking-view';
import { writeRankingXlsx } from './ranking-xlsx';

/** The ranking as the screen shows it (same filter), printed as DOCX or exported as .xlsx; returns the file. */
export async function exportRanking(ws: Workspace, groupId: number, unitKind: UnitKind | 'all', format: 'docx' | 'xlsx'): Promise<string> {
  const group = getGroup(ws.db, groupId);
  if (group.ownRole !== 'leader' && group.ownRole !== 'deputy') throw new UserError('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm lập bảng tổng hợp xếp hạng thi đua.');
  const view = rankingView(ws, groupId, unitKind);
  const own = requireOwnUnit(ws.db);
  const today = nowIso(ws.clock);
  const scope = unitKind === 'all' ? '' : `-${asciiName(unitKind)}`;
  const dest = path.join(ws.dataDir, 'documents', `xep-hang-thi-dua-${group.year}-${asciiName(group.code)}${scope}-${todayVi(ws.clock)}.${format}`);
  if (format === 'xlsx') {
    await writeRankingXlsx(view, dest, today);
    return dest;
  }
  // The leader signs as it signs its plan; the deputy's head signs by hand.
  const doc = group.ownRole === 'leader' ? planView(ws, groupId).plan.document : null;
  const signer = { place: doc?.place || own.province, title: doc?.signer_title ?? '', name: doc?.signer_name ?? '', role: group.ownRole, groupKind: group.kind, today };
  await writeDocx(rankingDocument(view, own, signer), dest);
  return dest;
}
