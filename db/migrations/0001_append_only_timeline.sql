-- The timeline is evidence: once written, an event is never changed or removed.
CREATE TRIGGER incident_events_no_update
BEFORE UPDATE ON incident_events
BEGIN
  SELECT RAISE(ABORT, 'incident_events is append-only: events cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER incident_events_no_delete
BEFORE DELETE ON incident_events
BEGIN
  SELECT RAISE(ABORT, 'incident_events is append-only: events cannot be deleted');
END;
