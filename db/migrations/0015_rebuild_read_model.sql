-- The read model is derived from each incident's snapshot. Rows written before the member of
-- staff's wording and the close's summary existed lack them: emptied here, start-up's backfill
-- writes every incident's rows afresh from its snapshot, as the paths project them now.
DELETE FROM `incident_facets`;--> statement-breakpoint
DELETE FROM `incident_work`;--> statement-breakpoint
DELETE FROM `incident_milestones`;
