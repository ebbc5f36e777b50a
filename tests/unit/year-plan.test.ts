import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { exportStatusBoard, planView, printPlan, resetPlanToTemplate, savePlan } from '../../electron/services/groups-calendar/year-plan';
import { documentText, parseDocx } from '../helpers/docx';
import { groupInput, LEADER, makeUnit, MEMBER, registeredMember } from '../helpers/units';

const file = (p: string) => ({ path: p, name: path.basename(p) });

async function leaderWithGroup() {
  const member = await registeredMember();
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
  return { member, leader: { ...leader, group } };
}

describe('the year plan as the leader builds it', () => {
  it('starts from the template of seed 000 for the year, with the registration date the leader typed', async () => {
    const { leader } = await leaderWithGroup();
    const view = planView(leader.ws, leader.group.id);
    expect(view).toMatchObject({ source: 'own', editable: true, published: false, version: 1 });
    expect(view.plan.milestones.length).toBeGreaterThan(10);
    expect(view.deadlines['registration']).toBe('2022-02-10');
    expect(view.rules['registration']).toBe('trước ngày 10/02/2022');
    expect(Object.values(view.deadlines)).toContain(null);
  });

  it('saves an edit in place until published, then as a new version; the member reads it and cannot change it', async () => {
    const { leader, member } = await leaderWithGroup();
    const plan = planView(leader.ws, leader.group.id).plan;
    const events = plan.events.map((e) => (e.key === 'inspection-end' ? { ...e, date: '2022-09-20' } : e));
    const saved = savePlan(leader.ws, leader.group.id, { ...plan, events });
    expect(saved.version).toBe(1);
    const teamMinutes = saved.plan.milestones.find((m) => m.deadline.type === 'after_event' && m.deadline.event === 'inspection-end' && m.deadline.days === 2)!;
    expect(saved.deadlines[teamMinutes.key]).toBe('2022-09-22');

    const kickoff = await publishKickoff(leader.ws, leader.group.id);
    expect(planView(leader.ws, leader.group.id)).toMatchObject({ published: true, version: 1 });
    expect(savePlan(leader.ws, leader.group.id, { ...saved.plan, movements: [] })).toMatchObject({ published: false, version: 2 });

    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    expect((await importBundleFile(member.ws, file(kickoff.path))).status).toBe('accepted');
    const seen = planView(member.ws, member.group.id);
    expect(seen).toMatchObject({ source: 'leader', editable: false, version: 1 });
    expect(seen.deadlines[teamMinutes.key]).toBe('2022-09-22');
    expect(() => savePlan(member.ws, member.group.id, seen.plan)).toThrow('Kế hoạch năm do Trưởng Khu vực/Cụm phát hành; đơn vị thành viên không sửa được.');
  });

  it('refuses a plan whose relative deadline names no event, in Vietnamese', async () => {
    const { leader } = await leaderWithGroup();
    const plan = planView(leader.ws, leader.group.id).plan;
    const broken = { ...plan, events: [] };
    expect(() => savePlan(leader.ws, leader.group.id, broken)).toThrow(/tính theo một sự kiện không có trong kế hoạch/);
  });

  it('prints the plan and the status board (DOCX and .xlsx) into the documents folder', async () => {
    const { leader } = await leaderWithGroup();
    resetPlanToTemplate(leader.ws, leader.group.id);
    const plan = await printPlan(leader.ws, leader.group.id);
    const text = documentText((await parseDocx(plan)).parts);
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('trước ngày 10/02/2022');
    const docx = await exportStatusBoard(leader.ws, leader.group.id, 'all', 'docx');
    expect(documentText((await parseDocx(docx)).parts)).toContain('Sở Tư pháp tỉnh Hà Giang');
    const xlsx = await exportStatusBoard(leader.ws, leader.group.id, 'all', 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(fs.statSync(xlsx).size).toBeGreaterThan(0);
    expect(JSON.stringify(book.worksheets[0]!.getSheetValues())).toContain('Sở Tư pháp tỉnh Hà Giang');
  });
});

describe('a group saved without a registration date', () => {
  it('keeps the template’s registration milestone for the leader, and clears it only when asked', async () => {
    const leader = await makeUnit(LEADER);
    const { registrationDeadline: _none, ...input } = groupInput();
    const group = saveGroup(leader.ws, groupInputSchema.parse(input));
    expect(planView(leader.ws, group.id).deadlines['registration']).toBe('2022-02-10');
    saveGroup(leader.ws, groupInputSchema.parse({ ...input, id: group.id, registrationDeadline: '' }));
    expect(planView(leader.ws, group.id).plan.milestones.some((m) => m.key === 'registration')).toBe(false);
  });
});
