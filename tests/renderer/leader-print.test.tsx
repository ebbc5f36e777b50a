import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { LeaderPage } from '../../renderer/features/bundles/LeaderPage';
import type { OverviewQuery } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { catalogue, group } from './fixtures';

describe('printing the consolidated table', () => {
  it('prints what the screen shows: the same filters and order', async () => {
    const fake = fakeApi({
      'catalogue.list': () => catalogue,
      'bundles.quarantine': () => [],
      'registration.overview': () => ({ matrix: [], rows: [] }),
      'registration.printConsolidated': () => ({ id: 'c'.repeat(32), name: 'tong-hop.docx', size: 10 }),
    });
    render(
      <ApiProvider api={fake.api}>
        <LeaderPage group={group} />
      </ApiProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Tìm (không dấu cũng được)'), { target: { value: 'huong' } });
    fireEvent.click(screen.getByRole('button', { name: /Họ và tên/ }));
    fireEvent.click(screen.getByRole('button', { name: 'In bảng tổng hợp (DOCX)' }));
    await waitFor(() => expect(fake.call.mock.calls.some(([c]) => c === 'registration.printConsolidated')).toBe(true));
    const printed = fake.call.mock.calls.find(([c]) => c === 'registration.printConsolidated')![1] as OverviewQuery;
    const shown = fake.call.mock.calls.filter(([c]) => c === 'registration.overview').at(-1)![1] as OverviewQuery;
    expect(printed).toEqual(shown);
    expect(printed).toMatchObject({ groupId: group.id, search: 'huong', sort: 'person' });
  });
});
