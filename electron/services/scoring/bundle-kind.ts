import { BundleError } from '../bundles/format';
import type { BundleKind } from '../bundles/kinds';
import { receiveRecord } from '../records/store';
import { selfAssessmentRecordV1Schema, type SelfAssessmentRecord } from './self-assessment-schemas';

/** A member's self-assessment with its evidence, sent to the group's leader and deputy. */
export const selfAssessmentKind: BundleKind = {
  kind: 'self_assessment',
  label: 'tự chấm điểm thi đua',
  from: ['member', 'deputy', 'leader'],
  to: ['leader', 'deputy'],
  // Bundle format 1 carries self-assessment record format 1 (SELF_ASSESSMENT_RECORD_FORMAT).
  recordTypes: [{ type: 'self_assessment', schema: selfAssessmentRecordV1Schema }],
  requires: ['self_assessment'],
  apply({ tx, header, now }, r) {
    const record = r.content as SelfAssessmentRecord;
    if (record.unit.code !== header.sender.unit_code || record.group.code !== header.group.code || record.group.year !== header.year) {
      throw new BundleError('Bảng tự chấm điểm trong gói không cùng đơn vị gửi, Khu vực/Cụm hoặc năm với gói.');
    }
    // Every evidence file the record cites travels in the bundle, signed with it.
    const carried = new Set(header.files.filter((f) => f.path.startsWith('data/evidence/')).map((f) => f.sha256));
    const cited = [...record.items.flatMap((i) => i.evidence), ...(record.confirmation ? [record.confirmation] : [])];
    const absent = cited.find((e) => !carried.has(e.sha256));
    if (absent) throw new BundleError(`Gói thiếu tệp minh chứng "${absent.name}" mà bảng tự chấm điểm trích dẫn.`);
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, record, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Bản ghi ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
    return outcome;
  },
  summary: (added) => (added ? 'đã nhận bảng tự chấm điểm và minh chứng' : 'không có phiên bản mới (đã có bản này)'),
};
