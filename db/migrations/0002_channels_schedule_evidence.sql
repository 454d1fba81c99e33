CREATE TABLE `channel_pauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`incident_id` integer,
	`paused_by_id` integer,
	`paused_at` text NOT NULL,
	`reason` text NOT NULL,
	`resumed_at` text,
	`resumed_by_id` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paused_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resumed_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_pauses_one_open_unique` ON `channel_pauses` (`channel_id`) WHERE resumed_at is null;--> statement-breakpoint
CREATE INDEX `channel_pauses_incident_idx` ON `channel_pauses` (`incident_id`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`link` text NOT NULL,
	`owning_service` text NOT NULL,
	`admins` text NOT NULL,
	`password_changed_on` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_platform_handle_unique` ON `channels` (`platform`,`handle`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`original_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_path` text NOT NULL,
	`description` text,
	`uploaded_by_id` integer NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_files_incident_idx` ON `evidence_files` (`incident_id`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheduled_post_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`adapter` text NOT NULL,
	`body` text NOT NULL,
	`external_id` text,
	`published_at` text NOT NULL,
	FOREIGN KEY (`scheduled_post_id`) REFERENCES `scheduled_posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scheduled_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`body` text NOT NULL,
	`scheduled_for` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_by_id` integer NOT NULL,
	`held_by_pause_id` integer,
	`published_at` text,
	`updated_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`held_by_pause_id`) REFERENCES `channel_pauses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scheduled_posts_due_idx` ON `scheduled_posts` (`status`,`scheduled_for`);--> statement-breakpoint
CREATE INDEX `scheduled_posts_channel_idx` ON `scheduled_posts` (`channel_id`,`status`);