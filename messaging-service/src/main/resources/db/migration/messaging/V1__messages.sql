-- Keyspace 'chat', sharded by workspace_id. ts is the Slack ts in epoch microseconds, unique per channel.
CREATE TABLE message (
    workspace_id  VARCHAR(24) NOT NULL,
    channel_id    VARCHAR(24) NOT NULL,
    ts            BIGINT      NOT NULL,
    user_id       VARCHAR(24) NOT NULL,
    subtype       VARCHAR(32) NULL,
    text          MEDIUMTEXT  NOT NULL,
    client_msg_id VARCHAR(64) NULL,
    PRIMARY KEY (workspace_id, channel_id, ts)
);

CREATE INDEX message_client_msg ON message (workspace_id, channel_id, client_msg_id);
