import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { CsvImportService } from './modules/csvimport/csv-import.service.js';
import { EpcisService } from './modules/epcis/epcis.service.js';
import { FsmaService } from './modules/fsma/fsma.service.js';
import { Gs1Service } from './modules/gs1/gs1.service.js';
import { LotService } from './modules/lot/lot.service.js';
import { MaterialService } from './modules/material/material.service.js';
import { PartyService } from './modules/party/party.service.js';
import { ShipmentService } from './modules/shipment/shipment.service.js';
import { TraceService } from './modules/trace/trace.service.js';
import { WorkOrderService } from './modules/workorder/workorder.service.js';

/** One service per aggregate, each holding the Db; stateless, shared by all requests and the seeders. */
export function createServices(db: Db, config: Config) {
  const lots = new LotService(db, config);
  const workOrders = new WorkOrderService(db, config);
  const shipments = new ShipmentService(db, config);
  return {
    lots,
    materials: new MaterialService(db),
    parties: new PartyService(db),
    workOrders,
    shipments,
    traces: new TraceService(db, config),
    fsma: new FsmaService(db, config),
    /** Imports through the recording services' event specs, all events of a file in one transaction. */
    csvImport: new CsvImportService(db, lots, workOrders, shipments),
    /** EPCIS 2.0 documents in (through the same event specs, one transaction per document) and out. */
    epcis: new EpcisService(db, config, lots, workOrders, shipments),
    gs1: new Gs1Service(db),
  };
}

export type Services = ReturnType<typeof createServices>;
