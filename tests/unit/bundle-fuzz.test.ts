import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { verifyBundleFile, type VerifiedBundle } from '../../electron/services/bundles/reader';
import { BundleError } from '../../electron/services/bundles/format';
import { writeBundle } from '../../electron/services/bundles/writer';
import { exportRegistration } from '../../electron/services/registration/export';
import { bundleFields, registeredMember, resign, tempDir } from '../helpers/units';
import { rawZip, readZip } from '../helpers/zip';
import { forwarded } from '../helpers/consolidated';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { schema } from '../../db/client';

/**
 * Seeded fuzzing of real bundles: every mutant is either accepted with exactly the original's
 * signed content, or refused with a BundleError in Vietnamese. Never another exception, never a
 * crash, never unbounded memory. The seed makes every run the same; FUZZ_SEED picks another.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_529);
const MUTANTS_PER_BUNDLE = 1500;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T,>(xs: readonly T[]) => xs[int(xs.length)]! };
}
type Rng = ReturnType<typeof random>;

const signatures = (bytes: Buffer, sig: number) => {
  const at: number[] = [];
  for (let i = bytes.indexOf('PK'); i >= 0 && i + 4 <= bytes.length; i = bytes.indexOf('PK', i + 1)) if (bytes.readUInt32LE(i) === sig) at.push(i);
  return at;
};

/** Values that sit on the edges a parser gets wrong. */
const EDGES = [0, 1, 0x7f, 0xff, 0xffff, 0xfffe, 0x7fffffff, 0xffffffff, 0xfffffffe];

/** Local header, central directory record, end record: [offset, width] of each field. */
const HEADERS: { sig: number; fields: [number, 2 | 4][] }[] = [
  { sig: 0x04034b50, fields: [[4, 2], [6, 2], [8, 2], [14, 4], [18, 4], [22, 4], [26, 2], [28, 2]] },
  { sig: 0x02014b50, fields: [[4, 2], [6, 2], [8, 2], [10, 2], [16, 4], [20, 4], [24, 4], [28, 2], [30, 2], [32, 2], [38, 4], [42, 4]] },
  { sig: 0x06054b50, fields: [[4, 2], [6, 2], [8, 2], [10, 2], [12, 4], [16, 4], [20, 2]] },
];

function editField(rng: Rng, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const kind = rng.pick(HEADERS);
  const places = signatures(out, kind.sig);
  if (!places.length) return out;
  const at = rng.pick(places);
  const [offset, width] = rng.pick(kind.fields);
  if (at + offset + width > out.length) return out;
  const old = width === 2 ? out.readUInt16LE(at + offset) : out.readUInt32LE(at + offset);
  const value = rng.next() < 0.5 ? rng.pick(EDGES) : old + rng.pick([-2, -1, 1, 2, 30, -30]);
  const max = width === 2 ? 0xffff : 0xffffffff;
  const v = ((value % (max + 1)) + (max + 1)) % (max + 1);
  if (width === 2) out.writeUInt16LE(v, at + offset);
  else out.writeUInt32LE(v, at + offset);
  return out;
}

/** One mutant: a bit flip, a cut, a spliced byte range, a header field, a duplicated entry. */
function mutate(rng: Rng, original: Buffer): { how: string; bytes: Buffer } {
  const n = original.length;
  switch (rng.int(7)) {
    case 0: {
      const out = Buffer.from(original);
      const flips = 1 + rng.int(3);
      for (let i = 0; i < flips; i++) {
        const at = rng.int(n);
        out[at] = out[at]! ^ (1 << rng.int(8));
      }
      return { how: `bits×${flips}`, bytes: out };
    }
    case 1: {
      const at = rng.int(n);
      return { how: `cut@${at}`, bytes: original.subarray(0, at) };
    }
    case 2: {
      // A range copied over another place of the same file.
      const len = 1 + rng.int(Math.min(512, n));
      const from = rng.int(n - len);
      const to = rng.int(n - len);
      const out = Buffer.from(original);
      original.copy(out, to, from, from + len);
      return { how: `copy ${from}+${len}→${to}`, bytes: out };
    }
    case 3: {
      // A range inserted or removed: everything after it moves.
      const at = rng.int(n);
      const len = 1 + rng.int(256);
      if (rng.next() < 0.5) return { how: `del ${at}+${len}`, bytes: Buffer.concat([original.subarray(0, at), original.subarray(Math.min(n, at + len))]) };
      const from = rng.int(n - len);
      return { how: `ins ${from}+${len}@${at}`, bytes: Buffer.concat([original.subarray(0, at), original.subarray(from, from + len), original.subarray(at)]) };
    }
    case 4:
    case 5: {
      const once = editField(rng, original);
      return { how: 'field', bytes: rng.next() < 0.3 ? editField(rng, once) : once };
    }
    default: {
      // A central-directory record duplicated, counts in the end record raised to match.
      const cds = signatures(original, 0x02014b50);
      const eocd = signatures(original, 0x06054b50).pop()!;
      const i = rng.int(cds.length);
      const start = cds[i]!;
      const end = cds[i + 1] ?? eocd;
      const out = Buffer.concat([original.subarray(0, end), original.subarray(start, end), original.subarray(end)]);
      const e = eocd + (end - start);
      out.writeUInt16LE(out.readUInt16LE(e + 8) + 1, e + 8);
      out.writeUInt16LE(out.readUInt16LE(e + 10) + 1, e + 10);
      out.writeUInt32LE(out.readUInt32LE(e + 12) + (end - start), e + 12);
      return { how: `dup cd#${i}`, bytes: out };
    }
  }
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

async function originals(): Promise<{ name: string; file: string }[]> {
  const member = await registeredMember();
  const { path: registration } = await exportRegistration(member.ws, member.group.id);
  // A second shape: a stored PDF, a deflated text streamed from a file (data descriptor), an empty attachment.
  const signer = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
  const dir = tempDir();
  const text = path.join(dir, 'ghi-chu.txt');
  fs.writeFileSync(text, 'Biên bản họp bình xét thi đua. '.repeat(200));
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(3000)]);
  const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const attachments = path.join(dir, 'dinh-kem.tdkt');
  await writeBundle(
    attachments,
    bundleFields(signer.keyId, 'fuzz'),
    [],
    [
      { path: `data/evidence/${sha(pdf)}.pdf`, source: pdf, mediaType: 'application/pdf' },
      { path: `data/evidence/${sha(fs.readFileSync(text))}.txt`, source: text, mediaType: 'text/plain' },
      { path: `data/evidence/${sha(Buffer.alloc(0))}.png`, source: Buffer.alloc(0), mediaType: 'image/png' },
    ],
    signer, bundleKinds);
  return [
    { name: 'registration', file: registration },
    { name: 'attachments', file: attachments },
  ];
}

describe('seeded fuzzing of real bundles', () => {
  it(`accepts each mutant unchanged or refuses it in Vietnamese, never anything else (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const rng = random(SEED);
    const dir = tempDir('fuzz-');
    const mutantFile = path.join(dir, 'mutant.tdkt');
    const tally = { accepted: 0, refused: 0 };
    const reasons = new Map<string, number>();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    for (const { name, file } of await originals()) {
      const original = fs.readFileSync(file);
      const expected: VerifiedBundle = await verifyBundleFile(file, bundleKinds);
      for (let i = 0; i < MUTANTS_PER_BUNDLE; i++) {
        const { how, bytes } = mutate(rng, original);
        fs.writeFileSync(mutantFile, bytes);
        const where = `${name} mutant ${i} (${how})`;
        try {
          const got = await verifyBundleFile(mutantFile, bundleKinds);
          expect(got.headerSha256, where).toBe(expected.headerSha256);
          expect(got.recordCount, where).toBe(expected.recordCount);
          tally.accepted++;
        } catch (error) {
          if (!(error instanceof BundleError)) throw new Error(`${where}: ${String(error)}`, { cause: error });
          const sentence = error.message.split('Chi tiết kỹ thuật:')[0]!;
          expect(sentence, where).toMatch(VIETNAMESE);
          tally.refused++;
          const key = sentence.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N');
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
        if (i % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    }
    expect(tally.accepted + tally.refused).toBe(2 * MUTANTS_PER_BUNDLE);
    // Mutants of every kind reached deep checks, not only the first one.
    expect(reasons.size).toBeGreaterThan(15);
    expect((peakRss - baseRss) / 1024 / 1024).toBeLessThan(200);
  });
});

describe('seeded fuzzing of a consolidated bundle, imported at the leader', () => {
  const MUTANTS = 200;
  it(`lands the original's bundles or refuses in Vietnamese, never a fault, never a stray file (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const rng = random(SEED + 1);
    const { consolidated, leader } = await forwarded();
    const original = fs.readFileSync(consolidated);
    const expected = await verifyBundleFile(consolidated, bundleKinds);
    const dir = tempDir('fuzz-');
    const tally = { landed: 0, refused: 0 };
    for (let i = 0; i < MUTANTS; i++) {
      const { how, bytes } = mutate(rng, original);
      const mutant = path.join(dir, `mutant-${i}.tdkt`);
      fs.writeFileSync(mutant, bytes);
      const where = `consolidated mutant ${i} (${how})`;
      const result = await importBundleFile(leader.ws, { path: mutant, name: path.basename(mutant) });
      if (result.status === 'refused') {
        expect(result.reason, where).toMatch(VIETNAMESE);
        expect(result.reason, where).not.toContain('lỗi không lường trước');
        tally.refused++;
      } else {
        expect(['accepted', 'duplicate'], where).toContain(result.status);
        tally.landed++;
      }
      fs.rmSync(mutant);
    }
    expect(tally.landed + tally.refused).toBe(MUTANTS);
    // Whatever landed is the original, with the member's bundle inside it; nothing is left in staging.
    const rows = leader.ws.db.select().from(schema.receivedBundles).all();
    expect(rows.filter((r) => r.kind === 'consolidated').every((r) => r.headerSha256 === expected.headerSha256)).toBe(true);
    expect(rows.length === 0 || rows.length === 2).toBe(true);
    expect(fs.readdirSync(leader.ws.dir.staging)).toEqual([]);
  });

  it(`refuses mutants of the member's bundle inside an outer bundle the deputy signed again, naming the member (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const rng = random(SEED + 2);
    const { consolidated, leader, deputy, originalBytes } = await forwarded();
    const expected = await verifyBundleFile(consolidated, bundleKinds);
    const inner = expected.header.files.find((f) => f.path.startsWith('data/bundles/'))!.path;
    const dir = tempDir('fuzz-');
    const base = await readZip(consolidated);
    const tally = { landed: 0, refused: 0 };
    for (let i = 0; i < MUTANTS; i++) {
      const { how, bytes } = mutate(rng, originalBytes);
      const entries = base.map((e) => ({ ...e, data: e.name === inner ? bytes : e.data }));
      resign(entries, deputy.signer, (h) => void (h.bundle_id = crypto.randomUUID()));
      const mutant = path.join(dir, `mutant-${i}.tdkt`);
      fs.writeFileSync(mutant, rawZip(entries));
      const where = `inner mutant ${i} (${how})`;
      const result = await importBundleFile(leader.ws, { path: mutant, name: path.basename(mutant) });
      if (result.status === 'refused') {
        expect(result.reason, where).toContain('Gói hồ sơ của Cục Thi hành án dân sự tỉnh Hà Giang (THADS-HG) do');
        expect(result.reason, where).not.toContain('lỗi không lường trước');
        tally.refused++;
      } else {
        expect(result.status, where).toBe('accepted');
        // Only a mutant that left the member's signed content as it was lands; the next one starts afresh.
        const landed = leader.ws.db.select().from(schema.receivedBundles).all().find((r) => r.kind === 'registration')!;
        expect(landed.headerSha256, where).toBe(JSON.parse(entries.find((e) => e.name.startsWith('data/records/'))!.data.toString('utf8')).bundles[0].header_sha256);
        leader.ws.db.delete(schema.receivedBundles).run();
        tally.landed++;
      }
      fs.rmSync(mutant);
    }
    expect(tally.landed + tally.refused).toBe(MUTANTS);
    expect(tally.refused).toBeGreaterThan(MUTANTS / 2);
    expect(fs.readdirSync(leader.ws.dir.staging)).toEqual([]);
  });
});
