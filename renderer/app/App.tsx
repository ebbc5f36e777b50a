import { useCallback, useEffect, useState } from 'react';
import type { Group, OwnUnit } from '../../electron/ipc/contract';
import { useApi } from '../api/context';
import { EditUnit, KeyCard, SetupUnit } from '../features/units-keys/SetupUnit';
import { GroupsPage } from '../features/groups-calendar/GroupsPage';
import { StaffPage } from '../features/registration/StaffPage';
import { RegistrationPage } from '../features/registration/RegistrationPage';
import { LeaderPage } from '../features/bundles/LeaderPage';
import { PlanPage } from '../features/groups-calendar/PlanPage';
import { ImportPage } from '../features/bundles/ImportPage';
import { MailLimit } from '../features/bundles/MailParts';
import { HomePage } from '../features/groups-calendar/HomePage';
import { BoardPage } from '../features/groups-calendar/BoardPage';
import { SelfAssessmentPage } from '../features/scoring/SelfAssessmentPage';
import { CriteriaPage } from '../features/scoring/CriteriaPage';
import { VerificationPage } from '../features/scoring/VerificationPage';
import { RankingPage } from '../features/scoring/RankingPage';
import { HistoryPage } from '../features/awards/HistoryPage';
import { EligibilityPage } from '../features/awards/EligibilityPage';
import { ConferencePage } from '../features/dossiers/ConferencePage';
import { CouncilPage } from '../features/awards/CouncilPage';
import { DossiersPage } from '../features/dossiers/DossiersPage';
import { roleLabels } from './labels';

type Page = 'home' | 'unit' | 'groups' | 'staff' | 'registration' | 'plan' | 'import' | 'board' | 'leader' | 'self-assessment' | 'criteria' | 'verification' | 'ranking' | 'history' | 'eligibility' | 'dossiers' | 'conference' | 'council';

export function App() {
  const api = useApi();
  const [state, setState] = useState<{ unit: OwnUnit | null; groups: Group[]; shell: string } | null>(null);
  const [page, setPage] = useState<Page>('home');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    try {
      const s = await api.call('app.state', {});
      setState(s);
      setGroupId((id) => (s.groups.some((g) => g.id === id) ? id : (s.groups[0]?.id ?? null)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <div className="notice notice-error" role="alert">{error}</div>;
  if (!state) return <div className="loading">Đang tải…</div>;
  if (!state.unit) {
    return (
      <SetupUnit
        onDone={() => {
          setPage('unit');
          void load();
        }}
      />
    );
  }

  const group = state.groups.find((g) => g.id === groupId) ?? null;
  const leads = group && group.ownRole !== 'member';
  const nav: [Page, string][] = [
    ['home', 'Việc cần làm'],
    ['registration', 'Đăng ký thi đua'],
    ['criteria', 'Bảng tiêu chí'],
    ['self-assessment', 'Tự chấm điểm'],
    ['plan', 'Kế hoạch năm'],
    ['staff', 'Cán bộ'],
    ['history', 'Lịch sử khen thưởng'],
    ['eligibility', 'Xét điều kiện'],
    ['council', 'Họp Hội đồng TĐKT'],
    ['dossiers', 'Hồ sơ khen thưởng'],
    ['import', 'Nhận gói'],
    ...(leads
      ? [
          ['board', 'Theo dõi'] as [Page, string],
          ['leader', 'Tiếp nhận và tổng hợp'] as [Page, string],
          ['verification', 'Thẩm định điểm'] as [Page, string],
          ['ranking', 'Xếp hạng'] as [Page, string],
        ]
      : []),
    ...(group?.ownRole === 'leader' ? [['conference', 'Hội nghị suy tôn'] as [Page, string]] : []),
    ['groups', 'Khu vực / Cụm'],
    ['unit', 'Đơn vị và khóa ký'],
  ];
  const current = ((page === 'leader' || page === 'board' || page === 'verification' || page === 'ranking') && !leads) || (page === 'conference' && group?.ownRole !== 'leader') ? 'home' : page;
  const noGroup = (title: string) => (
    <section className="card">
      <h2>{title}</h2>
      <p>Chưa có Khu vực/Cụm thi đua nào. Nhận gói khởi động năm do Trưởng Khu vực/Cụm gửi ở mục “Nhận gói”, hoặc tự khai báo ở mục “Khu vực / Cụm”.</p>
    </section>
  );

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>Thi đua Tư pháp</strong>
          <span>{state.unit.name}</span>
        </div>
        {state.groups.length > 0 && (
          <select aria-label="Khu vực/Cụm đang làm việc" value={groupId ?? ''} onChange={(e) => setGroupId(Number(e.target.value))}>
            {state.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.code} năm {g.year} — {roleLabels[g.ownRole]}
              </option>
            ))}
          </select>
        )}
      </header>
      <nav className="nav">
        {nav.map(([id, label]) => (
          <button key={id} type="button" className={current === id ? 'active' : ''} aria-current={current === id ? 'page' : undefined} onClick={() => setPage(id)}>
            {label}
          </button>
        ))}
      </nav>
      <main className="content">
        {current === 'unit' && (
          <section className="card">
            <h2>{state.unit.name}</h2>
            <p className="muted">
              Mã {state.unit.code} · {state.unit.province}
              {state.shell === 'browser' ? ' · Đang chạy trong trình duyệt trên máy này' : ''}
            </p>
            <KeyCard unit={state.unit} onReplaced={() => void load()} />
            <p className="muted">
              Đọc dấu vân tay này cho Trưởng Khu vực/Cụm qua điện thoại: họ ghim khóa của đơn vị để nhận các gói hồ sơ đơn vị gửi. Tiếp theo, khai báo Khu vực/Cụm thi đua của năm.
            </p>
            <EditUnit key={`${state.unit.code}|${state.unit.name}`} unit={state.unit} onSaved={() => void load()} />
            <MailLimit />
          </section>
        )}
        {current === 'groups' && <GroupsPage unit={state.unit} groups={state.groups} onSaved={load} />}
        {current === 'staff' && <StaffPage />}
        {current === 'history' && <HistoryPage year={group?.year ?? new Date().getFullYear()} />}
        {current === 'eligibility' && <EligibilityPage key={group?.id ?? 0} year={group?.year ?? new Date().getFullYear()} />}
        {current === 'council' && (group ? <CouncilPage key={group.id} group={group} /> : noGroup('Họp Hội đồng Thi đua – Khen thưởng'))}
        {current === 'home' && (group ? <HomePage key={group.id} group={group} /> : noGroup('Việc cần làm'))}
        {current === 'registration' && (group ? <RegistrationPage key={group.id} unit={state.unit} group={group} /> : noGroup('Đăng ký thi đua'))}
        {current === 'import' && <ImportPage onImported={load} />}
        {current === 'board' && group && <BoardPage key={group.id} group={group} />}
        {current === 'leader' && group && <LeaderPage key={group.id} group={group} />}
        {current === 'criteria' && (group ? <CriteriaPage key={group.id} group={group} /> : noGroup('Bảng tiêu chí'))}
        {current === 'verification' && group && <VerificationPage key={group.id} group={group} />}
        {current === 'ranking' && group && <RankingPage key={group.id} group={group} />}
        {current === 'conference' && group && <ConferencePage key={group.id} group={group} />}
        {current === 'self-assessment' && (group ? <SelfAssessmentPage key={group.id} group={group} /> : noGroup('Tự chấm điểm'))}
        {current === 'dossiers' && (group ? <DossiersPage key={group.id} group={group} /> : noGroup('Hồ sơ đề nghị khen thưởng'))}
        {current === 'plan' && (group ? <PlanPage key={group.id} group={group} /> : noGroup('Kế hoạch năm'))}
      </main>
    </div>
  );
}
