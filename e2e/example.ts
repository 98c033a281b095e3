// Uses every export of the npm package with its declared types; `tsc --noEmit --strict`
// (run by `cargo xtask test` after `cargo xtask dist`) checks it against lifecircle.d.ts.
import init, {
  version,
  listStandards,
  score,
  scoreJson,
  report,
  schema,
  exampleCircle,
} from '../dist/npm/lifecircle.js';
import type {
  Assessment,
  CircleInput,
  Diagnostic,
  Gap,
  IndicatorResult,
  InputProblem,
  LifecircleError,
  StandardInfo,
} from '../dist/npm/lifecircle.js';

function isLifecircleError(e: unknown): e is LifecircleError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

export async function main(): Promise<void> {
  await init();
  const v: string = version();
  const standards: StandardInfo[] = listStandards();
  const first: StandardInfo = standards[0];
  console.log(v, first.id, first.title.zh, first.lineage.map((r) => r.id), first.has_example);

  const circle: CircleInput = exampleCircle('longwan-2024');
  circle.facilities?.push({ category: 'convenience_store', name: '新便利店', chain: true, walk_m: 300 });

  const a: Assessment = score('longwan-2024', circle, '2025-06-30');
  const grade: string = a.grade.grade?.name.zh ?? '未评级';
  const worst: Gap | undefined = a.gaps[0];
  const provisional: IndicatorResult[] = a.indicators.filter((i) => i.confidence === 'provisional');
  for (const i of a.indicators) {
    if (i.rule.type === 'steps') console.log(i.rule.steps.map((s) => s.at_least));
  }
  console.log(a.total, a.max, grade, worst?.responsible.join('、'), provisional.length, a.input_digest);

  const json: string = scoreJson('longwan-2024', JSON.stringify(circle), '2025-06-30');
  const again = JSON.parse(json) as Assessment;
  console.log(again.total === a.total);

  const text: string = report('longwan-2024', circle, '2025-06-30');
  const md: string = report('longwan-2024', circle, '2025-06-30', 'en', 'markdown');
  console.log(text.length, md.length);

  // The standard's schema is in the full module (`schema('standard')` here throws bad_argument).
  const circleSchema: Record<string, unknown> = schema('circle');
  console.log(Object.keys(circleSchema).length);

  try {
    score('longwan-2024', { id: 'x', name: 'y', population: -1 }, '2025-06-30');
  } catch (e) {
    if (!isLifecircleError(e)) throw e;
    switch (e.code) {
      case 'invalid_standard':
      case 'unknown_standard':
        e.diagnostics?.forEach((d: Diagnostic) => console.log(d.code, d.line, d.item));
        break;
      case 'invalid_input':
        e.problems?.forEach((p: InputProblem) => console.log(p.code, p.field, p.line));
        break;
      case 'bad_argument':
        console.log(e.argument);
        break;
      case 'no_example':
        console.log(e.standard);
        break;
      case 'internal':
      case 'panic':
        throw e;
      default: {
        // The scoring module throws no walking-reach codes: the switch above covers them all.
        const none: never = e.code;
        throw none;
      }
    }
  }
}
