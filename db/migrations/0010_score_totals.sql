CREATE TABLE `score_totals` (
	`self_record_id` text PRIMARY KEY NOT NULL,
	`self_version` integer NOT NULL,
	`verification_record_id` text NOT NULL,
	`verification_version` integer NOT NULL,
	`table_record_id` text NOT NULL,
	`table_version` integer NOT NULL,
	`unit_kind` text NOT NULL,
	`totals` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `score_totals_verification` ON `score_totals` (`verification_record_id`);--> statement-breakpoint
CREATE INDEX `score_totals_table` ON `score_totals` (`table_record_id`);--> statement-breakpoint
-- A kept total holds only while every record version it was computed from is unchanged: a draft is
-- edited in place, so a change of content (or a record going) drops the rows that name that version.
CREATE TRIGGER `score_totals_stale_on_change` AFTER UPDATE OF `content` ON `records` BEGIN
  DELETE FROM `score_totals` WHERE (`self_record_id` = old.`record_id` AND `self_version` = old.`version`)
    OR (`verification_record_id` = old.`record_id` AND `verification_version` = old.`version`)
    OR (`table_record_id` = old.`record_id` AND `table_version` = old.`version`);
END;
--> statement-breakpoint
CREATE TRIGGER `score_totals_stale_on_delete` AFTER DELETE ON `records` BEGIN
  DELETE FROM `score_totals` WHERE (`self_record_id` = old.`record_id` AND `self_version` = old.`version`)
    OR (`verification_record_id` = old.`record_id` AND `verification_version` = old.`version`)
    OR (`table_record_id` = old.`record_id` AND `table_version` = old.`version`);
END;
