import path from 'node:path';
import { eq } from 'drizzle-orm';
import { schema } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { keyCardDocument } from '../documents/key-card-doc';
import { asciiName, writeDocx } from '../documents/write';
import { formatFingerprint } from './keys';
import { pinnedKeysOf, requireOwnUnit, todayVi } from './units';

/** The card of the key the unit signs with now, naming the keys it replaced. */
export async function printKeyCard(ws: Workspace): Promise<string> {
  const unit = requireOwnUnit(ws.db);
  const { pinnedAt } = ws.db.select({ pinnedAt: schema.pinnedKeys.pinnedAt }).from(schema.pinnedKeys).where(eq(schema.pinnedKeys.keyId, unit.keyId)).get()!;
  const replaced = pinnedKeysOf(ws.db, unit.code)
    .filter((k) => k.replacedBy === unit.keyId)
    .map((k) => formatFingerprint(k.keyId));
  const dest = path.join(ws.dataDir, 'documents', `the-khoa-ky-${asciiName(unit.code)}.docx`);
  await writeDocx(keyCardDocument(unit, pinnedAt, todayVi(ws.clock), replaced), dest);
  return dest;
}
