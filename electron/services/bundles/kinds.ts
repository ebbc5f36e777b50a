import type { z } from 'zod';
import type { Tx } from '../../../db/client';
import type { Role } from '../groups-calendar/schemas';
import type { BundleHeader } from './format';
import type { BundleRecordInput } from './writer';

/**
 * The bundle engine knows no kind by name (DESIGN.md §4): each capability describes its kinds here —
 * the record types they carry with their versioned domain schemas, who may send them to whom, and
 * how their records apply in the import transaction — and the reader, the admission checks and the
 * importer work from that description alone.
 */

export interface RecordType {
  type: string;
  /** The record format as it travels (data/records/<id>.v<n>.json), frozen once released. */
  schema: z.ZodType;
}

/** What a record's application reports: see ReceiveOutcome in records/store.ts. */
export type ApplyOutcome = 'added' | 'same' | 'stale';

export interface ApplyContext {
  tx: Tx;
  header: BundleHeader;
  ownCode: string;
  /** The moment of the import, from the workspace's clock. */
  now: string;
}

export interface ReceivedRecord {
  record_id: string;
  version: number;
  type: string;
  content: unknown;
}

/** A bundle carried inside another under data/bundles/, as the carrying bundle's records declare it. */
export interface ForwardedBundle {
  /** Where it sits in the carrying bundle: data/bundles/<name>.tdkt. */
  path: string;
  bundleId: string;
  senderCode: string;
  /** SHA-256 of its signed bundle.json. */
  headerSha256: string;
  /** When the forwarder received it: the date its sender is credited with. */
  receivedAt: string;
}

export interface BundleKind {
  kind: string;
  /** What a person calls it, after "gói": "đăng ký thi đua", "biên nhận". */
  label: string;
  /** Roles in the group that may send it, and roles that may receive it; 'any' for a receipt, which goes back to whoever sent. */
  from: readonly Role[] | 'any';
  to: readonly Role[] | 'any';
  /**
   * The kickoff brings the group itself: it is admitted before the group exists here, and its
   * records must show the sender as the group's leader and this unit as a member.
   */
  definesGroup?: boolean;
  /** A receipt is not itself acknowledged with a receipt. */
  unacknowledged?: boolean;
  recordTypes: readonly RecordType[];
  /** Record types a bundle of this kind must carry at least once. */
  requires?: readonly string[];
  /**
   * A kind that forwards other units' original bundles under data/bundles/ (the deputy's consolidated
   * bundle) says, from one of its records, which bundles it carries. The importer then admits each
   * as if its sender had sent it directly, against that sender's own pinned key, and applies it in
   * the same transaction. A kind without it may carry no bundle.
   */
  forwards?(record: ReceivedRecord): ForwardedBundle[];
  /**
   * What the receiver adds to the receipt of a bundle of this kind once it has more to say than
   * "received" (the leader's verified scores, back in the receipt of a member's self-assessment).
   */
  answer?: ReceiptAnswer;
  /** The receipt: it carries, besides its own records, every kind's answer records, applied by that kind. */
  carriesAnswers?: boolean;
  /** Applies one validated record inside the import transaction; throws a BundleError to refuse the whole bundle. */
  apply(ctx: ApplyContext, record: ReceivedRecord): ApplyOutcome;
  /** The sentence after "Đã nhận gói … của …:", from the count of records added. */
  summary(added: number): string;
}

/** A bundle being acknowledged, as the receiver holds it. */
export interface AcknowledgedBundle {
  bundleId: string;
  senderCode: string;
  groupCode: string;
  year: number;
}

export interface ReceiptAnswer {
  recordTypes: readonly RecordType[];
  /**
   * Runs in the transaction that reserves the receipt's number: the records to add (frozen as sent),
   * and how to put them back if the receipt cannot be written.
   */
  records(tx: Tx, acknowledged: AcknowledgedBundle, ctx: { ownCode: string; bundleId: string; now: string }): { records: BundleRecordInput[]; undo(tx: Tx): void };
  apply(ctx: ApplyContext, record: ReceivedRecord): ApplyOutcome;
}

/** Every kind this installation reads, assembled once: a kind or record type declared twice is a programming error. */
export class BundleKindRegistry {
  private readonly kinds = new Map<string, BundleKind>();
  private readonly schemas = new Map<string, z.ZodType>();
  /** Answer record types, with the kind whose answer they are. */
  private readonly answers = new Map<string, { kind: BundleKind; schema: z.ZodType }>();

  constructor(kinds: readonly BundleKind[]) {
    const declare = (r: RecordType) => {
      if (this.schemas.has(r.type) && this.schemas.get(r.type) !== r.schema) throw new Error(`Record type "${r.type}" has two schemas.`);
      this.schemas.set(r.type, r.schema);
    };
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`Bundle kind "${k.kind}" is registered twice.`);
      this.kinds.set(k.kind, k);
      k.recordTypes.forEach(declare);
      for (const r of k.answer?.recordTypes ?? []) {
        declare(r);
        this.answers.set(r.type, { kind: k, schema: r.schema });
      }
    }
  }

  /** Looked up as an own key: a kind named "constructor" in a file finds nothing. */
  kind(name: string): BundleKind | undefined {
    return this.kinds.get(name);
  }

  carries(kind: BundleKind, type: string): z.ZodType | undefined {
    return kind.recordTypes.find((r) => r.type === type)?.schema ?? (kind.carriesAnswers ? this.answers.get(type)?.schema : undefined);
  }

  /** Applies a record the kind carries: its own, or an answer record by the kind that answers with it. */
  apply(kind: BundleKind, ctx: ApplyContext, record: ReceivedRecord): ApplyOutcome {
    if (kind.recordTypes.some((r) => r.type === record.type)) return kind.apply(ctx, record);
    return this.answers.get(record.type)!.kind.answer!.apply(ctx, record);
  }
}
