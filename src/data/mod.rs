//! Survey data: loading, checks and citations.
pub mod model;
