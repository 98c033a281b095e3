// ---------- walking reach (core/src/access) ----------
/**
 * Codes only walking reach throws: `invalid_data` (street, facility or origin data that cannot
 * be read; the message names the element, feature or line), `access_error` (a walk that cannot
 * be measured: a point far from every street, bad parameters).
 */
export type AccessErrorCode = "invalid_data" | "access_error";
export type DataFormat = "osm" | "osm_xml" | "xml" | "pbf" | "osm_pbf" | "geojson" | "json" | "csv";
export type WalkProfile = "default" | "elderly";
/** A facility from data, WGS-84, in one or more of the standard's categories. */
export interface DataFacility { id: string; name?: string | null; point: LonLat; categories: string[]; chain?: boolean; brand?: string | null }
/** A residential origin from data, WGS-84; `population` weights coverage (1 when absent). */
export interface DataOrigin { id: string; point: LonLat; population?: number | null }
export interface UnmappedItem { id: string; name?: string | null; keys: string[] }
export interface FacilityImport { facilities: DataFacility[]; unmapped: UnmappedItem[] }
export interface NetworkStats {
  nodes: number;
  edges: number;
  total_length_m: number;
  components: number;
  largest_component_nodes: number;
  /** Street pieces drawn twice (the same vertices, either way, as OSMnx writes a two-way street) and counted once. */
  duplicate_edges_merged: number;
}
export interface StreetReport {
  kept: number;
  /** Lines left out, by reason (`highway=motorway`, `foot=no`, `name contains 高架路`, `geometry Point` …). */
  excluded: Record<string, number>;
  missing_nodes: number;
  /** The first feature of a GeoJSON network that is not a line (e.g. `features[4]`). */
  first_not_a_line?: string;
}
export interface NetworkInfo { network: NetworkStats; import: StreetReport }
export interface Snap { edge: number; offset_m: number; edge_len_m: number; off_network_m: number; point: LonLat; component: number }
/** A point whose nearest street is on a piece of network cut off from the main one. */
export interface SnapFinding {
  what: string;
  component: number;
  component_nodes: number;
  component_length_m: number;
  largest_component_nodes: number;
  /** Metres from the point to the main network's street it was also joined to; absent when none lies within the snapping distance (reached only along its piece). */
  main_off_network_m?: number;
}
/** A walk between two points (`net.walk`). */
export interface PairWalk {
  /** Metres along the streets; `null` when the points lie on pieces of network that do not connect. */
  metres: number | null;
  /** The points (`from`, `to`) whose nearest street is on a piece cut off from the main network. */
  findings: SnapFinding[];
  /** The walk went from the main network's street of such a point (shorter, or the only way). */
  via_main: boolean;
}
export interface Nearest { facility_id: string; name?: string | null; distance_m: number; minutes: number }
export interface NearestByCategory {
  method: "network" | "straight_line_detour";
  /** The origin's nearest street. */
  origin_snap?: Snap | null;
  /** The main network's street the origin was also joined to, when its nearest street is on a cut-off piece. */
  origin_main_snap?: Snap;
  by_category: Record<string, Nearest | null>;
  findings: SnapFinding[];
}
/** The pace minutes are measured at (`walkPace`): a minute means nothing without it. */
export interface Pace {
  profile: WalkProfile;
  speed_m_per_min: number;
  /** The standard's parameter: `walking_speed_m_per_min` or `elderly_walking_speed_m_per_min`. */
  param: string;
  /** The standard's id. */
  standard: string;
  /** The standard marks the value provisional: designed by this project, not an official value. */
  provisional: boolean;
}
/** The pace on every feature of `isochrone` and `reachedStreets`, as the CLI writes it. */
export type PaceProperties = { speed_m_per_min: number; profile: WalkProfile; pace_param: string; pace_provisional: boolean };
export interface GeoJsonFeature { type: "Feature"; geometry: unknown; properties: Record<string, unknown> }
export interface GeoJsonFeatureCollection { type: "FeatureCollection"; features: GeoJsonFeature[] }
export interface IsochroneFeature extends GeoJsonFeature {
  properties: PaceProperties & { minutes: number; cell_m: number; area_m2: number; reached_length_m: number };
}
export interface ReachedStreetFeature extends GeoJsonFeature {
  properties: PaceProperties & { edge: number; tier_minutes: number; minutes_at_from: number; minutes_at_to: number };
}
export interface ReachedStreetsCollection extends GeoJsonFeatureCollection { features: ReachedStreetFeature[] }
/** The datums `walkCircle`'s data was declared in when read (default `wgs84`); the network's is the one `fromBytes` was given. */
export interface WalkCircleOptions { facilitiesCrs?: Crs | null; originsCrs?: Crs | null }
/** A datum check that found something (`WalkReport.datum_warnings`). */
export interface DatumWarning {
  /** `shift`: a conversion brings the points onto the streets and other shifts as long do not; `unclear`: it cannot be told from chance, or too few points. */
  verdict: "shift" | "unclear";
  /** Which points: `facilities`, `origins` or `points`. */
  of: string;
  points_declared: Crs;
  network_declared: Crs;
  points_seem_in: Crs;
  network_in: Crs;
  median_offset_m: number;
  median_offset_converted_m: number;
  mean_offset_m: number;
  mean_offset_converted_m: number;
  mean_offset_control_m: number;
  points_checked: number;
  /** Chinese first: `zh / en`. */
  message: string;
}
/** Something a reader of `walkCircle`'s result must know, Chinese first. */
export interface WalkFinding {
  code: "origins_unreachable" | "origins_typed" | "datum_shift" | "datum_unclear" | "cut_off_piece";
  severity: "warning" | "info";
  message_zh: string;
  message_en: string;
  /** The origins or facilities it is about (all of them; the messages name the first few). */
  ids?: string[];
}
export interface WalkReport {
  network: NetworkStats;
  facilities_used: number;
  facilities_added: number;
  /** Facilities with no street within the snapping distance (left out). */
  facilities_unsnapped: string[];
  /** Facilities from data outside the circle (its boundary, or `reach_m` of its centre and origins): left out. */
  facilities_outside: string[];
  /** The circle's reach in metres (the standard's longest walk), when it has no boundary. */
  reach_m?: number;
  facilities_without_location: number;
  /** Origins measured on the network. */
  origins_measured: number;
  /** Origins with no street within the snapping distance: kept with no distance, so not covered (a finding names them). */
  origins_unsnapped: string[];
  /** The circle's own origins without a location whose typed-in distances were kept. */
  origins_typed?: string[];
  /** Origins from data outside the circle: measured all the same (a district-wide file?). */
  origins_outside: string[];
  /** Points whose nearest street is on a piece cut off from the main network. */
  snap_findings: SnapFinding[];
  /** The first of `datum_warnings`, a clear shift before an unclear one. */
  datum_warning?: DatumWarning;
  /** Every datum check that found something (facilities and origins, each against the network). */
  datum_warnings?: DatumWarning[];
  unreached: string[];
  /** What the result's reader must know, Chinese first. */
  findings?: WalkFinding[];
}
export interface WalkedCircle { circle: CircleInput; report: WalkReport }
/** Origins with no street within the snapping distance are in the totals, never covered (as scoring counts them). */
export interface Coverage { covered_origins: number; total_origins: number; covered_population: number; total_population: number }
export interface OriginChange { origin_id: string; before_m: number | null; after_m: number | null }
export interface CategoryChange { before: Coverage; after: Coverage; changed: OriginChange[] }
export interface WhatIf { facility_id: string; added: boolean; categories: Record<string, CategoryChange> }
export interface SiteSuggestion { rank: number; point: LonLat; candidate: number; newly_covered_origins: number; newly_covered_population: number; covered_population_after: number }
/** `unsnapped_origins`: the ids of origins with no street within the snapping distance (no site can cover them). */
export interface Siting { category: string; before: Coverage; sites: SiteSuggestion[]; unsnapped_candidates: number[]; unsnapped_origins: string[] }
