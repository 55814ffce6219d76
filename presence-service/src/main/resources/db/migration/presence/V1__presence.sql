-- Keyspace 'chat', sharded by workspace_id. Live presence (heartbeats) is not here: it expires in TtlKeys.

-- Users who set themselves away (users.setPresence presence=away) until they set auto again.
CREATE TABLE presence_manual_away (
    workspace_id VARCHAR(24) NOT NULL,
    user_id      VARCHAR(24) NOT NULL,
    set_at       BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- A do-not-disturb snooze (dnd.setSnooze) until snooze_end, epoch seconds; a past end is no snooze.
CREATE TABLE dnd_snooze (
    workspace_id VARCHAR(24) NOT NULL,
    user_id      VARCHAR(24) NOT NULL,
    snooze_end   BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- A user's custom status (users.profile.set); status_expiration in epoch seconds, 0 for never.
CREATE TABLE custom_status (
    workspace_id      VARCHAR(24)  NOT NULL,
    user_id           VARCHAR(24)  NOT NULL,
    status_text       VARCHAR(400) NOT NULL,
    status_emoji      VARCHAR(200) NOT NULL,
    status_expiration BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
