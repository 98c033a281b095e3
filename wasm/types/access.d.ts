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
export interface NetworkStats { nodes: number; edges: number; total_length_m: number; components: number; largest_component_nodes: number }
export interface StreetReport { kept: number; excluded: Record<string, number>; missing_nodes: number }
export interface NetworkInfo { network: NetworkStats; import: StreetReport }
export interface Snap { edge: number; offset_m: number; edge_len_m: number; off_network_m: number; point: LonLat; component: number }
export interface SnapFinding { what: string; component: number; component_nodes: number; component_length_m: number; [key: string]: unknown }
export interface Nearest { facility_id: string; name?: string | null; distance_m: number; minutes: number }
export interface NearestByCategory {
  method: "network" | "straight_line_detour";
  origin_snap?: Snap | null;
  by_category: Record<string, Nearest | null>;
  findings: SnapFinding[];
}
export interface GeoJsonFeature { type: "Feature"; geometry: unknown; properties: Record<string, unknown> }
export interface GeoJsonFeatureCollection { type: "FeatureCollection"; features: GeoJsonFeature[] }
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
  origins_measured: number;
  origins_unsnapped: string[];
  /** Origins from data outside the circle: measured all the same (a district-wide file?). */
  origins_outside: string[];
  snap_findings: SnapFinding[];
  datum_warning?: { points_seem_in: Crs; network_in: Crs; median_offset_m: number; median_offset_converted_m: number; points_checked: number; message: string };
  unreached: string[];
}
export interface WalkedCircle { circle: CircleInput; report: WalkReport }
export interface Coverage { covered_origins: number; total_origins: number; covered_population: number; total_population: number }
export interface OriginChange { origin_id: string; before_m: number | null; after_m: number | null }
export interface CategoryChange { before: Coverage; after: Coverage; changed: OriginChange[] }
export interface WhatIf { facility_id: string; added: boolean; categories: Record<string, CategoryChange> }
export interface SiteSuggestion { rank: number; point: LonLat; candidate: number; newly_covered_origins: number; newly_covered_population: number; covered_population_after: number }
export interface Siting { category: string; before: Coverage; sites: SiteSuggestion[]; unsnapped_candidates: number[] }
