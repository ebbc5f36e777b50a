import { z } from 'zod';
import { optionalTextField, textField, xmlSafe } from '../fields/schemas';
import { dateField, isRealIsoDate } from './schemas';

/**
 * The year's plan (kế hoạch hoạt động của Khu vực/Cụm thi đua): its movements, phases, events and
 * the calendar of milestones. Plan record format 1: it travels in the kickoff bundle, so like every
 * record format it is frozen once released; a change that would refuse what this accepts makes a
 * new format beside it.
 */
export const PLAN_RECORD_FORMAT = 1;

const isoDate = (label: string) => z.string().refine(isRealIsoDate, `${label} không phải là một ngày có thật.`);
/** Stable keys inside one plan ("registration", "inspection-end"): ASCII, so they can name things in files. */
export const planKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Mã mục trong kế hoạch chỉ gồm chữ thường không dấu, số, "-" hoặc "_".');

/** Phong trào thi đua: thường xuyên, theo chuyên đề, theo đợt. */
export const movementKinds = ['thuong_xuyen', 'chuyen_de', 'theo_dot'] as const;
export const movementSchema = z
  .object({ kind: z.enum(movementKinds), name: textField('Tên phong trào thi đua', 500), description: optionalTextField('Nội dung phong trào', 4000) })
  .strict();

/** Đợt thi đua: "Đợt thi đua thứ nhất: từ đầu năm đến ngày 30/6". */
export const phaseSchema = z
  .object({ name: textField('Tên đợt thi đua', 200), from: isoDate('Ngày bắt đầu đợt'), to: isoDate('Ngày kết thúc đợt'), purpose: optionalTextField('Mục đích của đợt', 2000) })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'Đợt thi đua kết thúc trước khi bắt đầu.', path: ['to'] });

/**
 * Something that happens on a day which may not be known when the plan is made ("kết thúc kiểm
 * tra", "kết thúc Hội nghị tổng kết"). Relative deadlines count from it; until its date is set they
 * have none. `expected` is what the plan says meanwhile ("Tháng 09/2022").
 */
export const planEventSchema = z
  .object({ key: planKeySchema, title: textField('Tên sự kiện', 300), date: isoDate('Ngày diễn ra').nullable(), expected: optionalTextField('Thời gian dự kiến', 200) })
  .strict();

/**
 * When a milestone is due: by a date ("trước ngày 10/02/2022"), or a number of days after an
 * event ("chậm nhất 02 ngày sau khi kết thúc kiểm tra"), or a number of days before one ("trước
 * ít nhất 15 ngày").
 */
export const deadlineRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('date'), date: isoDate('Hạn') }).strict(),
  z
    .object({
      type: z.literal('after_event'),
      event: planKeySchema,
      days: z.number().int().min(0, 'Số ngày không được âm.').max(366, 'Số ngày quá lớn.'),
    })
    .strict(),
  z
    .object({
      type: z.literal('before_event'),
      event: planKeySchema,
      days: z.number().int().min(0, 'Số ngày không được âm.').max(366, 'Số ngày quá lớn.'),
    })
    .strict(),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** Who sends: a role in the group, or the inspection team (Đoàn kiểm tra). */
export const senderRoles = ['member', 'deputy', 'leader', 'inspection_team'] as const;
/** Who receives: a role in the group, or the Ministry (Vụ Thi đua - Khen thưởng, Bộ Tư pháp). */
export const receiverRoles = ['member', 'deputy', 'leader', 'ministry'] as const;

/**
 * What is sent. The kinds that travel as bundles carry their bundle kind's name; `document` is a
 * paper or e-mail exchange the app only tracks (the leader's report to the Ministry).
 */
export const deliverables = ['kickoff', 'plan_comments', 'registration', 'mid_year_report', 'inspection_report', 'year_end_report', 'self_assessment', 'dossier', 'consolidated', 'document'] as const;

/** Sections of the plan, in the order of seed 000's "II. NỘI DUNG". */
export const planSections = ['registration', 'kickoff', 'mid_year', 'inspection', 'year_end'] as const;

export const milestoneSchema = z
  .object({
    key: planKeySchema,
    section: z.enum(planSections),
    /** What the plan says is sent, as it reads in the plan ("Báo cáo đánh giá kết quả phong trào thi đua 06 tháng đầu năm 2022"). */
    title: textField('Nội dung phải gửi', 1000),
    deliverable: z.enum(deliverables),
    from: z.enum(senderRoles),
    to: z.array(z.enum(receiverRoles)).min(1, 'Hãy chọn nơi nhận.').max(4),
    /** For the deputy's step: which kind of member units it gathers (the seeds: the Cục THADS). */
    gathers: z.enum(['so_tu_phap', 'thads', 'don_vi_thuoc_bo', 'khac']).nullable(),
    deadline: deadlineRuleSchema,
    note: optionalTextField('Ghi chú', 2000),
  })
  .strict();
export type Milestone = z.infer<typeof milestoneSchema>;

export const planContentSchema = z
  .object({
    movements: z.array(movementSchema).max(50),
    phases: z.array(phaseSchema).max(12),
    events: z.array(planEventSchema).max(50),
    milestones: z.array(milestoneSchema).max(100),
    /** The plan's place and signer, printed at its head and foot. */
    document: z
      .object({
        number_symbol: optionalTextField('Số, ký hiệu', 60),
        place: optionalTextField('Địa danh', 60),
        date: dateField('Ngày ký').or(z.literal('')),
        signer_title: optionalTextField('Chức vụ người ký', 200),
        signer_name: optionalTextField('Họ tên người ký', 100),
        recipients: z.array(textField('Nơi nhận', 200)).max(30),
      })
      .strict(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const events = new Set<string>();
    plan.events.forEach((e, i) => {
      if (events.has(e.key)) ctx.addIssue({ code: 'custom', path: ['events', i, 'key'], message: `Sự kiện "${e.title}" bị khai báo hai lần.` });
      events.add(e.key);
    });
    const keys = new Set<string>();
    plan.milestones.forEach((m, i) => {
      if (keys.has(m.key)) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'key'], message: `Mốc "${m.title}" bị khai báo hai lần.` });
      keys.add(m.key);
      if (m.deadline.type !== 'date' && !events.has(m.deadline.event)) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'deadline'], message: `Hạn của mốc "${m.title}" tính theo một sự kiện không có trong kế hoạch.` });
      }
    });
  });
export type PlanContent = z.infer<typeof planContentSchema>;

const recordText = (label: string, max: number) => z.string().max(max, `${label} quá dài (tối đa ${max} ký tự).`).superRefine(xmlSafe(label));
const codeOf = (label: string) =>
  z
    .string()
    .min(2, `${label} phải có ít nhất 2 ký tự.`)
    .max(32, `${label} quá dài.`)
    .regex(/^[A-Z0-9._-]+$/, `${label} chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.`);
const groupRef = z.object({ code: codeOf('Mã Khu vực/Cụm thi đua'), year: z.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.') }).strict();

/**
 * Group record format 1, carried by the kickoff: the group-year, its members with their roles, and the
 * keys the leader has confirmed (its own included), which members pin on import.
 */
export const groupRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('group'),
    version: z.number().int().min(1),
    group: groupRef.extend({ name: recordText('Tên Khu vực/Cụm thi đua', 300).refine((s) => s.trim() !== '', 'Tên Khu vực/Cụm thi đua không được để trống.'), kind: z.enum(['khu_vuc', 'cum']) }).strict(),
    members: z
      .array(
        z
          .object({
            code: codeOf('Mã đơn vị'),
            name: recordText('Tên đơn vị', 200).refine((s) => s.trim() !== '', 'Tên đơn vị không được để trống.'),
            kind: z.enum(['so_tu_phap', 'thads', 'don_vi_thuoc_bo', 'khac']),
            province: recordText('Tỉnh/thành phố', 100),
            parent_name: recordText('Cơ quan chủ quản', 200),
            role: z.enum(['leader', 'deputy', 'member']),
            gathered_by_deputy: z.boolean(),
            /** Fingerprint of the key the leader confirmed for this unit (its own included), or null while not confirmed. */
            key_id: z.string().regex(/^[0-9a-f]{32}$/, 'Dấu vân tay khóa không hợp lệ.').nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict()
  .superRefine((r, ctx) => {
    const codes = new Set<string>();
    for (const m of r.members) {
      if (codes.has(m.code)) ctx.addIssue({ code: 'custom', path: ['members'], message: `Mã đơn vị ${m.code} có hai lần trong danh sách thành viên.` });
      codes.add(m.code);
    }
    if (r.members.filter((m) => m.role === 'leader').length !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: 'Khu vực/Cụm thi đua phải có đúng một Trưởng.' });
    if (r.members.filter((m) => m.role === 'deputy').length > 1) ctx.addIssue({ code: 'custom', path: ['members'], message: 'Khu vực/Cụm thi đua chỉ có một Phó Trưởng.' });
  });
export type GroupRecord = z.infer<typeof groupRecordV1Schema>;

/** Plan record format 1 (PLAN_RECORD_FORMAT): the plan as the kickoff carries it. */
export const planRecordV1Schema = z
  .object({ record_id: z.string().uuid(), type: z.literal('plan'), version: z.number().int().min(1), group: groupRef, plan: planContentSchema })
  .strict();
export type PlanRecord = z.infer<typeof planRecordV1Schema>;

/**
 * What the plan reader proposes from a plan received as a document (plan-reader.ts PlanReading): each
 * item with the sentence it came from and what could not be read, for the leader to accept, edit or
 * drop. Fields the sentence did not say are null.
 */
export const planReadingSchema = z.object({
  title: z.string(),
  year: z.number().nullable(),
  phases: z.array(z.object({ name: z.string(), from: z.string().nullable(), to: z.string().nullable(), purpose: z.string(), sentence: z.string(), problems: z.array(z.string()) })),
  events: z.array(z.object({ key: z.string(), title: z.string(), date: z.null(), expected: z.string(), sentence: z.string() })),
  milestones: z.array(
    z.object({
      key: z.string(),
      section: z.enum(planSections).nullable(),
      title: z.string(),
      deliverable: z.enum(deliverables),
      from: z.enum(senderRoles).nullable(),
      to: z.array(z.enum(receiverRoles)),
      gathers: z.enum(['so_tu_phap', 'thads', 'don_vi_thuoc_bo', 'khac']).nullable(),
      deadline: deadlineRuleSchema.nullable(),
      note: z.string(),
      sentence: z.string(),
      problems: z.array(z.string()),
    }),
  ),
  problems: z.array(z.string()),
});
export type PlanReadingView = z.infer<typeof planReadingSchema>;
