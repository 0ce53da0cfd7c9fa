-- Live events (GET /api/events): each new incident and each move through the workflow, written in the same
-- transaction as the change, kept a day so that a stream can resume from Last-Event-ID.
CREATE TABLE live_events (
  id            bigserial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  kind          text NOT NULL CHECK (kind IN ('incident.reported', 'incident.moved')),
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_events_created_idx ON live_events (created_at);
