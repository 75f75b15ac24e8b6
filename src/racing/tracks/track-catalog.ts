/**
 * The Cup track configurations the importers know (2015–2026), one entry per physical layout:
 * era splits (Atlanta before/after its 2022 reprofile, Phoenix before/after the Nov-2018
 * start/finish move, Sonoma's carousel years, Roval v1/v2, COTA full/short …) are separate
 * tracks because they race differently. The product ships this table, so it must not read
 * ../shared/data at run time.
 *
 * Facts (ids, lengths, surfaces, families) follow the MIT-licensed nsharkey/nascar-cup-model
 * track audit (research/track_audit, Copyright (c) 2026); `type` is the model's coarse bucket
 * (engine/contract TRACK_TYPES), the same one the combined Cup table uses.
 */
import type { TrackType } from '../../../engine/contract/index.js';

export interface TrackConfig {
  /** Stable id, e.g. `bristol_concrete` (the nsharkey `track_id`). */
  readonly id: string;
  readonly name: string;
  readonly configuration: string;
  readonly lengthMiles: number;
  readonly type: TrackType;
  readonly surface: 'asphalt' | 'concrete' | 'dirt' | 'mixed';
  /** Finer family, e.g. 'Drafting superspeedway', 'Short oval'. */
  readonly family: string;
}

const T = (id: string, name: string, configuration: string, lengthMiles: number, type: TrackType, surface: TrackConfig['surface'], family: string): TrackConfig => ({ id, name, configuration, lengthMiles, type, surface, family });

export const TRACKS: readonly TrackConfig[] = [
  T('daytona_oval', 'Daytona International Speedway', '2.5-mile oval', 2.5, 'superspeedway', 'asphalt', 'Drafting superspeedway'),
  T('talladega_oval', 'Talladega Superspeedway', '2.66-mile oval', 2.66, 'superspeedway', 'asphalt', 'Drafting superspeedway'),
  T('atlanta_pre_2022', 'Atlanta Motor Speedway', 'pre-2022 1.54-mile oval', 1.54, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('atlanta_post_2022', 'Atlanta Motor Speedway', '2022+ 1.54-mile drafting oval', 1.54, 'superspeedway', 'asphalt', 'Condensed drafting speedway'),
  T('auto_club_2mi', 'Auto Club Speedway', '2.0-mile D-oval', 2.0, 'intermediate', 'asphalt', 'High-speed intermediate'),
  T('charlotte_oval', 'Charlotte Motor Speedway', '1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('chicagoland_oval', 'Chicagoland Speedway', '1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('darlington', 'Darlington Raceway', '1.366-mile egg-shaped oval', 1.366, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('homestead', 'Homestead-Miami Speedway', '1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('kansas', 'Kansas Speedway', '1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('kentucky_pre_2016', 'Kentucky Speedway', 'pre-2016 1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('kentucky_post_2016', 'Kentucky Speedway', '2016-2020 reconfigured oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('las_vegas', 'Las Vegas Motor Speedway', '1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('michigan', 'Michigan International Speedway', '2.0-mile D-oval', 2.0, 'intermediate', 'asphalt', 'High-speed intermediate'),
  T('texas_pre_2017', 'Texas Motor Speedway', 'pre-2017 1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('texas_post_2017', 'Texas Motor Speedway', '2017+ asymmetric 1.5-mile oval', 1.5, 'intermediate', 'asphalt', 'Intermediate oval'),
  T('indianapolis_oval', 'Indianapolis Motor Speedway', '2.5-mile oval', 2.5, 'intermediate', 'asphalt', 'Large flat oval'),
  T('pocono', 'Pocono Raceway', '2.5-mile triangular oval', 2.5, 'intermediate', 'asphalt', 'Large flat oval'),
  T('nashville', 'Nashville Superspeedway', '1.333-mile concrete oval', 1.333, 'intermediate', 'concrete', 'High-banked compact oval'),
  T('wwt_gateway', 'World Wide Technology Raceway', '1.25-mile oval', 1.25, 'intermediate', 'asphalt', 'Flat short oval'),
  T('bristol_concrete', 'Bristol Motor Speedway', '0.533-mile concrete oval', 0.533, 'short', 'concrete', 'High-banked compact oval'),
  T('bristol_dirt', 'Bristol Motor Speedway', 'temporary dirt oval (2021-2023)', 0.533, 'dirt', 'dirt', 'Dirt oval'),
  T('dover', 'Dover Motor Speedway', '1.0-mile concrete oval', 1.0, 'short', 'concrete', 'High-banked compact oval'),
  T('iowa', 'Iowa Speedway', '0.875-mile oval', 0.875, 'short', 'asphalt', 'Short oval'),
  T('martinsville', 'Martinsville Speedway', '0.526-mile oval', 0.526, 'short', 'mixed', 'Short oval'),
  T('new_hampshire', 'New Hampshire Motor Speedway', '1.058-mile oval', 1.058, 'short', 'asphalt', 'Flat short oval'),
  T('north_wilkesboro', 'North Wilkesboro Speedway', '0.625-mile oval', 0.625, 'short', 'asphalt', 'Short oval'),
  T('phoenix_pre_2018f', 'Phoenix Raceway', 'pre-November-2018 start/finish orientation', 1.0, 'short', 'asphalt', 'Flat short oval'),
  T('phoenix_post_2018f', 'Phoenix Raceway', 'November 2018+ start/finish orientation', 1.0, 'short', 'asphalt', 'Flat short oval'),
  T('richmond', 'Richmond Raceway', '0.75-mile oval', 0.75, 'short', 'asphalt', 'Short oval'),
  T('charlotte_roval_v1', 'Charlotte Motor Speedway Roval', '2018-2023 road course', 2.32, 'road', 'asphalt', 'Hybrid road course'),
  T('charlotte_roval_v2', 'Charlotte Motor Speedway Roval', '2024+ reconfigured road course', 2.28, 'road', 'asphalt', 'Hybrid road course'),
  T('chicago_street', 'Chicago Street Course', '2.2-mile street course', 2.2, 'road', 'mixed', 'Street course'),
  T('cota_full', 'Circuit of The Americas', '2021-2024 full course', 3.41, 'road', 'asphalt', 'Permanent road course'),
  T('cota_short', 'Circuit of The Americas', '2025+ shortened course', 2.4, 'road', 'asphalt', 'Permanent road course'),
  T('daytona_road', 'Daytona International Speedway', '3.61-mile road course', 3.61, 'road', 'asphalt', 'Hybrid road course'),
  T('indianapolis_road', 'Indianapolis Motor Speedway', '2.439-mile road course', 2.439, 'road', 'asphalt', 'Hybrid road course'),
  T('mexico_city', 'Autodromo Hermanos Rodriguez', '2.42-mile road course', 2.42, 'road', 'asphalt', 'Permanent road course'),
  T('road_america', 'Road America', '4.048-mile road course', 4.048, 'road', 'asphalt', 'Permanent road course'),
  T('san_diego_street', 'Naval Base Coronado street/runway course', '3.4-mile street/runway course', 3.4, 'road', 'mixed', 'Street course'),
  T('sonoma_short', 'Sonoma Raceway', '1.99-mile chute layout', 1.99, 'road', 'asphalt', 'Permanent road course'),
  T('sonoma_carousel', 'Sonoma Raceway', '2.52-mile carousel layout', 2.52, 'road', 'asphalt', 'Permanent road course'),
  T('watkins_glen', 'Watkins Glen International', '2.45-mile road course', 2.45, 'road', 'asphalt', 'Permanent road course'),
];

export const TRACKS_BY_ID: ReadonlyMap<string, TrackConfig> = new Map(TRACKS.map((t) => [t.id, t]));

/**
 * One feed name (as the result sources spell it) and the configuration it meant in an era.
 * `fromDate` splits a season (Phoenix moved its start/finish line for the November 2018 race).
 */
export interface TrackEra {
  readonly trackId: string;
  readonly fromSeason?: number;
  readonly toSeason?: number;
  readonly fromDate?: string;
  readonly toDate?: string;
}

const one = (trackId: string): TrackEra[] => [{ trackId }];

/** Feed names → eras. Keys are free text; `trackNameKey` normalises them before lookup. */
export const TRACK_NAMES: ReadonlyArray<readonly [string, readonly TrackEra[]]> = [
  ['Daytona International Speedway', one('daytona_oval')],
  ['Daytona', one('daytona_oval')],
  ['Talladega Superspeedway', one('talladega_oval')],
  ['Talladega', one('talladega_oval')],
  ['Atlanta Motor Speedway', [{ trackId: 'atlanta_pre_2022', toSeason: 2021 }, { trackId: 'atlanta_post_2022', fromSeason: 2022 }]],
  ['Atlanta', [{ trackId: 'atlanta_pre_2022', toSeason: 2021 }, { trackId: 'atlanta_post_2022', fromSeason: 2022 }]],
  ['EchoPark Speedway', one('atlanta_post_2022')],
  ['Auto Club Speedway', one('auto_club_2mi')],
  ['Fontana', one('auto_club_2mi')],
  ['Charlotte Motor Speedway', one('charlotte_oval')],
  ['Chicagoland Speedway', one('chicagoland_oval')],
  ['Darlington Raceway', one('darlington')],
  ['Homestead-Miami Speedway', one('homestead')],
  ['Kansas Speedway', one('kansas')],
  ['Kentucky Speedway', [{ trackId: 'kentucky_pre_2016', toSeason: 2015 }, { trackId: 'kentucky_post_2016', fromSeason: 2016, toSeason: 2020 }]],
  ['Las Vegas Motor Speedway', one('las_vegas')],
  ['Michigan International Speedway', one('michigan')],
  ['Texas Motor Speedway', [{ trackId: 'texas_pre_2017', toSeason: 2016 }, { trackId: 'texas_post_2017', fromSeason: 2017 }]],
  ['Indianapolis Motor Speedway', one('indianapolis_oval')],
  ['Pocono Raceway', one('pocono')],
  ['Nashville Superspeedway', one('nashville')],
  ['World Wide Technology Raceway', one('wwt_gateway')],
  ['World Wide Technology Raceway at Gateway', one('wwt_gateway')],
  ['Bristol Motor Speedway', one('bristol_concrete')],
  ['Bristol', one('bristol_concrete')],
  ['Bristol Motor Speedway Dirt', one('bristol_dirt')],
  ['Bristol Motor Speedway Dirt Track', one('bristol_dirt')],
  ['Dover International Speedway', one('dover')],
  ['Dover Motor Speedway', one('dover')],
  ['Iowa Speedway', one('iowa')],
  ['Martinsville Speedway', one('martinsville')],
  ['Martinsville', one('martinsville')],
  ['New Hampshire Motor Speedway', one('new_hampshire')],
  ['North Wilkesboro Speedway', one('north_wilkesboro')],
  ['Phoenix Raceway', [{ trackId: 'phoenix_pre_2018f', toDate: '2018-10-31' }, { trackId: 'phoenix_post_2018f', fromDate: '2018-11-01' }]],
  ['ISM Raceway', [{ trackId: 'phoenix_pre_2018f', toDate: '2018-10-31' }, { trackId: 'phoenix_post_2018f', fromDate: '2018-11-01' }]],
  ['Richmond Raceway', one('richmond')],
  ['Richmond International Raceway', one('richmond')],
  ['Charlotte Motor Speedway Road Course', [{ trackId: 'charlotte_roval_v1', toSeason: 2023 }, { trackId: 'charlotte_roval_v2', fromSeason: 2024 }]],
  ['Charlotte Roval', [{ trackId: 'charlotte_roval_v1', toSeason: 2023 }, { trackId: 'charlotte_roval_v2', fromSeason: 2024 }]],
  ['Chicago Street Course', one('chicago_street')],
  ['Chicago Street Race', one('chicago_street')],
  ['Circuit of The Americas', [{ trackId: 'cota_full', toSeason: 2024 }, { trackId: 'cota_short', fromSeason: 2025 }]],
  ['Daytona International Speedway Road Course', one('daytona_road')],
  ['Indianapolis Motor Speedway Road Course', one('indianapolis_road')],
  ['Autodromo Hermanos Rodriguez', one('mexico_city')],
  ['Mexico City', one('mexico_city')],
  ['Road America', one('road_america')],
  ['San Diego Street Course', one('san_diego_street')],
  ['Sonoma Raceway', [{ trackId: 'sonoma_short', toSeason: 2018 }, { trackId: 'sonoma_carousel', fromSeason: 2019, toSeason: 2021 }, { trackId: 'sonoma_short', fromSeason: 2022 }]],
  ['Watkins Glen International', one('watkins_glen')],
];
