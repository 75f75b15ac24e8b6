/** Registers the Neo4j input loaders of every job kind that needs data (see input-loader.ts). */
export function registerKindLoaders(): void {
  // ping needs no data; calibrate/simulate/optimize loaders register here as they land.
}
