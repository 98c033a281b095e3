// Uses the widgets module's exports and elements with their declared types; `tsc --noEmit
// --strict` (run by `cargo xtask test` after `cargo xtask dist`) checks it against
// dist/widgets/lifecircle-widgets.d.ts. Never run: the browser tests exercise the same calls.
import {
  mount,
  mountScorecard,
  mountDistrict,
  standardBytes,
  standardInfo,
  widgetCss,
  emptyCircle,
  version,
} from '../dist/widgets/lifecircle-widgets.js';
import type {
  Assessment,
  CircleInput,
  GuideMapLayers,
  ImportedFacilities,
  LifecircleAssessmentElement,
  MountOptions,
  StandardInfo,
  Widget,
} from '../dist/widgets/lifecircle-widgets.js';

export async function embed(host: HTMLElement): Promise<string> {
  const options: MountOptions = { standard: 'longwan-2024', asOf: '2025-06-30', lang: 'zh', circle: emptyCircle() };
  const card: Widget = await mountScorecard(host, options);
  card.setLang('en');
  const map: Widget = await mount(host, { ...options, widget: 'guide-map', layout: 'a3_portrait', whatIf: true });
  map.loadJson(card.toJson());
  const info: StandardInfo = await standardInfo(await standardBytes('longwan-2024'));
  const css: string = widgetCss('scorecard');
  card.free();
  map.free();
  return `${info.id}@${info.version} ${version()} ${css.length}`;
}

export async function element(): Promise<string | null> {
  const form: LifecircleAssessmentElement = document.createElement('lifecircle-assessment');
  form.config = { standard: 'longwan-2024', circleId: 'zhenzhong', elder: true };
  const circle: CircleInput = { id: 'zhenzhong', name: '镇中社区一刻钟便民生活圈', facilities: [{ category: 'convenience_store', name: '便利店' }] };
  form.data = circle;
  document.body.append(form);
  await form.ready;
  form.handle?.setElder(false);
  const imported: ImportedFacilities | undefined = form.handle?.importFacilities('lon,lat,name,category\n120.7,27.9,便利店,convenience_store\n', 'csv', 'gcj02');
  const unmapped: string[] = imported?.unmapped ?? [];
  const card = document.querySelector('lifecircle-scorecard');
  if (card) await card.ready;
  return `${form.storageKey} ${imported?.added ?? 0} ${unmapped.length}`;
}

// A guide map with layers measured elsewhere, and an assessment read down to an indicator's clause.
export async function layered(host: HTMLElement, layers: GuideMapLayers): Promise<string> {
  const map: Widget = await mount(host, { widget: 'guide-map', asOf: '2025-06-30', layers });
  map.free();
  return '';
}

export function gapsOf(a: Assessment): string[] {
  const grade: string = a.grade.grade?.name.zh ?? '未达基础型';
  const firstClause: string = a.indicators[0]?.cite.clause ?? '';
  return [grade, firstClause, ...a.gaps.map((g) => g.indicator)];
}

export async function district(circles: CircleInput[]): Promise<number> {
  const el = document.createElement('lifecircle-district');
  el.setAttribute('communities', '29');
  el.config = { standard: 'longwan-2024', communities: 29 };
  el.data = circles;
  document.body.append(el);
  await el.ready;
  const w: Widget = await mountDistrict(document.createElement('div'), { asOf: '2026-06-30', circle: circles, communities: 29 });
  w.free();
  return (JSON.parse(el.handle?.toJson() ?? '[]') as object[]).length;
}

// The documented events carry typed details (the React example's `e.detail`, a page listening on
// `document` for the form's `lifecircle-change`).
export function events(form: HTMLElementTagNameMap['lifecircle-assessment'], send: (total: number, digest: string) => void): () => void {
  const submit = (e: CustomEvent<Assessment>) => send(e.detail.total, e.detail.input_digest);
  form.addEventListener('lifecircle-submit', submit);
  const change = (e: DocumentEventMap['lifecircle-change']) => {
    if (e.target === form) send(e.detail.total, e.detail.as_of);
  };
  document.addEventListener('lifecircle-change', change);
  form.addEventListener('lifecircle-input', (e) => send(JSON.parse(e.detail).facilities?.length ?? 0, e.detail));
  form.addEventListener('lifecircle-select', (e) => send(0, e.detail));
  return () => {
    form.removeEventListener('lifecircle-submit', submit);
    document.removeEventListener('lifecircle-change', change);
  };
}
