-- What the wallboard colours each queue against: the service level it aims at (share of calls
-- answered within service_level_seconds), and how many callers waiting and how long a wait
-- turn its tiles amber (warn) and red (alarm). Per queue: a complaint queue may aim higher.
ALTER TABLE queue
    ADD COLUMN service_level_target_percent integer NOT NULL DEFAULT 80
        CHECK (service_level_target_percent BETWEEN 1 AND 100),
    ADD COLUMN waiting_warn integer NOT NULL DEFAULT 3 CHECK (waiting_warn >= 1),
    ADD COLUMN waiting_alarm integer NOT NULL DEFAULT 8,
    ADD COLUMN longest_wait_warn_seconds integer NOT NULL DEFAULT 60 CHECK (longest_wait_warn_seconds >= 1),
    ADD COLUMN longest_wait_alarm_seconds integer NOT NULL DEFAULT 180,
    ADD CONSTRAINT queue_waiting_alarm_after_warn CHECK (waiting_alarm >= waiting_warn),
    ADD CONSTRAINT queue_longest_wait_alarm_after_warn CHECK (longest_wait_alarm_seconds >= longest_wait_warn_seconds);
