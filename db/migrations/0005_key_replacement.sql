ALTER TABLE `pinned_keys` ADD `replaced_by` text;--> statement-breakpoint
ALTER TABLE `pinned_keys` ADD `replaced_at` text;