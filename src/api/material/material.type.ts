import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';
import { Node } from '../node/node.type.js';

@ObjectType({ implements: Node })
export class Material implements model.Material {
  @Field(() => ID) sku: string;
  @Field(() => String) name: string;
  @Field(() => MaterialKind) kind: MaterialKind;
  @Field(() => String) uom: string;
  @Field(() => String, { nullable: true }) gtin: string | null;
}
