-- Decision records: one row per answered evaluation, never updated or deleted by the service.
-- Each row's content_hash is SHA-256 over the previous row's hash and this row's canonical content
-- (see cn.panzhihua.scoring.audit.CanonicalContent), so an edited or removed row breaks the chain.
CREATE TABLE decision_record (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    seq              BIGINT       NOT NULL UNIQUE,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by      VARCHAR(200) NOT NULL,
    unit             VARCHAR(100) NOT NULL,
    eval_year        INTEGER      NOT NULL,
    rulebook_version VARCHAR(64)  NOT NULL,
    service_version  VARCHAR(64)  NOT NULL,
    batch_id         VARCHAR(36),
    request_json     TEXT         NOT NULL,
    response_json    TEXT         NOT NULL,
    previous_hash    CHAR(64)     NOT NULL,
    content_hash     CHAR(64)     NOT NULL
);

CREATE INDEX decision_record_unit_year ON decision_record (unit, eval_year, recorded_at);
CREATE INDEX decision_record_recorded_at ON decision_record (recorded_at);
CREATE INDEX decision_record_batch ON decision_record (batch_id);

-- The head of the chain: appends lock this row, so records get gap-free sequence numbers and each
-- links to the one before it, however many service instances write.
CREATE TABLE chain_head (
    id        INTEGER  NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO chain_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
