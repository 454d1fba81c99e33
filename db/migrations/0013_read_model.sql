CREATE TABLE `incident_facets` (
	`incident_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`section` text,
	PRIMARY KEY(`incident_id`, `name`, `value`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_facets_name_value_idx` ON `incident_facets` (`name`,`value`);--> statement-breakpoint
CREATE TABLE `incident_milestones` (
	`incident_id` integer NOT NULL,
	`name` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`incident_id`, `name`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_milestones_name_at_idx` ON `incident_milestones` (`name`,`at`);--> statement-breakpoint
CREATE TABLE `incident_work` (
	`incident_id` integer NOT NULL,
	`key` text NOT NULL,
	`assignee` text NOT NULL,
	`description` text NOT NULL,
	`due_at` text,
	`section` text,
	PRIMARY KEY(`incident_id`, `key`, `assignee`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_work_assignee_due_idx` ON `incident_work` (`assignee`,`due_at`);