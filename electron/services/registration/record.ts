import { z } from 'zod';
import { catalogue } from '../catalogue/catalogue';
import { isRealIsoDate } from '../groups-calendar/schemas';
import { xmlSafe } from '../fields/schemas';
import { unitKindSchema } from '../units-keys/schemas';
import { commitmentKinds, documentYearProblem, genderSchema } from './schemas';

/**
 * Registration record format 1: the registration as it travels in a bundle,
 * data/records/<record_id>.v<version>.json. It meets the domain rules of the form that makes it (real
 * dates, years in range, printable text, known titles), but it is its own schema, frozen with the
 * format: a form may be tightened later, and a bundle already signed must still be read. A change
 * that would refuse a record this accepts makes a new record format beside this one.
 */
export const REGISTRATION_RECORD_FORMAT = 1;

const text = (label: string, max: number) => z.string().max(max, `${label} quá dài (tối đa ${max} ký tự).`).superRefine(xmlSafe(label));
const required = (label: string, max: number) => text(label, max).refine((s) => s.trim() !== '', `${label} không được để trống.`);
const unitCode = (label: string) =>
  z
    .string()
    .min(2, `${label} phải có ít nhất 2 ký tự.`)
    .max(32, `${label} quá dài.`)
    .regex(/^[A-Za-z0-9._-]+$/, `${label} chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.`);
const knownTitle = (scope: 'collective' | 'individual') =>
  z.string().refine((code) => catalogue.some((c) => c.code === code && c.scope === scope), {
    message: 'mã danh hiệu không có trong danh mục',
  });

export const registrationRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('registration'),
    version: z.number().int().min(1),
    unit: z
      .object({
        code: unitCode('Mã đơn vị'),
        name: required('Tên đơn vị', 200),
        kind: unitKindSchema,
        province: text('Tỉnh/thành phố', 100),
        parent_name: text('Cơ quan chủ quản', 200),
      })
      .strict(),
    group: z.object({ code: unitCode('Mã Khu vực/Cụm thi đua'), year: z.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.') }).strict(),
    document: z
      .object({
        number_symbol: text('Số, ký hiệu', 60),
        place: text('Địa danh', 60),
        date: z.string().refine(isRealIsoDate, 'Ngày ký không phải là một ngày có thật.'),
        signer_authority: text('Thẩm quyền ký', 60),
        signer_title: text('Chức vụ người ký', 100),
        signer_name: text('Họ tên người ký', 100),
        recipients: z.array(text('Nơi nhận', 200)).max(30),
      })
      .strict(),
    collective: z.array(z.object({ title_code: knownTitle('collective'), note: text('Ghi chú', 300) }).strict()).max(30),
    individuals: z
      .array(
        z
          .object({
            full_name: required('Họ và tên', 120),
            birth_year: z.number().int().min(1940, 'Năm sinh không hợp lệ.').max(2015, 'Năm sinh không hợp lệ.').nullable(),
            gender: genderSchema,
            position: text('Chức vụ', 200),
            department: text('Phòng/bộ phận', 200),
            title_code: knownTitle('individual'),
          })
          .strict(),
      )
      .max(2000),
    commitments: z.array(z.object({ kind: z.enum(commitmentKinds), content: required('Nội dung cam kết', 2000) }).strict()).min(1).max(100),
  })
  .strict()
  .superRefine((r, ctx) => {
    const problem = isRealIsoDate(r.document.date) ? documentYearProblem(r.document.date, r.group.year) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['document', 'date'], message: problem });
  });

export type RegistrationRecord = z.infer<typeof registrationRecordV1Schema>;
