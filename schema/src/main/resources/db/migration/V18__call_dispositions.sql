-- Every answered call is registered (来电必答): it has a record, or the agent says at wrap-up
-- what it came to (a consultation answered, a wrong number, ...: call-dispositions in
-- service-desk.yaml). The daily report counts the answered calls with neither.
ALTER TABLE call ADD COLUMN disposition text;
ALTER TABLE call ADD COLUMN disposition_note text;
ALTER TABLE call ADD COLUMN disposed_by_agent_id bigint REFERENCES agent (id);
ALTER TABLE call ADD COLUMN disposed_at timestamptz;
