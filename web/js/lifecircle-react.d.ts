// lifecircle-react.d.ts — React 的 JSX 类型（可选）/ the elements' JSX types for React (optional).
//
// A React + TypeScript portal adds this file (beside lifecircle-widgets.d.ts in dist/widgets/)
// to its tsconfig's `files` or `include`; then `<lifecircle-assessment …/>` type-checks, with
// its attributes, a typed `ref` and React 19's `onlifecircle-…` event props. Needs
// `@types/react` (18.3 or 19); a portal without React does not need this file.
// `tsc --noEmit --strict` checks e2e/example-react.tsx against it in `cargo xtask test`.

import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LifecircleAssessmentElement, LifecircleElement, LifecircleEventMap } from './lifecircle-widgets.js';

/** React 19 passes `on<event>` props of a custom element to `addEventListener`. */
type Events = { [K in keyof LifecircleEventMap & string as `on${K}`]?: (event: LifecircleEventMap[K]) => void };

/** The attributes every element reads (docs/embedding.md, “属性 / Attributes”). */
type Common<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & Events & {
  standard?: string;
  lang?: 'zh' | 'en';
  'large-text'?: boolean | 'true' | 'false' | '';
  'as-of'?: string;
};

/** The score card, gap report and guide map: they may follow a form on the page. */
type Follower = Common<LifecircleElement> & { for?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'lifecircle-assessment': Common<LifecircleAssessmentElement> & { 'circle-id'?: string; autosave?: 'off' | 'session' };
      'lifecircle-scorecard': Follower;
      'lifecircle-gap-report': Follower;
      'lifecircle-guide-map': Follower & {
        layout?: 'screen' | 'a3_portrait' | 'phone';
        'what-if'?: boolean | '';
        tiles?: string;
        'tiles-credit'?: string;
        'tiles-crs'?: 'wgs84' | 'cgcs2000' | 'gcj02';
      };
      'lifecircle-district': Common<LifecircleElement> & { communities?: number | string; reported?: string };
    }
  }
}
