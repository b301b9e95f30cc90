/** Where an account's region serves the API: the v1 host and the legacy console API. */
export interface RiveryHosts {
  v1: string;
  legacy: string;
}

const us: RiveryHosts = { v1: 'https://api.rivery.io', legacy: 'https://console.rivery.io/api' };
// The EU console is published at eu-west-1.console.rivery.io; IL and AU follow the same pattern.
const regional = (name: string): RiveryHosts => ({ v1: `https://api.${name}.rivery.io`, legacy: `https://${name}.console.rivery.io/api` });
const eu = regional('eu-west-1');
const il = regional('il-central-1');
const au = regional('ap-southeast-2');

/** The regions Rivery serves, by their documented label (`us`, `eu`, `il`, `au`) or AWS region name. */
export const riveryRegions = {
  us,
  eu,
  'eu-west-1': eu,
  il,
  'il-central-1': il,
  au,
  'ap-southeast-2': au,
} as const satisfies Record<string, RiveryHosts>;

/** A Rivery region: `us` (the default), `eu`, `il` or `au`, or the AWS name of one. */
export type RiveryRegion = keyof typeof riveryRegions;
