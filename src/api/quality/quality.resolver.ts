import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { QUALITY_DECIDERS, RESULT_RECORDERS } from '../auth/access.js';
import type { Context } from '../context.js';
import { PageArgs } from '../connection.js';
import { primeFromTrace, primeLots } from '../loaders.js';
import { scopeOf } from '../scope.js';
import { QualityStatus } from '../../core/enums.js';
import { qualityOf } from '../../core/quality/quality.js';
import { Lot, LotConnection } from '../lot/lot.type.js';
import { Material } from '../material/material.type.js';
import { SpecificationInput, TestResultInput } from './quality.input.js';
import { Specification, TestResult, TestResultOutcome } from './quality.type.js';

@Resolver(() => Lot)
export class LotQualityResolver {
  @FieldResolver(() => QualityStatus, {
    description: [
      "Where the lot stands with its material's quality tests: FAILED while a failure is outstanding, PENDING while a test required",
      'for release has no result, else PASSED, or NOT_REQUIRED when nothing is required and nothing was tested. Read for every lot',
      'of an answer at once (a trace, a recall), not lot by lot.',
    ].join('\n'),
  })
  async quality(@Root() lot: Lot, @Ctx() ctx: Context) {
    const facts = await ctx.loaders.qualityByLot.load(lot.code);
    return qualityOf(facts ?? { code: lot.code, required: [], results: [] });
  }

  @FieldResolver(() => [TestResult], { description: 'Its test results, oldest reported first (then by when they were recorded).' })
  testResults(@Root() lot: Lot, @Ctx() ctx: Context) {
    return ctx.loaders.testResultsByLot.load(lot.code);
  }

  @Authorized()
  @Query(() => LotConnection, {
    description: [
      'The lots FAILED or PENDING, the ones positive release keeps in the plant, a page at a time in lot-code order (the',
      'Recall explorer\'s Quality view). Read from the failed results and the specifications required for release, not from',
      'every lot. BAD_USER_INPUT for PASSED or NOT_REQUIRED.',
    ].join('\n'),
  })
  async lotsByQuality(
    @Arg('quality', () => QualityStatus, { description: 'FAILED or PENDING.' }) quality: QualityStatus,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const found = await ctx.services.quality.lotsByQuality(quality, page, scopeOf(ctx));
    primeLots(ctx.loaders, found.edges.map((e) => e.node));
    return found;
  }

  @Authorized(QUALITY_DECIDERS)
  @Mutation(() => Lot, {
    description: [
      'Releases a held lot after review (QA): RELEASED, with the reason in its history, and any failure of its tests answered (its',
      'quality no longer FAILED). Refuses (BAD_USER_INPUT) a lot whose required tests have not passed: a test whose latest result',
      'failed (record a passing retest first) or a required test without result; and a RECALLED or DESTROYED lot. Releasing a',
      'RELEASED lot with nothing to answer changes nothing. Downstream lots a failure held stay held until released themselves.',
      'QUALITY or ADMIN.',
    ].join('\n'),
  })
  async releaseLot(
    @Arg('lotCode', () => ID, { description: 'The lot to release, which must exist.' }) lotCode: string,
    @Arg('reason', () => String, { description: 'Why, recorded with the release in the audit trail (not empty).' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    const lot = await ctx.services.quality.releaseLot(lotCode, reason, scopeOf(ctx));
    primeLots(ctx.loaders, [lot]);
    return lot;
  }
}

@Resolver(() => Material)
export class MaterialQualityResolver {
  @FieldResolver(() => [Specification], { description: 'What its lots are tested for, by test.' })
  specifications(@Root() material: Material, @Ctx() ctx: Context) {
    return ctx.loaders.specificationsByMaterial.load(material.sku);
  }
}

@Resolver(() => Specification)
export class SpecificationResolver {
  @FieldResolver(() => Material, { description: 'The material whose lots this test is for.' })
  material(@Root() spec: Specification, @Ctx() ctx: Context) {
    return ctx.loaders.material.load(spec.materialSku);
  }

  @Authorized()
  @Query(() => [Specification], { description: "A material's specifications, by test. NOT_FOUND for an unknown material." })
  specifications(@Arg('materialSku', () => ID, { description: 'The SKU of the material.' }) materialSku: string, @Ctx() ctx: Context) {
    return ctx.services.quality.specifications(materialSku, scopeOf(ctx));
  }

  @Authorized(QUALITY_DECIDERS)
  @Mutation(() => Specification, {
    description: [
      "Creates a material's specification for a test, or updates the one it has, and returns it. Results already recorded keep",
      'the judgement they were recorded with; a new requiredForRelease makes the lots without a result of the test PENDING. QUALITY or ADMIN.',
    ].join('\n'),
  })
  upsertSpecification(@Arg('input', () => SpecificationInput, { description: 'The specification.' }) input: SpecificationInput, @Ctx() ctx: Context) {
    return ctx.services.quality.upsertSpecification(input, scopeOf(ctx));
  }
}

@Resolver(() => TestResult)
export class TestResultResolver {
  @FieldResolver(() => Lot, { description: 'The lot tested.' })
  lot(@Root() result: TestResult, @Ctx() ctx: Context) {
    return ctx.loaders.lot.load(result.lotCode);
  }

  @Authorized(RESULT_RECORDERS)
  @Mutation(() => TestResultOutcome, {
    description: [
      "Records a test result of a lot, judged against its material's specification for the test (inclusive bounds; pass/fail as given).",
      'A failed result puts the lot and every affected lot still in house downstream of it ON_HOLD in the same transaction (one event,',
      'the result its reason; LOTGRAPH_QUALITY_AUTO_HOLD=lot: the lot alone) and answers what it held. BAD_USER_INPUT, nothing written,',
      'for an unknown lot or test, a measured value without value or unit, another unit, a time in the future. OPERATOR, QUALITY or ADMIN.',
    ].join('\n'),
  })
  async recordTestResult(@Arg('input', () => TestResultInput, { description: 'The result.' }) input: TestResultInput, @Ctx() ctx: Context) {
    const { answer, graph } = await ctx.services.quality.recordTestResult(input, scopeOf(ctx));
    if (graph) primeFromTrace(ctx.loaders, graph);
    ctx.loaders.testResult.prime(answer.result.eventId, answer.result);
    return answer;
  }
}
