import type { Group } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Notice, Section, useAction } from '../../components/ui';
import { answeredMilestoneText } from '../../app/labels';
import { useBundleSaver } from './MailParts';

/**
 * The deputy's step: the bundles of the members it gathers (in the seeds, the Cục THADS) go to the
 * leader unchanged, inside one bundle the deputy signs. Only what was not forwarded before goes.
 */
export function ForwardPanel({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [mailOffer, saveBundle] = useBundleSaver();
  const gathered = group.members.filter((m) => m.gatheredByDeputy);
  const leader = group.members.find((m) => m.role === 'leader');
  const forward = () =>
    run(async () => {
      const sent = await api.call('bundles.exportConsolidated', { groupId: group.id });
      const where = await saveBundle(sent.file);
      return `Đã ký gói tổng hợp số ${sent.seq}${answeredMilestoneText(sent.milestone)}, chuyển nguyên ${sent.forwarded} gói của đơn vị thành viên cho Trưởng. ${where}`;
    }, (text) => text);
  return (
    <Section title="Chuyển gói cho Trưởng Khu vực/Cụm">
      <p>
        Phó Trưởng tổng hợp {gathered.length} đơn vị: {gathered.map((m) => m.name).join(', ') || 'chưa có đơn vị nào (đánh dấu ở mục “Khu vực / Cụm”)'}. Các gói đã nhận
        của họ được chuyển nguyên vẹn cho {leader?.name ?? 'Trưởng'} trong một gói tổng hợp có chữ ký của đơn vị mình; Trưởng kiểm tra từng gói theo khóa của đơn vị gửi.
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={busy || !gathered.length} onClick={() => void forward()}>
          Xuất gói tổng hợp gửi Trưởng
        </button>
      </div>
      {mailOffer}
      <Notice message={message} />
    </Section>
  );
}
