import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { CaptureService } from './capture/capture.service.js';
import { CsvImportService } from './csvimport/csv-import.service.js';
import { EpcisService } from './epcis/epcis.service.js';
import { FsmaService } from './fsma/fsma.service.js';
import { Gs1Service } from './gs1/gs1.service.js';
import { LotService } from './lot/lot.service.js';
import { MaterialService } from './material/material.service.js';
import { PartyService } from './party/party.service.js';
import { QualityService } from './quality/quality.service.js';
import { RecallService } from './recall/recall.service.js';
import { ShipmentService } from './shipment/shipment.service.js';
import { SiteService } from './site/site.service.js';
import { StockService } from './stock/stock.service.js';
import { TraceService } from './trace/trace.service.js';
import { WorkOrderService } from './workorder/workorder.service.js';

/** One service per aggregate, each holding the Db; stateless, shared by all requests and the seeders. */
export function createServices(db: Db, config: Config) {
  const lots = new LotService(db, config);
  const workOrders = new WorkOrderService(db, config);
  const shipments = new ShipmentService(db, config);
  const stock = new StockService(db, config);
  const quality = new QualityService(db, config);
  return {
    /** The settings they were made with (the default location, among others). */
    config,
    lots,
    materials: new MaterialService(db),
    parties: new PartyService(db),
    sites: new SiteService(db),
    /** Transfers, stock counts, and what sits at a location. */
    stock,
    workOrders,
    shipments,
    traces: new TraceService(db, config),
    /** Specifications, test results (failed ones hold what they reach), releases. */
    quality,
    /** Recall cases and mock recalls: opened with their impact frozen, worked consignee by consignee, closed. */
    recalls: new RecallService(db, config),
    fsma: new FsmaService(db, config),
    /** Many events of any type in one request (recordEvents), each with its own outcome. */
    capture: new CaptureService(db, { maxEvents: config.LOTGRAPH_CAPTURE_MAX_EVENTS, perTx: config.LOTGRAPH_CAPTURE_EVENTS_PER_TX }, lots, workOrders, shipments, quality, stock),
    /** Imports through the recording services' event specs, all events of a file in one transaction. */
    csvImport: new CsvImportService(db, lots, workOrders, shipments, quality, stock),
    /** EPCIS 2.0 documents in (through the same event specs, one transaction per document) and out. */
    epcis: new EpcisService(db, config, lots, workOrders, shipments, stock),
    gs1: new Gs1Service(db),
  };
}

export type Services = ReturnType<typeof createServices>;
