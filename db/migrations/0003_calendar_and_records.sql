CREATE TABLE `records` (
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`owner_code` text NOT NULL,
	`group_code` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`bundle_id` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`record_id`, `version`)
);
--> statement-breakpoint
CREATE INDEX `records_type_group` ON `records` (`type`,`group_code`,`year`);--> statement-breakpoint
ALTER TABLE `group_members` ADD `gathered_by_deputy` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The calendar owns deadlines now: a group's registration deadline becomes the registration milestone
-- of a plan record (format 1) owned by this installation's unit, before the column goes.
INSERT INTO `records` (`record_id`, `version`, `type`, `owner_code`, `group_code`, `year`, `status`, `content`, `bundle_id`, `updated_at`)
SELECT
  lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
  1, 'plan', (SELECT `unit_code` FROM `own_unit` WHERE `id` = 1), g.`code`, g.`year`, 'draft',
  json_object(
    'movements', json_array(), 'phases', json_array(), 'events', json_array(),
    'milestones', json_array(json_object(
      'key', 'registration', 'section', 'registration',
      'title', 'Đăng ký thi đua năm ' || g.`year`, 'deliverable', 'registration',
      'from', 'member', 'to', json_array('leader', 'deputy'), 'gathers', NULL,
      'deadline', json_object('type', 'date', 'date', g.`registration_deadline`), 'note', '')),
    'document', json_object('number_symbol', '', 'place', '', 'date', '', 'signer_title', '', 'signer_name', '', 'recipients', json_array())),
  NULL, g.`created_at`
FROM `emulation_groups` g
WHERE g.`registration_deadline` IS NOT NULL AND EXISTS (SELECT 1 FROM `own_unit`);--> statement-breakpoint
ALTER TABLE `emulation_groups` DROP COLUMN `registration_deadline`;