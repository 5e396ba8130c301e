// The domain's enums (src/core/enums.ts) as GraphQL enums of the same names; imported once by the schema build.
import { registerEnumType } from 'type-graphql';
import { LotEventType, LotStatus, MaterialKind, TraceDirection, WorkOrderKind } from '../core/enums.js';

registerEnumType(MaterialKind, { name: 'MaterialKind' });
registerEnumType(LotStatus, { name: 'LotStatus' });
registerEnumType(WorkOrderKind, { name: 'WorkOrderKind' });
registerEnumType(TraceDirection, { name: 'TraceDirection' });
registerEnumType(LotEventType, {
  name: 'LotEventType',
  valuesConfig: {
    REVERSED: { description: 'An EPCIS error declaration undid the event of an earlier entry: its quantity comes back where it was taken.' },
  },
});
