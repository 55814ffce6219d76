-- Keyspace 'chat', sharded by workspace_id. Every ts is a Slack ts in epoch microseconds, unique per channel.
CREATE TABLE message (
    workspace_id      VARCHAR(24)   NOT NULL,
    channel_id        VARCHAR(24)   NOT NULL,
    ts                BIGINT        NOT NULL,
    user_id           VARCHAR(24)   NOT NULL,
    subtype           VARCHAR(32)   NULL,
    text              MEDIUMTEXT    NOT NULL,
    blocks            MEDIUMTEXT    NULL,
    attachments       MEDIUMTEXT    NULL,
    extras            MEDIUMTEXT    NULL,
    client_msg_id     VARCHAR(64)   NULL,
    thread_ts         BIGINT        NULL,
    reply_broadcast   BOOLEAN       NOT NULL DEFAULT FALSE,
    reply_count       INT           NOT NULL DEFAULT 0,
    reply_users       VARCHAR(200)  NOT NULL DEFAULT '',
    reply_users_count INT           NOT NULL DEFAULT 0,
    latest_reply      BIGINT        NOT NULL DEFAULT 0,
    edited_by         VARCHAR(24)   NULL,
    edited_ts         BIGINT        NULL,
    PRIMARY KEY (workspace_id, channel_id, ts)
);

CREATE INDEX message_thread ON message (workspace_id, channel_id, thread_ts, ts);
CREATE INDEX message_client_msg ON message (workspace_id, channel_id, client_msg_id);

-- Who or what a message mentions: user:U…, channel, here, everyone, subteam:S…
CREATE TABLE message_mention (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    ts           BIGINT      NOT NULL,
    mention      VARCHAR(64) NOT NULL,
    PRIMARY KEY (workspace_id, channel_id, ts, mention)
);

CREATE INDEX message_mention_target ON message_mention (workspace_id, mention, ts);

CREATE TABLE message_reaction (
    workspace_id VARCHAR(24)  NOT NULL,
    channel_id   VARCHAR(24)  NOT NULL,
    ts           BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    user_id      VARCHAR(24)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, channel_id, ts, name, user_id)
);

CREATE INDEX message_reaction_user ON message_reaction (workspace_id, user_id, created_at);

CREATE TABLE message_pin (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    ts           BIGINT      NOT NULL,
    pinned_by    VARCHAR(24) NOT NULL,
    pinned_at    BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, channel_id, ts)
);
