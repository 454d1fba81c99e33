ALTER TABLE `incident_milestones` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `incident_work` ADD `to_reporter` text;--> statement-breakpoint
CREATE INDEX `incident_work_assignee_incident_idx` ON `incident_work` (`assignee`,`incident_id`,`key`,`due_at`);