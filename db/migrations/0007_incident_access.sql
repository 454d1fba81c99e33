CREATE TABLE `incident_access` (
	`grantee` text NOT NULL,
	`incident_id` integer NOT NULL,
	PRIMARY KEY(`grantee`, `incident_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_access_incident_idx` ON `incident_access` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incidents_list_idx` ON `incidents` (`created_at`,`id`,`reporter_id`,`kind`,`state`,`updated_at`,`reference`);