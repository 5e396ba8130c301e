import { Field, InputType } from 'type-graphql';
import type * as model from '../../core/capture/capture.service.js';
import { ReceiveLotInput } from '../lot/lot.input.js';
import { TestResultInput } from '../quality/quality.input.js';
import { ShipmentInput } from '../shipment/shipment.input.js';
import { AdjustmentInput, TransferInput } from '../stock/stock.input.js';
import { ProductionInput } from '../workorder/workorder.input.js';

@InputType({
  description: 'One event of a recordEvents request: set exactly one field, the input its single mutation takes (receiveLot, recordProduction, shipLots, transferLot, adjustStock, recordTestResult).',
})
export class EventInput implements model.CaptureInput {
  @Field(() => ReceiveLotInput, { nullable: true, description: 'A lot received from a supplier, as receiveLot takes it. OPERATOR or ADMIN.' })
  receipt?: ReceiveLotInput | null;
  @Field(() => ProductionInput, { nullable: true, description: 'A work order, as recordProduction takes it. OPERATOR or ADMIN.' })
  production?: ProductionInput | null;
  @Field(() => ShipmentInput, { nullable: true, description: 'A shipment, as shipLots takes it. OPERATOR or ADMIN.' })
  shipment?: ShipmentInput | null;
  @Field(() => TransferInput, { nullable: true, description: 'A move between locations, as transferLot takes it. OPERATOR or ADMIN.' })
  transfer?: TransferInput | null;
  @Field(() => AdjustmentInput, { nullable: true, description: 'A stock count, as adjustStock takes it. OPERATOR or ADMIN.' })
  adjustment?: AdjustmentInput | null;
  @Field(() => TestResultInput, { nullable: true, description: 'A test result, as recordTestResult takes it. OPERATOR, QUALITY or ADMIN.' })
  testResult?: TestResultInput | null;
}
