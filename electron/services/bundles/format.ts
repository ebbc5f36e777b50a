import { z } from 'zod';
import { unitCodeSchema } from '../units-keys/schemas';
import { xmlSafe } from '../fields/schemas';
import { planKeySchema } from '../groups-calendar/plan-schemas';

/** The `.tdkt` bundle: a BagIt-style ZIP (DESIGN.md §4). Everything a reader accepts is decided here. */

export const FORMAT = 'thidua-tuphap-bundle';
export const FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.tdkt';

export const TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'bundle.json', 'bundle.sig.json'] as const;
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** Limits a reader enforces from the ZIP's central directory, before decompressing anything. */
export const LIMITS = {
  bundleBytes: 8 * GiB,
  entries: 10_000,
  tagFileBytes: 4 * MiB,
  recordBytes: 4 * MiB,
  entryBytes: 4 * GiB,
  totalBytes: 8 * GiB,
  /** Above this size an entry, and all deflated entries together, must not expand more than `maxRatio` times: a zip bomb does. */
  ratioCheckFrom: 1 * MiB,
  maxRatio: 100,
  /** The central directory itself (10,000 entries with long names fit in a few MB). */
  centralDirectoryBytes: 16 * MiB,
};

const SAFE_NAME = '[A-Za-z0-9][A-Za-z0-9._-]{0,119}';
/** The only paths a bundle may hold under data/. */
export const DATA_PATHS = [
  new RegExp(`^data/records/${SAFE_NAME}\\.json$`),
  /^data\/evidence\/[0-9a-f]{64}\.[a-z0-9]{1,10}$/,
  new RegExp(`^data/documents/${SAFE_NAME}\\.docx$`),
  new RegExp(`^data/bundles/${SAFE_NAME}\\.tdkt$`),
];

export function recordPath(recordId: string, version: number): string {
  return `data/records/${recordId}.v${version}.json`;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const keyId = z.string().regex(/^[0-9a-f]{32}$/);

export const bundleHeaderSchema = z
  .object({
    format: z.literal(FORMAT),
    format_version: z.literal(FORMAT_VERSION),
    bundle_id: z.string().uuid(),
    // Which kinds exist is the registry's business (kinds.ts); the header only says which one it is.
    kind: z.string().regex(/^[a-z][a-z_]{0,39}$/),
    sender: z.object({ unit_code: unitCodeSchema, unit_name: z.string().min(1).max(200).superRefine(xmlSafe('Tên đơn vị gửi')), key_id: keyId }).strict(),
    // A kickoff goes to every member of a group: a region has about thirty.
    recipient: z.object({ unit_codes: z.array(unitCodeSchema).min(1).max(200) }).strict(),
    group: z.object({ code: unitCodeSchema, name: z.string().max(300).superRefine(xmlSafe('Tên Khu vực/Cụm thi đua')) }).strict(),
    year: z.number().int().min(2000).max(2100),
    seq: z.number().int().min(1),
    /**
     * The plan milestone (its key) the bundle answers, when the sender's plan has one for it: a unit
     * sends one kind for several milestones (the deputy's consolidated bundles, the phase reports).
     * Left out by bundles made before it existed, and by kinds that answer no milestone.
     */
    milestone: planKeySchema.optional(),
    created_at: z.string().datetime(),
    app_version: z.string().max(40),
    files: z
      .array(
        z
          .object({
            path: z.string().refine((p) => DATA_PATHS.some((re) => re.test(p))),
            sha256: sha256Hex,
            size: z.number().int().min(0),
            media_type: z.string().max(100),
          })
          .strict(),
      )
      .max(LIMITS.entries),
    records: z
      .array(
        z
          .object({ record_id: z.string().uuid(), type: z.string().max(40), version: z.number().int().min(1), content_sha256: sha256Hex })
          .strict(),
      )
      .max(LIMITS.entries),
  })
  .strict();
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

export const signatureFileSchema = z
  .object({
    signatures: z
      .array(
        z
          .object({
            algorithm: z.literal('ed25519'),
            key_id: keyId,
            public_key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
            signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
          })
          .strict(),
      )
      .min(1)
      .max(8),
  })
  .strict();
export type SignatureFile = z.infer<typeof signatureFileSchema>;

export function manifestText(files: BundleHeader['files']): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

export function bagInfoText(header: BundleHeader): string {
  const bytes = header.files.reduce((n, f) => n + f.size, 0);
  return [
    `Source-Organization: ${header.sender.unit_name}`,
    `Contact-Name: ${header.sender.unit_code}`,
    `Bagging-Date: ${header.created_at.slice(0, 10)}`,
    `External-Identifier: ${header.bundle_id}`,
    `Payload-Oxum: ${bytes}.${header.files.length}`,
    '',
  ].join('\n');
}

/** A reason a bundle is refused, worded for the person importing it. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    message: string,
    /** The file in the bundle whose content does not match the signed catalogue, when that is the reason. */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** A refusal caused by an error from a library or the system: the Vietnamese sentence first, the English detail behind it. */
export function bundleErrorFrom(sentence: string, cause: unknown): BundleError {
  if (cause instanceof BundleError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new BundleError(`${sentence} Chi tiết kỹ thuật: ${detail}`);
}
