// src/api/material: the Material type, its input and resolver, over src/core/material.
import type * as model from '../../core/model.js';
import { Field, ID, InputType } from 'type-graphql';
import { MaterialKind } from '../../core/enums.js';

@InputType()
export class MaterialInput implements model.MaterialInput {
  @Field(() => ID) sku: string;
  @Field(() => String) name: string;
  @Field(() => MaterialKind) kind: MaterialKind;
  @Field(() => String) uom: string;
  @Field(() => String, { nullable: true }) gtin?: string | null;
}
