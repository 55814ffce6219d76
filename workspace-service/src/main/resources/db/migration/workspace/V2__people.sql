-- Keyspace 'chat', sharded by workspace_id.

-- Room for every role name, 'single_channel_guest' being the longest.
ALTER TABLE workspace_user MODIFY COLUMN role VARCHAR(32) NOT NULL;

-- The profile fields a user edits besides their real name (kept in workspace_user); a missing row is an empty profile.
CREATE TABLE user_profile (
    workspace_id VARCHAR(24)  NOT NULL,
    user_id      VARCHAR(24)  NOT NULL,
    display_name VARCHAR(80)  NOT NULL DEFAULT '',
    title        VARCHAR(255) NOT NULL DEFAULT '',
    phone        VARCHAR(64)  NOT NULL DEFAULT '',
    tz           VARCHAR(64)  NOT NULL DEFAULT '',
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- Invitations; only a hash of the token is kept, so the table never holds a usable link.
CREATE TABLE invitation (
    workspace_id  VARCHAR(24)   NOT NULL,
    invite_id     VARCHAR(24)   NOT NULL,
    email         VARCHAR(254)  NOT NULL,
    real_name     VARCHAR(255)  NOT NULL DEFAULT '',
    role          VARCHAR(32)   NOT NULL,
    channel_ids   VARCHAR(1000) NOT NULL DEFAULT '',
    invited_by    VARCHAR(24)   NOT NULL,
    token_hash    VARCHAR(64)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    accepted_user VARCHAR(24)   NULL,
    created_at    BIGINT        NOT NULL,
    sent_at       BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, invite_id)
);

CREATE INDEX invitation_email ON invitation (workspace_id, email);

CREATE TABLE user_group (
    workspace_id VARCHAR(24)   NOT NULL,
    group_id     VARCHAR(24)   NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    name_key     VARCHAR(255)  NOT NULL,
    handle       VARCHAR(80)   NOT NULL,
    description  VARCHAR(1000) NOT NULL DEFAULT '',
    created_by   VARCHAR(24)   NOT NULL,
    updated_by   VARCHAR(24)   NOT NULL,
    deleted_by   VARCHAR(24)   NULL,
    date_create  BIGINT        NOT NULL,
    date_update  BIGINT        NOT NULL,
    date_delete  BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, group_id)
);

CREATE UNIQUE INDEX user_group_name ON user_group (workspace_id, name_key);
CREATE UNIQUE INDEX user_group_handle ON user_group (workspace_id, handle);

CREATE TABLE user_group_member (
    workspace_id VARCHAR(24) NOT NULL,
    group_id     VARCHAR(24) NOT NULL,
    user_id      VARCHAR(24) NOT NULL,
    PRIMARY KEY (workspace_id, group_id, user_id)
);

-- Audit log entries: the searchable columns, and the entry itself in Slack's shape as JSON.
CREATE TABLE audit_log (
    workspace_id VARCHAR(24)  NOT NULL,
    entry_id     VARCHAR(40)  NOT NULL,
    created_ms   BIGINT       NOT NULL,
    action       VARCHAR(64)  NOT NULL,
    actor_id     VARCHAR(24)  NOT NULL DEFAULT '',
    entity_id    VARCHAR(64)  NOT NULL DEFAULT '',
    entry        TEXT         NOT NULL,
    PRIMARY KEY (workspace_id, entry_id)
);

CREATE INDEX audit_log_time ON audit_log (workspace_id, created_ms, entry_id);

-- Keyspace 'global', unsharded: an invitation is found by its token before the workspace is known.
CREATE TABLE invite_token (
    token_hash   VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(24) NOT NULL,
    invite_id    VARCHAR(24) NOT NULL,
    PRIMARY KEY (token_hash)
);
