import { z } from 'zod';
import { dateField } from '../groups-calendar/schemas';
import { optionalTextField, textField } from '../fields/schemas';
import { formatDateVi, squashSpaces } from '../text/vietnamese';

/** Staff and registration as the domain states them; the contract and the bundle records reuse these. */

export const genderSchema = z.enum(['nam', 'nu'], { message: 'Giới tính phải là Nam hoặc Nữ.' });
export const birthYearSchema = z.number().int().min(1940, 'Năm sinh không hợp lệ.').max(2015, 'Năm sinh không hợp lệ.');

export const staffInputSchema = z.object({
  id: z.number().int().positive().optional(),
  /** Typed names keep one space between words: "Đỗ   Thị  Lan" is saved as "Đỗ Thị Lan". */
  fullName: textField('Họ và tên', 120).transform(squashSpaces),
  /** Set once the person confirmed that a namesake born the same year is someone else. */
  allowDuplicate: z.boolean().optional(),
  birthYear: birthYearSchema.nullable(),
  gender: genderSchema,
  position: optionalTextField('Chức vụ', 200).default(''),
  department: optionalTextField('Phòng/bộ phận', 200).default(''),
});
export type StaffInput = z.input<typeof staffInputSchema>;

/**
 * A registration is signed in its emulation year or the year before (registered early) or after
 * (signed late): a document year further away is a typing slip, in a form as in a signed record.
 */
export function documentYearProblem(isoDate: string, groupYear: number): string | null {
  const year = Number(isoDate.slice(0, 4));
  if (Math.abs(year - groupYear) <= 1) return null;
  return `Ngày ký ${formatDateVi(isoDate)} không hợp lệ: bản đăng ký năm ${groupYear} phải ký trong các năm ${groupYear - 1} đến ${groupYear + 1}.`;
}

export const commitmentKinds = ['key_task', 'project', 'other'] as const;
export const commitmentKindSchema = z.enum(commitmentKinds);

const NEEDS_KEY_TASK = 'Bản đăng ký phải có ít nhất một nhiệm vụ trọng tâm hoặc công trình, đề án.';

export const registrationInputSchema = z.object({
  groupId: z.number().int().positive(),
  numberSymbol: optionalTextField('Số, ký hiệu', 60),
  place: textField('Địa danh', 60),
  documentDate: dateField('Ngày ký'),
  signerAuthority: optionalTextField('Thẩm quyền ký', 60),
  signerTitle: textField('Chức vụ người ký', 100),
  signerName: textField('Họ tên người ký', 100),
  /** One "Nơi nhận" per line as typed; blank lines are dropped here. */
  recipients: z
    .array(optionalTextField('Nơi nhận', 200))
    .max(30, 'Nơi nhận tối đa 30 dòng.')
    .transform((lines) => lines.filter(Boolean)),
  collective: z.array(z.object({ titleCode: z.string(), note: optionalTextField('Ghi chú', 300).default('') })).max(30),
  individuals: z
    .array(z.object({ staffId: z.number().int().positive(), titleCode: z.string() }))
    .max(2000),
  commitments: z
    .array(z.object({ kind: commitmentKindSchema, content: textField('Nội dung cam kết', 2000) }))
    .min(1, NEEDS_KEY_TASK)
    .refine((items) => items.some((c) => c.kind !== 'other'), NEEDS_KEY_TASK),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

/** One version of a unit's registration as the history lists it (versions.ts). */
export const registrationVersionSchema = z.object({
  recordId: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'exported', 'received']),
  /** The highest version: the one that counts. */
  current: z.boolean(),
  /** When it was exported (own) or received (from the member), ISO; null for a draft. */
  at: z.string().nullable(),
  /** The bundle that carried it here; null for own versions. */
  bundleId: z.string().nullable(),
  /** The deputy that forwarded it in a consolidated bundle, or null when it came directly. */
  forwardedBy: z.string().nullable(),
  /** "Nhập thay ngày …: Theo Công văn …" when the leader or deputy typed it in from the member's paper. */
  onBehalf: z.string().nullable(),
});
export type RegistrationVersion = z.infer<typeof registrationVersionSchema>;

/** A field that differs between two versions, both sides as a person reads them (dates dd/mm/yyyy, title names). */
export const fieldChangeSchema = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** Rows of one list compared by a stable identity: added, removed, and kept with some fields changed. */
const rowDiffSchema = z.object({
  added: z.array(z.object({ label: z.string() })),
  removed: z.array(z.object({ label: z.string() })),
  changed: z.array(z.object({ label: z.string(), changes: z.array(fieldChangeSchema) })),
});

export const registrationDiffSchema = z.object({
  recordId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  collective: rowDiffSchema,
  individuals: rowDiffSchema,
  commitments: rowDiffSchema,
  document: z.array(fieldChangeSchema),
});
export type RegistrationDiff = z.infer<typeof registrationDiffSchema>;

/** The same form as the member's own registration, with the persons typed instead of picked from a staff list. */
export const onBehalfInputSchema = registrationInputSchema.omit({ individuals: true }).extend({
  unitCode: z.string().trim().min(1, 'Hãy chọn đơn vị được nhập thay.'),
  submittedAt: dateField('Ngày trên văn bản hoặc ngày nhận'),
  note: textField('Căn cứ nhập thay (công văn, tệp nhận được)', 300),
  individuals: z
    .array(
      z.object({
        fullName: textField('Họ và tên', 120).transform(squashSpaces),
        birthYear: birthYearSchema.nullable(),
        gender: genderSchema,
        position: optionalTextField('Chức vụ', 200).default(''),
        department: optionalTextField('Phòng/bộ phận', 200).default(''),
        titleCode: z.string(),
      }),
    )
    .max(2000),
});
export type OnBehalfInput = z.input<typeof onBehalfInputSchema>;

/** A submission entered on a member's behalf: by whom, when, from what, and the version it made. */
export const onBehalfEntrySchema = z.object({
  entryId: z.string(),
  unitCode: z.string(),
  recordId: z.string(),
  version: z.number().int(),
  submittedAt: z.string(),
  enteredBy: z.string(),
  enteredAt: z.string(),
  note: z.string(),
  attachmentName: z.string().nullable(),
});
export type OnBehalfEntry = z.infer<typeof onBehalfEntrySchema>;
