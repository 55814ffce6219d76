-- The message (by its ts) an event is about, so deleting the message can redact its earlier events in place.
ALTER TABLE channel_event ADD COLUMN subject_ts BIGINT NULL;

CREATE INDEX channel_event_subject ON channel_event (workspace_id, channel_id, subject_ts);
