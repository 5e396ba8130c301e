import { Field, ID, InputType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';

@InputType()
export class MaterialInput {
  @Field(() => ID) sku: string;
  @Field(() => String) name: string;
  @Field(() => MaterialKind) kind: MaterialKind;
  @Field(() => String) uom: string;
  @Field(() => String, { nullable: true }) gtin?: string | null;
}
