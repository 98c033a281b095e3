//! isochrone
