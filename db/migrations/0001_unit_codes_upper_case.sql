-- Unit and group codes are upper case from now on (a member typed "stp-hg" while its leader listed
-- "STP-HG"). Existing codes are upper-cased everywhere they are stored. Foreign keys are checked at
-- commit, once every reference has moved; a lower-case unit whose upper-case twin already exists
-- merges into the twin.
PRAGMA defer_foreign_keys = ON;--> statement-breakpoint
INSERT OR IGNORE INTO `units` (`code`, `name`, `kind`, `province`, `parent_name`, `updated_at`)
  SELECT upper(`code`), `name`, `kind`, `province`, `parent_name`, `updated_at` FROM `units` WHERE `code` <> upper(`code`);--> statement-breakpoint
UPDATE `own_unit` SET `unit_code` = upper(`unit_code`);--> statement-breakpoint
UPDATE `pinned_keys` SET `unit_code` = upper(`unit_code`);--> statement-breakpoint
UPDATE OR IGNORE `group_members` SET `unit_code` = upper(`unit_code`);--> statement-breakpoint
DELETE FROM `group_members` WHERE `unit_code` <> upper(`unit_code`);--> statement-breakpoint
UPDATE `registrations` SET `unit_code` = upper(`unit_code`), `group_code` = upper(`group_code`);--> statement-breakpoint
DELETE FROM `units` WHERE `code` <> upper(`code`);--> statement-breakpoint
UPDATE OR IGNORE `emulation_groups` SET `code` = upper(`code`);--> statement-breakpoint
UPDATE `sent_bundles` SET `group_code` = upper(`group_code`);--> statement-breakpoint
UPDATE `received_bundles` SET `sender_code` = upper(`sender_code`), `group_code` = upper(`group_code`);--> statement-breakpoint
UPDATE `quarantined_bundles` SET `sender_code` = upper(`sender_code`), `group_code` = upper(`group_code`);
