// Constraints and indexes. Applied idempotently at API start and by `npm run db:migrate`
// (each statement is IF NOT EXISTS). Uniqueness constraints also index their key.
CREATE CONSTRAINT lot_code IF NOT EXISTS FOR (n:Lot) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT material_sku IF NOT EXISTS FOR (n:Material) REQUIRE n.sku IS UNIQUE;
CREATE CONSTRAINT work_order_number IF NOT EXISTS FOR (n:WorkOrder) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT shipment_number IF NOT EXISTS FOR (n:Shipment) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT customer_code IF NOT EXISTS FOR (n:Customer) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT supplier_code IF NOT EXISTS FOR (n:Supplier) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
// lots(where: {status, createdFrom, createdTo}) filters and the audit trail by time.
CREATE INDEX lot_status IF NOT EXISTS FOR (n:Lot) ON (n.status);
CREATE INDEX lot_created_at IF NOT EXISTS FOR (n:Lot) ON (n.createdAt);
CREATE INDEX material_gtin IF NOT EXISTS FOR (n:Material) ON (n.gtin);
CREATE INDEX event_recorded_at IF NOT EXISTS FOR (n:Event) ON (n.recordedAt);
CREATE INDEX shipment_shipped_at IF NOT EXISTS FOR (n:Shipment) ON (n.shippedAt);
CREATE INDEX work_order_completed_at IF NOT EXISTS FOR (n:WorkOrder) ON (n.completedAt);
// The EPCIS export finds the event that created a lot, work order or shipment by its subject.
CREATE INDEX event_subject IF NOT EXISTS FOR (n:Event) ON (n.subject);
// Sites and locations (master data), and the data migrations that have run (src/db/migrate.ts).
CREATE CONSTRAINT site_code IF NOT EXISTS FOR (n:Site) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT location_code IF NOT EXISTS FOR (n:Location) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT migration_name IF NOT EXISTS FOR (n:Migration) REQUIRE n.name IS UNIQUE;
// A lot's history a page at a time, oldest first (history-of-lots), and a location's stock a page
// at a time in lot-code order (stock-at-location), without visiting the rest.
CREATE INDEX concerns_lot_at IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.lot, r.at);
// The transfers of a period (the FSMA 204 and EPCIS exports of a date range).
CREATE INDEX concerns_type_at IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.type, r.at);
CREATE INDEX stocked_at_location_lot IF NOT EXISTS FOR ()-[r:STOCKED_AT]-() ON (r.location, r.lot);
// Quality: one specification per material and test; test results by the event that recorded them.
CREATE CONSTRAINT specification_material_test IF NOT EXISTS FOR (n:Specification) REQUIRE (n.materialSku, n.test) IS UNIQUE;
CREATE CONSTRAINT test_result_event IF NOT EXISTS FOR (n:TestResult) REQUIRE n.eventId IS UNIQUE;
// lotsByQuality(FAILED) starts from the failed results, not from every result.
CREATE INDEX test_result_passed IF NOT EXISTS FOR (n:TestResult) ON (n.passed);
// Recall cases and mock recalls, by the id they were opened with.
CREATE CONSTRAINT recall_id IF NOT EXISTS FOR (n:Recall) REQUIRE n.id IS UNIQUE;
// Notifications shared by the API processes, read by time (notices-since) and dropped by time (notices-prune).
CREATE INDEX notice_at IF NOT EXISTS FOR (n:Notice) ON (n.at);
