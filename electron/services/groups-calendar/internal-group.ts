import { UserError } from '../errors';
import { squashSpaces } from '../text/vietnamese';
import type { Unit } from '../units-keys/schemas';

/**
 * A Sở's internal group (Cụm thi đua nội bộ, kind 'noi_bo'): the Sở leads it, its divisions (phòng
 * thuộc Sở) and attached units are the members. A division is a unit of kind 'khac' whose code is the
 * Sở's with a suffix (STP-TQ.VP): it has no app and no key, so what it sends is entered on its behalf.
 */
export function divisionOf(parent: Pick<Unit, 'code' | 'name' | 'province'>, suffix: string, name: string): Unit {
  const tail = suffix.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{1,12}$/.test(tail)) {
    throw new UserError(`Ký hiệu phòng "${suffix}" không hợp lệ: chỉ gồm chữ không dấu, chữ số, gạch ngang, tối đa 12 ký tự (ví dụ VP, HCTP).`);
  }
  const code = `${parent.code}.${tail}`;
  if (code.length > 32) throw new UserError(`Mã ${code} quá dài: mã đơn vị tối đa 32 ký tự.`);
  const clean = squashSpaces(name.trim());
  if (!clean) throw new UserError('Tên phòng/đơn vị thuộc Sở không được để trống.');
  return { code, name: clean, kind: 'khac', province: parent.province, parentName: parent.name };
}
