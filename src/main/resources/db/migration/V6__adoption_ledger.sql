-- The adoption ledger (issue 21, docs/adoptions.md): the office's entries as adoptions happen, kept all year.
-- Each row is written in the transaction that appends its event to the decision-record chain (Append.alongside),
-- so an entry is recorded and stored, or neither. Rows are never updated or deleted: a correction is a
-- REVERSAL row naming the entry it takes back, and (usually) a new ADOPTION row that replaces it, both with a reason.
CREATE TABLE adoption_entry (
    id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
    ledger_year           INTEGER       NOT NULL,
    kind                  VARCHAR(10)   NOT NULL,
    unit                  VARCHAR(100)  NOT NULL,
    channel               VARCHAR(40),
    issue                 VARCHAR(100),
    adopted_on            DATE,
    title                 VARCHAR(2000),
    leader_instruction    VARCHAR(30),
    state_council_adopted BOOLEAN       DEFAULT FALSE NOT NULL,
    reverses              VARCHAR(36),
    replaces              VARCHAR(36),
    reason                VARCHAR(2000),
    recorded_by           VARCHAR(200)  NOT NULL,
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id              VARCHAR(36)   NOT NULL,
    entry_seq             BIGINT        NOT NULL
);
CREATE INDEX adoption_entry_year_unit ON adoption_entry (ledger_year, unit, entry_seq);
CREATE INDEX adoption_entry_reverses ON adoption_entry (reverses);

-- Monthly submission counts (日常报送): every version kept; the highest version of a unit's month counts.
CREATE TABLE adoption_submission (
    ledger_year  INTEGER       NOT NULL,
    unit         VARCHAR(100)  NOT NULL,
    month_no     SMALLINT      NOT NULL,
    version      INTEGER       NOT NULL,
    submitted    INTEGER       NOT NULL,
    reason       VARCHAR(2000),
    recorded_by  VARCHAR(200)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id     VARCHAR(36)   NOT NULL,
    PRIMARY KEY (ledger_year, unit, month_no, version)
);
