-- The worklist's free text ("不制冷", "compressor") over a record's summary and fault: trigram
-- indexes, so a rare word does not read every record. pg_trgm is a trusted extension (PostgreSQL
-- 13 and later): a user who may create tables in the database may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX contact_record_summary_text ON contact_record USING gin (summary gin_trgm_ops);
CREATE INDEX contact_record_fault_text ON contact_record USING gin (fault_description gin_trgm_ops);
