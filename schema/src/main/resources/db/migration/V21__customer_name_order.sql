-- The customer search by the start of a name, in name order, a page at a time: one index gives
-- both the prefix (LIKE under the C collation) and the order, so a common name does not sort
-- thousands of customers to show twenty. It replaces V20's, which gave the prefix only.
DROP INDEX IF EXISTS customer_name_prefix;
CREATE INDEX customer_name_order ON customer ((lower(name) COLLATE "C"), id);
