// How the exports (FSMA 204, EPCIS) name and describe this company's sites.
import type { Config } from '../../config.js';
import type { Site } from '../model.js';

/** What describing a site needs of the configuration. */
export type PlaceSettings = Pick<Config, 'LOTGRAPH_DEFAULT_SITE' | 'LOTGRAPH_PLANT_LOCATION' | 'LOTGRAPH_PLANT_GLN'>;

/**
 * A site's GLN as the exports give it, and as an EPCIS import recognises the site by: the default
 * site's is LOTGRAPH_PLANT_GLN when that is set (what the exports said before sites existed), else
 * the GLN recorded with it; every other site's is its own.
 */
export function siteGln(site: Pick<Site, 'code' | 'gln'>, settings: PlaceSettings): string | null {
  if (site.code === settings.LOTGRAPH_DEFAULT_SITE && settings.LOTGRAPH_PLANT_GLN) return settings.LOTGRAPH_PLANT_GLN;
  return site.gln ?? null;
}

/**
 * A site's FSMA 204 location description: business name, address and phone, then its GLN. The
 * default site's is LOTGRAPH_PLANT_LOCATION (a plant with one site exports what it did before
 * sites existed); every other site's is its address, else its name.
 */
export function siteDescription(site: Pick<Site, 'code' | 'gln' | 'name' | 'address'>, settings: PlaceSettings): string {
  const text = site.code === settings.LOTGRAPH_DEFAULT_SITE ? settings.LOTGRAPH_PLANT_LOCATION : (site.address ?? site.name);
  const gln = siteGln(site, settings);
  return gln ? `${text}; GLN ${gln}` : text;
}

