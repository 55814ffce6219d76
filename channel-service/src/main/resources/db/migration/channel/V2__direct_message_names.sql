-- A group DM's name (mpdm-<members>-1) moves to a column of its own, outside the unique index on channel names, so
-- no channel name can collide with it: a channel of that name can neither break the group DM nor learn it exists.
-- It is wider than a channel name, as nine members' ids make a longer name.
ALTER TABLE channel ADD COLUMN dm_name VARCHAR(255) NULL;

-- Once, across every shard on Vitess.
UPDATE /* scatter: group DM names move once */ channel SET dm_name = name, name = NULL WHERE channel_type IN ('im', 'mpim');
