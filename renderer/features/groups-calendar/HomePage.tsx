import type { Group, MemberDeadlines } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Notice, useLoaded } from '../../components/ui';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Milestone = MemberDeadlines['milestones'][number];

const sent = (m: Milestone) => m.state === 'on_time' || m.state === 'late';

/** The short word before the service's sentence, so the state reads at a glance and not by colour alone. */
const stateLabels: Record<Milestone['state'], string> = {
  overdue: 'Quá hạn',
  due_today: 'Hạn hôm nay',
  due_soon: 'Sắp đến hạn',
  not_yet_due: 'Chưa đến hạn',
  no_deadline: 'Chưa có hạn',
  on_time: 'Đã gửi',
  late: 'Đã gửi muộn',
};

/** The plan's own wording only when it says more than the date ("chậm nhất 05 ngày sau khi …"). */
const ruleBeyondDate = (m: Milestone) => (m.rule && !(m.deadline && m.rule === `trước ngày ${formatDateVi(m.deadline)}`) ? m.rule : '');

function Receivers({ m }: { m: Milestone }) {
  return (
    <ul className="plain">
      {m.to.map((t) => (
        <li key={t.role}>
          {t.units.length ? (
            <>
              {t.units.join(', ')} <span className="muted">({t.roleName})</span>
            </>
          ) : (
            t.roleName
          )}
        </li>
      ))}
    </ul>
  );
}

function Sent({ m }: { m: Milestone }) {
  if (!m.sent.length) return <span className="muted">Chưa gửi</span>;
  return (
    <div className="sent">
      <ul className="plain">
        {m.sent.map((s) => (
          <li key={s.bundleId}>
            Ngày {formatDateVi(s.sentAt)} · gói số {s.seq}
          </li>
        ))}
      </ul>
      {m.receiptText ? <strong className="receipt">{m.receiptText}</strong> : <span className="muted">Chưa có biên nhận.</span>}
    </div>
  );
}

/** "Việc cần làm": what the unit owes in the selected group's plan, due first, and what came of what it sent. */
export function HomePage({ group }: { group: Group }) {
  const api = useApi();
  const [home, error] = useLoaded(() => api.call('groups-calendar.home', { groupId: group.id }), [api, group.id]);

  const next = home?.milestones.find((m) => !sent(m) && m.deadline);
  return (
    <section className="card" aria-labelledby="home-title">
      <header className="card-header">
        <div>
          <h2 id="home-title">Việc cần làm</h2>
          <p className="muted subtitle">
            {group.name} năm {group.year}
            {home && ` · Hôm nay ${formatDateVi(home.today)}`}
          </p>
        </div>
      </header>
      <Notice message={error ? { kind: 'error', text: error } : null} />
      {!home && !error && <p className="muted">Đang tải…</p>}
      {home && !home.milestones.length && (
        <p>Chưa có kế hoạch năm của Khu vực/Cụm. Khi Trưởng Khu vực/Cụm gửi gói khởi động năm, hãy nhận gói ở mục “Nhận gói”: các việc và thời hạn sẽ hiện ở đây.</p>
      )}
      {next && (
        <div className={`banner ${next.state === 'overdue' ? 'banner-late' : next.state === 'due_today' ? 'banner-frozen' : ''}`} role="note" aria-label="Việc gần nhất">
          <strong>Việc gần nhất: {next.title}.</strong> {next.stateText} Gửi đến: {next.toText}.
        </div>
      )}
      {home && home.milestones.length > 0 && (
        <div className="table-scroll">
          <table className="table deadlines" aria-label="Việc cần gửi và thời hạn">
            <thead>
              <tr>
                <th>Việc cần gửi</th>
                <th>Gửi đến</th>
                <th>Hạn</th>
                <th>Tình trạng</th>
                <th>Đã gửi</th>
              </tr>
            </thead>
            <tbody>
              {home.milestones.map((m) => (
                <tr key={m.key} className={`deadline-${m.state}`}>
                  <td>{m.title}</td>
                  <td>
                    <Receivers m={m} />
                  </td>
                  <td>
                    {m.deadline ? <span className="nowrap">{formatDateVi(m.deadline)}</span> : <span className="muted">Chưa có hạn</span>}
                    {ruleBeyondDate(m) && <div className="muted small">{ruleBeyondDate(m)}</div>}
                  </td>
                  <td>
                    <span className={`state state-${m.state}`}>{stateLabels[m.state]}</span>
                    {m.state !== 'no_deadline' && <div className="small">{m.stateText}</div>}
                  </td>
                  <td>
                    <Sent m={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
