//! folio: Markdown narrative + YAML survey data -> a paginated HTML monitor.
//!
//! The pipeline is the architecture, and the modules follow it:
//! config -> content & data loading -> Markdown & directives -> charts -> templates -> write.

pub mod charts;
pub mod data;
pub mod locale;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod build;
pub mod init;
pub mod output;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod survey;
pub mod timings;
