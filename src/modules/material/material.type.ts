import { Field, ID, ObjectType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';

@ObjectType()
export class Material {
  @Field(() => ID) sku: string;
  @Field(() => String) name: string;
  @Field(() => MaterialKind) kind: MaterialKind;
  @Field(() => String) uom: string;
  @Field(() => String, { nullable: true }) gtin: string | null;
}
