ALTER TABLE `received_bundles` ADD `milestone` text;--> statement-breakpoint
ALTER TABLE `sent_bundles` ADD `milestone` text;