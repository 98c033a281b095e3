//! TypeScript types of every input and output, written by hand from the Rust types (core's
//! types carry no TypeScript derive, and core must not learn about JS). Field names are the
//! serde names; optional (`?`) fields are the ones serde skips when empty. `e2e/example.ts`
//! uses every export and is checked with `tsc --noEmit --strict`. The declarations are the
//! files in `wasm/types/` (a TypeScript editor checks them as they are written); the widgets
//! bundle ships `types/core.d.ts` as its `lifecircle-types.d.ts`, so both packages declare the
//! same `Assessment` and `CircleInput`.
//!
//! Keep in step with: `core/src/circle.rs` (input), `core/src/assessment.rs` and `core/src/district.rs` (output),
//! `core/src/standard/model.rs` (resolved standard), `core/src/standard/resolve.rs`
//! (`Diagnostic`), `error.rs` (error codes).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const _: &str = include_str!("../types/core.d.ts");

/// The scoring module throws no walking-reach codes.
#[cfg(not(feature = "access"))]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = include_str!("../types/no-access.d.ts");

/// Types of the walking-reach exports (`lifecircle_full.js`, feature `access`).
#[cfg(feature = "access")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = include_str!("../types/access.d.ts");
