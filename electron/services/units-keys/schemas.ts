import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { unitKindLabels, unitKinds } from './unit-kinds';

/** A unit and its key as the domain states them; forms and bundle records reuse these. */

/** Codes of units and groups are upper case wherever they come from: "stp-hg" typed is STP-HG listed. */
export const unitCodeSchema = z
  .string()
  .trim()
  .min(2, 'Mã đơn vị phải có ít nhất 2 ký tự.')
  .max(32, 'Mã đơn vị quá dài.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.')
  .transform((code) => code.toUpperCase());

/** Fingerprints are typed from a phone call: accept any spacing and case, keep 32 hex digits. */
export const fingerprintSchema = z
  .string()
  .transform((s) => s.replace(/[\s:-]/g, '').toLowerCase())
  .refine((s) => /^[0-9a-f]{32}$/.test(s), 'Dấu vân tay khóa phải gồm đúng 32 chữ số hệ mười sáu.');

export { unitKinds, unitKindLabels };
export const unitKindSchema = z.enum(unitKinds, { message: 'Loại đơn vị không hợp lệ.' });
export type UnitKind = z.infer<typeof unitKindSchema>;

export const unitSchema = z.object({
  code: unitCodeSchema,
  name: textField('Tên đơn vị', 200),
  kind: unitKindSchema,
  province: textField('Tỉnh/thành phố', 100),
  parentName: optionalTextField('Cơ quan chủ quản', 200).default(''),
});
export type Unit = z.infer<typeof unitSchema>;
