CREATE TABLE `own_unit` (
	`id` integer PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`key_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "own_unit_singleton" CHECK("own_unit"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `pinned_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`public_key` text,
	`source` text NOT NULL,
	`pinned_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`province` text NOT NULL,
	`parent_name` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `emulation_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`registration_deadline` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emulation_groups_code_year` ON `emulation_groups` (`code`,`year`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` integer NOT NULL,
	`unit_code` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`group_id`, `unit_code`),
	FOREIGN KEY (`group_id`) REFERENCES `emulation_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `registration_commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`record_id`,`version`) REFERENCES `registrations`(`record_id`,`version`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `registration_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`scope` text NOT NULL,
	`title_code` text NOT NULL,
	`staff_id` integer,
	`person_name` text,
	`birth_year` integer,
	`gender` text,
	`position` text,
	`department` text,
	`note` text DEFAULT '' NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`record_id`,`version`) REFERENCES `registrations`(`record_id`,`version`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `registrations` (
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`unit_code` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`number_symbol` text NOT NULL,
	`place` text NOT NULL,
	`document_date` text NOT NULL,
	`signer_authority` text NOT NULL,
	`signer_title` text NOT NULL,
	`signer_name` text NOT NULL,
	`recipients` text NOT NULL,
	`updated_at` text NOT NULL,
	`exported_at` text,
	`received_bundle_id` text,
	PRIMARY KEY(`record_id`, `version`),
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registrations_unit_group` ON `registrations` (`unit_code`,`group_code`,`year`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`birth_year` integer,
	`gender` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quarantined_bundles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bundle_id` text NOT NULL,
	`header_sha256` text NOT NULL,
	`sender_code` text NOT NULL,
	`sender_name` text NOT NULL,
	`key_id` text NOT NULL,
	`public_key` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`file_name` text NOT NULL,
	`stored_path` text NOT NULL,
	`received_at` text NOT NULL,
	`decision` text NOT NULL,
	`decided_at` text
);
--> statement-breakpoint
CREATE TABLE `received_bundles` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`header_sha256` text NOT NULL,
	`sender_code` text NOT NULL,
	`key_id` text NOT NULL,
	`kind` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`received_at` text NOT NULL,
	`file_name` text NOT NULL,
	`archive_path` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `received_bundles_sender` ON `received_bundles` (`sender_code`,`group_code`,`year`);--> statement-breakpoint
CREATE TABLE `sent_bundles` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`archive_path` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sent_bundles_seq_unique` ON `sent_bundles` (`seq`);