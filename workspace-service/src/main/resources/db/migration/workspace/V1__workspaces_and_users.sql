-- Keyspace 'chat', sharded by workspace_id.
CREATE TABLE workspace (
    workspace_id VARCHAR(24)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    domain       VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id)
);

CREATE TABLE workspace_user (
    workspace_id  VARCHAR(24)  NOT NULL,
    user_id       VARCHAR(24)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    name          VARCHAR(80)  NOT NULL,
    real_name     VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    deleted       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- Keyspace 'global', unsharded: lookups made before the workspace is known.
CREATE TABLE workspace_domain (
    domain       VARCHAR(64) NOT NULL,
    workspace_id VARCHAR(24) NOT NULL,
    PRIMARY KEY (domain)
);

CREATE TABLE user_email (
    email        VARCHAR(254) NOT NULL,
    workspace_id VARCHAR(24)  NOT NULL,
    user_id      VARCHAR(24)  NOT NULL,
    PRIMARY KEY (email, workspace_id)
);

CREATE TABLE signing_key (
    kid         VARCHAR(64) NOT NULL,
    algorithm   VARCHAR(16) NOT NULL,
    private_key TEXT        NOT NULL,
    public_key  TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (kid)
);
