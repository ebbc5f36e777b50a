import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { OnBehalfForm } from '../../renderer/features/registration/OnBehalfForm';
import type { Input } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { catalogue, group, unit } from './fixtures';
import { GroupsPage } from '../../renderer/features/groups-calendar/GroupsPage';

const scan = { id: 'c'.repeat(32), name: 'CV12-STP.pdf', size: 2048 };

function setup(result: (input: Input<'registration.enterOnBehalf'>) => unknown) {
  const onSaved = vi.fn();
  const fake = fakeApi(
    {
      'catalogue.list': () => catalogue,
      'registration.enterOnBehalf': (input) => {
        const r = result(input);
        if (r instanceof Error) throw r;
        return r as never;
      },
    },
    { pickDocument: vi.fn(async () => scan) },
  );
  render(
    <ApiProvider api={fake.api}>
      <OnBehalfForm group={group} onSaved={onSaved} />
    </ApiProvider>,
  );
  return { ...fake, onSaved };
}

const type = (label: string, value: string, within_: HTMLElement = document.body) => fireEvent.change(within(within_).getByLabelText(label), { target: { value } });

describe('OnBehalfForm', () => {
  it('sends the member’s paper as typed, persons included, with the file it came as', async () => {
    const { api, call, onSaved } = setup(() => ({ entryId: 'e', unitCode: 'STP-HG', recordId: 'r', version: 1, submittedAt: '2022-02-08', enteredBy: 'STP-TQ', enteredAt: '2022-02-15T03:00:00.000Z', note: 'x', attachmentName: 'CV12-STP.pdf' }));
    await screen.findByRole('option', { name: 'Tập thể lao động xuất sắc' });
    // Only the members: the leader does not enter for itself.
    expect(within(screen.getByLabelText('Đơn vị')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Sở Tư pháp tỉnh Hà Giang']);
    type('Ngày trên văn bản hoặc ngày nhận', '08/02/2022');
    type('Căn cứ nhập thay', 'Theo Công văn số 12/STP ngày 08/02/2022');
    type('Số, ký hiệu văn bản', '12/STP');
    type('Địa danh', 'Hà Giang');
    type('Ngày ký văn bản', '08/02/2022');
    type('Chức vụ người ký', 'Giám đốc');
    type('Họ tên người ký', 'Đặng Văn Bình');
    type('Danh hiệu tập thể', 'TTLDXS');
    fireEvent.click(screen.getByRole('button', { name: 'Thêm cá nhân' }));
    const person = screen.getByRole('group', { name: 'Cá nhân 1' });
    type('Họ và tên', 'Nguyễn Thị Hương', person);
    type('Năm sinh', '1980', person);
    type('Giới tính', 'nu', person);
    type('Chức vụ', 'Phó Giám đốc', person);
    type('Danh hiệu', 'CSTDCS', person);
    type('Nhiệm vụ trọng tâm đăng ký', 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.');
    fireEvent.click(screen.getByRole('button', { name: 'Chọn tệp…' }));
    await screen.findByText('CV12-STP.pdf');
    // The picker offers scans and Word files, not a plan's types.
    expect(api.pickDocument).toHaveBeenCalledWith('attachment');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu bản nhập thay' }));

    expect((await screen.findByRole('status')).textContent).toBe('Đã nhập thay bản đăng ký (phiên bản 1) của Sở Tư pháp tỉnh Hà Giang, tính theo ngày 08/02/2022.');
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('registration.enterOnBehalf', {
      groupId: group.id,
      unitCode: 'STP-HG',
      submittedAt: '2022-02-08',
      note: 'Theo Công văn số 12/STP ngày 08/02/2022',
      numberSymbol: '12/STP',
      place: 'Hà Giang',
      documentDate: '2022-02-08',
      signerTitle: 'Giám đốc',
      signerName: 'Đặng Văn Bình',
      signerAuthority: '',
      recipients: [],
      collective: [{ titleCode: 'TTLDXS', note: '' }],
      individuals: [{ fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: '', titleCode: 'CSTDCS' }],
      commitments: [{ kind: 'key_task', content: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.' }],
      attachment: scan,
    });
  });

  it('shows the refusal in Vietnamese and keeps what was typed', async () => {
    const { onSaved } = setup(() => new Error('Ngày trên văn bản hoặc ngày nhận (21/02/2022) không được sau hôm nay.'));
    await screen.findByRole('option', { name: 'Tập thể lao động xuất sắc' });
    type('Căn cứ nhập thay', 'Công văn gửi qua thư điện tử');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu bản nhập thay' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ngày trên văn bản hoặc ngày nhận (21/02/2022) không được sau hôm nay.');
    expect(onSaved).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Căn cứ nhập thay') as HTMLInputElement).value).toBe('Công văn gửi qua thư điện tử');
  });

  it('is not offered to a deputy that gathers no member', () => {
    const { container } = render(
      <ApiProvider api={fakeApi({ 'catalogue.list': () => catalogue }).api}>
        <OnBehalfForm group={{ ...group, ownRole: 'deputy' }} />
      </ApiProvider>,
    );
    expect(container.textContent).toBe('');
  });
});

describe('the group form for a Cụm thi đua nội bộ', () => {
  it('adds divisions under the Sở’s code, of kind Khác, in the Sở’s province', () => {
    render(
      <ApiProvider api={fakeApi({}).api}>
        <GroupsPage unit={unit} groups={[]} onSaved={() => {}} />
      </ApiProvider>,
    );
    expect(screen.queryByRole('button', { name: '+ Thêm phòng/đơn vị thuộc Sở' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Loại'), { target: { value: 'noi_bo' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm phòng/đơn vị thuộc Sở' }));
    expect((screen.getByLabelText('Mã đơn vị 2') as HTMLInputElement).value).toBe(`${unit.code}.`);
    expect((screen.getByLabelText('Loại đơn vị 2') as HTMLSelectElement).value).toBe('khac');
    expect((screen.getByLabelText('Tỉnh 2') as HTMLInputElement).value).toBe(unit.province);
  });
});
