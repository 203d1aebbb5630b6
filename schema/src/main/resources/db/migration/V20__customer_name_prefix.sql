-- The customer search by the start of a name (lower(name) LIKE '张三%') uses an index whatever the
-- database's collation.
CREATE INDEX IF NOT EXISTS customer_name_prefix ON customer (lower(name) text_pattern_ops);
