-- A callback of a record still not made a grace after it fell due escalates the record (to the
-- supervisor), once.
ALTER TABLE callback ADD COLUMN overdue_escalated_at timestamptz;
ALTER TABLE escalation DROP CONSTRAINT escalation_trigger_check;
ALTER TABLE escalation ADD CONSTRAINT escalation_trigger_check
    CHECK (trigger IN ('manual', 'deadline_breached', 'customer_unhappy', 'crisis', 'safety', 'not_acknowledged', 'callback_overdue'));
CREATE INDEX callback_overdue ON callback (due_at)
    WHERE status IN ('pending', 'offered') AND overdue_escalated_at IS NULL AND record_id IS NOT NULL;
