-- Issue 19: a progress evaluation (request asOf) is a record kind of its own and never enters the annual
-- 通报. The kind is derived from the hashed response (cn.panzhihua.scoring.audit.RecordKind: a progress
-- response names information.adoption.asOf); the column lets a report pick annual records by index.
ALTER TABLE decision_record ADD COLUMN record_kind VARCHAR(16) DEFAULT 'ANNUAL' NOT NULL;
UPDATE decision_record SET record_kind = 'PROGRESS' WHERE response_json LIKE '%"asOf":"%';
CREATE INDEX decision_record_year_kind_unit_seq ON decision_record (eval_year, record_kind, unit, seq);
