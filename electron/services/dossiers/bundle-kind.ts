import { BundleError } from '../bundles/format';
import type { BundleKind } from '../bundles/kinds';
import { receiveRecord } from '../records/store';
import { dossierRecordV1Schema, type DossierRecord } from './schemas';

/** Every file a dossier version cites: each part's generated document and its signed scans. */
export const filesOf = (d: Pick<DossierRecord, 'parts'>) => d.parts.flatMap((p) => [...(p.document ? [p.document] : []), ...p.scans]);

/**
 * A member's award dossiers of the year (hồ sơ đề nghị khen thưởng), every one in a single bundle
 * with its documents and scans, sent to the group's leader and deputy. The leader keeps each version
 * received; the deputy forwards it in its consolidated bundle like any other kind.
 */
export const dossierKind: BundleKind = {
  kind: 'dossier',
  label: 'hồ sơ đề nghị khen thưởng',
  from: ['member', 'deputy', 'leader'],
  to: ['leader', 'deputy'],
  // Bundle format 1 carries dossier record format 1 (DOSSIER_RECORD_FORMAT).
  recordTypes: [{ type: 'dossier', schema: dossierRecordV1Schema }],
  requires: ['dossier'],
  apply({ tx, header, now }, r) {
    const record = r.content as DossierRecord;
    if (record.unit.code !== header.sender.unit_code || record.group.code !== header.group.code || record.group.year !== header.year) {
      throw new BundleError('Hồ sơ đề nghị khen thưởng trong gói không cùng đơn vị gửi, Khu vực/Cụm hoặc năm với gói.');
    }
    // Format 1 lets a count through that no council can give; the leader's board would show it as reached.
    if (record.council && record.council.votes_for > record.council.total_members) {
      throw new BundleError(
        `Hồ sơ đề nghị khen thưởng của "${record.nominee.name}": Hội đồng Thi đua – Khen thưởng của đơn vị ghi ${record.council.votes_for} phiếu đồng ý, nhiều hơn ${record.council.total_members} thành viên của Hội đồng.`,
      );
    }
    // Every document and scan the dossier cites travels in the bundle, signed with it.
    const carried = new Set(header.files.filter((f) => f.path.startsWith('data/evidence/')).map((f) => f.sha256));
    const absent = filesOf(record).find((e) => !carried.has(e.sha256));
    if (absent) throw new BundleError(`Gói thiếu tệp "${absent.name}" mà hồ sơ đề nghị khen thưởng của "${record.nominee.name}" trích dẫn.`);
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, record, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Bản ghi ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
    return outcome;
  },
  summary: (added) => (added ? `đã nhận ${added} hồ sơ đề nghị khen thưởng (phiên bản mới) cùng tệp đính kèm` : 'không có phiên bản mới (đã có các bản này)'),
};
