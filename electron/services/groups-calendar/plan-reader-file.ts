import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { UserError } from '../errors';
import { listZipEntries } from '../files/zip-entries';
import { readPlanText, type PlanReading } from './plan-reader';

const MB = 1024 * 1024;

/** What a plan file may be; each refusal states the limit it met. */
export const PLAN_FILE_LIMITS = {
  /** A plan of twenty pages is a few hundred KB, even with its stamp and signature as pictures. */
  fileBytes: 5 * MB,
  zipEntries: 2_000,
  /** The document's XML once inflated. */
  partBytes: 30 * MB,
  /** Word's XML rarely compresses beyond 1:30; bombs reach 1:1000. */
  maxRatio: 200,
  ratioCheckFrom: MB,
};

const formatMB = (bytes: number) => `${(bytes / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
const technical = (error: unknown) => (error instanceof Error && error.message ? ` Chi tiết kỹ thuật: ${error.message}` : '');

const WORD_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const OFFICE_DOCUMENT = /\/officeDocument$/;

interface Zip {
  entries: Map<string, yauzl.Entry>;
  /** Feeds the part, decoded, to `take`; sizes are checked before a byte is inflated. */
  stream(name: string, take: (chunk: string) => void): Promise<void>;
  close(): void;
}

async function openZip(buffer: Buffer): Promise<Zip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z))),
  ).catch((error: unknown) => {
    throw new UserError(`Tệp Word bị hỏng: không đọc được cấu trúc tệp .docx.${technical(error)}`);
  });
  const entries = await listZipEntries(zip, PLAN_FILE_LIMITS.zipEntries, {
    tooMany: `Tệp chứa quá nhiều thành phần (hơn ${PLAN_FILE_LIMITS.zipEntries.toLocaleString('vi-VN')}), không phải một văn bản Word bình thường.`,
    broken: 'Tệp Word bị hỏng: không đọc được mục lục của tệp.',
  });
  return {
    entries,
    async stream(name, take) {
      const entry = entries.get(name)!;
      if (entry.uncompressedSize > PLAN_FILE_LIMITS.partBytes) {
        throw new UserError(`Tệp Word quá lớn khi giải nén (${formatMB(entry.uncompressedSize)}; giới hạn ${formatMB(PLAN_FILE_LIMITS.partBytes)}), tệp bị từ chối.`);
      }
      if (entry.uncompressedSize > PLAN_FILE_LIMITS.ratioCheckFrom && entry.uncompressedSize > PLAN_FILE_LIMITS.maxRatio * Math.max(entry.compressedSize, 1)) {
        throw new UserError(`Tệp Word có tỉ lệ nén bất thường (${formatMB(entry.compressedSize)} giải nén ra ${formatMB(entry.uncompressedSize)}, nghi là "bom nén"), tệp bị từ chối.`);
      }
      try {
        const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
        // Decoded across chunks, so a Vietnamese letter split between two chunks stays whole.
        stream.setEncoding('utf8');
        for await (const chunk of stream as AsyncIterable<string>) take(chunk);
      } catch (error) {
        if (error instanceof UserError) throw error;
        if (error instanceof Error && /too many bytes in the stream/.test(error.message)) {
          throw new UserError('Tệp Word bị hỏng: một phần của tệp giải nén ra nhiều hơn kích thước đã khai báo (tệp bị sửa hoặc là "bom nén"), tệp bị từ chối.');
        }
        throw new UserError(`Tệp Word bị hỏng: không giải nén được nội dung.${technical(error)}`);
      }
    },
    close: () => zip.close(),
  };
}

/** Runs an XML part through saxes, a conformant parser: no entity of a DTD is ever expanded. */
async function parseXml(zip: Zip, name: string, on: (parser: SaxesParser<{ xmlns: true }>) => void): Promise<void> {
  const parser = new SaxesParser({ xmlns: true });
  on(parser);
  const invalid = (error: unknown) => (error instanceof UserError ? error : new UserError(`Tệp Word bị hỏng: phần "${name}" không phải XML hợp lệ.${technical(error)}`));
  await zip.stream(name, (chunk) => {
    try {
      parser.write(chunk);
    } catch (error) {
      throw invalid(error);
    }
  });
  try {
    parser.close();
  } catch (error) {
    throw invalid(error);
  }
}

/** The main document part, as the package's relationships name it ("word/document.xml" in practice). */
async function mainPart(zip: Zip): Promise<string | null> {
  let target: string | null = null;
  if (zip.entries.has('_rels/.rels')) {
    await parseXml(zip, '_rels/.rels', (parser) =>
      parser.on('opentag', (node) => {
        if (node.local === 'Relationship' && OFFICE_DOCUMENT.test(String(node.attributes.Type?.value ?? '')) && !target) target = String(node.attributes.Target?.value ?? '');
      }),
    );
  }
  const name = target ? (target as string).replace(/^\//, '') : 'word/document.xml';
  return zip.entries.has(name) ? name : null;
}

/**
 * The visible text of a DOCX, one paragraph per line with a blank line between: the text of every
 * <w:t> (not the deleted text, not field codes), tabs as spaces, line breaks kept. A table row is
 * one line, its cells separated by tabs (a table inside a cell stays inside that cell's text). A
 * text box's paragraphs (nested in a paragraph) come out before the paragraph that holds them.
 */
export async function docxText(buffer: Buffer): Promise<string> {
  const zip = await openZip(buffer);
  try {
    const part = await mainPart(zip);
    if (!part) throw new UserError('Tệp này là tệp nén nhưng không phải văn bản Word (.docx): không có phần nội dung văn bản.');
    const paragraphs: string[] = [];
    const open: string[] = [];
    /** Open rows (their cells so far) and open cells (their text so far), innermost last. */
    const rows: string[][] = [];
    const cells: string[] = [];
    const put = (text: string) => {
      if (cells.length) cells[cells.length - 1] = `${cells[cells.length - 1]} ${text}`.trim();
      else paragraphs.push(text);
    };
    let inText = false;
    let chars = 0;
    await parseXml(zip, part, (parser) => {
      parser.on('opentag', (node) => {
        if (!WORD_NS.has(node.uri)) return;
        if (node.local === 'p') open.push('');
        else if (node.local === 't') inText = true;
        else if (node.local === 'tr') rows.push([]);
        else if (node.local === 'tc') cells.push('');
        else if (open.length && (node.local === 'tab' || node.local === 'br' || node.local === 'cr')) open[open.length - 1] += node.local === 'tab' || cells.length ? ' ' : '\n';
      });
      parser.on('closetag', (node) => {
        if (!WORD_NS.has(node.uri)) return;
        if (node.local === 't') inText = false;
        else if (node.local === 'p') put(open.pop() ?? '');
        else if (node.local === 'tc') rows[rows.length - 1]?.push(cells.pop() ?? '');
        else if (node.local === 'tr') put((rows.pop() ?? []).join(cells.length ? ' ' : '\t'));
      });
      parser.on('text', (text) => {
        if (!inText || !open.length) return;
        chars += text.length;
        if (chars > 4_000_000) throw new UserError('Văn bản Word quá dài, không phải một kế hoạch: tệp bị từ chối.');
        open[open.length - 1] += text;
      });
    });
    return paragraphs.join('\n\n');
  } finally {
    zip.close();
  }
}

/** Text of a .txt: UTF-8 (with or without BOM) or UTF-16 with its BOM; anything else is refused. */
function plainText(buffer: Buffer): string {
  let text: string;
  try {
    if (buffer[0] === 0xff && buffer[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(buffer);
    else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(buffer);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new UserError(
      'Tệp văn bản không dùng bảng mã Unicode (UTF-8), có thể là bảng mã cũ (TCVN3, VNI) hoặc không phải văn bản: hãy mở bằng Word và lưu thành .docx, hoặc lưu lại dạng văn bản với bảng mã UTF-8.',
    );
  }
  // eslint-disable-next-line no-control-regex -- what marks binary data is exactly these characters
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length / 100) throw new UserError('Tệp này không phải văn bản (chứa dữ liệu nhị phân): hãy chọn tệp kế hoạch dạng .docx hoặc .txt.');
  return text;
}

/**
 * The text of a plan file, judged by its content rather than its name: a DOCX (a ZIP), or plain
 * text. Everything refused is said in Vietnamese, with what to do instead.
 */
export async function planTextOfFile(file: string): Promise<string> {
  const stat = await fs.stat(file).catch((error: unknown) => {
    throw new UserError(`Không mở được tệp "${file}".${technical(error)}`);
  });
  if (!stat.isFile()) throw new UserError(`"${file}" không phải là một tệp.`);
  if (stat.size > PLAN_FILE_LIMITS.fileBytes) {
    throw new UserError(`Tệp quá lớn (${formatMB(stat.size)}; giới hạn ${formatMB(PLAN_FILE_LIMITS.fileBytes)}): một kế hoạch thường chỉ vài trăm KB. Hãy chọn đúng tệp kế hoạch.`);
  }
  const buffer = await fs.readFile(file);
  if (!buffer.length) throw new UserError('Tệp trống, không có nội dung.');
  const head = buffer.subarray(0, 8).toString('latin1');
  if (head.startsWith('PK')) return docxText(buffer);
  if (head.startsWith('\xd0\xcf\x11\xe0')) throw new UserError('Tệp Word 97-2003 (.doc) chưa đọc được: hãy mở bằng Word, lưu thành .docx rồi chọn lại, hoặc sao chép nội dung và dán vào.');
  if (head.startsWith('%PDF')) throw new UserError('Tệp PDF chưa đọc được: hãy dùng bản .docx của kế hoạch, hoặc sao chép nội dung và dán vào.');
  if (head.startsWith('{\\rtf')) throw new UserError('Tệp RTF chưa đọc được: hãy mở bằng Word, lưu thành .docx rồi chọn lại.');
  if (path.extname(file).toLowerCase() === '.docx') throw new UserError('Tệp có đuôi .docx nhưng không phải văn bản Word hợp lệ (có thể tệp bị hỏng hoặc bị đổi tên).');
  return plainText(buffer);
}

/** Reads a plan file (.docx or .txt) and proposes its phases, events and milestones. */
export async function readPlanFile(file: string): Promise<PlanReading> {
  return readPlanText(await planTextOfFile(file));
}
