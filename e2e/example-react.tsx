// docs/embedding.md's React example in TypeScript, with dist/widgets/lifecircle-react.d.ts:
// `tsc --noEmit --strict` (run by `cargo xtask test` after `cargo xtask dist`) checks it. Never
// run: the browser tests exercise the same elements.
import { useEffect, useRef } from 'react';
import type { Assessment, CircleInput, LifecircleAssessmentElement } from '../dist/widgets/lifecircle-widgets.js';

export function SelfAssessment({ circle, onSubmit }: { circle: CircleInput; onSubmit: (a: Assessment, circle: string) => void }) {
  const ref = useRef<LifecircleAssessmentElement>(null);
  const latest = useRef(onSubmit);
  latest.current = onSubmit;
  useEffect(() => { if (ref.current) ref.current.data = circle; }, [circle.id]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const submit = (e: HTMLElementEventMap['lifecircle-submit']) => latest.current(e.detail, e.circle);
    el.addEventListener('lifecircle-submit', submit);
    return () => el.removeEventListener('lifecircle-submit', submit);
  }, []);
  return (
    <>
      <lifecircle-assessment ref={ref} id="form" standard="longwan-2024" circle-id={circle.id} lang="zh" as-of="2025-06-30" autosave="session"
        onlifecircle-change={(e) => console.log(e.detail.total, e.circle?.length)} />
      <lifecircle-scorecard for="form" large-text />
      <lifecircle-guide-map for="form" layout="a3_portrait" what-if="" tiles-crs="gcj02" onlifecircle-select={(e) => console.log(e.detail.length)} />
      <lifecircle-district communities={29} reported="provincial_pilot=1" onlifecircle-reported={(e) => console.log(e.detail.length)} />
    </>
  );
}
