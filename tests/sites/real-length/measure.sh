#!/bin/sh
# Measures the real-length fixture as folio builds and prints it now: the numbers in
# AMOUNTS.md come from this. Run from the repository root after `cargo build --release`:
#
#     sh tests/sites/real-length/measure.sh [FOLDER]
#
# FOLDER (default: a new temporary folder) receives every report and the PDF. The measuring
# tools are the shared ones of issue 21 (TOOLS, default ../shared/tools); FOLIO names the
# binary (default target/release/folio).
set -eu
site=tests/sites/real-length
out=${1:-$(mktemp -d)}
folio=${FOLIO:-target/release/folio}
tools=${TOOLS:-../shared/tools}
mkdir -p "$out"

python3 "$site/count.py" --check > "$out/amounts.md"
"$folio" check --strict -C "$site"
"$folio" build -C "$site"
for size in 1280x720 1920x1080 390x844 1000x560; do
    python3 "$tools/legibility.py" "$site/public" --width "${size%x*}" --height "${size#*x}" > "$out/legibility-$size.txt"
    tail -n 1 "$out/legibility-$size.txt"
done
"$folio" check --layout -C "$site" > "$out/check-layout.txt" 2>&1 || true
grep -E '^(1280|390)' "$out/check-layout.txt" || true
"$folio" pdf -C "$site" --output "$out/real-length.pdf" > "$out/pdf.txt" 2>&1
tail -n 1 "$out/pdf.txt"
pdfinfo "$out/real-length.pdf" | grep -E '^Pages'
echo "pages with a warning for more sheets: $(grep -c 'continues on' "$out/pdf.txt" || true)"
python3 "$tools/pdf_fidelity.py" "$site/public" "$out/real-length.pdf" > "$out/pdf-fidelity.txt" || true
tail -n 1 "$out/pdf-fidelity.txt"
python3 "$site/heights.py" "$out" > "$out/heights.md"
echo "reports in $out"
