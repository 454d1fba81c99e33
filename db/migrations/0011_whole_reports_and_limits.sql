CREATE TABLE `recent_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recent_actions_person_idx` ON `recent_actions` (`person_id`,`action`,`at`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `submission_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_submission_key_unique` ON `incidents` (`reporter_id`,`submission_key`);