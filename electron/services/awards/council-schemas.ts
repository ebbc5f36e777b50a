import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { foldVi } from '../text/vietnamese';
import { unitCodeSchema } from '../units-keys/schemas';
import { nomineeKindSchema } from './history-schemas';

/**
 * The unit's council meeting (họp Hội đồng Thi đua – Khen thưởng) as the records store keeps it: who
 * sits on the council and how each took part, the quorum, the thresholds the unit set where the
 * catalogue's is unverified or missing, and the yes votes per nominee and award. Council meeting
 * record format 1: frozen once released; a change that would refuse what this accepts makes a new
 * format beside it.
 */
export const COUNCIL_MEETING_RECORD_FORMAT = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày họp không hợp lệ (cần dạng năm-tháng-ngày).');
const clockTime = (label: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} không hợp lệ (cần dạng giờ:phút, ví dụ 08:30).`);
const awardCode = z.string().regex(/^[A-Z0-9_]+$/, 'Mã danh hiệu không hợp lệ.');
/** A percentage as written on the council's rules, to two decimals (66,67 %). */
const percent = z
  .number({ error: 'Tỷ lệ phải là một số.' })
  .gt(0, 'Tỷ lệ phải lớn hơn 0 %.')
  .max(100, 'Tỷ lệ không được quá 100 %.')
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, 'Tỷ lệ chỉ ghi tối đa hai chữ số thập phân.');

/** Present at the meeting, absent with a written vote (counted), or absent without one. */
export const councilAttendanceSchema = z.enum(['present', 'in_writing', 'absent'], { message: 'Tình trạng tham dự không hợp lệ.' });
export type CouncilAttendance = z.infer<typeof councilAttendanceSchema>;
export const councilAttendanceLabels: Record<CouncilAttendance, string> = {
  present: 'Có mặt',
  in_writing: 'Vắng, có phiếu gửi bằng văn bản',
  absent: 'Vắng, không có phiếu',
};

export const councilMemberSchema = z
  .object({
    name: textField('Họ tên thành viên Hội đồng', 200),
    /** Chức vụ at the unit: "Giám đốc Sở", "Chánh Văn phòng". */
    position: optionalTextField('Chức vụ', 200),
    /** On the council: "Chủ tịch Hội đồng", "Phó Chủ tịch", "Ủy viên", "Ủy viên thư ký". */
    role: textField('Vai trò trong Hội đồng', 100),
    attendance: councilAttendanceSchema,
  })
  .strict();
export type CouncilMemberRecord = z.infer<typeof councilMemberSchema>;

export const councilPersonSchema = z.object({ name: textField('Họ tên', 200), position: optionalTextField('Chức vụ', 200) }).strict();

/** The quorum as a fraction of the total membership (2/3; 80 % is 4/5): the council's own rules say which. */
export const quorumSchema = z
  .object({
    numerator: z.number().int('Tỷ lệ tối thiểu có mặt phải là phân số nguyên.').min(1, 'Tỷ lệ tối thiểu có mặt phải lớn hơn 0.'),
    denominator: z.number().int('Tỷ lệ tối thiểu có mặt phải là phân số nguyên.').min(1, 'Tỷ lệ tối thiểu có mặt phải lớn hơn 0.').max(10_000),
  })
  .strict()
  .refine((q) => q.numerator <= q.denominator, 'Tỷ lệ tối thiểu có mặt không được quá toàn bộ thành viên.');

/** The threshold the unit applies to an award whose catalogue rule is unverified or missing. */
export const councilThresholdSchema = z.object({ award_code: awardCode, percent }).strict();

export const councilNomineeSchema = z
  .object({
    kind: nomineeKindSchema,
    name: textField('Tên tập thể, cá nhân được biểu quyết', 200),
    /** A person's division; '' for the unit and a division. */
    division: optionalTextField('Phòng, bộ phận', 200),
    position: optionalTextField('Chức vụ', 200),
  })
  .strict();
export type CouncilNominee = z.infer<typeof councilNomineeSchema>;

export const councilNominationSchema = z
  .object({
    nominee: councilNomineeSchema,
    award_code: awardCode,
    /** Yes votes, present and written together. */
    votes_for: z.number({ error: 'Số phiếu đồng ý phải là một số.' }).int('Số phiếu đồng ý phải là số nguyên.').min(0, 'Số phiếu đồng ý không được âm.'),
  })
  .strict();
export type CouncilNomination = z.infer<typeof councilNominationSchema>;

/** The same person or collective: kind, name and (for a person) division, without diacritics or case. */
export const nomineeKey = (n: { kind: string; name: string; division: string }): string => `${n.kind}|${foldVi(n.name)}|${n.kind === 'person' ? foldVi(n.division) : ''}`;

export const councilMeetingRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('council_meeting'),
    version: z.number().int().min(1),
    group: z.object({ code: unitCodeSchema, year: z.number().int().min(2000).max(2100) }).strict(),
    unit: z.object({ code: unitCodeSchema, name: textField('Tên đơn vị', 200) }).strict(),
    /** "Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Tuyên Quang". */
    council_name: textField('Tên Hội đồng', 300),
    date: isoDate,
    start_time: clockTime('Giờ bắt đầu'),
    end_time: clockTime('Giờ kết thúc'),
    place: textField('Địa điểm họp', 300),
    chair: councilPersonSchema,
    secretary: councilPersonSchema,
    members: z.array(councilMemberSchema).min(1, 'Hội đồng chưa có thành viên nào.').max(100, 'Hội đồng có tối đa 100 thành viên.'),
    quorum: quorumSchema,
    /** "bỏ phiếu kín". */
    method: textField('Hình thức biểu quyết', 200),
    /** What the meeting did before the vote, a paragraph per line. */
    content: optionalTextField('Nội dung cuộc họp', 10_000),
    /** Applied to an award the catalogue gives no council vote rule, unless `thresholds` names it. */
    default_threshold_percent: percent.nullable(),
    thresholds: z.array(councilThresholdSchema).max(100),
    nominations: z.array(councilNominationSchema).max(500, 'Mỗi cuộc họp biểu quyết tối đa 500 trường hợp.'),
  })
  .strict()
  .superRefine((r, ctx) => {
    const members = new Set<string>();
    r.members.forEach((m, i) => {
      if (members.has(foldVi(m.name))) ctx.addIssue({ code: 'custom', path: ['members', i, 'name'], message: `Thành viên «${m.name}» được ghi hai lần.` });
      members.add(foldVi(m.name));
    });
    const thresholds = new Set<string>();
    r.thresholds.forEach((t, i) => {
      if (thresholds.has(t.award_code)) ctx.addIssue({ code: 'custom', path: ['thresholds', i], message: `Tỷ lệ biểu quyết của mã ${t.award_code} được ghi hai lần.` });
      thresholds.add(t.award_code);
    });
    const nominations = new Set<string>();
    r.nominations.forEach((n, i) => {
      const k = `${nomineeKey(n.nominee)}|${n.award_code}`;
      if (nominations.has(k)) ctx.addIssue({ code: 'custom', path: ['nominations', i], message: `«${n.nominee.name}» được biểu quyết cùng một danh hiệu (${n.award_code}) hai lần.` });
      nominations.add(k);
    });
  });
export type CouncilMeetingRecord = z.infer<typeof councilMeetingRecordV1Schema>;

/** What the screen sends: the meeting as typed, each nomination by its nominee's id in the history register. */
export const councilMeetingInputSchema = z
  .object({
    council_name: textField('Tên Hội đồng', 300),
    date: isoDate,
    start_time: clockTime('Giờ bắt đầu'),
    end_time: clockTime('Giờ kết thúc'),
    place: textField('Địa điểm họp', 300),
    chair: councilPersonSchema,
    secretary: councilPersonSchema,
    members: z.array(councilMemberSchema).max(100, 'Hội đồng có tối đa 100 thành viên.'),
    quorum: quorumSchema,
    method: textField('Hình thức biểu quyết', 200),
    content: optionalTextField('Nội dung cuộc họp', 10_000),
    default_threshold_percent: percent.nullable(),
    thresholds: z.array(councilThresholdSchema).max(100),
    nominations: z
      .array(z.object({ nomineeId: z.number().int().positive(), award_code: awardCode, votes_for: councilNominationSchema.shape.votes_for }).strict())
      .max(500, 'Mỗi cuộc họp biểu quyết tối đa 500 trường hợp.'),
  })
  .strict();
export type CouncilMeetingInput = z.infer<typeof councilMeetingInputSchema>;

/** An award the council may vote on, with the threshold that applies and where it comes from. */
export const councilAwardSchema = z.object({
  code: z.string(),
  name: z.string(),
  scope: z.enum(['collective', 'individual']),
  /** The catalogue's threshold on the total membership; null where the catalogue has no council vote rule. */
  cataloguePercent: z.number().nullable(),
  /** The percent applied: the catalogue's, or the unit's where it may set one; null while unset. */
  percent: z.number().nullable(),
  /** The unit may set it: the rule is unverified or missing. */
  settable: z.boolean(),
  verified: z.boolean(),
  /** "chưa xác minh" beside an unverified or missing rule; '' otherwise. */
  verifiedLabel: z.string(),
  /** "Nghị định 98/2023/NĐ-CP", or what the unit's value rests on. */
  source: z.string(),
  note: z.string().nullable(),
});
export type CouncilAward = z.infer<typeof councilAwardSchema>;

export const councilResultSchema = z.object({
  nomineeId: z.number().nullable(),
  nominee: councilNomineeSchema,
  award_code: z.string(),
  awardName: z.string(),
  votes_for: z.number(),
  /** "70 %": share of the total membership, for reading. */
  shareText: z.string(),
  thresholdText: z.string(),
  needed: z.number(),
  reached: z.boolean(),
  verifiedLabel: z.string(),
  source: z.string(),
  /** The sentence the minutes print. */
  text: z.string(),
});
export type CouncilResult = z.infer<typeof councilResultSchema>;

export const councilViewSchema = z.object({
  year: z.number(),
  /** The date whose catalogue rules apply: the meeting's, or the year's last day before it is set. */
  ruleDate: z.string(),
  edition: z.string(),
  status: z.enum(['new', 'draft', 'frozen']),
  recordId: z.string().nullable(),
  version: z.number(),
  /** The meeting as the form shows it: blank fields while new. */
  meeting: z.object({
    council_name: z.string(),
    date: z.string(),
    start_time: z.string(),
    end_time: z.string(),
    place: z.string(),
    chair: z.object({ name: z.string(), position: z.string() }),
    secretary: z.object({ name: z.string(), position: z.string() }),
    members: z.array(z.object({ name: z.string(), position: z.string(), role: z.string(), attendance: councilAttendanceSchema })),
    quorum: z.object({ numerator: z.number(), denominator: z.number() }),
    method: z.string(),
    content: z.string(),
    default_threshold_percent: z.number().nullable(),
    thresholds: z.array(z.object({ award_code: z.string(), percent: z.number() })),
    nominations: z.array(z.object({ nomineeId: z.number(), award_code: z.string(), votes_for: z.number() })),
  }),
  tally: z.object({
    total: z.number(),
    present: z.number(),
    inWriting: z.number(),
    voting: z.number(),
    quorumText: z.string(),
    quorumNeeded: z.number(),
    quorumMet: z.boolean(),
  }),
  results: z.array(councilResultSchema),
  awards: z.array(councilAwardSchema),
  nominees: z.array(z.object({ id: z.number(), kind: nomineeKindSchema, name: z.string(), division: z.string(), position: z.string() })),
});
export type CouncilView = z.infer<typeof councilViewSchema>;
