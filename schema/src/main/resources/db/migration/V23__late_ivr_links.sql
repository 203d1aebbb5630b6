-- A call and its IVR session are written by different writers; when the database took no writes
-- for a while (a starved pool, an outage) either may land first, and the IVR could not hand its
-- session's, record's or callback's id to the dialplan. These let whichever comes second link
-- them: the call keeps the channel its IVR ran on, the session the callback it booked.
ALTER TABLE call ADD COLUMN ivr_channel text;
CREATE INDEX call_ivr_channel ON call (asterisk_server, ivr_channel) WHERE ivr_channel IS NOT NULL;
ALTER TABLE ivr_session ADD COLUMN callback_id bigint REFERENCES callback (id) ON DELETE SET NULL;
