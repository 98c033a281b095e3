//! Styles: one CSS string per widget, each complete on its own, to be adopted as a
//! constructed stylesheet in the widget's Shadow DOM (a strict CSP refuses `<style>` and
//! `style="…"`; the widgets use neither).
//!
//! # Theming
//! Set these custom properties on the host element (they inherit into the Shadow DOM):
//!
//! | property | default | what |
//! |---|---|---|
//! | `--lc-accent` | `#1f5fa8` | buttons, bars, links, focus |
//! | `--lc-accent-ink` | `#ffffff` | text on the accent colour |
//! | `--lc-ink` | `#1d232b` | text |
//! | `--lc-muted` | `#4a5360` | secondary text (≥ 7:1 on white) |
//! | `--lc-bg` | `#ffffff` | background |
//! | `--lc-surface` | `#f4f6f8` | cards, table heads |
//! | `--lc-border` | `#8a93a0` | borders (≥ 3:1 on white) |
//! | `--lc-ok` | `#1b7f3b` | met |
//! | `--lc-warn` | `#8a5300` | partly met, provisional |
//! | `--lc-bad` | `#b3261e` | not met, failed gates, errors |
//! | `--lc-focus` | `#c77700` | focus ring (around the accent, so it shows on accent buttons too) |
//! | `--lc-font` | system CJK stack | font family |
//! | `--lc-font-size` | `medium` | base size (a length); by default the reader's own setting in the browser (16px unless changed; not the page's root size); 适老化 mode: 1.25 times it, at least 20px |
//! | `--lc-radius` | `6px` | corner radius |
//!
//! The 适老化 (large text, high contrast) mode is the class `lc-elder` on a widget's root.
//! Colours are chosen for WCAG AA (4.5:1 for text) on the default background.

/// Shared rules: custom properties, root, focus, buttons, inputs, the elder mode.
macro_rules! base_css {
    () => {
        r#"
.lc-root{--_accent:var(--lc-accent,#1f5fa8);--_accent-ink:var(--lc-accent-ink,#fff);--_ink:var(--lc-ink,#1d232b);
--_muted:var(--lc-muted,#4a5360);--_bg:var(--lc-bg,#fff);--_surface:var(--lc-surface,#f4f6f8);
--_border:var(--lc-border,#8a93a0);--_ok:var(--lc-ok,#1b7f3b);--_warn:var(--lc-warn,#8a5300);--_bad:var(--lc-bad,#b3261e);
--_focus:var(--lc-focus,#c77700);--_radius:var(--lc-radius,6px);
font-family:var(--lc-font,system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif);
font-size:var(--lc-font-size,medium);line-height:1.6;color:var(--_ink);background:var(--_bg);
text-align:start;letter-spacing:normal;word-spacing:normal;font-style:normal;font-weight:400;box-sizing:border-box}
.lc-root *,.lc-root *::before,.lc-root *::after{box-sizing:inherit}
.lc-root.lc-elder{--_ink:#000;--_muted:#1d232b;--_border:#1d232b;--_accent:var(--lc-accent,#0b4a8f);font-size:max(20px,calc(1.25 * var(--lc-font-size,16px)));line-height:1.7}
.lc-root.lc-elder button,.lc-root.lc-elder input,.lc-root.lc-elder select,.lc-root.lc-elder textarea{min-height:48px;border-width:2px}
.lc-root :focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.lc-root h2,.lc-root h3,.lc-root h4{line-height:1.3;margin:.8em 0 .4em}
.lc-root h2{font-size:1.4em}.lc-root h3{font-size:1.15em}.lc-root h4{font-size:1em}
.lc-root button{font:inherit;cursor:pointer;border:1px solid var(--_accent);background:var(--_accent);color:var(--_accent-ink);
border-radius:var(--_radius);padding:.35em .9em;min-height:40px}
.lc-root button.lc-quiet{background:var(--_bg);color:var(--_accent)}
.lc-problems code{color:var(--_muted);font-size:.85em;overflow-wrap:anywhere}
.lc-root button:is(:disabled,[aria-disabled=true]){opacity:.6;cursor:not-allowed}
.lc-root input,.lc-root select,.lc-root textarea{font:inherit;color:var(--_ink);background:var(--_bg);
border:1px solid var(--_border);border-radius:var(--_radius);padding:.3em .5em;min-height:40px;max-width:100%}
.lc-root input:is([type=checkbox],[type=radio]){min-height:0;width:max(1.3em,24px);height:max(1.3em,24px);vertical-align:middle}
.lc-root.lc-elder input:is([type=checkbox],[type=radio]){width:44px;height:44px;min-height:44px}
.lc-root :is(input,textarea)[readonly]{background:var(--_surface);border-style:dashed;cursor:not-allowed}
.lc-root [aria-invalid=true]{border-color:var(--_bad);border-width:2px}
.lc-root .lc-muted{color:var(--_muted)}
.lc-root .lc-error{color:var(--_bad);font-weight:600;margin:.2em 0}
.lc-root .lc-badge{display:inline-block;border:1px solid currentColor;border-radius:999px;padding:0 .55em;font-size:.85em;
line-height:1.6;white-space:nowrap}
.lc-root .lc-sample{color:var(--_bad);font-weight:700}
.lc-root .lc-st-met{color:var(--_ok)}.lc-root .lc-st-partly{color:var(--_warn)}.lc-root .lc-st-not-met{color:var(--_bad)}
.lc-root .lc-st-no-data{color:var(--_bad)}.lc-root .lc-st-na{color:var(--_muted)}
.lc-root .lc-prov{color:var(--_warn);white-space:normal;max-width:100%}
.lc-root .lc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.lc-root .lc-toolbar{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:.5em 0}
"#
    };
}

/// The shared rules alone: what an element of a widget left out of a bundle needs for its notice.
pub const BASE_CSS: &str = base_css!();

/// The score card (`<lifecircle-scorecard>`). (An explanation's marker, ▸ or ▾, is drawn with an
/// empty alternative text, `content:"▸" / ""`: not read as the first word of its name; a
/// browser without it keeps the marker from the declaration before.)
pub const SCORE_CARD_CSS: &str = concat!(
    base_css!(),
    r#"
.lc-scorecard .lc-head{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:baseline}
.lc-scorecard .lc-total{font-size:2.6em;font-weight:800;line-height:1.1}
.lc-scorecard .lc-points-note{color:var(--_warn);font-weight:600}
.lc-scorecard .lc-max{color:var(--_muted);font-size:1.1em}
.lc-scorecard .lc-grade{font-size:1.4em;font-weight:700}
.lc-scorecard .lc-stars{color:var(--_warn);letter-spacing:.1em}
.lc-scorecard .lc-nograde{color:var(--_bad);font-weight:700}
.lc-scorecard .lc-checks{list-style:none;padding:0;margin:.5em 0}
.lc-scorecard .lc-checks li{padding:.25em .5em;border-left:4px solid var(--_ok);margin:.25em 0;background:var(--_surface)}
.lc-scorecard .lc-checks li.lc-failed{border-left-color:var(--_bad);font-weight:700}
.lc-scorecard .lc-notes li{border-left-color:var(--_warn)}
/* names wrap (at most 45 %), values stay whole */
.lc-scorecard .lc-bars{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:fit-content(45%) minmax(1.5em,1fr) max-content;gap:.35em .6em;align-items:center;max-width:720px}
.lc-scorecard .lc-dim-name{overflow-wrap:anywhere}
.lc-scorecard .lc-bars li{display:contents}
.lc-scorecard .lc-bar-svg{width:100%;height:1.1em;display:block}
.lc-scorecard .lc-bars .lc-bar-bg{fill:var(--_surface);stroke:var(--_border);stroke-width:.4}
.lc-scorecard .lc-bars .lc-bar{fill:var(--_accent)}
.lc-scorecard .lc-dim-val{font-variant-numeric:tabular-nums;white-space:nowrap}
.lc-scorecard details{border:1px solid var(--_border);border-radius:var(--_radius);margin:.35em 0;background:var(--_bg)}
.lc-scorecard summary{cursor:pointer;padding:.45em .7em;display:flex;flex-wrap:wrap;gap:.2em .8em;align-items:center;min-height:44px;list-style:none}
.lc-scorecard summary::-webkit-details-marker{display:none}
.lc-scorecard summary::before{content:"▸";content:"▸" / "";color:var(--_accent)}
.lc-scorecard details[open]>summary::before{content:"▾";content:"▾" / ""}
.lc-scorecard summary .lc-pts{margin-inline-start:auto;font-weight:700;white-space:nowrap}
.lc-scorecard .lc-explain{padding:.2em .9em .7em;border-top:1px solid var(--_border)}
.lc-scorecard dl{display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);gap:.15em 1em;margin:.4em 0}
.lc-scorecard dt{color:var(--_muted);overflow-wrap:anywhere}.lc-scorecard dd{margin:0;overflow-wrap:anywhere}
.lc-scorecard .lc-stamp{color:var(--_muted);font-size:.85em;overflow-wrap:anywhere}
.lc-scorecard .lc-delta{font-weight:700}
.lc-scorecard .lc-delta-up{color:var(--_ok)}.lc-scorecard .lc-delta-down{color:var(--_bad)}
"#
);

/// The gap report (一圈一策 plan), with a print stylesheet.
pub const GAP_REPORT_CSS: &str = concat!(
    base_css!(),
    r#"
/* On paper a unit breaks between its items (kept whole, a unit longer than the rest of a page went whole to the
   next, leaving page 1 of an A4 plan 85 % empty); an item stays whole and a unit's heading stays with its first item. */
.lc-gaps .lc-unit{border:1px solid var(--_border);border-radius:var(--_radius);padding:.5em .9em;margin:.8em 0}
.lc-gaps .lc-unit h3{margin:.2em 0 .4em;display:flex;flex-wrap:wrap;gap:.5em;align-items:baseline;break-after:avoid}
.lc-gaps ol{margin:0;padding-inline-start:1.4em}
.lc-gaps li{margin:.45em 0;break-inside:avoid}
.lc-gaps .lc-prio-1,.lc-gaps .lc-prio-2{color:var(--_bad);font-weight:700}
.lc-gaps .lc-prio-3{color:var(--_warn);font-weight:700}
.lc-gaps .lc-prio-4{color:var(--_muted)}
.lc-gaps .lc-lead{color:var(--_accent);font-weight:700}
.lc-gaps .lc-detail{color:var(--_muted)}
.lc-gaps .lc-none{color:var(--_ok);font-weight:700}
@media print{
.lc-root{font-size:11pt;color:#000;background:#fff}
.lc-gaps .lc-noprint{display:none}
.lc-gaps .lc-unit{border:1px solid #000}
.lc-gaps .lc-prio-1,.lc-gaps .lc-prio-2,.lc-gaps .lc-prio-3,.lc-gaps .lc-prio-4,.lc-gaps .lc-lead,.lc-gaps .lc-detail{color:#000}
.lc-gaps h2{page-break-after:avoid}
}
"#
);

/// The guide map (`<lifecircle-guide-map>`).
pub const GUIDE_MAP_CSS: &str = concat!(
    base_css!(),
    r#"
.lc-map .lc-canvas{border:1px solid var(--_border);border-radius:var(--_radius);overflow:hidden;background:#fff;touch-action:pan-x pan-y;cursor:grab;overflow-anchor:none;-webkit-user-select:none;user-select:none}
.lc-map .lc-canvas.lc-zoomed{touch-action:none}
.lc-map .lc-gesture{margin:.2em 0;font-size:.9em}
.lc-map .lc-canvas.lc-placing{position:relative}
.lc-map .lc-canvas.lc-placing:focus-visible::after{content:"";position:absolute;left:50%;top:50%;width:28px;height:28px;margin:-14px 0 0 -14px;border:2px solid var(--_bad);border-radius:50%;box-shadow:0 0 0 2px #fff;pointer-events:none}
.lc-map .lc-canvas svg{display:block;width:100%;height:auto}
.lc-map .lc-accent-band{fill:var(--_accent)}
.lc-map .lc-fac{cursor:pointer}
.lc-map .lc-fac:focus{outline:none}
.lc-map .lc-fac:focus-visible>:first-of-type{stroke:var(--_focus);stroke-width:4px}
.lc-map .lc-details{border:1px solid var(--_border);border-radius:var(--_radius);padding:.5em .9em;margin:.5em 0;background:var(--_surface)}
.lc-map .lc-details dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.3em 0}
.lc-map .lc-details dt{color:var(--_muted)}.lc-map .lc-details dd{margin:0}
.lc-whatif{border:1px solid var(--_border);border-radius:var(--_radius);padding:.5em .9em;margin:.6em 0;background:var(--_surface)}
.lc-whatif h3{margin:.2em 0 .4em;font-size:1.05em}
.lc-whatif .lc-field{display:flex;gap:.5em;align-items:center;margin:.3em 0;flex-wrap:wrap}.lc-whatif .lc-field>[type=checkbox]+label{flex:1 1 10em}
.lc-whatif .lc-whatif-score{font-size:1.1em;margin:.4em 0}.lc-whatif .lc-nowrap{white-space:nowrap}
.lc-whatif.lc-placing{padding-bottom:4em}.lc-whatif.lc-placing .lc-whatif-score{position:fixed;left:0;right:0;bottom:0;z-index:5;margin:0;padding:.5em 1em;
background:var(--_surface);border-top:2px solid var(--_accent);box-shadow:0 -2px 6px #0003}
@media print{.lc-whatif.lc-placing{padding-bottom:.5em}.lc-whatif.lc-placing .lc-whatif-score{position:static;box-shadow:none}}
.lc-whatif .lc-note{color:var(--_muted);margin:.3em 0}
.lc-whatif .lc-whatif-list{margin:.3em 0;padding-left:1.2em}
@media print{.lc-map .lc-toolbar,.lc-map .lc-gesture,.lc-map .lc-details,.lc-whatif{display:none}.lc-map .lc-canvas{border:0}}
"#
);

/// The self-assessment form (`<lifecircle-assessment>`).
///
/// (Why, kept out of the shipped text:) a group heading (`legend`) is floated, a heading inside
/// its box: on the border, one wrapped to two lines had the border running through it. The
/// tables scroll inside their box: the first cell of each row (the row's name) is sticky, with
/// borders of its own (separate borders: collapsed ones stay behind when a cell sticks; a
/// row's problems row below it takes away its bottom line); on a phone that column is about a
/// third of the screen, so the rest has room. The box's `::after` is a shadow stuck to its
/// right edge, shown by a scroll-driven animation while there is more to the right (a browser
/// without `animation-timeline`, or a box with nothing to scroll, shows none). Placeholders are
/// italic, the text's colour at 65 % (about 5:1 on white, 7:1 in large text). A table's scroll
/// box keeps the pinned column's width as its start padding for scrolling (`scroll-padding`):
/// a cell given the focus (Shift+Tab back along a row) wholly under that column scrolls into
/// view beside it (one partly under it the form scrolls itself, form.rs `clear_of_pinned`);
/// 10em is the name column's least width (the residential points' is narrower).
/// On a phone (at most 600px wide) each row is a card instead: one field a line, its column's
/// name beside it (the cell's `data-label`; above it in large text, and in a window under 22em,
/// which grows with the reader's own default font size; a container query would say it better,
/// but Chromium 14x took the focus off a remove button in a container whose rows were redrawn), the header row kept for screen readers only; a
/// 1,100px row scrolled sideways under a pinned name column was four screens to fill in.
/// A card (`.lc-folds`) is folded to its first field (and a facility's type), the rest said in
/// one line of words, until 更多 opens it (`.lc-open`); a field with a problem or the focus
/// shows anyway.
/// A long table (50 rows a page) scrolls down inside its box too, at most 70 % of the window
/// high, under its header row, which sticks at the box's top: a row's checkbox (连锁) or empty
/// box far down the table still has its column's name above it (the header had scrolled away
/// with the page). Printed, the box is as long as the table.
/// The score line sticks only in a window at least 30em high: shorter (a phone on its side,
/// 400 % zoom) it would cover much of the window, and the field with the focus under it.
/// Group headings (`legend`) hold an `h3`, each question's name is an `h4`: a screen reader
/// moves by them.
pub const ASSESSMENT_FORM_CSS: &str = concat!(
    base_css!(),
    r#"
.lc-form .lc-live{position:sticky;top:var(--lc-sticky-top,0);z-index:1;background:var(--_bg);border-bottom:2px solid var(--_accent);
padding:.4em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:baseline}
@media (max-height:30em){.lc-form .lc-live{position:static}}
.lc-form .lc-live .lc-total{font-size:1.6em;font-weight:800}
.lc-form .lc-live .lc-capped{color:var(--_bad);font-size:.9em}
.lc-form .lc-help.lc-warn{color:var(--_warn);font-weight:600}
.lc-form fieldset{border:1px solid var(--_border);border-radius:var(--_radius);margin:1em 0;padding:.5em 1em 1em;min-inline-size:0}
.lc-form legend{float:left;width:100%;font-weight:700;font-size:1.15em;line-height:1.3;padding:0;margin:0 0 .3em}.lc-form legend~*{clear:both}
.lc-form legend>h3{font:inherit;margin:0}
.lc-form h4.lc-q-name{font-size:1em;line-height:inherit;margin:0}
.lc-form .lc-q{border-top:1px solid var(--_surface);padding:.6em 0}
.lc-form .lc-q-head{display:flex;flex-wrap:wrap;gap:.2em .8em;align-items:baseline}
.lc-form .lc-q-name{font-weight:700}
.lc-form .lc-cite{color:var(--_muted);font-size:.9em}
.lc-form .lc-help{color:var(--_muted);font-size:.92em;margin:.2em 0}
.lc-form .lc-field{display:flex;flex-wrap:wrap;gap:.3em .6em;align-items:center;margin:.3em 0}
.lc-form .lc-field>label{flex:0 0 9em}
.lc-form .lc-answer>label{flex:0 0 auto;margin-right:.8em}
.lc-form .lc-field>input[type=text],.lc-form .lc-boxed{flex:1 1 10em;min-width:8em}
.lc-form .lc-boxed{display:flex;gap:.6em;align-items:center}.lc-form .lc-boxed>input{flex:1 1 0;min-width:5em}.lc-form .lc-boxed>.lc-unit{min-width:0}
.lc-form .lc-unit{color:var(--_muted)}
.lc-form ::placeholder{color:inherit;opacity:.65;font-style:italic}
.lc-form .lc-result{font-size:.92em;margin:.2em 0}.lc-form .lc-result summary{cursor:pointer;min-height:44px;display:flex;flex-wrap:wrap;align-items:center;gap:.2em}
.lc-form .lc-result-why{color:var(--_accent);text-decoration:underline}.lc-form .lc-result-why::after{content:" ▸";content:" ▸" / ""}.lc-form .lc-result[open] .lc-result-why::after{content:" ▾";content:" ▾" / ""}.lc-form .lc-result p{margin:.1em 0 .4em}
.lc-form .lc-stale{color:var(--_muted);font-size:.9em}
.lc-form .lc-pages{display:inline-flex;flex-wrap:wrap;gap:.5em;align-items:center}
/* width:0 + min-width:100%: the wide table scrolls inside the form instead of widening the host's layout;
   position:relative keeps its screen-reader-only labels (absolute) inside the scroll box too. */
.lc-form .lc-table-wrap{overflow:auto;width:0;min-width:100%;position:relative;isolation:isolate;display:flex;scroll-padding-inline-start:10em;
max-height:70vh;scroll-padding-block-start:3em}
.lc-form thead th{position:sticky;top:0;z-index:2}.lc-form thead th:first-child{z-index:3}
@media print{.lc-form .lc-table-wrap{max-height:none;overflow:visible}}
.lc-form .lc-table-wrap::after{content:"";position:sticky;right:0;flex:0 0 .8em;margin-left:-.8em;background:linear-gradient(to left,#0005,#0000);
opacity:0;animation:lc-more linear;animation-timeline:scroll(inline)}
@keyframes lc-more{0%,95%{opacity:1}}
.lc-form tr>:first-child{position:sticky;left:0;border-left-width:1px}.lc-form td:first-child{background:var(--_bg);z-index:1}
.lc-form table{border-spacing:0;border-top:1px solid var(--_border);width:100%;min-width:1100px}
.lc-form th,.lc-form td{border:solid var(--_border);border-width:0 1px 1px 0;padding:.25em .3em;text-align:start;vertical-align:top}
.lc-form th{background:var(--_surface);font-weight:700;word-break:keep-all}
.lc-form td input,.lc-form td select{width:100%}
.lc-form td input[type=checkbox]{width:max(1.3em,24px)}
.lc-form .lc-c-name{min-width:10em}.lc-form .lc-c-cat{min-width:10em}.lc-form .lc-c-num{min-width:5em}
.lc-form .lc-c-hours{min-width:8em}.lc-form .lc-c-brand{min-width:7em}.lc-form .lc-c-loc{min-width:11em}.lc-form .lc-c-status{min-width:6.5em}
.lc-form td button{white-space:nowrap;padding-inline:.5em}
.lc-form .lc-c-brief,.lc-form .lc-c-more{display:none}
@media (max-width:600px){.lc-form .lc-table-wrap{display:block;width:auto;min-width:0;overflow:visible;max-height:none}
.lc-form .lc-table-wrap::after{content:none}
.lc-form table,.lc-form tbody,.lc-form tr,.lc-form td{display:block}.lc-form table{min-width:0;border:0}
.lc-form thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.lc-form tbody tr{border:1px solid var(--_border);border-radius:var(--_radius);margin:.6em 0;padding:.3em .6em}
.lc-form tbody tr.lc-row-error{margin-top:-.6em;border-top:0;border-radius:0 0 var(--_radius) var(--_radius)}
.lc-form tbody tr:has(+.lc-row-error){border-bottom:0;border-radius:var(--_radius) var(--_radius) 0 0}
.lc-form .lc-table-wrap td{position:static;border:0;padding:.2em 0;min-width:0;width:auto}
.lc-form td[data-label]{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:.2em .5em;align-items:center}
.lc-form td input[type=checkbox]{justify-self:start}.lc-form.lc-elder td[data-label]{grid-template-columns:minmax(0,1fr)}
.lc-form td[data-label]::before{content:attr(data-label);color:var(--_muted);overflow-wrap:anywhere}
.lc-form td.lc-c-act{text-align:end}.lc-form td.lc-c-act .lc-error{text-align:start}
.lc-form .lc-folds tr:not(.lc-open)>td[data-label]:not(:first-child,.lc-c-cat,:focus-within,:has([aria-invalid=true])){display:none}
.lc-form .lc-folds td.lc-c-act{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:.3em .5em}
.lc-form .lc-folds td.lc-c-act>.lc-error{flex:1 1 100%}.lc-form .lc-folds td.lc-c-act>.lc-error:empty{display:none}
.lc-form .lc-folds .lc-c-brief{display:block;flex:1 1 100%;text-align:start;color:var(--_muted);overflow-wrap:anywhere}
.lc-form .lc-c-brief>span{display:inline-block;max-width:100%}.lc-form .lc-folds .lc-c-more{display:inline-block}.lc-form .lc-folds .lc-open .lc-c-brief{display:none}}
@media (max-width:22em){.lc-form td[data-label]{grid-template-columns:minmax(0,1fr)}}
.lc-form .lc-skip:not(:focus){position:absolute;width:1px;height:1px;min-width:0;min-height:0;padding:0;border:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.lc-form tr:has(+.lc-row-error)>*{border-bottom:0}.lc-form .lc-row-error .lc-error{position:sticky;left:.4em;max-width:min(40em,85vw)}
.lc-form .lc-problems{border:2px solid var(--_bad);border-radius:var(--_radius);padding:.4em .9em;margin:.6em 0}
.lc-form .lc-problems>ul{scroll-margin-top:calc(var(--lc-sticky-top,0px) + 8em)}
.lc-form .lc-dups{border:2px solid var(--_warn);border-radius:var(--_radius);padding:.2em .9em;margin:.6em 0}
.lc-form .lc-toc{margin:.6em 0}.lc-form .lc-toc summary{cursor:pointer;color:var(--_accent);font-weight:600;padding:.45em 0}
.lc-form .lc-toc ul{list-style:none;margin:.3em 0;padding:0;display:flex;flex-wrap:wrap;gap:.4em}
.lc-form .lc-sec,.lc-form .lc-submit{scroll-margin-top:calc(var(--lc-sticky-top,0px) + 6em)}.lc-form .lc-sec:focus{outline:none}
.lc-form .lc-sec:focus-visible>legend{outline:3px solid var(--_focus);outline-offset:2px}
.lc-form .lc-actions{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0;align-items:center}
.lc-form .lc-why{color:var(--_bad);font-weight:600;margin:0}
.lc-form .lc-notes{list-style:none;padding:0;margin:.6em 0}
.lc-form .lc-notes li{padding:.25em .5em;border-left:4px solid var(--_warn);margin:.25em 0;background:var(--_surface)}
"#
);

/// The district dashboard (`<lifecircle-district>`).
pub const DISTRICT_CSS: &str = concat!(
    base_css!(),
    r#"
.lc-district .lc-head{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:baseline;margin:.3em 0}
.lc-district .lc-total{font-size:2.2em;font-weight:800;line-height:1.1}
.lc-district .lc-stamp,.lc-district .lc-note{color:var(--_muted)}
.lc-district .lc-stamp{font-size:.9em;margin:0}
.lc-district .lc-prov-note{color:var(--_warn)}
.lc-district .lc-warnings{list-style:none;padding:0;margin:.6em 0}
.lc-district .lc-warnings li{padding:.25em .5em;border-left:4px solid var(--_warn);margin:.25em 0;background:var(--_surface)}
.lc-district .lc-t-counted{margin:.2em 0;font-size:.92em}
.lc-district .lc-t-report{margin:.3em 0}.lc-district .lc-t-report input{width:8em;margin-inline-start:.3em}
.lc-district .lc-t-report .lc-muted{font-size:.92em}
.lc-district .lc-targets{list-style:none;margin:0;padding:0;display:grid;gap:.5em}
.lc-district .lc-target{border:1px solid var(--_border);border-inline-start:6px solid var(--_muted);border-radius:var(--_radius);padding:.45em .8em;overflow-wrap:anywhere}
.lc-district .lc-met{border-inline-start-color:var(--_ok)}.lc-district .lc-unmet{border-inline-start-color:var(--_bad)}
.lc-district .lc-t-line{display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center;justify-content:space-between}
.lc-district .lc-t-verdict{font-weight:700;max-width:100%}
.lc-district .lc-met .lc-t-verdict{color:var(--_ok)}.lc-district .lc-unmet .lc-t-verdict{color:var(--_bad)}
.lc-district .lc-unknown .lc-t-verdict{color:var(--_muted)}
.lc-district .lc-now{color:var(--_accent);font-weight:700}
.lc-district .lc-bar-svg{flex:1 1 12em;min-width:0;max-width:420px;height:1em;display:block}
.lc-district .lc-bar-bg{fill:var(--_surface);stroke:var(--_border);stroke-width:.4}
.lc-district .lc-bar{fill:var(--_accent)}
.lc-district .lc-goal{stroke:var(--_ink);stroke-width:1.2;vector-effect:non-scaling-stroke}
.lc-district .lc-t-val{font-variant-numeric:tabular-nums}
.lc-district .lc-t-src,.lc-district .lc-t-how{margin:.2em 0;font-size:.92em;color:var(--_muted)}
.lc-district .lc-t-basis{margin:.1em 0}.lc-district .lc-t-basis summary{font-size:.92em;color:var(--_muted)}
.lc-district .lc-unit{border:1px solid var(--_border);border-radius:var(--_radius);padding:.3em .8em;margin:.4em 0;overflow-wrap:anywhere}
.lc-district .lc-unit summary{cursor:pointer;font-weight:700;padding:.55em 0;display:block}
.lc-district .lc-unit summary::before{margin-inline-end:.4em}.lc-district .lc-unit summary .lc-muted{font-weight:400}
.lc-district .lc-unit ol{margin:.3em 0 .5em;padding-inline-start:1.6em}.lc-district .lc-unit li{margin:.5em 0}
.lc-district .lc-unit li p{margin:.15em 0}
.lc-district .lc-table-wrap{overflow-x:auto;width:0;min-width:100%}
.lc-district table{border-collapse:collapse;width:100%;min-width:760px}
.lc-district tbody th{min-width:10em}.lc-district td{min-width:5.5em}
.lc-district th,.lc-district td{border:1px solid var(--_border);padding:.3em .5em;text-align:start;vertical-align:top}
.lc-district thead th{background:var(--_surface)}
.lc-district tbody th{font-weight:600}
.lc-district tbody th code{color:var(--_muted);font-size:.8em;font-weight:400;overflow-wrap:anywhere}
.lc-district .lc-num{font-variant-numeric:tabular-nums;white-space:nowrap}
.lc-district .lc-unbuilt td{color:var(--_muted)}
@media (max-width:600px){.lc-district .lc-table-wrap{overflow:visible}.lc-district table{min-width:0}
.lc-district table,.lc-district tbody,.lc-district tr,.lc-district tbody th,.lc-district td{display:block}
.lc-district thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.lc-district tbody tr{border:1px solid var(--_border);border-radius:var(--_radius);margin:.5em 0;padding:.3em .6em}
.lc-district tbody th,.lc-district td{border:0;padding:.15em 0;min-width:0}.lc-district td.lc-num{white-space:normal}
.lc-district td[data-label]::before{content:attr(data-label);color:var(--_muted)}}
.lc-district details{margin:.8em 0}.lc-district summary{cursor:pointer;min-height:44px;display:flex;align-items:center;gap:.4em;list-style:none}
.lc-district summary::-webkit-details-marker{display:none}
.lc-district summary::before{content:"▸";content:"▸" / "";color:var(--_accent)}.lc-district details[open]>summary::before{content:"▾";content:"▾" / ""}
.lc-district .lc-problems{border:2px solid var(--_bad);border-radius:var(--_radius);padding:.4em .9em;margin:.6em 0}
.lc-district tbody th .lc-digest{color:var(--_muted);font-size:.8em;font-weight:400;overflow-wrap:anywhere}
@media print{.lc-root{font-size:11pt;color:#000;background:#fff}.lc-district .lc-target{break-inside:avoid}
.lc-district .lc-table-wrap{overflow:visible;width:auto;min-width:0}.lc-district table{min-width:0}
.lc-district .lc-num{white-space:normal}.lc-district .lc-act,.lc-district .lc-t-report .lc-muted{display:none}
.lc-district .lc-t-report:has(input[value=""]){display:none}}
@media print{.lc-district .lc-unit::details-content,.lc-district .lc-t-basis::details-content{content-visibility:visible;display:block}.lc-district .lc-t-basis>summary{min-height:0}.lc-district .lc-t-basis>summary::before{content:none}.lc-district .lc-unit li{break-inside:avoid}}
"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_has_balanced_braces_and_the_elder_mode() {
        for css in [SCORE_CARD_CSS, GAP_REPORT_CSS, GUIDE_MAP_CSS, ASSESSMENT_FORM_CSS, DISTRICT_CSS] {
            assert_eq!(css.matches('{').count(), css.matches('}').count());
            assert!(css.contains(".lc-elder"));
            assert!(css.contains(":focus-visible"));
        }
        assert!(GAP_REPORT_CSS.contains("@media print"));
    }

    #[test]
    fn a_plan_unit_may_break_between_its_items_on_paper() {
        // A unit kept whole went whole to the next page (page 1 of an A4 plan held its title only).
        assert!(!GAP_REPORT_CSS.contains("page-break-inside:avoid"));
        let unit = GAP_REPORT_CSS.split(".lc-gaps .lc-unit{").nth(1).unwrap().split('}').next().unwrap();
        assert!(!unit.contains("break-inside"), "{unit}");
        assert!(GAP_REPORT_CSS.contains(".lc-gaps li{margin:.45em 0;break-inside:avoid}"));
        assert!(GAP_REPORT_CSS.contains("break-after:avoid}"));
    }
}
