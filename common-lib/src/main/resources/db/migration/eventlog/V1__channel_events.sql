-- The channel event outbox, written in the same transaction as each change (see ChannelEventOutbox).
-- Sharded by workspace_id like every table in keyspace 'chat'.

CREATE TABLE channel_sequence (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    seq          BIGINT      NOT NULL,
    last_ts      BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, channel_id)
);

CREATE TABLE channel_event (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    seq          BIGINT      NOT NULL,
    event_ts     BIGINT      NOT NULL,
    event_type   VARCHAR(64) NOT NULL,
    payload      MEDIUMTEXT  NOT NULL,
    routing      MEDIUMTEXT  NULL,
    published    BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, channel_id, seq)
);

CREATE INDEX channel_event_unpublished ON channel_event (published, event_ts);
