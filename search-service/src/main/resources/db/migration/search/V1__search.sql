-- Keyspace 'chat', sharded by workspace_id. The search indexer's own state; the index itself lives in its adapter.

-- Per channel, the last event sequence number whose change the index has committed: events at or below it are
-- skipped when redelivered, and a channel whose head is beyond it is caught up from the channel's stored events.
CREATE TABLE search_checkpoint (
    workspace_id VARCHAR(24) NOT NULL,
    channel_id   VARCHAR(24) NOT NULL,
    seq          BIGINT      NOT NULL,
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, channel_id)
);

-- Events the indexer could not turn into documents (poison events), kept with the error for an operator; the
-- pipeline moved on past them.
CREATE TABLE search_dead_letter (
    workspace_id VARCHAR(24)   NOT NULL,
    channel_id   VARCHAR(24)   NOT NULL,
    seq          BIGINT        NOT NULL,
    event_type   VARCHAR(64)   NOT NULL,
    payload      MEDIUMTEXT    NOT NULL,
    error        VARCHAR(2000) NOT NULL,
    failed_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, channel_id, seq)
);
