import { SaxesParser } from 'saxes';
import { readZip } from './zip';

/**
 * Every XML part of a DOCX, each run through saxes, a conformant XML 1.0 parser: a character XML
 * forbids, a bad namespace or a broken tag is an error here, as it is for Word and LibreOffice.
 * Returns "part: error" lines (none for a good file) and the parts' text.
 */
export async function parseDocx(file: string): Promise<{ errors: string[]; parts: Map<string, string> }> {
  const errors: string[] = [];
  const parts = new Map<string, string>();
  for (const entry of await readZip(file)) {
    if (!/\.(xml|rels)$/.test(entry.name)) continue;
    const xml = entry.data.toString('utf8');
    parts.set(entry.name, xml);
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (e) => errors.push(`${entry.name}: ${e.message}`));
    parser.write(xml).close();
  }
  if (!parts.has('word/document.xml')) errors.push('word/document.xml: thiếu');
  return { errors, parts };
}

/** The visible text of word/document.xml: every <w:t>, in order. */
export function documentText(parts: Map<string, string>): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  return [...(parts.get('word/document.xml') ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => entities[e]!))
    .join('');
}
