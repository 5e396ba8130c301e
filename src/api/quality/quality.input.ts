import type * as model from '../../core/model.js';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EVENT_ID } from '../descriptions.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({ description: "A material's specification for one test: created, or the one with this material and test updated." })
export class SpecificationInput implements model.SpecificationInput {
  @Field(() => ID, { description: 'The SKU of the material, which must exist.' }) materialSku: string;
  @Field(() => String, { description: 'The name of the test, unique per material.' }) test: string;
  @Field(() => String, { nullable: true, description: 'Measured tests: the unit values are given in (results must give the same).' }) unit?: string | null;
  @Field(() => Float, { nullable: true, description: 'Measured tests: the lowest passing value (inclusive).' }) min?: number | null;
  @Field(() => Float, { nullable: true, description: 'Measured tests: the highest passing value (inclusive); not below min.' }) max?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: a pass/fail test, without bounds or unit. Leave it out for a measured test, which needs min, max or both.',
  })
  mustPass?: boolean | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Lots of the material may be neither shipped nor consumed before this test has passed.' })
  requiredForRelease: boolean;
}

@InputType({ description: 'A test result of a lot, e.g. from a lab report or a supplier\'s certificate of analysis.' })
export class TestResultInput implements model.TestResultInput {
  @Field(() => ID, { description: EVENT_ID }) eventId: string;
  @Field(() => ID, { description: 'The lot tested, which must exist.' }) lotCode: string;
  @Field(() => String, { description: "The test: one of the lot's material's specifications." }) test: string;
  @Field(() => Float, { nullable: true, description: 'The measured value: required for a measured test.' }) value?: number | null;
  @Field(() => String, { nullable: true, description: "The value's unit: required, and the same, where the specification has one." }) unit?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'For pass/fail tests (required there); for measured tests it is derived from the specification, and if given must agree.',
  })
  passed?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the sample was taken: not after reportedAt, not in the future.' }) sampledAt?: string | null;
  @Field(() => DateTimeScalar, { description: 'When the lab reported it: not in the future (LOTGRAPH_CLOCK_TOLERANCE_S aside).' }) reportedAt: string;
  @Field(() => String, { nullable: true, description: 'The lab that tested it.' }) lab?: string | null;
  @Field(() => String, { nullable: true, description: 'The test method.' }) method?: string | null;
  @Field(() => String, { nullable: true, description: 'Certificate of analysis or lab report number.' }) certificate?: string | null;
}
