// src/core/site: sites and the locations inside them (master data).
import type { Db } from '../../db/db.js';
import { badInput } from '../errors.js';
import { requireKey, requireText } from '../events/checks.js';
import { glnProblem } from '../gs1/gs1.js';
import type { Location, LocationInput, Site, SiteInput } from '../model.js';
import { type Scope, originOf } from '../scope.js';

/** Sites (plants, warehouses, co-packers of this company) and the locations inside them: master data. */
export class SiteService {
  constructor(private readonly db: Db) {}

  /** Created or updated in place. */
  upsertSite(input: SiteInput, scope: Scope): Promise<Site> {
    requireKey('input.code', input.code);
    requireText('input.name', input.name);
    const glnIssue = input.gln == null ? null : glnProblem(input.gln);
    if (glnIssue) throw badInput('input.gln', input.gln, glnIssue);
    if (input.address != null) requireText('input.address', input.address);
    const params = { code: input.code, name: input.name, gln: input.gln ?? null, address: input.address ?? null, actor: scope.actor };
    return this.db.writeTx(async (tx) => (await tx.run<Site>('upsert-site', params))[0], originOf('upsertSite', scope));
  }

  /** Created or renamed in place, in an existing site; a location stays in the site it was created in. */
  upsertLocation(input: LocationInput, scope: Scope): Promise<Location> {
    requireKey('input.code', input.code);
    requireKey('input.siteCode', input.siteCode);
    requireText('input.name', input.name);
    return this.db.writeTx(async (tx) => {
      const [row] = await tx.run<Location & { inSite: string | null }>('upsert-location', { code: input.code, siteCode: input.siteCode, name: input.name, actor: scope.actor });
      if (!row) throw badInput('input.siteCode', input.siteCode, 'no site with this code');
      if (row.inSite !== null) {
        throw badInput('input.siteCode', input.siteCode, `location ${input.code} is in site ${row.inSite}: a location does not move to another site`);
      }
      const { inSite: _, ...location } = row;
      return location;
    }, originOf('upsertLocation', scope));
  }

  /** Every site, by code. */
  sites(scope: Scope): Promise<Site[]> {
    return this.db.read<Site>('sites', {}, originOf('sites', scope));
  }
}
