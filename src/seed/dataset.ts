// src/seed: the demo plant and the synthetic plant generator, with the data-set files they write.
import fs from 'node:fs';
import path from 'node:path';
import { FILES, type FileKind, type Manifest } from '../load/records.js';
import { GENERATOR_VERSION, type Plant, recordsOf } from './genealogy.js';

/** Lines are gathered into ~1 MB chunks: one write per chunk keeps a million-lot set fast. */
function writeNdjson(file: string, records: Iterable<unknown>): number {
  const fd = fs.openSync(file, 'w');
  let chunk = '';
  let n = 0;
  try {
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      n++;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

/** Writes the plant's files and manifest.json into dir (created if missing); byte-identical for equal options. */
export function writeDataset(plant: Plant, dir: string): Manifest {
  fs.mkdirSync(dir, { recursive: true });
  const records = recordsOf(plant);
  const written = {} as Record<FileKind, number>;
  for (const kind of Object.keys(FILES) as FileKind[]) written[kind] = writeNdjson(path.join(dir, FILES[kind]), records[kind]());
  const { lots, workOrders, shipments } = plant;
  const manifest: Manifest = {
    format: 'lotgraph-genealogy',
    generatorVersion: GENERATOR_VERSION,
    seed: plant.options.seed,
    prefix: plant.options.prefix,
    parameters: { ...plant.options, ...plant.derived },
    records: written,
    counts: {
      lots: lots.count,
      receivedLots: written.receipts,
      workOrders: workOrders.count,
      consumptions: workOrders.inputLot.length,
      shipments: shipments.count,
      shipmentLines: shipments.lineLot.length,
    },
    hubs: plant.materials.filter((m) => m.hub).map((m) => m.sku),
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
