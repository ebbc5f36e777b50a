ALTER TABLE `received_bundles` ADD `forwarded_by` text;--> statement-breakpoint
ALTER TABLE `received_bundles` ADD `forwarded_in` text;--> statement-breakpoint
ALTER TABLE `received_bundles` ADD `submitted_at` text;