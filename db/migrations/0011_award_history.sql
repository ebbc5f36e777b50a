CREATE TABLE `award_nominees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`division` text DEFAULT '' NOT NULL,
	`division_key` text DEFAULT '' NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`female` integer,
	`staff_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "award_nominees_named" CHECK("award_nominees"."name_key" <> '')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_nominees_key` ON `award_nominees` (`kind`,`name_key`,`division_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `award_nominees_one_unit` ON `award_nominees` (`kind`) WHERE "award_nominees"."kind" = 'unit';--> statement-breakpoint
CREATE TABLE `award_year_facts` (
	`nominee_id` integer NOT NULL,
	`year` integer NOT NULL,
	`facts` text NOT NULL,
	`source` text NOT NULL,
	`source_file` text,
	`source_rows` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`nominee_id`, `year`),
	FOREIGN KEY (`nominee_id`) REFERENCES `award_nominees`(`id`) ON UPDATE no action ON DELETE cascade
);
