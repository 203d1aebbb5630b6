-- Escalations people handle: acknowledged and resolved by whom (with a note), and climbing by
-- themselves (supervisor, then manager, then leadership) when nobody acknowledges them in time.
ALTER TABLE escalation ADD COLUMN acknowledged_by_agent_id bigint REFERENCES agent (id);
ALTER TABLE escalation ADD COLUMN resolved_by_agent_id bigint REFERENCES agent (id);
ALTER TABLE escalation ADD COLUMN resolution text;
-- when it climbs to the next level if still not acknowledged; NULL: it does not climb (leadership)
ALTER TABLE escalation ADD COLUMN climb_at timestamptz;
-- the escalation it climbed from
ALTER TABLE escalation ADD COLUMN climbed_from_id bigint REFERENCES escalation (id);
ALTER TABLE escalation DROP CONSTRAINT escalation_trigger_check;
ALTER TABLE escalation ADD CONSTRAINT escalation_trigger_check
    CHECK (trigger IN ('manual', 'deadline_breached', 'customer_unhappy', 'crisis', 'safety', 'not_acknowledged'));
CREATE INDEX escalation_climb ON escalation (climb_at) WHERE acknowledged_at IS NULL AND resolved_at IS NULL AND climb_at IS NOT NULL;
