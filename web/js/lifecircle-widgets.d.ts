// lifecircle-widgets.d.ts — 组件模块的类型 / the types of lifecircle-widgets.js.
//
// Hand-written beside web/js/lifecircle-widgets.js and copied with it into dist/widgets/ by
// `cargo xtask dist`; `tsc --strict` checks e2e/example-widgets.ts against it in
// `cargo xtask test`. Documented in EMBEDDING.md beside it (docs/embedding.md in the repository).

import type { Widget, ImportedFacilities } from './lifecircle_web.js';
import type { Assessment, CircleInput, Text } from './lifecircle-types.js';

export type { Widget, ImportedFacilities };
/** The types of circles, assessments and district summaries: the npm package `lifecircle`'s own (lifecircle-types.d.ts). */
export type * from './lifecircle-types.js';

/** A circle as the widgets take it: the object, or its JSON text (the district: an array of circles, or its JSON text). */
export type CircleData = CircleInput | CircleInput[] | string;

/** Guide map layers measured elsewhere (e.g. `lifecircle access` or `lifecircle/full`): all `[longitude, latitude]` in the circle's datum. */
export interface GuideMapLayers {
  /** Street LineStrings; they replace the map's own streets. */
  streets?: [number, number][][];
  /** Streets reached, with the walking minutes to each segment's far end. */
  reached?: { line: [number, number][]; minutes: number }[];
  /** The data comes from OpenStreetMap: the ODbL attribution is printed on the map. */
  osm?: boolean;
  credits?: string;
  /** Suggested sites (建议选址), ranked per category; `total` the circle's total with the site, `delta` the change. */
  suggested?: { category: string; name?: Text; rank: number; point: [number, number]; total: number; delta: number; covered?: number; minutes?: number }[];
  suggested_basis?: Text;
}

/** A widget's name, as `mount()` takes it. */
export type WidgetName = 'assessment' | 'scorecard' | 'gap-report' | 'guide-map' | 'district';

/** Options of the mount functions (the elements build them from their attributes and `config`). */
export interface MountOptions {
  /** For `mount()` only: which widget. */
  widget?: WidgetName;
  /** A built-in standard's id, fetched from `standards/<id>.bin` beside the module. Default `longwan-2024`. */
  standard?: string;
  /** A packed standard (`lifecircle pack`, or `packStandard` of `lifecircle/full`); wins over `standard`. */
  standardPacked?: Uint8Array | ArrayBuffer;
  /** The evaluation date, `YYYY-MM-DD` (the core never reads the clock). */
  asOf: string;
  lang?: 'zh' | 'en';
  /** 适老化 mode: large text, high contrast. */
  elder?: boolean;
  /** The circle to start from: an object or its JSON text (district dashboard: the district's circles, an array or its JSON text). */
  circle?: CircleData;
  /** District dashboard: the number of communities in the district (for the share of communities with a circle). */
  communities?: number;
  /** District dashboard: values the district reports for its targets that circle data cannot give, as the CLI's `--reported` (`"provincial_pilot=1, professional_operators=2"`). */
  reported?: string;
  /** Guide map: `screen` (default; the phone layout while narrower than 600 px), `a3_portrait` or `phone`. */
  layout?: 'screen' | 'a3_portrait' | 'phone';
  /** Guide map: streets, reached streets, suggested sites, credits (see docs/embedding.md). */
  layers?: GuideMapLayers | string;
  /** Guide map: an XYZ tile URL template with `{z}`, `{x}`, `{y}`; no tiles by default. */
  tiles?: string;
  tilesCredit?: string;
  /** Guide map: the tiles' datum, `wgs84` (default: OpenStreetMap; `cgcs2000`, 天地图's, is read as it) or `gcj02` (AMap, Tencent); tiles are shifted onto the circle's datum. */
  tilesCrs?: 'wgs84' | 'cgcs2000' | 'gcj02';
  /** Guide map: offer the what-if mode. */
  whatIf?: boolean;
  /** Form: offer the submit button (default true). */
  submit?: boolean;
  /** Form: texts typed that it did not take (一万 in a number box), as its `lifecircle-typed` event gave them; shown again in their boxes, still to fix. */
  typed?: string;
  /** Gap report: offer the print button (default true). */
  print?: boolean;
}

/**
 * The `code` of the `Error`s the mount functions reject with (and of an element's `error`):
 * `browser` the browser is too old for the widgets (no WebAssembly or its features used, no
 * constructed stylesheets; the message names what is missing and the versions that work);
 * `wasm` the wasm could not load (a 404, a CSP without `'wasm-unsafe-eval'`), also that of another
 * bundle on the page when no bundle there has the element's widget (its message is short, for the
 * public; `detail` says what failed); `widget` the bundle was built without the widget; `standard` a
 * standard could not be fetched; `bad_argument` (a missing `asOf`, a mount point that is not an
 * HTML element, …); `circle` a circle with problems (`problems`, `problemsEn`); `typed` a form's
 * `typed` option that is not what its `lifecircle-typed` event gives; `loading`
 * `widgetCss` or `emptyCircle` called before the wasm has arrived (see `whenReady`).
 */
export type ErrorCode = 'browser' | 'wasm' | 'widget' | 'standard' | 'bad_argument' | 'circle' | 'typed' | 'loading';

/** An `Error` of the widgets: `code` says what failed; the message is Chinese, then English. */
export interface LifecircleError extends Error {
  code: ErrorCode | string;
  /** `circle`: each problem, field and reason (Chinese). */
  problems?: string[];
  /** `circle`: the same in English. */
  problemsEn?: string[];
  /** `wasm`: what failed, for the site's administrator (e.g. the wasm's URL and HTTP status, or the CSP). */
  detail?: string;
}

/** `{ id, version, title }` of a standard. */
export interface StandardInfo {
  id: string;
  version: string;
  title: { zh: string; en: string };
}

/**
 * Resolves once the widgets' wasm has arrived (importing the module starts its download and
 * blocks nothing); rejects with why it cannot (`code` `wasm` or `browser`). The mount functions
 * and `standardInfo` wait for it themselves; `widgetCss` and `emptyCircle` need it (`version` is `''` until then).
 */
export function whenReady(): Promise<void>;
/** The mount functions refuse an `el` that is not an HTML element (`null`, a selector): `code: "bad_argument"`. */
export function mount(el: HTMLElement, options: MountOptions & { widget: WidgetName }): Promise<Widget>;
export function mountAssessment(el: HTMLElement, options: MountOptions): Promise<Widget>;
export function mountScorecard(el: HTMLElement, options: MountOptions): Promise<Widget>;
export function mountGapReport(el: HTMLElement, options: MountOptions): Promise<Widget>;
export function mountGuideMap(el: HTMLElement, options: MountOptions): Promise<Widget>;
export function mountDistrict(el: HTMLElement, options: MountOptions): Promise<Widget>;
/** The packed bytes of a built-in standard, fetched once from `standards/<id>.bin`. */
export function standardBytes(id: string): Promise<Uint8Array>;
export function standardInfo(standard: string | Uint8Array | ArrayBuffer): Promise<StandardInfo>;
/** A widget's stylesheet, for a constructed stylesheet in the host's Shadow DOM. Throws `code: "loading"` before `whenReady()`. */
export function widgetCss(widget: WidgetName): string;
/** An empty circle as JSON text. Throws `code: "loading"` before `whenReady()`. */
export function emptyCircle(): string;
/** The version; `''` until the wasm has arrived (`whenReady()`). */
export function version(): string;

/**
 * `lifecircle-change` and `lifecircle-submit`: `detail` is the assessment, and `circle` the circle
 * that was scored, as JSON text. Store both to check the assessment later (`lifecircle verify -a
 * assessment.json circle.json`) or to load the circle into the form again (`data`).
 */
export interface ScoredEvent extends CustomEvent<Assessment> {
  /** The circle scored, JSON text (what `handle.toJson()` gives); absent on `<lifecircle-district>`. */
  readonly circle?: string;
}

/** The events of the elements and mount functions (bubbling, composed: they reach `document`). */
export interface LifecircleEventMap {
  /** After every change of a widget's result, and once on mounting. */
  'lifecircle-change': ScoredEvent;
  /** The form's submit button: the final assessment, and the circle scored (`circle`). */
  'lifecircle-submit': ScoredEvent & { readonly circle: string };
  /** The circle's JSON text after every edit (a form also once on mounting); the district's list after an addition or removal. */
  'lifecircle-input': CustomEvent<string>;
  /** `<lifecircle-assessment>`: whenever the texts typed that it did not take change, them as JSON text (`[]` when none); the element autosaves them beside the circle, and a portal mounting the form itself passes them back as `typed`. */
  'lifecircle-typed': CustomEvent<string>;
  /** `<lifecircle-district>`: the values the district typed for its targets that circle data cannot give, `metric=value; …` as the CLI's `--reported` (empty when cleared); set them as the `reported` attribute to show them again. */
  'lifecircle-reported': CustomEvent<string>;
  /** `<lifecircle-district>`: the number of communities typed into the board and taken (`null` when cleared); set it as the `communities` attribute to show it again. */
  'lifecircle-communities': CustomEvent<number | null>;
  /** The id of the facility chosen on the guide map. */
  'lifecircle-select': CustomEvent<string>;
  /** The gap report's print button: the element calls `window.print()` unless a listener calls `preventDefault()` (to print its own way). */
  'lifecircle-print': CustomEvent<null>;
}

/** The `config` property of the elements (attributes win over it). */
export interface ElementConfig {
  standard?: string;
  standardPacked?: Uint8Array | ArrayBuffer;
  lang?: 'zh' | 'en';
  asOf?: string;
  elder?: boolean;
  circleId?: string;
  layout?: 'screen' | 'a3_portrait' | 'phone';
  layers?: GuideMapLayers;
  tiles?: string;
  tilesCredit?: string;
  tilesCrs?: 'wgs84' | 'cgcs2000' | 'gcj02';
  whatIf?: boolean;
  /** `<lifecircle-assessment>`: `false` saves nothing; `"session"` saves in this tab only (sessionStorage: kept across reloads, cleared when the tab closes; for computers several people use); default: this browser (localStorage). The `autosave` attribute (`off`, `session`) wins. */
  autosave?: boolean | 'session';
  /** `<lifecircle-district>`: the communities in the district (the `communities` attribute wins). */
  communities?: number;
  /** `<lifecircle-district>`: values the district reports for its targets that circle data cannot give, `{ provincial_pilot: 1 }` or the text `"provincial_pilot=1, professional_operators=2"` (the `reported` attribute wins). */
  reported?: Record<string, number> | string;
}

/** What the five elements have in common. */
export interface LifecircleElement extends HTMLElement {
  /** Setting it remounts the widget; what it holds (edits, loaded data) is kept. */
  config: ElementConfig;
  /** The circle (`<lifecircle-district>`: an array of circles). The first one set for a circle (per `circle-id`) is its starting data, before or after mounting: on the form, what was autosaved or typed meanwhile stays; setting it again loads it. A remount (`config`, most attributes, moving the element) keeps the current one; another `circle-id` is another circle. The guide map's what-if facilities are not part of it. Setting `undefined` after mounting, a function or a BigInt throws an `Error` with `code: "circle"` and changes nothing. */
  data: CircleData | undefined;
  /** The mounted widget; `null` until `ready`, or when mounting failed. */
  readonly handle: Widget | null;
  /** Settles when the latest mount has finished (the wasm and the standard arrived) or its failure is shown: it resolves either way (then see `error`). The elements are defined as soon as the module is imported; they say that they are loading meanwhile. */
  readonly ready: Promise<LifecircleElement>;
  /** Why the latest mount failed (shown in the element, e.g. `code: "browser"` in a browser too old for the widgets); `null` when it mounted. */
  readonly error: LifecircleError | null;
  readonly standardId: string;
  readonly circleId: string;
}

/** `<lifecircle-assessment>`: the form, autosaved to localStorage. */
export interface LifecircleAssessmentElement extends LifecircleElement {
  /** `lifecircle:<standard id>@<version>:<circle id>`; `null` until the standard has arrived. */
  readonly storageKey: string | null;
  /** Whether edits are saved at all (in this browser, or in this tab with `autosave="session"`). */
  readonly autosave: boolean;
  /** Removes what this form saved for its circle and returns whether there was anything (e.g. after the portal stored the `lifecircle-submit` detail, on a shared computer). The form keeps what it shows; a further edit is saved again. */
  forgetSaved(): boolean;
}

declare global {
  interface HTMLElementEventMap extends LifecircleEventMap {}
  interface DocumentEventMap extends LifecircleEventMap {}
  interface HTMLElementTagNameMap {
    'lifecircle-assessment': LifecircleAssessmentElement;
    'lifecircle-scorecard': LifecircleElement;
    'lifecircle-gap-report': LifecircleElement;
    'lifecircle-guide-map': LifecircleElement;
    'lifecircle-district': LifecircleElement;
  }
}
