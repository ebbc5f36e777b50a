import path from 'node:path';
import { schema } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { keyCardDocument } from '../documents/key-card-doc';
import { asciiName, writeDocx } from '../documents/write';
import { requireOwnUnit, todayVi } from './units';

export async function printKeyCard(ws: Workspace): Promise<string> {
  const unit = requireOwnUnit(ws.db);
  const { createdAt } = ws.db.select({ createdAt: schema.ownUnit.createdAt }).from(schema.ownUnit).get()!;
  const dest = path.join(ws.dataDir, 'documents', `the-khoa-ky-${asciiName(unit.code)}.docx`);
  await writeDocx(keyCardDocument(unit, createdAt, todayVi(ws.clock)), dest);
  return dest;
}
