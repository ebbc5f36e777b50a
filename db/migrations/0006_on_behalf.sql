CREATE TABLE `on_behalf_entries` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`kind` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` text NOT NULL,
	`note` text NOT NULL,
	`attachment_name` text,
	`attachment_path` text,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `on_behalf_entries_unit` ON `on_behalf_entries` (`unit_code`,`group_code`,`year`);