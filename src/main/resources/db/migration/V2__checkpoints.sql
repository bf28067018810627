-- Signed checkpoints (issue 10 section 2): the chain's head at a moment, signed with the service
-- key, which lives outside the database. A person who keeps one can later prove that the chain still
-- extends it, even against someone who can write this database (docs/audit.md).
CREATE TABLE audit_checkpoint (
    number      BIGINT       NOT NULL PRIMARY KEY,
    record_seq  BIGINT       NOT NULL,
    head_hash   CHAR(64)     NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(64)  NOT NULL,
    reason      VARCHAR(200) NOT NULL,
    signature   VARCHAR(200) NOT NULL
);

CREATE INDEX audit_checkpoint_seq ON audit_checkpoint (record_seq);

-- Checkpoints are numbered under the chain head's row lock, from this counter, so instances that
-- share the database make one sequence; a number is never given twice, even if rows were deleted.
ALTER TABLE chain_head ADD COLUMN last_checkpoint BIGINT DEFAULT 0 NOT NULL;

-- Hash format 2 (new records): content_hash = SHA-256(previous_hash "\n" content_digest), where
-- content_digest = SHA-256 of the canonical content. A record can then be linked into the chain
-- from its digest alone, so an export of one year proves its place in the chain without showing
-- other years' records. Rows stored before this migration keep format 1 (the content itself).
ALTER TABLE decision_record ADD COLUMN hash_format SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE decision_record ADD COLUMN content_digest CHAR(64);

-- The circulation report asks for the latest record of each unit in a year (issue 10 section 6).
CREATE INDEX decision_record_year_unit_seq ON decision_record (eval_year, unit, seq);
CREATE INDEX decision_record_batch_unit_seq ON decision_record (batch_id, unit, seq);
DROP INDEX decision_record_batch;
