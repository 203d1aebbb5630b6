-- For the KPI report: repeat repairs of the same product, and the technicians' work orders by day.
CREATE INDEX contact_record_asset ON contact_record (asset_id, created_at) WHERE asset_id IS NOT NULL;
CREATE INDEX work_order_dispatched ON work_order (dispatched_at);
