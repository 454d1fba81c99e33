ALTER TABLE `sign_in_attempts` ADD `client` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `sign_in_attempts_client_at_idx` ON `sign_in_attempts` (`client`,`at`);