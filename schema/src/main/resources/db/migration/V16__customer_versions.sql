-- Customers and their products are edited by agents through the API: each carries a version,
-- and an edit made on a version that has changed since is refused rather than merged silently.
ALTER TABLE customer ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE asset ADD COLUMN version integer NOT NULL DEFAULT 0;
