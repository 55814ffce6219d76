-- Keyspace 'chat', sharded by workspace_id. Files: their metadata, where they are shared, their extracted text and
-- the durable queue of their processing. The bytes live in the blob store under <workspace_id>/<file_id>/….

-- One row per file from files.getUploadURLExternal (or files.upload) on. status: uploading, processing, ready,
-- quarantined, error (status_reason says why). size is the announced length until the bytes are checked at
-- completion. thumbnails: "64:64x48:image/png,80:…", one entry per stored thumbnail. public_secret: the secret of
-- permalink_public while the file is shared publicly, else null. Times in epoch seconds.
CREATE TABLE files (
    workspace_id  VARCHAR(24)   NOT NULL,
    file_id       VARCHAR(24)   NOT NULL,
    user_id       VARCHAR(24)   NOT NULL,
    name          VARCHAR(255)  NOT NULL,
    title         VARCHAR(255)  NOT NULL,
    alt_txt       VARCHAR(1000),
    size          BIGINT        NOT NULL,
    mimetype      VARCHAR(255)  NOT NULL,
    filetype      VARCHAR(64)   NOT NULL,
    pretty_type   VARCHAR(128)  NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    status_reason VARCHAR(500),
    original_w    INT,
    original_h    INT,
    thumbnails    VARCHAR(1000),
    public_secret VARCHAR(64),
    created       BIGINT        NOT NULL,
    deleted       BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (workspace_id, file_id)
);

CREATE INDEX files_by_created ON files (workspace_id, created, file_id);

-- Each message that shares a file: its conversation (channel_type as the channel service names it: channel, group,
-- im, mpim), ts and thread; what access to the file and the messages to update are decided from.
CREATE TABLE file_share (
    workspace_id VARCHAR(24) NOT NULL,
    file_id      VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    ts           VARCHAR(32) NOT NULL,
    channel_type VARCHAR(16) NOT NULL,
    thread_ts    VARCHAR(32),
    user_id      VARCHAR(24) NOT NULL,
    shared_at    BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, file_id, channel_id, ts)
);

CREATE INDEX file_share_by_channel ON file_share (workspace_id, channel_id, file_id);

-- The text extracted from a file, kept for search.
CREATE TABLE file_text (
    workspace_id VARCHAR(24) NOT NULL,
    file_id      VARCHAR(24) NOT NULL,
    content      MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (workspace_id, file_id)
);

-- The processing queue: one row per file still to process (or whose messages are still to update), due at
-- next_attempt_at (epoch millis), retried with backoff; the row goes when the work is done.
CREATE TABLE file_job (
    workspace_id    VARCHAR(24)   NOT NULL,
    file_id         VARCHAR(24)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    last_error      VARCHAR(2000),
    PRIMARY KEY (workspace_id, file_id)
);

CREATE INDEX file_job_due ON file_job (next_attempt_at);
