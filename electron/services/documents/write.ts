import { Packer, type Document } from 'docx';
import { writeFileAtomic } from '../files/atomic';
import { stripMarks } from '../text/vietnamese';

export async function writeDocx(doc: Document, dest: string): Promise<void> {
  await writeFileAtomic(dest, await Packer.toBuffer(doc));
}

/** File names travel by USB and email: keep them ASCII. */
export function asciiName(s: string): string {
  return stripMarks(s)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
