-- No query searches inside stored documents (nothing uses @>, ?, ?|, ?& or jsonpath on
-- service_configurations.configuration_data): versions are found by (service_id, environment, version). The GIN index
-- on the document was paid by every write (a GIN entry per key and value of a ~2 KB document) and read by nothing.
DROP INDEX IF EXISTS idx_service_configurations_data_gin;
