import type { Document } from 'docx';
import type { OwnUnit } from '../../ipc/contract';
import { formatDateVi } from '../text/vietnamese';
import { bodyText, dataTable, officialDocument } from './layout';

/** THẺ KHÓA KÝ SỐ: what the leader compares, by phone or on paper, before pinning a unit's key. */
export function keyCardDocument(unit: OwnUnit, createdAt: string, today: string, replaces: string[] = []): Document {
  // A replacement key says so, and names the old key, so the receiver knows to stop trusting it.
  const replacing = replaces.length
    ? ` Khóa này thay thế khóa cũ (dấu vân tay ${replaces.join('; ')}); từ nay các gói mới ký bằng khóa cũ không còn giá trị.`
    : '';
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: '      /TB', place: unit.province, date: today },
    title: 'THẺ KHÓA KÝ SỐ',
    subtitle: `của ${unit.name}`,
    body: [
      bodyText(
        `${unit.name} thông báo dấu vân tay khóa ký số dùng để ký các gói hồ sơ thi đua, khen thưởng gửi Trưởng, Phó Trưởng Khu vực/Cụm thi đua. Đơn vị nhận chỉ ghim khóa khi dấu vân tay trùng khớp với thẻ này.${replacing}`,
      ),
      dataTable(
        [
          { title: 'Nội dung', weight: 30 },
          { title: 'Thông tin', weight: 70 },
        ],
        [
          ['Đơn vị', unit.name],
          ['Mã đơn vị', unit.code],
          ['Dấu vân tay khóa ký', unit.fingerprint],
          ['Đọc là', unit.fingerprintWords.split(' / ').join('\n')],
          ['Ngày tạo khóa', formatDateVi(createdAt)],
          ...(replaces.length ? [['Thay thế khóa cũ', replaces.join('\n')]] : []),
        ],
      ),
    ],
    signature: { recipients: ['Trưởng, Phó Trưởng Khu vực/Cụm thi đua', 'Lưu: VT'], authority: '', title: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
    description: 'Thẻ khóa ký số',
  });
}
