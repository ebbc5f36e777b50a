import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../db/client';
import { exportConsolidated, type ConsolidatedRecord } from '../../electron/services/bundles/consolidated';
import { decideQuarantine, importBundleFile, listQuarantine } from '../../electron/services/bundles/importer';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { writeBundle } from '../../electron/services/bundles/writer';
import { memberRegistrations } from '../../electron/services/registration/overview';
import { currentRecords } from '../../electron/services/records/store';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { file, forwarded, gatheredGroup, GATHERED, on } from '../helpers/consolidated';
import { receiptsFor, writeReceipts } from '../../electron/services/bundles/receipts';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { groupInputSchema } from '../../electron/ipc/contract';
import { DEPUTY, LEADER, resign, tempDir, type TestSigner } from '../helpers/units';
import { rawZip, readZip, type RawEntry } from '../helpers/zip';

const NAMED = 'Cục Thi hành án dân sự tỉnh Hà Giang (THADS-HG)';

const innerOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/bundles/'))!;

/**
 * The deputy's consolidated bundle re-made as a dishonest deputy would: its inner bundle and its
 * record edited, then signed again with the deputy's own key, so the outer bundle itself is intact.
 */
async function reforged(outer: string, signer: TestSigner, edit: (entries: RawEntry[], record: ConsolidatedRecord) => void | Promise<void>): Promise<string> {
  const entries = await readZip(outer);
  const recordEntry = entries.find((e) => e.name.startsWith('data/records/'))!;
  const record = JSON.parse(recordEntry.data.toString('utf8')) as ConsolidatedRecord;
  await edit(entries, record);
  recordEntry.data = Buffer.from(JSON.stringify(record, null, 2));
  resign(entries, signer);
  const dest = path.join(tempDir(), 'tong-hop-sua.tdkt');
  fs.writeFileSync(dest, rawZip(entries));
  return dest;
}

/** Nothing of a refused consolidated bundle is kept at the leader: no row, no record, no archived file. */
function nothingLanded(leader: Awaited<ReturnType<typeof forwarded>>['leader']) {
  expect(leader.ws.db.select().from(schema.receivedBundles).all()).toEqual([]);
  expect(leader.ws.db.select().from(schema.records).where(eq(schema.records.type, 'registration')).all()).toEqual([]);
  expect(leader.ws.db.select().from(schema.records).where(eq(schema.records.type, 'consolidated')).all()).toEqual([]);
  expect(fs.readdirSync(leader.ws.dir.received, { recursive: true }).filter((f) => String(f).endsWith('.tdkt'))).toEqual([]);
  expect(fs.readdirSync(leader.ws.dir.staging)).toEqual([]);
}

describe('the deputy forwards its gathered members’ bundles', () => {
  it('carries the member’s original bundle unchanged, signed by the deputy, with the date it received it', async () => {
    const { consolidated, deputy, originalBytes } = await forwarded();
    const v = await verifyBundleFile(consolidated, bundleKinds);
    expect(v.header).toMatchObject({ kind: 'consolidated', sender: { unit_code: DEPUTY.code }, recipient: { unit_codes: [LEADER.code] } });
    expect(v.signer.keyId).toBe(deputy.unit.keyId);
    const entries = await readZip(consolidated);
    expect(innerOf(entries).data.equals(originalBytes)).toBe(true);
    const record = JSON.parse(entries.find((e) => e.name.startsWith('data/records/'))!.data.toString('utf8')) as ConsolidatedRecord;
    const received = deputy.ws.db.select().from(schema.receivedBundles).get()!;
    expect(record.bundles).toEqual([
      {
        path: innerOf(entries).name,
        bundle_id: received.bundleId,
        sender_code: GATHERED.code,
        sender_name: GATHERED.name,
        kind: 'registration',
        seq: 1,
        header_sha256: received.headerSha256,
        received_at: '2022-02-08T03:00:00.000Z',
      },
    ]);
    expect(record.summary).toBe('Phó Trưởng chuyển bản đăng ký của Cục THADS tỉnh Hà Giang.');
    // Kept as the deputy's own frozen record: a second export forwards only what is new.
    expect(currentRecords(deputy.ws.db, 'consolidated', 'KVTD-MNPB', 2022, DEPUTY.code).map((r) => r.status)).toEqual(['frozen']);
    await expect(exportConsolidated(deputy.ws, deputy.group.id)).rejects.toThrow('đều đã được chuyển Trưởng; không có gói mới');
    const again = await exportConsolidated(deputy.ws, deputy.group.id, { all: true });
    expect(again.forwarded).toBe(1);
    await expect(exportConsolidated(deputy.ws, deputy.group.id, { kinds: ['kickoff'] })).rejects.toThrow('Chưa nhận được gói hồ sơ nào gửi Trưởng');
  });

  it('the leader verifies both, applies the member’s registration and credits it with the deputy’s date of receipt', async () => {
    const { consolidated, leader, member, deputy } = await forwarded();
    const result = await importBundleFile(leader.ws, file(consolidated));
    expect(result.status, result.reason).toBe('accepted');
    expect(result.reason).toBe(
      'Đã nhận gói tổng hợp số 1 của Cục Thi hành án dân sự tỉnh Tuyên Quang (THADS-TQ): bản tổng hợp của Phó Trưởng; chuyển tiếp 1 gói: Cục Thi hành án dân sự tỉnh Hà Giang (THADS-HG), gói đăng ký thi đua số 1: 1 bản đăng ký mới.',
    );
    const rows = leader.ws.db.select().from(schema.receivedBundles).all();
    const outer = rows.find((r) => r.kind === 'consolidated')!;
    const inner = rows.find((r) => r.kind === 'registration')!;
    expect(outer).toMatchObject({ senderCode: DEPUTY.code, keyId: deputy.unit.keyId, forwardedBy: null, submittedAt: null, receivedAt: '2022-02-20T03:00:00.000Z' });
    expect(inner).toMatchObject({
      senderCode: GATHERED.code,
      keyId: member.unit.keyId,
      forwardedBy: DEPUTY.code,
      forwardedIn: outer.bundleId,
      submittedAt: '2022-02-08T03:00:00.000Z',
      createdAt: '2022-02-05T03:00:00.000Z',
      receivedAt: '2022-02-20T03:00:00.000Z',
    });
    // Each has its own archived copy; the member's is its original file, byte for byte.
    expect(fs.readFileSync(path.join(leader.ws.dataDir, inner.archivePath)).equals(fs.readFileSync(member.registration))).toBe(true);
    expect(fs.readFileSync(path.join(leader.ws.dataDir, outer.archivePath)).equals(fs.readFileSync(consolidated))).toBe(true);
    expect(fs.readdirSync(leader.ws.dir.staging)).toEqual([]);

    // The leader's table: received on the deputy's date (08/02), before the deadline (10/02), not late.
    const { members } = memberRegistrations(leader.ws, leader.group.id);
    const gathered = members.find((m) => m.member.code === GATHERED.code)!;
    expect(gathered.registration).toMatchObject({ unitCode: GATHERED.code, version: 1, status: 'received' });
    expect(gathered).toMatchObject({ receivedAt: '2022-02-08T03:00:00.000Z', sentAt: '2022-02-05T03:00:00.000Z', late: false });
    expect(currentRecords<ConsolidatedRecord>(leader.ws.db, 'consolidated', 'KVTD-MNPB', 2022, DEPUTY.code)[0]!.content.summary).toContain('Phó Trưởng chuyển');

    // Importing it again changes nothing.
    expect((await importBundleFile(leader.ws, file(consolidated))).status).toBe('duplicate');
  });

  it('an inner bundle already received directly from the member is a duplicate, not an error', async () => {
    const { consolidated, leader, member } = await forwarded();
    on('2022-02-09');
    expect((await importBundleFile(leader.ws, file(member.registration))).status).toBe('accepted');
    on('2022-02-20');
    const result = await importBundleFile(leader.ws, file(consolidated));
    expect(result.status, result.reason).toBe('accepted');
    expect(result.reason).toContain('Cục Thi hành án dân sự tỉnh Hà Giang (THADS-HG), gói đăng ký thi đua số 1: đã nhận trước đây');
    const inner = leader.ws.db.select().from(schema.receivedBundles).all().filter((r) => r.kind === 'registration');
    expect(inner).toHaveLength(1);
    expect(inner[0]).toMatchObject({ forwardedBy: null, submittedAt: null, receivedAt: '2022-02-09T03:00:00.000Z' });
  });

  it('waits in quarantine when the deputy’s key is not confirmed, and lands in full once it is', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    leader.ws.db.delete(schema.pinnedKeys).where(eq(schema.pinnedKeys.keyId, deputy.unit.keyId)).run();
    expect((await importBundleFile(leader.ws, file(consolidated))).status).toBe('quarantined');
    const landed = await decideQuarantine(leader.ws, listQuarantine(leader.ws)[0]!.id, true);
    expect(landed.status, landed.reason).toBe('accepted');
    expect(leader.ws.db.select().from(schema.receivedBundles).all().map((r) => r.kind).sort()).toEqual(['consolidated', 'registration']);
  });
});

describe('the leader refuses the whole consolidated bundle, naming the member', () => {
  it('when an inner bundle was altered and the deputy signed the outer bundle again', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    const dishonest = await reforged(consolidated, deputy.signer, async (entries) => {
      const inner = innerOf(entries);
      const innerFile = path.join(tempDir(), 'inner.tdkt');
      fs.writeFileSync(innerFile, inner.data);
      const innerEntries = await readZip(innerFile);
      const rec = innerEntries.find((e) => e.name.startsWith('data/records/'))!;
      rec.data = Buffer.from(rec.data.toString('utf8').replace('Hoàn thành 100%', 'Hoàn thành 900%'));
      inner.data = rawZip(innerEntries);
    });
    // The outer bundle itself verifies: only the member's signature tells.
    await verifyBundleFile(dishonest, bundleKinds);
    const result = await importBundleFile(leader.ws, file(dishonest));
    expect(result.status).toBe('refused');
    expect(result.reason).toMatch(new RegExp(`^Gói hồ sơ của ${NAMED.replace(/[()]/g, '\\$&')} do Cục Thi hành án dân sự tỉnh Tuyên Quang \\(THADS-TQ\\) chuyển tiếp bị từ chối: Nội dung tệp "data/records/.*" không khớp mã băm SHA-256 đã ký`));
    expect(result.reason).toContain('toàn bộ gói tổng hợp không được nhập');
    nothingLanded(leader);
  });

  it('when the deputy forged a bundle under the member’s name with its own key', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    const dishonest = await reforged(consolidated, deputy.signer, async (entries, record) => {
      const inner = innerOf(entries);
      const innerFile = path.join(tempDir(), 'inner.tdkt');
      fs.writeFileSync(innerFile, inner.data);
      const genuine = await verifyBundleFile(innerFile, bundleKinds);
      const rec = (await readZip(innerFile)).find((e) => e.name.startsWith('data/records/'))!;
      const content = JSON.parse(rec.data.toString('utf8')) as { record_id: string; version: number; commitments: { content: string }[] };
      content.commitments[0]!.content = 'Cam kết do Phó Trưởng tự viết.';
      const forgedFile = path.join(tempDir(), 'gia-mao.tdkt');
      const { records: _r, files: _f, ...fields } = genuine.header;
      const forged = await writeBundle(
        forgedFile,
        { ...fields, bundle_id: crypto.randomUUID(), sender: { ...fields.sender, key_id: deputy.unit.keyId } },
        [{ record_id: content.record_id, type: 'registration', version: content.version, content }],
        [],
        deputy.signer,
        bundleKinds,
      );
      inner.data = fs.readFileSync(forgedFile);
      record.bundles[0]!.bundle_id = forged.header.bundle_id;
      record.bundles[0]!.header_sha256 = forged.headerSha256;
    });
    const result = await importBundleFile(leader.ws, file(dishonest));
    expect(result.status).toBe('refused');
    expect(result.reason).toContain(`Gói hồ sơ của ${NAMED} do`);
    expect(result.reason).toContain('khác khóa đã ghim: đơn vị báo đã thay khóa');
    nothingLanded(leader);
  });

  it('when the member’s key is not confirmed at the leader: confirm the key first', async () => {
    const { consolidated, leader } = await forwarded({ leaderPinsMember: false });
    const result = await importBundleFile(leader.ws, file(consolidated));
    expect(result.status).toBe('refused');
    expect(result.reason).toContain(`Gói hồ sơ của ${NAMED} do`);
    expect(result.reason).toContain('chưa được xác nhận ở đây. Hãy gọi điện cho đơn vị để đối chiếu dấu vân tay và xác nhận khóa trước, rồi nhập lại gói.');
    nothingLanded(leader);
    expect(listQuarantine(leader.ws)).toEqual([]);
  });

  it('when a consolidated bundle carries another consolidated bundle', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    const innerHead = await verifyBundleFile(consolidated, bundleKinds);
    const nested = path.join(tempDir(), 'long-nhau.tdkt');
    const recordId = crypto.randomUUID();
    const bundlePath = `data/bundles/${innerHead.header.bundle_id}.tdkt`;
    const { records: _r, files: _f, ...fields } = innerHead.header;
    await writeBundle(
      nested,
      { ...fields, bundle_id: crypto.randomUUID(), seq: 9 },
      [
        {
          record_id: recordId,
          type: 'consolidated',
          version: 1,
          content: {
            record_id: recordId,
            type: 'consolidated',
            version: 1,
            group: { code: 'KVTD-MNPB', year: 2022 },
            summary: '',
            bundles: [
              {
                path: bundlePath,
                bundle_id: innerHead.header.bundle_id,
                sender_code: DEPUTY.code,
                sender_name: DEPUTY.name,
                kind: 'consolidated',
                seq: 1,
                header_sha256: innerHead.headerSha256,
                received_at: innerHead.header.created_at,
              },
            ],
          },
        },
      ],
      [{ path: bundlePath, source: consolidated, mediaType: 'application/zip' }],
      deputy.signer,
      bundleKinds,
    );
    const result = await importBundleFile(leader.ws, file(nested));
    expect(result.status).toBe('refused');
    expect(result.reason).toContain('đây là gói tổng hợp, tự nó chứa gói khác; không nhận gói lồng nhiều tầng.');
    nothingLanded(leader);
  });

  it('when the record lists a bundle the file does not carry, or the file carries one the record does not list', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    const unlisted = await reforged(consolidated, deputy.signer, (_entries, record) => {
      record.bundles[0]!.path = 'data/bundles/khac.tdkt';
    });
    const result = await importBundleFile(leader.ws, file(unlisted));
    expect(result.status).toBe('refused');
    expect(result.reason).toMatch(/^Gói tổng hợp có tệp "data\/bundles\/.*\.tdkt" không được ghi trong bản kê các gói chuyển tiếp\. Đề nghị đơn vị gửi lại gói\.$/);
    nothingLanded(leader);
  });

  it('when the deputy dates its receipt before the member signed', async () => {
    const { consolidated, leader, deputy } = await forwarded();
    const backdated = await reforged(consolidated, deputy.signer, (_entries, record) => {
      record.bundles[0]!.received_at = '2022-01-20T03:00:00.000Z';
    });
    const result = await importBundleFile(leader.ws, file(backdated));
    expect(result.status).toBe('refused');
    expect(result.reason).toContain('ngày nhận gói ghi trong bản kê (20/01/2022) trước ngày đơn vị ký gửi (05/02/2022)');
    nothingLanded(leader);
  });

  it('a registration bundle carrying a bundle is refused: only a forwarding kind may', async () => {
    const { consolidated, leader, member } = await forwarded();
    const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
    const entries = await readZip(member.registration);
    entries.push({ name: 'data/bundles/an.tdkt', data: fs.readFileSync(consolidated) });
    resign(entries, signer, (h) => h.files.push({ path: 'data/bundles/an.tdkt', sha256: '', size: 0, media_type: 'application/zip' }));
    resign(entries, signer);
    const carrying = path.join(tempDir(), 'dang-ky-chua-goi.tdkt');
    fs.writeFileSync(carrying, rawZip(entries));
    const result = await importBundleFile(leader.ws, file(carrying));
    expect(result.status).toBe('refused');
    expect(result.reason).toBe('Gói đăng ký thi đua không được chứa gói hồ sơ khác ("data/bundles/an.tdkt"). Đề nghị đơn vị gửi lại gói.');
    nothingLanded(leader);
  });
});

describe('receipts for forwarded bundles', () => {
  it('go to the deputy for its bundle and to each member for its own, which the member imports', async () => {
    const { member, deputy, leader, consolidated } = await forwarded();
    saveGroup(member.ws, groupInputSchema.parse(gatheredGroup({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    const accepted = await importBundleFile(leader.ws, file(consolidated));
    expect(accepted.status, accepted.reason).toBe('accepted');
    const written = await writeReceipts(leader.ws, [accepted.bundleId!]);
    expect(written.map((w) => w.senderCode).sort()).toEqual([DEPUTY.code, GATHERED.code].sort());
    const mine = written.find((w) => w.senderCode === GATHERED.code)!;
    const back = await importBundleFile(member.ws, file(mine.file));
    expect(back.status, back.reason).toBe('accepted');
    const sentId = member.ws.db.select().from(schema.sentBundles).all()[0]!.bundleId;
    expect(receiptsFor(member.ws.db, [sentId]).get(sentId)!.by).toBe(LEADER.code);
    expect(deputy.unit.code).toBe(DEPUTY.code);
  });
});

describe('memory stays bounded', () => {
  it('a member’s bundle of 160 MB passes through the deputy to the leader without being held in memory', { timeout: 240_000 }, async () => {
    const { member, deputy, leader } = await forwarded();
    // An attachment written and hashed a megabyte at a time: the test itself never holds it either.
    const evidence = path.join(tempDir(), 'bien-ban.pdf');
    const hash = crypto.createHash('sha256');
    const fd = fs.openSync(evidence, 'w');
    for (let i = 0; i < 160; i++) {
      const chunk = crypto.randomBytes(1024 * 1024);
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const heavy = path.join(tempDir(), 'nang.tdkt');
    const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
    await writeBundle(
      heavy,
      {
        format: 'thidua-tuphap-bundle',
        format_version: 1,
        bundle_id: crypto.randomUUID(),
        kind: 'registration',
        sender: { unit_code: GATHERED.code, unit_name: GATHERED.name, key_id: member.unit.keyId },
        recipient: { unit_codes: [LEADER.code, DEPUTY.code] },
        group: { code: 'KVTD-MNPB', name: 'Khu vực thi đua' },
        year: 2022,
        seq: 2,
        created_at: '2022-02-13T03:00:00.000Z',
        app_version: 'test',
      },
      [],
      [{ path: `data/evidence/${hash.digest('hex')}.pdf`, source: evidence, mediaType: 'application/pdf' }],
      signer,
      bundleKinds,
    );
    on('2022-02-14');
    expect((await importBundleFile(deputy.ws, file(heavy))).status).toBe('accepted');
    on('2022-02-15');
    const sent = await exportConsolidated(deputy.ws, deputy.group.id);
    expect(sent.forwarded).toBe(1);
    on('2022-02-20');

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const result = await importBundleFile(leader.ws, file(sent.path));
    clearInterval(sampler);
    expect(result.status, result.reason).toBe('accepted');
    const grew = (Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024;
    // Measured 6 MB on this machine: the member's bundle is streamed out of the ZIP, never read whole.
    expect(grew).toBeLessThan(100);
    const inner = leader.ws.db.select().from(schema.receivedBundles).all().find((r) => r.kind === 'registration')!;
    expect(inner).toMatchObject({ senderCode: GATHERED.code, forwardedBy: DEPUTY.code, submittedAt: '2022-02-14T03:00:00.000Z' });
    expect(fs.statSync(path.join(leader.ws.dataDir, inner.archivePath)).size).toBe(fs.statSync(heavy).size);
  });
});
