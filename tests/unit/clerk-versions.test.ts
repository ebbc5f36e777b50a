import { afterEach, describe, expect, it } from 'vitest';
import { getOwnRegistration, ownDeadline, saveRegistration } from '../../electron/services/registration/registration';
import { exportRegistration, printRegistration } from '../../electron/services/registration/export';
import { overview } from '../../electron/services/registration/overview';
import { testClock } from '../helpers/clock';
import { LEADER, registeredMember } from '../helpers/units';

const versions = (db: { $client: { prepare(s: string): { all(): unknown[] } } }) =>
  db.$client.prepare("select version, status from records where type = 'registration' order by version").all();

describe('registration versions follow content, not saves', () => {
  it('makes no new version when an exported registration is saved, printed or exported again unchanged', async () => {
    const m = await registeredMember();
    await exportRegistration(m.ws, m.group.id);
    // What the page does before printing or exporting: save what is on screen.
    saveRegistration(m.ws, m.input);
    await printRegistration(m.ws, m.group.id);
    saveRegistration(m.ws, m.input);
    await exportRegistration(m.ws, m.group.id);
    expect(versions(m.ws.db)).toEqual([{ version: 1, status: 'frozen' }]);
    expect(getOwnRegistration(m.ws.db, m.group.id)).toMatchObject({ version: 1, status: 'exported' });
  });

  it('leaves a draft untouched by a save with no change', async () => {
    const m = await registeredMember();
    const before = m.ws.db.$client.prepare("select updated_at as u from records where type = 'registration'").get() as { u: string };
    testClock.set(new Date(Date.now() + 3600_000).toISOString());
    try {
      saveRegistration(m.ws, m.input);
    } finally {
      testClock.reset();
    }
    expect(m.ws.db.$client.prepare("select updated_at as u from records where type = 'registration'").get()).toEqual(before);
  });

  it('still makes version + 1 when something did change, and says what was last sent', async () => {
    const m = await registeredMember();
    await exportRegistration(m.ws, m.group.id);
    const v2 = saveRegistration(m.ws, { ...m.input, place: 'Hà Giang mới' });
    expect(v2).toMatchObject({ version: 2, status: 'draft', sent: { version: 1 } });
    expect(v2.sent!.at).toBeTruthy();
  });

  it("keeps the leader's own row sent and on time while a later draft is being edited", async () => {
    const l = await registeredMember(LEADER);
    testClock.set('2022-02-05T03:00:00Z');
    try {
      await exportRegistration(l.ws, l.group.id);
      testClock.set('2022-03-01T03:00:00Z');
      saveRegistration(l.ws, { ...l.input, place: 'Tuyên Quang (sửa)' });
      const row = overview(l.ws, { groupId: l.group.id, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false }).matrix.find(
        (r) => r.own,
      )!;
      expect(row.sentAt).toBe('2022-02-05T03:00:00.000Z');
      expect(row.late).toBe(false);
    } finally {
      testClock.reset();
    }
  });
});

describe('the deadline, as the member reads it', () => {
  const at = (iso: string) => {
    testClock.set(iso);
  };
  afterEach(() => {
    testClock.reset();
  });

  it('counts the days left and overdue on the Vietnamese calendar', async () => {
    const m = await registeredMember();
    // 20:00 UTC on 4 February is already 5 February in Vietnam: 5 days to the 10th.
    at('2022-02-04T20:00:00Z');
    expect(ownDeadline(m.ws, m.group.id)).toEqual({ deadline: '2022-02-10', daysLeft: 5, text: 'Hạn gửi đăng ký: 10/02/2022. Còn 5 ngày.' });
    at('2022-02-10T16:59:00Z');
    expect(ownDeadline(m.ws, m.group.id).text).toBe('Hạn gửi đăng ký: 10/02/2022. Hôm nay là hạn cuối.');
    at('2022-02-13T01:00:00Z');
    expect(ownDeadline(m.ws, m.group.id)).toMatchObject({ daysLeft: -3, text: 'Hạn gửi đăng ký: 10/02/2022. Quá hạn 3 ngày.' });
  });

  it('says when it was sent, and how late', async () => {
    const m = await registeredMember();
    at('2022-02-12T03:00:00Z');
    await exportRegistration(m.ws, m.group.id);
    expect(ownDeadline(m.ws, m.group.id).text).toBe('Hạn gửi đăng ký: 10/02/2022. Đã gửi ngày 12/02/2022, muộn 2 ngày.');
  });
});

describe('the signing date', () => {
  afterEach(() => {
    testClock.reset();
  });

  it('refuses a date years ahead, and one outside the years next to the group year', async () => {
    const m = await registeredMember();
    testClock.set('2022-01-20T03:00:00Z');
    expect(() => saveRegistration(m.ws, { ...m.input, documentDate: '2032-02-05' })).toThrow(
      'Ngày ký 05/02/2032 không hợp lệ: bản đăng ký năm 2022 phải ký trong các năm 2021 đến 2023.',
    );
    expect(() => saveRegistration(m.ws, { ...m.input, documentDate: '2022-12-05' })).toThrow(
      'Ngày ký 05/12/2022 muộn hơn hôm nay 319 ngày: ngày ký không được sau hôm nay quá 90 ngày.',
    );
    expect(saveRegistration(m.ws, { ...m.input, documentDate: '2022-03-01' }).documentDate).toBe('2022-03-01');
    expect(saveRegistration(m.ws, { ...m.input, documentDate: '2021-12-28' }).documentDate).toBe('2021-12-28');
  });
});
