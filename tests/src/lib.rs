//! lifecircle-tests: the golden-case runner (cases in tests/cases).
