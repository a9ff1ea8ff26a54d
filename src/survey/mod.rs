//! Survey export (CSV + codebook) to result data.
