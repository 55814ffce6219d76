-- Signing keys rotate: a new key is published (in the JWKS) before it signs, from activates_at (epoch ms).
-- private_key now holds the AES-GCM ciphertext; plain rows from before are re-encrypted when first loaded.
ALTER TABLE signing_key ADD COLUMN activates_at BIGINT NOT NULL DEFAULT 0;
UPDATE signing_key SET activates_at = created_at;

-- Keyspace 'chat', sharded by workspace_id (the workspace id is part of the token, so a lookup goes to one shard).
-- Only the SHA-256 of a refresh token is kept. Each exchange marks the row rotated and adds the next token of the
-- same family; a rotated token presented again revokes the whole family. access_token_id is the jti of the access
-- token issued with the row's token, revoked with the family.
CREATE TABLE refresh_token (
    workspace_id    VARCHAR(24) NOT NULL,
    token_hash      CHAR(64)    NOT NULL,
    user_id         VARCHAR(24) NOT NULL,
    family_id       VARCHAR(32) NOT NULL,
    access_token_id VARCHAR(64) NOT NULL,
    created_at      BIGINT      NOT NULL,
    expires_at      BIGINT      NOT NULL,
    rotated_at      BIGINT,
    revoked         BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, token_hash)
);
CREATE INDEX refresh_token_by_user ON refresh_token (workspace_id, user_id);
CREATE INDEX refresh_token_by_family ON refresh_token (workspace_id, family_id);
CREATE INDEX refresh_token_by_access ON refresh_token (workspace_id, access_token_id);
