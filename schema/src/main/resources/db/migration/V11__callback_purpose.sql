-- A callback has a purpose. With a record: reaching the customer about it (its first contact,
-- a callback they asked for in the IVR, out of hours or from the queue, an agent's promise), or
-- its return visit, a periodic follow-up, a survey. Without a record: a phone in a queue (a
-- caller who hung up waiting). Only callbacks of one purpose merge: a consultation's first
-- contact is not merged into another record's return visit because the phone is the same, and
-- a record's return visit is not merged into its first contact.
ALTER TABLE callback ADD COLUMN purpose text GENERATED ALWAYS AS (
    CASE WHEN reason IN ('return_visit', 'periodic_follow_up', 'survey') THEN reason ELSE 'contact' END) STORED;
DROP INDEX callback_one_pending_per_phone_queue;
CREATE UNIQUE INDEX callback_one_open_per_record_purpose ON callback (record_id, purpose)
    WHERE status IN ('pending', 'offered', 'dialing') AND record_id IS NOT NULL;
CREATE UNIQUE INDEX callback_one_open_per_phone_queue ON callback (phone, coalesce(queue_id, 0))
    WHERE status IN ('pending', 'offered', 'dialing') AND record_id IS NULL;
