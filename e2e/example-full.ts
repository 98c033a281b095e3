// Uses every export the second module (`lifecircle/full`) adds, with its declared types: your
// own standards and walking reach; checked with `tsc --noEmit --strict` against
// lifecircle_full.d.ts (run by `cargo xtask test`).
import init, {
  schema,
  loadStandard,
  validateStandard,
  packStandard,
  WalkNetwork,
  importFacilities,
  importOrigins,
  convertCoords,
  walkPace,
  scoreJson,
  district,
  districtJson,
  districtReport,
} from '../dist/npm/lifecircle_full.js';
import type {
  Diagnostic,
  Standard,
  LoadedStandard,
  FacilityImport,
  DataOrigin,
  NearestByCategory,
  IsochroneFeature,
  ReachedStreetsCollection,
  NetworkInfo,
  WalkedCircle,
  WalkCircleOptions,
  WalkFinding,
  DatumWarning,
  SnapFinding,
  PairWalk,
  Pace,
  WhatIf,
  Siting,
  LonLat,
  CircleInput,
  District,
  DistrictCircle,
  TargetProgress,
  Cite,
  ErrorCode,
  InputProblemCode,
  LifecircleError,
} from '../dist/npm/lifecircle_full.js';

/** Your own standard (TOML, JSON or YAML text), extending a built-in one. */
export async function mine(): Promise<number> {
  await init();
  const text = `id = "mine"\nextends = "longwan-2024"\n`;
  const problems: Diagnostic[] = validateStandard(text, 'mine.toml');
  for (const d of problems) console.log(`${d.file}:${d.line ?? '?'}:${d.column ?? '?'} [${d.code}] ${d.item ?? ''} ${d.message}`);
  const s: LoadedStandard = loadStandard(text, 'mine.toml');
  // What the CLI prints with ⚠ (points that would read as official, …): show them to its author.
  for (const w of s.warnings) console.warn(`⚠ ${w.file}:${w.line ?? '?'} ${w.item ?? ''} ${w.message_zh}`); // Chinese, then “ / ” and English
  const plain: Standard = s;
  console.log(plain.id);
  const standardSchema: Record<string, unknown> = schema('standard');
  console.log(Object.keys(standardSchema).length);
  for (const ind of s.indicators) {
    if (ind.kind === 'presence') console.log(ind.target.categories, ind.within);
    // Designed points are cited apart from the official requirement.
    const points: Cite = ind.points_cite ?? ind.cite;
    console.log(points.confidence);
  }
  console.log(s.grades.map((g) => g.min_points));
  const packed: Uint8Array = packStandard(text, 'mine.toml');
  const again: string = scoreJson(packed, { id: 'x', name: 'y' }, '2025-06-30');
  console.log(packed.length, again.length);
  return s.total_points;
}

export async function walk(osm: Uint8Array, origins: Uint8Array): Promise<string> {
  await init();
  // Streets named like an elevated road left out besides the defaults (高速, 高架路).
  const net: WalkNetwork = WalkNetwork.fromBytes(osm, 'osm', 'wgs84', ['高架']);
  const info: NetworkInfo = net.stats();
  const merged: number = info.network.duplicate_edges_merged;
  const notALine: string | undefined = info.import.first_not_a_line;
  console.log(merged, notALine ?? '');
  const pois: FacilityImport = importFacilities(osm, 'osm', 'longwan-2024');
  const homes: DataOrigin[] = importOrigins(origins, 'csv');
  const centre: LonLat = [116.337, 39.9495];
  const metres: number | undefined = net.distance(centre, [116.34, 39.953]);
  // The same walk with what the core says of it (a point on a cut-off piece of network).
  const walk: PairWalk = net.walk(centre, [116.34, 39.953]);
  const pairMetres: number | null = walk.metres;
  console.log(pairMetres, walk.via_main, walk.findings.map((f: SnapFinding) => f.what).join(', '));
  const near: NearestByCategory = net.nearest('longwan-2024', pois.facilities, centre, 'elderly');
  // Minutes and their pace: whose, which parameter of the standard, and whether it is designed.
  const pace: Pace = walkPace('longwan-2024', 'elderly');
  console.log(`${pace.speed_m_per_min} m/min (${pace.profile}, ${pace.param} of ${pace.standard}${pace.provisional ? ', provisional' : ''})`);
  const cutOff: SnapFinding[] = near.findings;
  const jump: number | undefined = near.origin_main_snap?.off_network_m ?? cutOff[0]?.main_off_network_m;
  const streets: ReachedStreetsCollection = net.reachedStreets('longwan-2024', centre, new Float64Array([5, 10, 15]));
  const firstTier: number | undefined = streets.features[0]?.properties.tier_minutes;
  const iso: IsochroneFeature = net.isochrone('longwan-2024', centre, 15, 25, 'default');
  const isoPace: string = `${iso.properties.minutes} min at ${iso.properties.speed_m_per_min} m/min, ${iso.properties.pace_param}${iso.properties.pace_provisional ? ' (provisional)' : ''}`;
  console.log(jump, firstTier, isoPace);
  // The datums the data was read in, for the datum check (the network's is the one fromBytes had).
  const declared: WalkCircleOptions = { facilitiesCrs: 'wgs84', originsCrs: 'wgs84' };
  const walked: WalkedCircle = net.walkCircle(
    'longwan-2024',
    { id: 'x', name: 'y', location: { crs: 'wgs84', centre } },
    pois.facilities,
    homes,
    declared,
  );
  const findings: WalkFinding[] = walked.report.findings ?? [];
  for (const f of findings) console.log(f.severity, f.code, f.message_zh, f.ids?.length ?? 0);
  const datum: DatumWarning[] = walked.report.datum_warnings ?? [];
  console.log(datum.map((w) => `${w.of}: ${w.verdict}, declared ${w.points_declared} on ${w.network_declared}`), walked.report.origins_typed ?? []);
  const changes: WhatIf[] = net.whatIf('longwan-2024', pois.facilities, homes, 10, { id: 'new', point: centre, categories: ['pharmacy'] }, undefined);
  const sites: Siting = net.suggestSites('longwan-2024', pois.facilities, homes, 10, 'pharmacy', 3, null);
  // A packed standard, as `score` takes it; bytes as `fetch(…).arrayBuffer()` gives them.
  const packed: Uint8Array = packStandard(`[standard]\nid = "mine"\n`, 'mine.toml');
  const nearPacked: NearestByCategory = net.nearest(packed, pois.facilities, centre);
  const fromBuffer: WalkNetwork = WalkNetwork.fromBytes(osm.slice().buffer, 'osm');
  const origins2: DataOrigin[] = importOrigins(origins.slice().buffer, 'csv');
  const pois2: FacilityImport = importFacilities(osm.slice().buffer, 'osm', packed, 'gcj02');
  console.log(nearPacked.method, fromBuffer.stats().network.nodes, origins2.length, pois2.unmapped.length);
  fromBuffer.free();
  const gcj: LonLat[] = convertCoords([centre], 'wgs84', 'gcj02');
  const json: string = scoreJson('longwan-2024', walked.circle, '2025-06-30');
  net.free();
  return [info.network.nodes, near.by_category['supermarket']?.name, streets.features.length, iso.type, changes.length, sites.sites.length, gcj[0][0], metres, json.length].join(' ');
}

/** A district: its circles against the standard's yearly targets. */
export async function districtProgress(circles: CircleInput[]): Promise<number> {
  await init();
  const d: District = district('longwan-2024', circles, '2025-06-30', 20);
  const built: number = d.circles.filter((c: DistrictCircle) => c.built).length;
  const chain: TargetProgress | undefined = d.targets.find((t) => t.metric === 'chain_share' && t.this_year);
  console.log(built, chain?.value, chain?.met, chain?.how.zh);
  const json: string = districtJson('longwan-2024', circles.map((c) => JSON.stringify(c)), '2025-06-30', 20, 'provincial_pilot=1');
  const text: string = districtReport('longwan-2024', circles, '2025-06-30', undefined, 'en', 'markdown');
  console.log((JSON.parse(json) as District).circles.length, text.length);
  return built;
}

/** Every code the full module throws, walking reach's included (the switch must cover them all). */
export function explain(e: LifecircleError): string {
  const code: ErrorCode = e.code;
  switch (code) {
    case 'invalid_standard':
    case 'unknown_standard':
      return `${e.diagnostics?.length ?? 0}`;
    case 'invalid_input':
      return `${e.problems?.map((p) => p.field).join(', ')}`;
    case 'bad_argument':
      return `${e.argument}`;
    case 'no_example':
      return `${e.standard}`;
    case 'invalid_data':
      return 'street, facility or origin data';
    case 'access_error':
      return 'a walk that cannot be measured';
    case 'internal':
    case 'panic':
      return 'a bug';
    default: {
      const none: never = code;
      return none;
    }
  }
}

/** Every code a circle's problem can carry. */
export const PROBLEM_CODES: InputProblemCode[] = [
  'json', 'out_of_range', 'not_whole', 'unknown_category', 'unknown_indicator', 'unknown_figure',
  'unknown_form', 'inconsistent', 'repeated',
];
