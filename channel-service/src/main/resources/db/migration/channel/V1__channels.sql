-- Keyspace 'chat', sharded by workspace_id.
CREATE TABLE channel (
    workspace_id     VARCHAR(24)  NOT NULL,
    channel_id       VARCHAR(24)  NOT NULL,
    name             VARCHAR(80)  NULL,
    channel_type     VARCHAR(8)   NOT NULL,
    creator          VARCHAR(24)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    is_archived      BOOLEAN      NOT NULL DEFAULT FALSE,
    topic            VARCHAR(250) NOT NULL DEFAULT '',
    topic_creator    VARCHAR(24)  NOT NULL DEFAULT '',
    topic_last_set   BIGINT       NOT NULL DEFAULT 0,
    purpose          VARCHAR(250) NOT NULL DEFAULT '',
    purpose_creator  VARCHAR(24)  NOT NULL DEFAULT '',
    purpose_last_set BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, channel_id)
);

CREATE UNIQUE INDEX channel_name ON channel (workspace_id, name);

CREATE TABLE channel_member (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    user_id      VARCHAR(24) NOT NULL,
    joined_at    BIGINT      NOT NULL,
    last_read    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, channel_id, user_id)
);

CREATE INDEX channel_member_user ON channel_member (workspace_id, user_id);

-- The one DM (im) or group DM (mpim) of a set of users: member_key is their sorted ids joined by ','.
CREATE TABLE dm_lookup (
    workspace_id VARCHAR(24)  NOT NULL,
    member_key   VARCHAR(255) NOT NULL,
    channel_id   VARCHAR(24)  NOT NULL,
    PRIMARY KEY (workspace_id, member_key)
);
