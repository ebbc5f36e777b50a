import path from 'node:path';
import type { Workspace } from '../workspace/workspace';
import { requireOwnUnit, todayVi } from '../units-keys/units';
import { consolidatedDocument } from '../documents/consolidated-doc';
import { asciiName, writeDocx } from '../documents/write';
import { memberRegistrations } from './overview';

/** Prints "Tổng hợp đăng ký thi đua năm …" for the leader. */
export async function printConsolidated(ws: Workspace, groupId: number, today = todayVi()): Promise<string> {
  const { group, members } = memberRegistrations(ws.db, groupId);
  const dest = path.join(ws.dataDir, 'documents', `tong-hop-dang-ky-thi-dua-${group.year}-${asciiName(group.code)}.docx`);
  await writeDocx(consolidatedDocument(group, members, requireOwnUnit(ws.db), today), dest);
  return dest;
}
