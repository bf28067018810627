-- The assessment year as the source runs it (issue 20, docs/campaign.md). Each change to these rows
-- is made in the transaction that appends its event to the decision-record chain (Append.alongside),
-- so a step is recorded and done, or neither. Nothing here is deleted: versions are kept.
CREATE TABLE campaign (
    campaign_year        INTEGER      NOT NULL PRIMARY KEY,
    self_due             DATE         NOT NULL,
    publish_from         DATE         NOT NULL,
    publish_to           DATE         NOT NULL,
    stage                VARCHAR(20)  NOT NULL,
    scoring_batch        VARCHAR(36),
    scored_at            TIMESTAMP WITH TIME ZONE,
    notice_json          TEXT,
    published_at         TIMESTAMP WITH TIME ZONE,
    published_checkpoint BIGINT,
    confirmed_at         TIMESTAMP WITH TIME ZONE,
    confirmed_checkpoint BIGINT,
    handover_json        TEXT,
    handover_sha256      CHAR(64),
    opened_by            VARCHAR(200) NOT NULL,
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per unit of the year's table C: its reopening, the office's facts, its evaluation of record.
CREATE TABLE campaign_unit (
    campaign_year   INTEGER      NOT NULL,
    unit            VARCHAR(100) NOT NULL,
    reopened_until  DATE,
    reopen_reason   VARCHAR(2000),
    facts_json      TEXT,
    facts_version   INTEGER      DEFAULT 0 NOT NULL,
    record_id       VARCHAR(36),
    PRIMARY KEY (campaign_year, unit)
);

-- Every version of a unit's self-assessment of one item (自评分, 自评说明); the highest version counts.
CREATE TABLE campaign_self_score (
    campaign_year INTEGER       NOT NULL,
    unit          VARCHAR(100)  NOT NULL,
    item          VARCHAR(20)   NOT NULL,
    version       INTEGER       NOT NULL,
    self_score    DECIMAL(12,4) NOT NULL,
    explanation   VARCHAR(4000) NOT NULL,
    submitted_by  VARCHAR(200)  NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id      VARCHAR(36)   NOT NULL,
    PRIMARY KEY (campaign_year, unit, item, version)
);

-- Evidence files: the bytes live in the data folder under their SHA-256; a row makes a file visible.
CREATE TABLE campaign_file (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    campaign_year INTEGER      NOT NULL,
    unit          VARCHAR(100) NOT NULL,
    purpose       VARCHAR(20)  NOT NULL,
    subject       VARCHAR(40)  NOT NULL,
    original_name VARCHAR(300) NOT NULL,
    media_type    VARCHAR(100) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    uploaded_by   VARCHAR(200) NOT NULL,
    uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id      VARCHAR(36)  NOT NULL
);
CREATE INDEX campaign_file_unit ON campaign_file (campaign_year, unit);

CREATE TABLE campaign_objection (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    campaign_year       INTEGER       NOT NULL,
    unit                VARCHAR(100)  NOT NULL,
    subject             VARCHAR(40)   NOT NULL,
    reasons             VARCHAR(4000) NOT NULL,
    status              VARCHAR(10)   NOT NULL,
    filed_by            VARCHAR(200)  NOT NULL,
    filed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by          VARCHAR(200),
    decided_at          TIMESTAMP WITH TIME ZONE,
    decision_reason     VARCHAR(4000),
    corrected_record_id VARCHAR(36),
    previous_record_id  VARCHAR(36)
);
CREATE INDEX campaign_objection_year ON campaign_objection (campaign_year, unit);

-- Repeated requests with the same Idempotency-Key (per caller) are answered from here, not done again.
CREATE TABLE campaign_idempotency (
    idem_key    VARCHAR(100) NOT NULL,
    principal   VARCHAR(200) NOT NULL,
    status      INTEGER      NOT NULL,
    body        TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (idem_key, principal)
);
