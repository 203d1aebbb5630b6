-- The record lists agents and supervisors work from: newest first, by handler, by department,
-- and the records whose clocks are at risk or breached.
CREATE INDEX contact_record_newest ON contact_record (created_at DESC, id DESC);
CREATE INDEX contact_record_handler ON contact_record (handler_agent_id, created_at DESC, id DESC) WHERE handler_agent_id IS NOT NULL;
CREATE INDEX contact_record_department ON contact_record (handler_department, created_at DESC, id DESC)
    WHERE handler_department IS NOT NULL;
-- A clock at risk (raised, not breached) or breached, while it still runs or waits.
CREATE INDEX sla_clock_at_risk ON sla_clock (record_id) WHERE at_risk_raised_at IS NOT NULL AND breached_at IS NULL
    AND state IN ('running', 'paused');
CREATE INDEX sla_clock_breached ON sla_clock (record_id) WHERE breached_at IS NOT NULL OR state = 'missed';
