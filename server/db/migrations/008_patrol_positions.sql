-- Live events also carry patrol positions: the GPS fixes a patrol in progress reports (GET /api/events,
-- `patrol.position`), written with the fixes in one transaction like the incident events.
ALTER TABLE live_events DROP CONSTRAINT IF EXISTS live_events_kind_check;
ALTER TABLE live_events ADD CONSTRAINT live_events_kind_check CHECK (kind IN ('incident.reported', 'incident.moved', 'patrol.position'));
