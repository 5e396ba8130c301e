// src/api/material: the Material type, its input and resolver, over src/core/material.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';

@InputType({ description: 'A material to create, or to update by its SKU: every field is set as given (no gtin clears it).' })
export class MaterialInput implements model.MaterialInput {
  @Field(() => ID, { description: 'Its SKU: a new one creates the material, a known one updates it.' }) sku: string;
  @Field(() => String, { description: 'Its name (not empty).' }) name: string;
  @Field(() => MaterialKind, { description: "Its place in the plant's flow." }) kind: MaterialKind;
  @Field(() => String, { description: 'The unit its lots are counted in (e.g. kg, case, ea): cannot change once it has lots.' }) uom: string;
  @Field(() => String, { nullable: true, description: 'Its GTIN: 8, 12, 13 or 14 digits with a valid check digit; null: none.' }) gtin?: string | null;
}
