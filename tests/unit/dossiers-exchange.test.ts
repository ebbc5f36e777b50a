import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import { exportConsolidated } from '../../electron/services/bundles/consolidated';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { attachScan, createDossier } from '../../electron/services/dossiers/dossier';
import { generatePart } from '../../electron/services/dossiers/documents';
import { exportDossiers } from '../../electron/services/dossiers/export';
import type { DossierRecord } from '../../electron/services/dossiers/schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { currentRecords } from '../../electron/services/records/store';
import { openBundle } from '../../electron/services/bundles/reader';
import { file, GATHERED, gatheredGroup, on } from '../helpers/consolidated';
import { group2025, memberYear, scan, YEAR } from '../helpers/dossiers';
import { DEPUTY, LEADER, makeUnit, MEMBER, resign, tempDir, type TestSigner } from '../helpers/units';
import { rawZip, readZip } from '../helpers/zip';

/** The dossier bundle in the exchange: forwarded by the deputy, and refused when it does not carry what it cites. */

const overrides = { year: YEAR, registrationDeadline: '2025-02-10' };


/** A member's one complete dossier, its tờ trình generated and every part scanned. */
async function completeDossier(m: Awaited<ReturnType<typeof memberYear>>) {
  const d = createDossier(m.ws, m.group.id, m.huong, 'CSTDCS');
  await generatePart(m.ws, m.group.id, d.recordId, 'proposalLetter');
  for (const part of ['proposalLetter', 'achievementReport', 'minutes'] as const) await attachScan(m.ws, m.group.id, d.recordId, part, scan(`${part}.pdf`), `${part}.pdf`);
  return d;
}

describe('the deputy forwards a gathered member’s dossiers', () => {
  it('in its consolidated bundle, and the leader holds the dossier with every file as if the member had sent it', async () => {
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const m = await memberYear(GATHERED, gatheredGroup({ [DEPUTY.code]: deputy.unit.keyId, [LEADER.code]: leader.unit.keyId }, overrides));
    const d = await completeDossier(m);
    const sent = await exportDossiers(m.ws, m.group.id);
    const dg = saveGroup(deputy.ws, groupInputSchema.parse(gatheredGroup({ [GATHERED.code]: m.unit.keyId, [LEADER.code]: leader.unit.keyId }, overrides)));
    saveGroup(leader.ws, groupInputSchema.parse(gatheredGroup({ [DEPUTY.code]: deputy.unit.keyId, [GATHERED.code]: m.unit.keyId }, overrides)));
    on('2025-12-02');
    const atDeputy = await importBundleFile(deputy.ws, file(sent.path));
    expect(atDeputy.status, atDeputy.reason).toBe('accepted');
    on('2025-12-04');
    const consolidated = await exportConsolidated(deputy.ws, dg.id, { summary: 'Phó Trưởng chuyển hồ sơ đề nghị khen thưởng của Cục THADS tỉnh Hà Giang.' });
    expect(consolidated.forwarded).toBe(1);
    on('2025-12-06');
    const atLeader = await importBundleFile(leader.ws, file(consolidated.path));
    expect(atLeader.status, atLeader.reason).toBe('accepted');
    const held = currentRecords<DossierRecord>(leader.ws.db, 'dossier', 'KVTD-MNPB', YEAR, GATHERED.code);
    expect(held.map((r) => [r.recordId, r.version, r.content.nominee.name, r.content.award.code])).toEqual([[d.recordId, 1, 'Nguyễn Thị Hương', 'CSTDCS']]);
    // The leader received the member's own bundle, inside the deputy's, and keeps every file it cites.
    const inner = leader.ws.db.select().from(schema.receivedBundles).where(eq(schema.receivedBundles.kind, 'dossier')).all();
    expect(inner.map((b) => [b.senderCode, b.forwardedIn !== null])).toEqual([[GATHERED.code, true]]);
    const cited = held[0]!.content.parts.flatMap((p) => [...(p.document ? [p.document] : []), ...p.scans]);
    expect(cited).toHaveLength(4);
    const archived = await openBundle(path.join(leader.ws.dataDir, inner[0]!.archivePath), leader.ws.kinds);
    await archived.verifyPayload();
    const carried = new Set(archived.header.files.map((f) => f.sha256));
    expect(cited.filter((ref) => !carried.has(ref.sha256))).toEqual([]);
  });
});

describe('a hostile dossier bundle', () => {
  it('citing a scan it does not carry is refused, and nothing of it is kept', async () => {
    const leader = await makeUnit(LEADER);
    const m = await memberYear(MEMBER, group2025({ [LEADER.code]: leader.unit.keyId }));
    await completeDossier(m);
    const sent = await exportDossiers(m.ws, m.group.id);
    saveGroup(leader.ws, groupInputSchema.parse(group2025({ [MEMBER.code]: m.unit.keyId })));
    // The member's own key signs a bundle that leaves one scan out: only the apply step can see it is cited.
    const entries = await readZip(sent.path);
    const headerEntry = entries.find((e) => e.name === 'bundle.json')!;
    const header = JSON.parse(headerEntry.data.toString('utf8')) as { files: { path: string }[] };
    const dropped = header.files.find((f) => f.path.startsWith('data/evidence/'))!.path;
    header.files = header.files.filter((f) => f.path !== dropped);
    headerEntry.data = Buffer.from(JSON.stringify(header, null, 2));
    const signer: TestSigner = { ...(await m.ws.keys.load(m.unit.keyId)), keyId: m.unit.keyId };
    const forged = path.join(tempDir(), 'ho-so-thieu-tep.tdkt');
    fs.writeFileSync(forged, rawZip(resign(entries.filter((e) => e.name !== dropped), signer)));
    const landed = await importBundleFile(leader.ws, file(forged));
    expect(landed.status).toBe('refused');
    expect(landed.reason).toMatch(/Gói thiếu tệp "[^"]+" mà hồ sơ đề nghị khen thưởng của "Nguyễn Thị Hương" trích dẫn\./);
    expect(leader.ws.db.select().from(schema.records).where(eq(schema.records.type, 'dossier')).all()).toEqual([]);
    expect(leader.ws.db.select().from(schema.receivedBundles).all()).toEqual([]);
  });
});
