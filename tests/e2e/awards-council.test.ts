import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { councilResultFor } from '../../electron/services/awards/council';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveStaff } from '../../electron/services/registration/staff';
import { groupInputSchema } from '../../electron/ipc/contract';
import { documentText, parseDocx } from '../helpers/docx';
import { download, e2eOffices, nav } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { groupInput, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-awards-council-');

describe('the council meeting in Chromium', () => {
  it('records members, written votes and votes per nominee, shows each threshold and result, refuses what cannot stand, prints the minutes', async () => {
    const { ws, page, url } = await offices.office('member', MEMBER);
    const group = saveGroup(ws, groupInputSchema.parse(groupInput({}, { year: 2025, registrationDeadline: '2025-02-10' })));
    saveStaff(ws, { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Chuyên viên', department: 'Phòng Hành chính tư pháp', allowDuplicate: false });
    saveStaff(ws, { fullName: 'Lò Văn Hải', birthYear: 1978, gender: 'nam', position: 'Trưởng phòng', department: 'Phòng Hành chính tư pháp', allowDuplicate: false });
    await page.goto(url);
    await nav(page, 'Họp Hội đồng TĐKT');
    const form = page.getByRole('form', { name: 'Cuộc họp Hội đồng' });
    await form.getByLabel('Ngày họp').fill('10/12/2025');
    await form.getByLabel('Địa điểm').fill('Phòng họp tầng 2, Sở Tư pháp tỉnh Hà Giang');
    const members: [string, string, string, string][] = [
      ['Hoàng Văn Minh', 'Giám đốc Sở', 'Chủ tịch Hội đồng', 'present'],
      ['Lê Văn Tâm', 'Phó Giám đốc Sở', 'Phó Chủ tịch', 'present'],
      ['Phạm Thị Thu', 'Chánh Văn phòng', 'Ủy viên thư ký', 'present'],
      ['Vũ Đức Anh', 'Chánh Thanh tra', 'Ủy viên', 'present'],
      ['Trần Thị Mai', 'Trưởng phòng Hành chính tư pháp', 'Ủy viên', 'in_writing'],
    ];
    for (const [i, [name, position, role, attendance]] of members.entries()) {
      await form.getByRole('button', { name: 'Thêm thành viên' }).click();
      await form.getByLabel(`Họ tên thành viên ${i + 1}`).fill(name);
      await form.getByLabel(`Chức vụ thành viên ${i + 1}`).fill(position);
      await form.getByLabel(`Vai trò thành viên ${i + 1}`).fill(role);
      await form.getByLabel(`Tham dự của thành viên ${i + 1}`).selectOption(attendance);
    }
    await form.getByLabel('Chủ trì (Chủ tịch Hội đồng)').selectOption('Hoàng Văn Minh');
    await form.getByLabel('Thư ký cuộc họp').fill('Phạm Thị Thu');
    await form.getByLabel('Chức vụ của thư ký').fill('Chánh Văn phòng');
    const adder = form.getByRole('group', { name: 'Thêm trường hợp biểu quyết' });
    const vote = async (who: string, award: string, votes: string) => {
      await adder.getByLabel('Tập thể, cá nhân').selectOption({ label: who });
      await adder.getByLabel('Danh hiệu, hình thức khen thưởng').selectOption({ label: award });
      await adder.getByLabel('Số phiếu đồng ý').fill(votes);
      await adder.getByRole('button', { name: 'Thêm vào biểu quyết' }).click();
    };
    await vote('Nguyễn Thị Hương — Phòng Hành chính tư pháp', 'Chiến sĩ thi đua cơ sở', '4');
    await vote('Lò Văn Hải — Phòng Hành chính tư pháp', 'Chiến sĩ thi đua cơ sở', '3');
    await vote('Phòng Hành chính tư pháp (Phòng, bộ phận)', 'Giấy khen', '5');

    // Giấy khen has no council vote rule in the catalogue: refused until the unit sets its rate.
    await form.getByRole('button', { name: 'Lưu cuộc họp' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('«Giấy khen» chưa có tỷ lệ biểu quyết trong danh mục');
    await form.getByLabel('Tỷ lệ của Giấy khen (%)').fill('50');
    await form.getByRole('button', { name: 'Lưu cuộc họp' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã lưu cuộc họp (phiên bản 1): 2/3 trường hợp đạt tỷ lệ phiếu.');

    const results = form.getByRole('table', { name: 'Kết quả biểu quyết' });
    const rows = (await results.getByRole('row').allTextContents()).slice(1);
    // 80 % of 5 members is 4: the written vote of the absent member counts toward it.
    expect(rows[0]).toContain('4/5 (80 %)');
    expect(rows[0]).toContain('80 %, ít nhất 4 phiếu');
    expect(rows[0]).toContain('Đạt');
    expect(rows[0]).toContain('chưa xác minh');
    expect(rows[1]).toContain('Không đạt');
    expect(rows[2]).toContain('50 %, ít nhất 3 phiếu');
    expect(await form.textContent()).toContain('Cần ít nhất 4 thành viên có mặt (2/3): đủ điều kiện họp');
    expect(councilResultFor(ws.db, { groupCode: group.code, year: 2025, ownCode: MEMBER.code }, { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp' }, 'CSTDCS')).toMatchObject({
      votes_for: 4,
      total_members: 5,
      reached: true,
    });
    await shot(page, 'awards-council');

    const minutes = await download(page, 'In biên bản họp', offices.usb);
    expect(path.basename(minutes)).toBe('bien-ban-hop-hoi-dong-2025-STP-HG-v1.docx');
    const docx = await parseDocx(minutes);
    expect(docx.errors).toEqual([]);
    expect(documentText(docx.parts)).toContain('Vắng mặt có phiếu gửi bằng văn bản: 1 (Trần Thị Mai');

    // More yes votes than members with a vote: refused by name.
    await form.getByLabel('Số phiếu đồng ý cho Lò Văn Hải (Chiến sĩ thi đua cơ sở)').fill('6');
    await form.getByRole('button', { name: 'Lưu cuộc họp' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('6 phiếu đồng ý, nhiều hơn 5 thành viên có phiếu');
  });
});
