import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** Bundles this unit made and signed; `seq` grows with every one. */
export const sentBundles = sqliteTable('sent_bundles', {
  bundleId: text('bundle_id').primaryKey(),
  kind: text('kind').notNull(),
  groupCode: text('group_code').notNull(),
  year: integer('year').notNull(),
  seq: integer('seq').notNull().unique(),
  createdAt: text('created_at').notNull(),
  archivePath: text('archive_path').notNull(),
  /** The plan milestone (its key) the bundle answers, as its header states; null for a kind sent for no milestone. */
  milestone: text('milestone'),
});

/** Bundles accepted from other units; the signed original is kept in the archive. */
export const receivedBundles = sqliteTable(
  'received_bundles',
  {
    bundleId: text('bundle_id').primaryKey(),
    /** SHA-256 of the signed bundle.json: a bundle's identity, whatever file name it travelled under. */
    headerSha256: text('header_sha256').notNull(),
    senderCode: text('sender_code').notNull(),
    keyId: text('key_id').notNull(),
    kind: text('kind').notNull(),
    groupCode: text('group_code').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    receivedAt: text('received_at').notNull(),
    fileName: text('file_name').notNull(),
    archivePath: text('archive_path').notNull(),
    /**
     * A bundle that came inside another (a deputy's consolidated bundle): the forwarder's unit code,
     * the bundle that carried it, and when the forwarder received it, which is the date the sender
     * is credited with. Null for a bundle received directly.
     */
    forwardedBy: text('forwarded_by'),
    forwardedIn: text('forwarded_in'),
    submittedAt: text('submitted_at'),
    /** The plan milestone (its key) the sender says the bundle answers; null for bundles made before headers said it. */
    milestone: text('milestone'),
  },
  (t) => [index('received_bundles_sender').on(t.senderCode, t.groupCode, t.year)],
);

/** Valid bundles signed by a key nobody has confirmed yet, held until a person decides. */
export const quarantinedBundles = sqliteTable('quarantined_bundles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  bundleId: text('bundle_id').notNull(),
  headerSha256: text('header_sha256').notNull(),
  senderCode: text('sender_code').notNull(),
  senderName: text('sender_name').notNull(),
  keyId: text('key_id').notNull(),
  publicKey: text('public_key').notNull(),
  groupCode: text('group_code').notNull(),
  year: integer('year').notNull(),
  fileName: text('file_name').notNull(),
  storedPath: text('stored_path').notNull(),
  receivedAt: text('received_at').notNull(),
  decision: text('decision', { enum: ['pending', 'accepted', 'rejected'] }).notNull(),
  decidedAt: text('decided_at'),
});
