import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { listZipEntries } from '../../electron/services/files/zip-entries';
import { rawZip } from '../helpers/zip';

const messages = { tooMany: 'Tệp chứa quá nhiều thành phần.', broken: 'Tệp bị hỏng: không đọc được mục lục của tệp.' };
const open = (bytes: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))));
const zipOf = (n: number) => rawZip(Array.from({ length: n }, (_, i) => ({ name: `word/part${i}.xml`, data: Buffer.from(`<p>${i}</p>`) })));

describe('listing the entries of a ZIP-based file (Word, Excel)', () => {
  it('lists every entry by name up to the limit', async () => {
    const entries = await listZipEntries(await open(zipOf(3)), 3, messages);
    expect([...entries.keys()]).toEqual(['word/part0.xml', 'word/part1.xml', 'word/part2.xml']);
    expect(entries.get('word/part1.xml')!.uncompressedSize).toBe('<p>1</p>'.length);
  });

  it('refuses one entry more than the limit, with the caller’s sentence, and closes the file', async () => {
    const zip = await open(zipOf(4));
    await expect(listZipEntries(zip, 3, messages)).rejects.toThrow(/^Tệp chứa quá nhiều thành phần\.$/);
    expect(zip.isOpen).toBe(false);
  });

  it('says the directory is broken, the technical detail behind the caller’s sentence', async () => {
    const bytes = zipOf(2);
    // The second central directory record loses its signature: the directory cannot be read past the first entry.
    const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
    bytes.writeUInt32LE(0, second);
    const zip = await open(bytes);
    await expect(listZipEntries(zip, 10, messages)).rejects.toThrow(/^Tệp bị hỏng: không đọc được mục lục của tệp\. Chi tiết kỹ thuật: .+/);
    expect(zip.isOpen).toBe(false);
  });
});
