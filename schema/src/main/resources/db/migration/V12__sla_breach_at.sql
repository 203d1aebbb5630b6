-- When a running clock is late: the first instant past its deadline on the clock's own time (a
-- milestone met exactly at its deadline is met; a working-hours clock that runs out at closing
-- time is late only once the office opens again). The timers breach at this instant, not at the
-- deadline itself.
ALTER TABLE sla_clock ADD COLUMN breach_at timestamptz;
UPDATE sla_clock SET breach_at = deadline_at + interval '1 millisecond' WHERE state = 'running' AND deadline_at IS NOT NULL;
UPDATE sla_clock SET next_fire_at = breach_at
    WHERE state = 'running' AND at_risk_raised_at IS NOT NULL AND breached_at IS NULL AND next_fire_at IS NOT NULL;
