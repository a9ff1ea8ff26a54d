//! folio: Markdown narrative + YAML survey data -> a paginated HTML monitor.
//!
//! The pipeline is the architecture, and the modules follow it:
//! config -> content & data loading -> Markdown & directives -> charts -> templates -> write.

pub mod address;
pub mod blocks;
pub mod browser;
pub mod build;
pub mod charts;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostic;
pub mod init;
pub mod layout;
pub mod locale;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod pdf;
pub mod pdf_check;
pub mod pdf_target;
pub mod publish;
pub mod render;
pub mod serve;
pub mod slug;
pub mod survey;
pub mod text;
pub mod theme_export;
pub mod timings;
