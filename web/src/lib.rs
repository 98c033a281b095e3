//! lifecircle-web: Leptos widgets (self-assessment form, score card, gap report, guide map).
