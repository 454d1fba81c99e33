-- Custody is evidence too: once written, a custody event is never changed or removed.
CREATE TRIGGER custody_events_no_update
BEFORE UPDATE ON custody_events
BEGIN
  SELECT RAISE(ABORT, 'custody_events is append-only: events cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER custody_events_no_delete
BEFORE DELETE ON custody_events
BEGIN
  SELECT RAISE(ABORT, 'custody_events is append-only: events cannot be deleted');
END;
