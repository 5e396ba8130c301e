import type * as model from '../../core/model.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';
import { Node } from '../node/node.type.js';

@ObjectType({ implements: Node, description: 'A product, ingredient or packaging item: what lots are lots of (master data).' })
export class Material implements model.Material {
  @Field(() => ID, { description: 'Its stock-keeping unit, unique: the key to look a material up by.' }) sku: string;
  @Field(() => String, { description: 'Its name, for people.' }) name: string;
  @Field(() => MaterialKind, { description: "Its place in the plant's flow." }) kind: MaterialKind;
  @Field(() => String, { description: 'The unit its lots are counted in (e.g. kg, case, ea).' }) uom: string;
  @Field(() => String, { nullable: true, description: 'Its GTIN (8, 12, 13 or 14 digits), as printed on its barcode; null when it has none.' })
  gtin: string | null;
}
