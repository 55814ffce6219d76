-- Keyspace 'chat', sharded by workspace_id.
-- A bot is a user of its workspace (so membership, mentions and users.list work unchanged) that signs in only with
-- its token: no email, no password.
ALTER TABLE workspace_user ADD COLUMN is_bot BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE bot (
    workspace_id VARCHAR(24)   NOT NULL,
    bot_id       VARCHAR(24)   NOT NULL,
    app_id       VARCHAR(24)   NOT NULL,
    user_id      VARCHAR(24)   NOT NULL,
    name         VARCHAR(80)   NOT NULL,
    scopes       VARCHAR(2000) NOT NULL,
    installed_by VARCHAR(24)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    deleted      BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, bot_id)
);

CREATE INDEX bot_user ON bot (workspace_id, user_id);
CREATE INDEX bot_app ON bot (workspace_id, app_id);

CREATE TABLE incoming_webhook (
    workspace_id VARCHAR(24) NOT NULL,
    webhook_id   VARCHAR(24) NOT NULL,
    bot_id       VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    secret_hash  CHAR(64)    NOT NULL,
    created_by   VARCHAR(24) NOT NULL,
    created_at   BIGINT      NOT NULL,
    revoked      BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, webhook_id)
);

CREATE UNIQUE INDEX incoming_webhook_secret ON incoming_webhook (workspace_id, secret_hash);
CREATE INDEX incoming_webhook_bot ON incoming_webhook (workspace_id, bot_id);

-- Keyspace 'global', unsharded: a bot token is looked up by its SHA-256 before its workspace is known. The token
-- itself is never stored.
CREATE TABLE bot_token (
    token_hash   CHAR(64)      NOT NULL,
    token_id     VARCHAR(40)   NOT NULL,
    workspace_id VARCHAR(24)   NOT NULL,
    bot_id       VARCHAR(24)   NOT NULL,
    user_id      VARCHAR(24)   NOT NULL,
    scopes       VARCHAR(2000) NOT NULL,
    created_at   BIGINT        NOT NULL,
    revoked_at   BIGINT        NULL,
    PRIMARY KEY (token_hash)
);

CREATE INDEX bot_token_bot ON bot_token (workspace_id, bot_id);
