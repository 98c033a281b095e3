/** A zh-CN / English pair. */
export interface Text { zh: string; en: string }
export type Lang = "zh" | "en";
export type ReportFormat = "text" | "markdown" | "md";
export type SchemaName = "circle" | "standard";
/** A date written `YYYY-MM-DD`. */
export type DateString = string;

// ---------- circle input (core/src/circle.rs) ----------
export type Crs = "wgs84" | "gcj02" | "bd09";
/** `[longitude, latitude]` in degrees. */
export type LonLat = [number, number];
export interface Named { code?: string; name: string }
export interface Location { crs?: Crs; centre: LonLat; boundary?: LonLat[] }
export type FacilityStatus = "open" | "planned" | "closed";
export interface Facility {
  id?: string;
  /** Category code of the standard, or its Chinese name or an alias. */
  category: string;
  name: string;
  location?: LonLat;
  chain?: boolean;
  brand?: string;
  floor_area_m2?: number;
  hours?: string;
  status?: FacilityStatus;
  /** Walking distance from the circle centre in metres. */
  walk_m?: number;
}
export interface Survey { respondents: number; satisfied: number; method?: string }
export interface ChecklistAnswer { /** Absent: not answered yet (未作答). */ done?: boolean; evidence?: string; note?: string }
export interface EvaluatorEntry { points: number; note?: string; evidence?: string }
export type Basis = "network" | "straight_line";
export interface Origin {
  id: string; population: number;
  /** `[longitude, latitude]` in the circle's coordinate system. */
  location?: [number, number];
  nearest_m?: Record<string, number>;
}
/** A data file walking distances were measured from (`lifecircle score --network …`). */
export interface DataFile {
  role: "network" | "facilities" | "origins"; file: string; sha256: string; crs: Crs;
  /** Of a network: the streets left out by name beyond the standard's rules (`--exclude-name`), sorted, joined by 、; measuring again needs the same. */
  excluded_names?: string;
}
export interface Walking {
  basis?: Basis; nearest_m?: Record<string, number>;
  /** The name of the nearest facility per category, where known. */
  nearest_name?: Record<string, string>;
  origins?: Origin[];
  /** The data files the distances were measured from; edited by hand, none. */
  measured_from?: DataFile[];
}
/** One circle to assess (unknown fields are rejected). */
export interface CircleInput {
  id: string;
  name: string;
  /** Made-up sample data (示例数据). */
  sample?: boolean;
  subdistrict?: Named;
  communities?: Named[];
  /** The year the circle was built (2000–2100): a district's yearly targets count it from then on. */
  built_year?: number;
  population?: number;
  households?: number;
  form?: string;
  new_residential?: boolean;
  location?: Location;
  facilities?: Facility[];
  figures?: Record<string, number>;
  surveys?: Record<string, Survey>;
  checklist?: Record<string, ChecklistAnswer>;
  evaluator?: Record<string, EvaluatorEntry>;
  walking?: Walking;
}

// ---------- resolved standard (core/src/standard/model.rs) ----------
/**
 * 官方数值（`verified`，出处已核实）或本项目的暂定设计（`provisional`，并非官方数值）。
 * An official value (`verified`, its source checked) or this project's design (`provisional`,
 * not an official value).
 */
export type Confidence = "verified" | "provisional";
export interface Cite {
  source: string;
  clause?: string;
  /**
   * `provisional`：本项目的设计，`reason` 写明理由；向读者展示时须标明“暂定”，不可写成官方规定。
   * `provisional` = this project's design, its reason in `reason`: show it marked as provisional,
   * never as an official value. `verified` = official, read in `source` (`quote` where found).
   */
  confidence: Confidence;
  evidence?: string;
  reason?: string;
  quote?: string;
}
export type Level = "national" | "province" | "city" | "district";
export type Role = "veto" | "gate" | "mandatory" | "scored";
export type Cap = { type: "no_grade" } | { type: "at_most"; grade: string };
export interface StandardRef { id: string; version: string }
export interface Source {
  id: string; title: string; number?: string; issuer: string; date: DateString;
  url?: string; note?: string; origin: string;
}
export interface Param { id: string; value: number; unit: string; name: Text; cite: Cite; origin: string }
export interface Class { code: string; name: Text; commercial: boolean; cite: Cite; origin: string }
export interface Form { code: string; name: Text; note?: Text; cite: Cite; origin: string }
export interface Category {
  code: string; name: Text; class: string; aliases: string[]; osm: string[]; amap: string[];
  cite: Cite; origin: string;
}
export interface Group { code: string; name: Text; any_of: string[]; cite: Cite; origin: string }
export interface Figure { key: string; name: Text; unit: string; help?: Text; cite: Cite; origin: string }
export interface Dimension { id: string; name: Text; points: number; origin: string }
export interface FacilitySet { code: string; name: Text; categories: string[] }
export type Reach = { minutes: number } | { metres: number };
export type Measure =
  | { type: "chain_outlets" } | { type: "commercial_outlets" } | { type: "population" }
  | { type: "households" } | { type: "figure"; key: string };
export type Kind =
  | { kind: "presence"; target: FacilitySet; within?: Reach }
  | { kind: "distinct_count"; targets: FacilitySet[] }
  | { kind: "count"; target: FacilitySet }
  | { kind: "ratio"; numerator: Measure; denominator: Measure }
  | { kind: "area_share"; numerator: Measure; denominator: Measure }
  | { kind: "area_per_households"; figure: string; per_households: number }
  | { kind: "walk_coverage"; target: FacilitySet; within_minutes: number }
  | { kind: "satisfaction"; survey: string; min_sample: number }
  | { kind: "checklist" }
  | { kind: "evaluator" };
export interface Step { at_least: number; points: number }
export type Rule =
  | { type: "at_least"; threshold: number }
  | { type: "linear"; zero: number; full: number }
  | { type: "steps"; steps: Step[] }
  | { type: "given" };
export interface Applies { forms?: string[]; new_residential?: boolean }
export type Indicator = Kind & {
  id: string; dimension: string; name: Text; rule: Rule; points: number; role: Role;
  cap?: Cap; help?: Text; action?: Text; responsible: string[]; applies: Applies;
  /** Where the requirement comes from. */
  cite: Cite;
  /** Where the points come from, when cited apart from the requirement (often designed). */
  points_cite?: Cite;
  origin: string;
};
export interface Grade {
  id: string; name: Text; stars?: number; min_points: number; below_points?: number;
  cite: Cite; origin: string;
}
export interface DistrictTarget {
  metric: string; year: number; at_least: number; unit: string; name: Text; cite: Cite; origin: string;
}
/**
 * The standard to score with: a built-in id (`"longwan-2024"`), a packed standard
 * (`packStandard()` or `lifecircle pack`, its digest checked), or, in `lifecircle/full` only,
 * a standard's text (TOML, JSON or YAML).
 */
export type StandardArg = string | Uint8Array | ArrayBuffer;

/** A resolved standard (`loadStandard`). */
export interface Standard {
  id: string; version: string; title: Text; issuer: Text; document: string;
  issued: DateString; effective: DateString; ends?: DateString; level: Level;
  /**
   * 本标准评分体系（分值、分档、等级分数线）的状态，不是所依据文件的状态 / the status of this
   * standard's scoring scheme (points, steps, grade cut-offs), not of the documents it cites
   * (standards/README.md): `official` (the scoring itself issued), `trial`, or `proposal`
   * (a draft, or official documents with points designed by the standard's authors, as every
   * built-in standard is).
   */
  status: string;
  family?: string; total_points: number; note?: Text; cite: Cite;
  /** Root first, this standard last. */
  lineage: StandardRef[];
  sources: Source[]; params: Param[]; classes: Class[]; forms: Form[];
  categories: Category[]; groups: Group[]; figures: Figure[]; dimensions: Dimension[];
  indicators: Indicator[]; grades: Grade[]; targets: DistrictTarget[];
  /** English names of the responsible units (absent when the standard gives none). */
  units?: Unit[];
}
/** A responsible unit: its Chinese name as `responsible` writes it (without `*`), and in English. */
export interface Unit { zh: string; en: string }
/**
 * What `loadStandard` returns: the resolved standard and its warnings, the ones every CLI
 * command prints with ⚠ (a verified `cite`, points above 0 and no `points_cite`: the points
 * would be shown as official). Empty when none; scores are unchanged by them.
 */
export interface LoadedStandard extends Standard {
  warnings: Diagnostic[];
}
/** A built-in standard (`listStandards`). */
export interface StandardInfo {
  id: string; file: string; version: string; title: Text; level: Level;
  /** The status of its scoring scheme, as `Standard.status`. */
  status: string;
  family?: string; lineage: StandardRef[];
  /** Whether `exampleCircle(id)` has a sample circle. */
  has_example: boolean;
}

// ---------- assessment (core/src/assessment.rs) ----------
export type Status = "met" | "partly" | "not_met" | "no_data" | "not_applicable";
export type Severity = "info" | "warning";
export interface GradeRef { id: string; name: Text; stars?: number }
export interface GradeResult {
  grade: GradeRef | null; by_points: GradeRef | null; capped_by: string[]; explanation: Text;
}
export interface DimensionResult { id: string; name: Text; points: number; max: number }
export interface CheckResult { indicator: string; name: Text; role: Role; passed: boolean; cap?: Cap }
export interface IndicatorResult {
  id: string; dimension: string; name: Text; kind: Kind["kind"]; role: Role;
  points: number; max: number; status: Status; value?: number;
  /** `fraction`, `count`, `min`, `m`, `m2_per_households`, `points`, `yes_no`. */
  unit: string;
  inputs: Record<string, unknown>;
  rule: Rule; cite: Cite;
  /**
   * 要求是官方数值还是本项目的设计（同 `cite.confidence`）。`provisional` 时展示 `explanation`，
   * 或标出“要求暂定”（分值也暂定时为“要求与分值暂定”），与评分卡、命令行报告相同。
   * Whether the requirement is official or this project's design (as `cite.confidence`). When
   * `provisional`, show the `explanation` or mark it "provisional requirement" (with provisional
   * points: "provisional requirement and points"), as the score card and the CLI report do.
   */
  confidence: Confidence;
  /** Where the points come from, when the standard cites them separately. */
  points_cite?: Cite;
  /**
   * How sure the points are (the requirement's confidence when not cited separately);
   * `provisional` alone is marked 分值暂定 / "provisional points".
   */
  points_confidence: Confidence;
  origin: string;
  /** 计算过程与依据；暂定设计值在末尾注明。 How it was scored and its clause, which says what is designed. */
  explanation: Text;
}
export interface Finding { code: string; severity: Severity; indicator?: string; message: Text }
export interface Gap {
  /** 1 veto, 2 gate, 3 mandatory, 4 scored. */
  priority: 1 | 2 | 3 | 4;
  indicator: string; name: Text; status: Status; action: Text; detail?: Text;
  points_lost: number;
  /** 责任单位 as the standard lists them; `*` marks the lead unit. */
  responsible: string[];
  /** The same in English, same order and marks, when the standard names its units in English. */
  responsible_en?: string[];
  /** How sure the requirement is: `provisional` is this project's design, not an official task. */
  confidence: Confidence;
  /** How sure the points lost are. */
  points_confidence: Confidence;
}
/** The result of scoring one circle (`score`; `scoreJson` is its JSON text). */
export interface Assessment {
  engine: { name: string; version: string };
  standard: {
    id: string; version: string; title: Text; digest: string; lineage: StandardRef[];
    in_force: boolean;
  };
  as_of: DateString;
  input_digest: string;
  circle: { id: string; name: string; sample: boolean; measured_from?: DataFile[] };
  total: number;
  max: number;
  grade: GradeResult;
  dimensions: DimensionResult[];
  checks: CheckResult[];
  indicators: IndicatorResult[];
  findings: Finding[];
  gaps: Gap[];
}

// ---------- district summary (core/src/district.rs) ----------
/** One circle's line in a district summary. */
export interface DistrictCircle {
  id: string; name: string;
  /** The `input_digest` of the circle's assessment: `lifecircle verify` of that assessment ties this line to the circle's data. */
  input_digest: string;
  total: number; max: number;
  /** The grade awarded, after caps. */
  grade: GradeRef | null;
  /** Counted as built: it reaches a grade of the standard. */
  built: boolean;
  /** The circle's `built_year`, when given. */
  built_year?: number;
  chain_outlets: number; commercial_outlets: number;
  respondents: number | null; satisfied: number | null;
}
/** Where one of the standard's targets stands. */
export interface TargetProgress {
  metric: string; year: number; at_least: number; unit: string; name: Text; cite: Cite;
  /** The cited document as a reader knows it: its number (温龙政办发明电〔2024〕24号) or title, not `cite.source`. */
  document: string;
  /** `null` when circle data cannot give it (see `how`). */
  value: number | null;
  met: boolean | null;
  this_year: boolean;
  /** The district's own target (not a parent's national or provincial one). */
  district_level: boolean;
  /** How the value was counted, or why there is none. */
  how: Text;
  counting: "provisional" | "reported" | "none";
  /** The circles counted (ids): `circles_built` (for the target's year) and `community_share`. */
  counted?: string[];
  /** How many more circles (`circles_built`) or communities (`community_share`) it needs. */
  short_by?: number;
}
/**
 * Circles that look like one circle listed under several ids: one entry per group (a thousand
 * circles of one name are one entry), each circle once in it.
 */
export interface SuspectedDuplicate {
  /** The circles' ids in list order: two or more. */
  ids: [string, string, ...string[]];
  reason: "same_name" | "same_communities_and_facilities";
}
/**
 * Something the district's circles lack (缺什么补什么 for the whole district): an indicator some
 * circles fall short on or have no data for. Each lead unit (`*` in `responsible`, or every
 * unit when none is marked) reads its own list from these.
 */
export interface DistrictGap {
  /** 1 veto, 2 gate, 3 mandatory, 4 scored. */
  priority: 1 | 2 | 3 | 4;
  indicator: string; name: Text;
  /** What to do where a circle falls short, as the standard says it. */
  action: Text;
  /** 责任单位 as the standard lists them; `*` marks a lead unit. */
  responsible: string[];
  responsible_en?: string[];
  /** How sure the requirement is: `provisional` is this project's design, not an official task. */
  confidence: Confidence;
  /** The circles short of it (not met, or met in part), by id, in list order. */
  short: string[];
  /** The circles with no data for it, by id. */
  no_data: string[];
}
/** `district(standard, circles, asOf, communities?)`. */
export interface District {
  standard: string; standard_version: string;
  /** SHA-256 (hex) of the resolved standard the circles were scored against (each assessment's `standard.digest`). */
  standard_digest: string;
  /** What scored the circles and counted the targets. */
  engine: { name: string; version: string };
  as_of: DateString;
  communities: number | null;
  /** Some of the standard's points are this project's design. */
  points_provisional: boolean;
  /** The grade cut-offs (what counts as built) are this project's design. */
  grades_provisional: boolean;
  circles: DistrictCircle[];
  targets: TargetProgress[];
  /** The evaluation date's warnings (`standard_not_in_force`, `requirement_after_as_of`). */
  findings?: Finding[];
  duplicates?: SuspectedDuplicate[];
  /** What the circles lack: veto, gate, mandatory, scored; then the one most circles lack. */
  gaps: DistrictGap[];
}

// ---------- errors (wasm/src/error.rs) ----------
export type DiagCode =
  | "syntax" | "unknown_field" | "unknown_parent" | "extends_cycle" | "duplicate_id"
  | "override_unknown" | "unknown_category" | "unknown_reference" | "unknown_unit"
  | "missing_citation" | "points_mismatch" | "overlapping_grades" | "bad_parameter"
  | "bad_rule" | "bad_value";
/** One problem in a standard file. */
export interface Diagnostic {
  code: DiagCode; file: string; line?: number; column?: number; item?: string;
  /** English, with the exact values. */
  message: string;
  /**
   * For a Chinese reader: the problem in Chinese with its values where one is written, else what
   * the code means in Chinese, then ` / ` and the English message.
   */
  message_zh: string;
}
export type InputProblemCode =
  | "json" | "out_of_range" | "not_whole" | "unknown_category" | "unknown_indicator"
  | "unknown_figure" | "unknown_form" | "inconsistent" | "repeated"
  /** A district's list with no circle (the dashboard's summary export, the Rust API's `Refused`). */
  | "empty";
/** One problem in a circle input; `field` is a path like `facilities[3].floor_area_m2`. */
export interface InputProblem {
  code: InputProblemCode; field: string; line?: number; column?: number;
  /** English, with the exact values. */
  message: string;
  /** The same in Chinese, in a community worker's words. */
  message_zh: string;
}
export type ErrorCode =
  | "invalid_standard" | "unknown_standard" | "invalid_input" | "bad_argument"
  | "no_example" | "internal" | "panic" | AccessErrorCode;
/** What every export throws. After a `panic` the instance is unusable: reload the page. */
export interface LifecircleError extends Error {
  code: ErrorCode;
  /** With `invalid_standard` and `unknown_standard`. */
  diagnostics?: Diagnostic[];
  /** With `invalid_input`. */
  problems?: InputProblem[];
  /** With `bad_argument`: the argument's name as the declarations write it (`asOf`, `circle`, `lang` …). */
  argument?: string;
  /** With `no_example`. */
  standard?: string;
}
