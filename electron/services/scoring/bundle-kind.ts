import { and, eq } from 'drizzle-orm';
import { schema } from '../../../db/client';
import { BundleError } from '../bundles/format';
import type { BundleKind } from '../bundles/kinds';
import { currentRecords, freeze, historyOf, receiveRecord, unfreeze } from '../records/store';
import { keepTotalsOnArrival } from './score-totals';
import { selfAssessmentRecordV1Schema, type SelfAssessmentRecord } from './self-assessment-schemas';
import { verificationRecordV1Schema, type VerificationRecord } from './verification-schemas';

/**
 * A member's self-assessment with its evidence, sent to the group's leader and deputy. Its receipt
 * carries the leader's verified scores once the verification is complete, so the member sees where
 * its score changed and why.
 */
export const selfAssessmentKind: BundleKind = {
  kind: 'self_assessment',
  label: 'tự chấm điểm thi đua',
  from: ['member', 'deputy', 'leader'],
  to: ['leader', 'deputy'],
  // Bundle format 1 carries self-assessment record format 1 (SELF_ASSESSMENT_RECORD_FORMAT).
  recordTypes: [{ type: 'self_assessment', schema: selfAssessmentRecordV1Schema }],
  requires: ['self_assessment'],
  apply({ tx, header, ownCode, now }, r) {
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
    if (outcome === 'added') keepTotalsOnArrival(tx, header.group.code, header.year, header.sender.unit_code, ownCode);
    return outcome;
  },
  answer: {
    recordTypes: [{ type: 'verification', schema: verificationRecordV1Schema }],
    records(tx, acknowledged, { ownCode, bundleId, now }) {
      const self = tx
        .select({ recordId: schema.records.recordId, version: schema.records.version })
        .from(schema.records)
        .where(and(eq(schema.records.bundleId, acknowledged.bundleId), eq(schema.records.type, 'self_assessment')))
        .get();
      // Only a finished verification of the very version acknowledged goes back.
      const v = self && currentRecords<VerificationRecord>(tx, 'verification', acknowledged.groupCode, acknowledged.year, ownCode).find(
        (x) => x.content.unit === acknowledged.senderCode && x.content.inspection === null && x.content.complete && x.content.self_assessment.version === self.version,
      );
      if (!v) return { records: [], undo: () => {} };
      const wasDraft = v.status === 'draft';
      if (wasDraft) freeze(tx, v.recordId, v.version, bundleId, now);
      return {
        records: [{ record_id: v.recordId, type: 'verification', version: v.version, content: v.content }],
        undo: (undoTx) => wasDraft && unfreeze(undoTx, v.recordId, v.version),
      };
    },
    apply({ tx, header, ownCode, now }, r) {
      const v = r.content as VerificationRecord;
      const leader = tx
        .select({ code: schema.groupMembers.unitCode })
        .from(schema.groupMembers)
        .innerJoin(schema.emulationGroups, eq(schema.emulationGroups.id, schema.groupMembers.groupId))
        .where(and(eq(schema.emulationGroups.code, header.group.code), eq(schema.emulationGroups.year, header.year), eq(schema.groupMembers.role, 'leader')))
        .get()?.code;
      if (header.sender.unit_code !== leader) throw new BundleError('Điểm thẩm định chỉ do Trưởng Khu vực/Cụm gửi.');
      const own = historyOf<SelfAssessmentRecord>(tx, v.self_assessment.record_id).find((x) => x.version === v.self_assessment.version && x.ownerCode === ownCode);
      if (v.unit !== ownCode || !own || v.group.code !== header.group.code || v.group.year !== header.year) {
        throw new BundleError('Điểm thẩm định trong biên nhận không phải của bảng tự chấm điểm do đơn vị này gửi.');
      }
      const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
      const outcome = receiveRecord(tx, key, r.version, v, header.bundle_id, now);
      if (outcome === 'conflict') throw new BundleError(`Bản ghi ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
      return outcome;
    },
  },
  summary: (added) => (added ? 'đã nhận bảng tự chấm điểm và minh chứng' : 'không có phiên bản mới (đã có bản này)'),
};
