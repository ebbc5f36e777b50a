import { Packer, type Document } from 'docx';
import { writeFileAtomic } from '../files/atomic';

export async function writeDocx(doc: Document, dest: string): Promise<void> {
  await writeFileAtomic(dest, await Packer.toBuffer(doc));
}

/** File names travel by USB and email: keep them ASCII. */
export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
