import type { BundleKind } from '../bundles/kinds';
import { BundleError } from '../bundles/format';
import { applyRegistrationRecord } from './registration';
import { registrationRecordV1Schema, type RegistrationRecord } from './record';

/** A member's registration, sent to the group's leader and deputy (DESIGN.md §2). */
export const registrationKind: BundleKind = {
  kind: 'registration',
  label: 'đăng ký thi đua',
  from: ['member', 'deputy', 'leader'],
  to: ['leader', 'deputy'],
  // Bundle format 1 carries registration record format 1 (REGISTRATION_RECORD_FORMAT).
  recordTypes: [{ type: 'registration', schema: registrationRecordV1Schema }],
  apply({ tx, header, ownCode, now }, r) {
    const record = r.content as RegistrationRecord;
    if (record.unit.code.toUpperCase() !== header.sender.unit_code || record.group.code.toUpperCase() !== header.group.code || record.group.year !== header.year) {
      throw new BundleError('Bản đăng ký trong gói không cùng đơn vị gửi, Khu vực/Cụm hoặc năm với gói.');
    }
    return applyRegistrationRecord(tx, record, header.bundle_id, ownCode, now);
  },
  summary: (added) => (added ? `${added} bản đăng ký mới` : 'không có phiên bản mới (đã có bản này)'),
};
