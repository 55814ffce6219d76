-- The files a message shares (files.completeUploadExternal, files.upload): Slack's file objects as a JSON array, as
-- the files service made them and last updated them (processed, renamed, deleted: then a tombstone), so reading
-- history needs no lookup in the files service. NULL for a message without files.
ALTER TABLE message ADD COLUMN files MEDIUMTEXT NULL;
