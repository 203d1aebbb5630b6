-- Which node follows each Asterisk server: one at a time, so that its calls, pops and wallboard
-- counts are never doubled. A node holds the lease while it renews it; when it stops renewing
-- (it died, or lost its AMI link and let go) another node takes the lease once held_until has
-- passed, by the database's clock, and follows the server from a resync.
CREATE TABLE asterisk_follower (
    asterisk_server text PRIMARY KEY,
    node            text        NOT NULL,
    held_until      timestamptz NOT NULL,
    following_since timestamptz NOT NULL
);

-- The Asterisk server that has the agent's phone (a name from ami.servers), where their log-in,
-- pauses and calls go; empty: the server on which their device was last seen in a queue, else
-- the first one configured.
ALTER TABLE agent ADD COLUMN asterisk_server text;
