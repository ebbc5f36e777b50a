import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { schema, type Db } from '../../../db/client';
import type { OwnUnit, ParsedInput } from '../../ipc/contract';
import type { Workspace } from '../workspace/workspace';
import { requireOwnUnit, todayVi } from '../units-keys/units';
import { consolidatedDocument, type ConsolidatedSigner } from '../documents/consolidated-doc';
import { asciiName, writeDocx } from '../documents/write';
import { memberRegistrations, overview } from './overview';
import type { RegistrationContent } from './registration';

/** The head of a unit by its kind: who signs for it when nothing better is known. */
export const headTitle = { so_tu_phap: 'Giám đốc', thads: 'Thủ trưởng cơ quan', don_vi_thuoc_bo: 'Thủ trưởng đơn vị', khac: 'Thủ trưởng đơn vị' } as const;

/**
 * Who signs the consolidated table for the leader: the signer of its own registration this year; if it
 * registered nothing, the signer of its latest registration of any group or year; else the head of the
 * unit by title, the name left for the pen.
 */
function leaderSigner(db: Db, own: OwnUnit, registration: { place: string; signerTitle: string; signerName: string } | null): ConsolidatedSigner {
  const latest = registration ?? latestOwnSigner(db, own.code);
  return latest ? { place: latest.place || own.province, title: latest.signerTitle, name: latest.signerName } : { place: own.province, title: headTitle[own.kind], name: '' };
}

/** The signer of the unit's own registration of the latest year, the last saved first. */
export function latestOwnSigner(db: Db, ownCode: string): { place: string; signerTitle: string; signerName: string } | undefined {
  const r = schema.records;
  const row = db
    .select({ content: r.content })
    .from(r)
    .where(and(eq(r.type, 'registration'), eq(r.ownerCode, ownCode)))
    .orderBy(desc(r.year), desc(r.updatedAt))
    .get();
  if (!row) return undefined;
  const d = (JSON.parse(row.content) as RegistrationContent).document;
  return { place: d.place, signerTitle: d.signer_title, signerName: d.signer_name };
}

/** Prints "Tổng hợp đăng ký thi đua năm …" for the leader, filtered and ordered as its screen is. */
export async function printConsolidated(ws: Workspace, query: ParsedInput<'registration.overview'>, today = todayVi(ws.clock)): Promise<string> {
  const { group, members } = memberRegistrations(ws, query.groupId);
  const { rows } = overview(ws, query);
  const own = requireOwnUnit(ws.db);
  const ownRegistration = members.find((m) => m.member.code === own.code)?.registration ?? null;
  const signer = leaderSigner(ws.db, own, ownRegistration);
  const dest = path.join(ws.dataDir, 'documents', `tong-hop-dang-ky-thi-dua-${group.year}-${asciiName(group.code)}.docx`);
  await writeDocx(consolidatedDocument(group, members, rows, query, own, signer, today), dest);
  return dest;
}
