#!/usr/bin/env python3
"""The amounts of the real-length fixture beside those of the reference publication.

Counts, per page, the words a reader reads (title, intro, question lines, interpretations,
quotes with their attribution, lists, footnotes), the charts and their answer options, and
the quotes: in the reference publication (a PDF text extract, whose chart labels and values
stand as loose lines among the text) and in the fixture's Markdown. For the reference, the
lines that hold text were picked by hand (REFERENCE below); chart labels, chart values,
chapter tabs, Terug/Volgende and a text layer that repeats on several sheets ("De top drie
van speerpunten … 2019", "Kwaliteitsplannen") are left out. For the fixture, `::: chart`
blocks and block settings other than label, text, name, function and title are left out, so
both sides count the same kinds of words.

    python3 tests/sites/real-length/count.py [--reference FILE] [--check]

prints the table of AMOUNTS.md; --check exits 1 when a page that rebuilds a reference page
differs from it by more than 10% in words, or in charts or quotes, or a long page is shorter
than 1.5 times the longest reference results page.
"""

import argparse
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[2] / ".." / "shared" / "reference" / "000_0025e72bd979be85.txt"

# Reference page: (name, fixture file, text line ranges of the extract (1-based, inclusive),
# charts as (question id, options shown or None for all), quotes).
REFERENCE = [
    ("1 omslag", "content/00-omslag.md", [(1, 3)], [], 0),
    ("2 voorwoord", "content/01-voorwoord.md", [(9, 162), (164, 164), (166, 169), (171, 171)], [], 0),
    ("3 Financiering", "content/02-financiering/_index.md", [(172, 179)], [], 1),
    ("4 tarieven", "content/02-financiering/01-tarieven.md",
     [(187, 191), (193, 193), (195, 196), (198, 202), (204, 204), (208, 209), (211, 214), (271, 275)],
     [("tariefpercentage", None), ("tariefgesprek", None)], 2),
    ("5 maatwerk", "content/02-financiering/02-maatwerk.md",
     [(282, 283), (285, 291), (293, 294), (296, 301), (303, 318), (320, 326), (328, 328), (384, 385)],
     [("maatwerk-verzoek", None), ("maatwerk-reden", None), ("maatwerk-toekenning", None)], 1),
    ("6 transitiemiddelen", "content/02-financiering/03-transitiemiddelen.md",
     [(402, 406), (408, 412), (414, 414), (416, 418), (422, 426), (428, 432), (434, 436), (438, 442)],
     [("transitiemiddelen-afspraken", None), ("transitiemiddelen-gesprek", None)], 2),
    ("7 HLO-opslag", "content/02-financiering/04-hlo-opslag.md",
     [(475, 482), (484, 484), (486, 488), (500, 504), (511, 512), (514, 521), (523, 525)],
     [("hlo-themas", None), ("hlo-toekenning", None)], 1),
    ("8 herschikking", "content/02-financiering/05-herschikking.md",
     [(546, 547), (551, 554), (556, 560), (562, 564), (566, 566), (568, 569), (571, 580)],
     [("herschikking-verblijf", None), ("herschikking-thuis", None)], 1),
    ("9 Beschikbaarheid", "content/03-beschikbaarheid/_index.md", [(606, 610)], [], 1),
    ("10 capaciteit", "content/03-beschikbaarheid/01-capaciteit.md",
     [(615, 619), (621, 623), (718, 727), (729, 730), (732, 738)],
     [("capaciteit", None)], 1),
    ("11 leveringsvormen", "content/03-beschikbaarheid/02-leveringsvormen.md",
     [(743, 744), (746, 748), (750, 755), (759, 761), (763, 767), (769, 775), (777, 780), (813, 816), (818, 818)],
     [("mpt-voorliggend", None), ("capaciteit-gesprek", None)], 2),
    ("12 behandeling", "content/03-beschikbaarheid/03-behandeling.md",
     [(822, 826), (828, 832), (834, 836), (838, 840), (842, 843), (856, 858), (860, 867)],
     [("behandeling-verhouding", None), ("behandeling-extern", None)], 2),
    ("13 urgent wachtenden", "content/03-beschikbaarheid/04-urgent-wachtenden.md",
     [(895, 895), (897, 899), (901, 908), (957, 958), (960, 967)],
     [("urgent-wachtenden", None)], 1),
    ("14 Inkoopbeleid", "content/04-inkoopbeleid/_index.md", [(970, 979)], [], 1),
    ("15 dialoog kwaliteit", "content/04-inkoopbeleid/01-dialoog-kwaliteit.md",
     [(984, 987), (989, 992), (994, 997), (1042, 1047), (1051, 1052), (1054, 1059)],
     [("kwaliteitsbeeld-gesprek", None), ("kwaliteit-ruimte", None), ("kwaliteit-kompas", None)], 1),
    ("16 speerpunten", "content/04-inkoopbeleid/02-speerpunten.md",
     [(1099, 1121), (1125, 1128), (1130, 1136), (1138, 1138), (1140, 1147)],
     [("kwaliteit-leveren", None)], 1),
    ("17 innovaties", "content/04-inkoopbeleid/03-innovaties.md",
     [(1170, 1172), (1174, 1177), (1179, 1184), (1188, 1192), (1194, 1197), (1234, 1235), (1237, 1241)],
     [("innovatie-afspraken", None), ("innovatie-inkoopbeleid", None)], 1),
    ("18 inkoopbeleid 2026", "content/04-inkoopbeleid/04-inkoopbeleid-2026.md",
     [(1249, 1254), (1256, 1260), (1262, 1267), (1269, 1270), (1308, 1311)],
     [("inkoopbeleid-wijziging", ["verbeterd", "verslechterd"]), ("gevolgen-inkoop", None)], 0),
    ("19 geldstromen", "content/04-inkoopbeleid/05-geldstromen.md",
     [(1334, 1338), (1340, 1345), (1347, 1351), (1353, 1354), (1382, 1385), (1387, 1390), (1406, 1408), (1410, 1411)],
     [("geldstromen-gebruik", None), ("geldstromen-lasten", None)], 2),
    ("20 Toekomstblik", "content/05-toekomstblik/_index.md",
     [(1435, 1435), (1437, 1439), (1442, 1447), (1451, 1452), (1454, 1460), (1467, 1493)],
     [("nps", None)], 1),
]

# The pages with no reference page, each the last of its chapter: 1.5 times as long as the
# longest reference results page.
LONG_PAGES = [
    "content/02-financiering/06-tarieven-door-de-jaren.md",
    "content/03-beschikbaarheid/05-capaciteit-in-de-regio.md",
    "content/04-inkoopbeleid/06-kwaliteit-en-innovatie.md",
    "content/04-inkoopbeleid/07-geldstromen-door-de-jaren.md",
]
LONG_FACTOR = 1.5
TOLERANCE = 0.10


def is_word(token):
    return any(c.isalnum() for c in token)


def count_words(text):
    return sum(1 for token in text.split() if is_word(token))


def reference_text(lines, ranges):
    """The text of the picked lines. A line broken inside a word (no space at its end, the
    next line going on in lowercase) is joined again, so a split word counts once."""
    picked = []
    for start, end in ranges:
        picked += [line.rstrip("\n") for line in lines[start - 1:end] if line.strip()]
    text = ""
    for i, line in enumerate(picked):
        line = re.sub(r"\s*(Terug )?Volgende\s*$", "", line)
        following = picked[i + 1].lstrip() if i + 1 < len(picked) else ""
        broken = line and not line[-1].isspace() and line[-1] not in ".:;,!?”’\"'" and following[:1].islower()
        text += line.rstrip("-") if broken else line + " "
    return text


def load_questions(site):
    questions = {}
    for file in sorted((site / "data").glob("*.yaml")):
        for question in yaml.safe_load(file.read_text())["questions"]:
            questions[question["id"]] = question
    return questions


def option_id(option):
    return option.get("id") or re.sub(r"[^a-z0-9]+", "-", option["label"].lower()).strip("-")


def options_shown(question, options=None, items=None):
    """Answer options a chart shows: options times items for a matrix question."""
    def chosen(option_list):
        return [o for o in option_list if options is None or option_id(o) in options]
    if "items" in question:
        rows = [i for i in question["items"] if items is None or i.get("id") in items]
        return sum(len(chosen(i["options"])) for i in rows)
    return len(chosen(question["options"]))


COUNTED_SETTINGS = {"label", "text", "name", "function", "title"}


def fixture_page(path, questions):
    """(words, charts, options, quotes) of one Markdown page."""
    if not path.exists():
        return 0, 0, 0, 0
    source = path.read_text()
    _, front, body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    words = count_words(str(meta.get("title", ""))) + count_words(str(meta.get("subtitle", "")))
    signature = meta.get("signature") or {}
    words += count_words(str(signature.get("name", ""))) + count_words(str(signature.get("function", "")))
    charts = options = quotes = 0
    stack = []  # open blocks: [name, still reading settings]
    chart = None
    for line in body.splitlines():
        stripped = line.strip()
        opening = re.match(r"^:::\s*([a-z-]+)\s*$", stripped)
        if opening:
            stack.append([opening.group(1), True])
            if opening.group(1) == "chart":
                chart = {}
            if opening.group(1) == "quote":
                quotes += 1
            continue
        if stripped == ":::":
            name, _ = stack.pop()
            if name == "chart":
                question = questions[chart["question"]]
                split = lambda key: [x.strip() for x in chart[key].split(",")] if key in chart else None
                charts += 1
                options += options_shown(question, split("options"), split("items"))
                chart = None
            continue
        if stack and stack[-1][1]:
            setting = re.match(r"^([a-z_]+):\s*(.*)$", stripped)
            if setting:
                if stack[-1][0] == "chart":
                    chart[setting.group(1)] = setting.group(2)
                elif setting.group(1) in COUNTED_SETTINGS:
                    words += count_words(setting.group(2))
                continue
            stack[-1][1] = False
        if chart is not None:
            continue
        words += count_words(re.sub(r"\{\{[^}]*\}\}", "0%", stripped))
    return words, charts, options, quotes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=pathlib.Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--show", metavar="PAGE", help="print the counted reference text of the page whose name starts with PAGE")
    args = parser.parse_args()
    lines = args.reference.read_text().splitlines(keepends=True)
    questions = load_questions(HERE)
    if args.show:
        for name, _, ranges, _, _ in REFERENCE:
            if name.startswith(args.show + " "):
                print(reference_text(lines, ranges))
        return
    problems = []
    print("| reference page | fixture file | words ref | words fixture | diff | charts ref / fixture | options ref / fixture | quotes ref / fixture |")
    print("|---|---|---:|---:|---:|---|---|---|")
    longest = 0
    for name, file, ranges, ref_charts, ref_quotes in REFERENCE:
        ref_words = count_words(reference_text(lines, ranges))
        ref_options = sum(options_shown(questions[q], o) for q, o in ref_charts)
        if ref_charts and "Toekomstblik" not in name:
            longest = max(longest, ref_words)
        words, charts, options, quotes = fixture_page(HERE / file, questions)
        diff = (words - ref_words) / ref_words
        print(f"| {name} | `{file}` | {ref_words} | {words} | {diff:+.0%} | {len(ref_charts)} / {charts} | {ref_options} / {options} | {ref_quotes} / {quotes} |")
        if abs(diff) > TOLERANCE or charts != len(ref_charts) or quotes != ref_quotes:
            problems.append(name)
    ref_total = sum(count_words(reference_text(lines, r)) for _, _, r, _, _ in REFERENCE)
    fixture_total = sum(fixture_page(HERE / f, questions)[0] for _, f, _, _, _ in REFERENCE)
    print(f"| **all 20 reference pages** | | **{ref_total}** | **{fixture_total}** | {(fixture_total - ref_total) / ref_total:+.0%} | | | |")
    target = round(LONG_FACTOR * longest)
    for file in LONG_PAGES:
        path = HERE / file
        if not path.exists():
            problems.append(file)
            continue
        words, charts, options, quotes = fixture_page(path, questions)
        print(f"| 1.5 × {longest} (longest results page) | `{file}` | {target} | {words} | {(words - target) / target:+.0%} | – / {charts} | – / {options} | – / {quotes} |")
        if words < target:
            problems.append(file)
    if problems:
        print(f"\noff target: {', '.join(problems)}", file=sys.stderr)
    if args.check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
