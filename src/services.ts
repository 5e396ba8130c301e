import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { LotService } from './modules/lot/lot.service.js';
import { MaterialService } from './modules/material/material.service.js';
import { PartyService } from './modules/party/party.service.js';
import { ShipmentService } from './modules/shipment/shipment.service.js';
import { TraceService } from './modules/trace/trace.service.js';
import { WorkOrderService } from './modules/workorder/workorder.service.js';

/** One service per aggregate, each holding the Db; stateless, shared by all requests and the seeders. */
export function createServices(db: Db, config: Config) {
  return {
    lots: new LotService(db, config),
    materials: new MaterialService(db),
    parties: new PartyService(db),
    workOrders: new WorkOrderService(db),
    shipments: new ShipmentService(db),
    traces: new TraceService(db, config),
  };
}

export type Services = ReturnType<typeof createServices>;
