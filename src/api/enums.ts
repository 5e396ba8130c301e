// The domain's enums (src/core/enums.ts) as GraphQL enums of the same names; imported once by the schema build.
import { registerEnumType } from 'type-graphql';
import { LotStatus, MaterialKind, TraceDirection, WorkOrderKind } from '../core/enums.js';

registerEnumType(MaterialKind, { name: 'MaterialKind' });
registerEnumType(LotStatus, { name: 'LotStatus' });
registerEnumType(WorkOrderKind, { name: 'WorkOrderKind' });
registerEnumType(TraceDirection, { name: 'TraceDirection' });
