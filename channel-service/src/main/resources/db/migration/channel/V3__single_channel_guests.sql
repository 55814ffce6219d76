-- Keyspace 'chat', sharded by workspace_id.
-- The one channel a single-channel guest is in: the primary key keeps it to one however invitations race.
CREATE TABLE single_channel_guest (
    workspace_id VARCHAR(24) NOT NULL,
    user_id      VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
