//! Charts: survey results rendered to SVG at build time.
