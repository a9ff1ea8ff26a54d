#!/usr/bin/env python3
"""The height of every page at three screens and its sheets in the PDF, as a Markdown table.

    python3 tests/sites/real-length/heights.py FOLDER

FOLDER holds what measure.sh wrote: legibility-WxH.txt of legibility.py and real-length.pdf.
A page's sheets are counted from the PDF's named destinations (page-…), which Chromium writes
as plain objects, in the order of the PDF's page tree.
"""

import pathlib
import re
import sys

SCREENS = ["1280x720", "1920x1080", "390x844"]


def heights(folder):
    rows = {}
    for size in SCREENS:
        for line in (folder / f"legibility-{size}.txt").read_text().splitlines():
            match = re.match(r"(\S+)\s+height\s+(\d+)/(\d+)", line)
            if match:
                rows.setdefault(match.group(1), {})[size] = (int(match.group(2)), int(match.group(3)))
    return rows


def sheets_per_page(pdf):
    data = pdf.read_bytes().decode("latin-1")
    catalog = data[data.index("/Type /Catalog"):]

    def obj(number):
        start = data.index(f"\n{number} 0 obj")
        return data[start:data.index("endobj", start)]

    order = []

    def walk(number):
        node = obj(number)
        if "/Type /Pages" in node:
            for kid in re.search(r"/Kids \[([^\]]*)\]", node).group(1).split(" 0 R"):
                if kid.strip():
                    walk(kid.strip())
        else:
            order.append(number)

    walk(re.search(r"/Pages (\d+) 0 R", catalog).group(1))
    dests = obj(re.search(r"/Dests (\d+) 0 R", catalog).group(1))
    starts = {m.group(1): order.index(m.group(2)) + 1 for m in re.finditer(r"/(page-[^\s\[]+) \[(\d+) 0 R", dests)}
    firsts = sorted(starts.values()) + [len(order) + 1]
    counts = {key: firsts[firsts.index(start) + 1] - start for key, start in starts.items()}
    return starts, counts, len(order)


def main():
    folder = pathlib.Path(sys.argv[1])
    rows = heights(folder)
    starts, sheets, total = sheets_per_page(folder / "real-length.pdf")

    def key(path):
        address = path.replace("index.html", "").rstrip("/")
        return "page-" + (address.replace("/", "-") if address else "start")

    print("| page (address) | 1280×720 height | 1920×1080 height | 390×844 height | PDF sheets |")
    print("|---|---:|---:|---:|---:|")
    for path in sorted(rows, key=lambda p: starts[key(p)]):
        cells = []
        for size in SCREENS:
            height, screen = rows[path][size]
            cells.append(f"{height}" + (f" (+{height - screen})" if height > screen else ""))
        print(f"| `{path.replace('index.html', '') or '/'}` | " + " | ".join(cells) + f" | {sheets[key(path)]} |")
    print(f"| **total** | | | | **{total}** |")


if __name__ == "__main__":
    main()
