// src/api/quality: specifications, test results, Lot.quality and the release, over src/core/quality.
import type * as model from '../../core/model.js';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';
import { DateTimeScalar } from '../scalars.js';
import { RecallImpact } from '../trace/trace.type.js';

@ObjectType({
  implements: Node,
  description: [
    "What a material's lots are tested for: a measured test (min and/or max, inclusive, in unit) or a pass/fail one (mustPass).",
    'One per material and test; results of the test are judged against it when they are recorded.',
  ].join('\n'),
})
export class Specification implements model.Specification {
  @Field(() => String, { description: 'The name of the test (e.g. aflatoxin, moisture, Salmonella): what a TestResultInput names.' }) test: string;
  @Field(() => String, { nullable: true, description: 'The unit a measured value is given in (e.g. ppb, %); null for a pass/fail test or a measure without unit (pH).' })
  unit: string | null;
  @Field(() => Float, { nullable: true, description: 'A measured value passes at or above this; null: no lower bound.' }) min: number | null;
  @Field(() => Float, { nullable: true, description: 'A measured value passes at or below this; null: no upper bound.' }) max: number | null;
  @Field(() => Boolean, { nullable: true, description: 'True for pass/fail tests (e.g. Salmonella: absent in 25 g); null for a measured test.' })
  mustPass: boolean | null;
  @Field(() => Boolean, {
    description: 'A lot of this material may be neither shipped nor consumed before this test has passed (positive release): its quality is PENDING until then.',
  })
  requiredForRelease: boolean;
  materialSku: string;
}

@ObjectType({ implements: Node, description: "One test result of a lot, judged against its material's specification when it was recorded." })
export class TestResult implements model.TestResult {
  @Field(() => ID, { description: 'The event that recorded it (TestResultInput.eventId).' }) eventId: string;
  @Field(() => String, { description: 'The test (Specification.test).' }) test: string;
  @Field(() => Float, { nullable: true, description: 'The measured value, in unit; null for a pass/fail result given without one.' }) value: number | null;
  @Field(() => String, { nullable: true, description: 'The unit of value, as the specification has it.' }) unit: string | null;
  @Field(() => Boolean, { description: 'Whether it met the specification: within its bounds for a measured test, as given for a pass/fail one.' })
  passed: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the sample was taken, if known.' }) sampledAt: string | null;
  @Field(() => DateTimeScalar, { description: 'When the lab reported the result: of two results of one test, the later reported is the latest.' })
  reportedAt: string;
  @Field(() => String, { nullable: true, description: 'The lab that tested it (ours, the supplier\'s, a contract lab).' }) lab: string | null;
  @Field(() => String, { nullable: true, description: 'The test method (e.g. AOAC 991.31).' }) method: string | null;
  @Field(() => String, { nullable: true, description: 'Certificate of analysis or lab report number.' }) certificate: string | null;
  @Field(() => String, { description: "Who recorded it (the key's name, or a token's subject)." }) recordedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) recordedAt: string;
  @Field(() => ID, {
    nullable: true,
    description: 'For a failed result: the release (releaseLot) that answered it, after which it no longer makes the lot FAILED; null while none has.',
  })
  releasedBy: string | null;
  lotCode: string;
}

@ObjectType({ description: 'A recorded test result and, when it failed, what it put on hold.' })
export class TestResultOutcome implements model.TestResultOutcome {
  @Field(() => TestResult, { description: 'The result as recorded.' }) result: TestResult;
  @Field(() => RecallImpact, {
    nullable: true,
    description: [
      'Set when the result failed its specification: the lot and what its hold reaches (every affected lot still in house',
      'downstream, or with LOTGRAPH_QUALITY_AUTO_HOLD=lot the lot alone); inHouseLots are now ON_HOLD (or were blocked already).',
      'Null for a pass. Recorded again (the same eventId), it is what the hold reaches now.',
    ].join('\n'),
  })
  held: RecallImpact | null;
}
