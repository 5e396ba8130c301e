/**
 * Which of this company's locations an EPCIS readPoint, bizLocation, source or destination names:
 *
 * 1. urn:lotgraph:location:<code>: the location of that code;
 * 2. a GLN (urn:epc:id:sgln, or a Digital Link with AI 414 or 417) of one of this company's sites
 *    (siteGln: the default site's is LOTGRAPH_PLANT_GLN when set): with an extension (sgln's third
 *    part other than 0, or AI 254), the location of that code in that site; without, the default
 *    location in the default site, else the site's one location;
 * 3. else, a place the document's master data describes as a lotgraph location (BusinessLocation or
 *    ReadPoint element with urn:lotgraph:mda:code): that location, created with its site when this
 *    database has neither (as lotgraph's export describes them);
 * 4. else none of this company's: another company's place (a supplier's dock), or a work order's
 *    site text as lotgraph wrote it before locations existed.
 *
 * A place that names one of this company's sites but no location of it (an unknown extension, a
 * site with several locations and no extension), or an unknown urn:lotgraph:location, is a problem.
 */
import type { Tx } from '../../db/db.js';
import type { Config } from '../../config.js';
import { DomainError } from '../errors.js';
import { requireKey } from '../events/checks.js';
import { Gs1Error, glnProblem } from '../gs1/gs1.js';
import type { Location, LocationInput, Site, SiteInput } from '../model.js';
import { type PlaceSettings, siteGln } from '../site/places.js';
import type { MasterData, Problem } from './epcis.parse.js';
import { parsePlace, textOf } from './epcis.vocab.js';

/** What resolving places needs of the configuration: the default site's GLN and the default location. */
export type PlacesSettings = PlaceSettings & Pick<Config, 'LOTGRAPH_DEFAULT_LOCATION'>;

export class Places {
  /** Sites and locations the document's master data describes and this database lacks: to create. */
  readonly newSites = new Map<string, SiteInput>();
  readonly newLocations = new Map<string, LocationInput>();
  private readonly known = new Map<string, string | null>();

  private constructor(
    private readonly md: MasterData,
    private readonly settings: PlacesSettings,
    private readonly sites: Map<string, Site>,
    private readonly locations: Map<string, Location>,
  ) {}

  /** What these place URIs may name, read in two rounds of statements whatever their number. */
  static async read(tx: Tx, uris: string[], md: MasterData, settings: PlacesSettings): Promise<Places> {
    const codes = new Set<string>();
    const glns = new Set<string>();
    for (const uri of uris) {
      const named = textOf(md.place(uri)['lotgraph:code']);
      if (named) codes.add(named);
      let ref;
      try {
        ref = parsePlace(uri);
      } catch {
        continue; // malformed: a problem when the event's place is resolved
      }
      if (ref && 'code' in ref) codes.add(ref.code);
      else if (ref) {
        glns.add(ref.gln);
        if (ref.extension) codes.add(ref.extension);
      }
    }
    const sites = await tx.run<Site>('sites', {});
    const withGln = sites.filter((s) => glns.has(siteGln(s, settings) ?? '')).map((s) => s.code);
    const [byCode, inSites] = await Promise.all([
      codes.size > 0 ? tx.run<Location>('locations-by-code', { codes: [...codes] }) : [],
      withGln.length > 0 ? tx.run<Location>('locations-of-sites', { codes: withGln }) : [],
    ]);
    return new Places(md, settings, new Map(sites.map((s) => [s.code, s])), new Map([...byCode, ...inSites].map((l) => [l.code, l])));
  }

  /**
   * The code of this company's location a place URI names, or null when it names none of them (or
   * is null); what is wrong with it goes to problems, as the event's `field`.
   */
  locationOf(uri: string | null, index: number, field: string, problems: Problem[]): string | null {
    if (uri === null) return null;
    if (this.known.has(uri)) return this.known.get(uri)!;
    const fail = (reason: string) => {
      problems.push({ index, field, reason });
      return null;
    };
    let ref;
    try {
      ref = parsePlace(uri);
    } catch (err) {
      if (!(err instanceof Gs1Error)) throw err;
      return fail(err.message);
    }
    let found: string | null = null;
    let missing: string | null = null;
    if (ref && 'code' in ref) {
      if (this.locations.has(ref.code)) found = ref.code;
      else missing = `no location has code ${JSON.stringify(ref.code)}`;
    } else if (ref) {
      const sites = [...this.sites.values()].filter((s) => siteGln(s, this.settings) === ref.gln);
      const inSites = [...this.locations.values()].filter((l) => sites.some((s) => s.code === l.siteCode));
      const names = `GLN ${ref.gln} is site ${sites.map((s) => s.code).join(', ')}`;
      if (sites.length === 0) found = null;
      else if (ref.extension !== null) {
        found = inSites.find((l) => l.code === ref.extension)?.code ?? null;
        if (!found) missing = `${names}, which has no location ${JSON.stringify(ref.extension)} (the GLN extension)`;
      } else if (sites.some((s) => s.code === this.settings.LOTGRAPH_DEFAULT_SITE)) found = this.settings.LOTGRAPH_DEFAULT_LOCATION;
      else if (inSites.length === 1) found = inSites[0].code;
      else missing = `${names}, which has ${inSites.length === 0 ? 'no locations' : `several locations (${inSites.map((l) => l.code).sort().join(', ')})`}: name one as the GLN extension (sgln's third part, or the Digital Link's AI 254)`;
    }
    // What the database does not know, the document's master data may describe.
    if (found === null) {
      const described = this.described(uri, ref && 'gln' in ref ? ref.gln : null, index, field, problems);
      if (described === undefined) return null;
      found = described;
    }
    if (found === null && missing !== null) return fail(missing);
    this.known.set(uri, found);
    return found;
  }

  /**
   * The location a master-data element describes (urn:lotgraph:mda:code), found or to create with
   * its site; null when no element describes the place; undefined when it cannot be created (a problem).
   */
  private described(uri: string, gln: string | null, index: number, field: string, problems: Problem[]): string | null | undefined {
    const a = this.md.place(uri);
    const code = textOf(a['lotgraph:code']);
    if (code === null) return null;
    if (this.locations.has(code) || this.newLocations.has(code)) return code;
    const fail = (reason: string) => {
      problems.push({ index, field, reason: `location ${JSON.stringify(code)} is new, and ${reason}` });
      return undefined;
    };
    const name = textOf(a['cbvmda:name']);
    const siteCode = textOf(a['lotgraph:site']);
    if (!name || !siteCode) return fail(`the document's master data of ${uri} gives no ${name ? 'site (urn:lotgraph:mda:site)' : 'name (urn:epcglobal:cbv:mda#name)'} to create it with`);
    try {
      requireKey('urn:lotgraph:mda:code', code);
      requireKey('urn:lotgraph:mda:site', siteCode);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return fail(`its master data ${err.field} ${err.reason}`);
    }
    if (!this.sites.has(siteCode) && !this.newSites.has(siteCode)) {
      const siteName = textOf(a['lotgraph:siteName']);
      const siteGlnGiven = gln ?? textOf(a['lotgraph:siteGln']);
      const problem = siteGlnGiven === null ? null : glnProblem(siteGlnGiven);
      if (!siteName) return fail(`so is its site ${JSON.stringify(siteCode)}, which the master data gives no name (urn:lotgraph:mda:siteName) to create it with`);
      if (problem) return fail(`its site's GLN ${JSON.stringify(siteGlnGiven)}: ${problem}`);
      this.newSites.set(siteCode, { code: siteCode, name: siteName, gln: siteGlnGiven, address: textOf(a['lotgraph:siteAddress']) });
    }
    this.newLocations.set(code, { code, siteCode, name });
    return code;
  }
}
