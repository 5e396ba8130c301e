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
