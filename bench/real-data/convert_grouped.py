"""Converts public text whose rows come in related groups to the classification input format (issue 13, item 3).

python3 convert_grouped.py debian-sections <output folder> <Translation-en> <Packages> <source> [sizes]
python3 convert_grouped.py sotu <output folder> <sotu data folder> <source> [sizes]
sizes: --train N --validation N --test N (caps on the rows written; defaults 8000 / 1000 / 2000)

debian-sections: a Debian package's synopsis and extended description, labelled by its archive section. Packages that
repeat another package's description (-dev, -doc, -dbg..., the doc/debug/libdevel/localization/oldlibs sections, and
any package whose description starts as a shorter-named package's does) are dropped, so one text never stands under
two sections and no sibling carries its twin's text into another split; sections with fewer than MIN_SECTION_ROWS
rows left are dropped. Groups: the Debian source package.
sotu: passages of consecutive sentences (at least MIN_PASSAGE_WORDS words) of the State of the Union addresses,
labelled by the 25-year era of the address. The package keeps each address as one line, with no paragraph breaks,
so passages stand in for paragraphs. Groups: the address.

Splits (writes train/validation/test.jsonl, {"text", "label"}, and manifest.json): no group straddles two splits.
debian-sections assigns each source package by a seeded hash; sotu assigns each era's addresses, in seeded order, to
the split furthest below its share of that era's passages. Each split is then capped to its size with a quota per
label proportional to the label's share of all rows (largest remainder), taking the rows with the smallest seeded
hash, so the splits are stratified. Rerunning on the same input writes the same bytes. Python 3 standard library.
"""
import argparse
import collections
import glob
import hashlib
import json
import os
import re

import convert
import convert_text

SEED = 20261206
SHARES = (("train", 0.6), ("validation", 0.2), ("test", 0.2))
DEFAULT_SIZES = {"train": 8000, "validation": 1000, "test": 2000}

# ---------------------------------------------------------------------------------------------------------------
# Debian package descriptions by archive section
# ---------------------------------------------------------------------------------------------------------------

# A section of packages that restate another package's description with a note on which part of it they hold.
NEAR_DUPLICATE_SECTIONS = {"doc", "debug", "libdevel", "localization", "oldlibs"}
# Names of such packages in any section; -prof is Haskell's profiling build, a twin of its -dev package.
NEAR_DUPLICATE_NAME = re.compile(
    r"-(dev|doc|docs|dbg|dbgsym|data|common|examples|tests|l10n|i18n|prof)(-[a-z0-9.+-]+)?$")
MIN_SECTION_ROWS = 150
# The split is by source package, so a section made of a few sources (tasksel's task-* packages) would sit in one split.
MIN_SECTION_SOURCES = 30
DESCRIPTION_PREFIX = 80


def debian_sections(translations, packages_path):
    """(group, row) pairs and the filter counts; the text is the synopsis, a blank line, the cleaned description."""
    packages = convert_text._packages(packages_path)
    records = sorted((f["Package"], f["Description-en"]) for f in convert_text.stanzas(translations)
                     if "Description-en" in f)
    filters = convert_text.Filters(len(records))
    dropped = collections.OrderedDict((step, 0) for step in (
        "not in the Packages index (another architecture) or without a section",
        "near-duplicate section", "near-duplicate package name", "transitional or dummy package",
        "no extended description", "verbatim code or art in the description"))
    kept = []
    for name, description in records:
        synopsis, _, body = description.partition("\n")
        source_name, section = packages.get(name, (name, ""))
        section = section.split("/")[-1]
        if name not in packages or not section:
            step = "not in the Packages index (another architecture) or without a section"
        elif section in NEAR_DUPLICATE_SECTIONS:
            step = "near-duplicate section"
        elif NEAR_DUPLICATE_NAME.search(name):
            step = "near-duplicate package name"
        elif convert_text._BOILERPLATE_SYNOPSIS.search(synopsis):
            step = "transitional or dummy package"
        elif not body.strip():
            step = "no extended description"
        else:
            document = convert_text.clean_description(body)
            if document is None:
                step = "verbatim code or art in the description"
            else:
                kept.append((source_name, {"id": name, "text": " ".join(synopsis.split()) + "\n\n" + document,
                                           "label": section, "prefix": _key(document)[:DESCRIPTION_PREFIX]}))
                continue
        dropped[step] += 1
    for step, count in dropped.items():
        filters.drop(step, count)
    # One package per near-identical description, whatever its section: the shortest name, usually the main package.
    by_prefix = {}
    for group, row in sorted(kept, key=lambda pair: (len(pair[1]["id"]), pair[1]["id"])):
        by_prefix.setdefault(row["prefix"], (group, row))
    unique = sorted(by_prefix.values(), key=lambda pair: pair[1]["id"])
    filters.drop(f"description starts (first {DESCRIPTION_PREFIX} characters) as a shorter-named package's",
                 len(kept) - len(unique))
    per_section = collections.Counter(row["label"] for _, row in unique)
    small = {section: n for section, n in sorted(per_section.items()) if n < MIN_SECTION_ROWS}
    sized = [(group, row) for group, row in unique if row["label"] not in small]
    filters.drop(f"section with fewer than {MIN_SECTION_ROWS} rows left", len(unique) - len(sized))
    sources = collections.defaultdict(set)
    for group, row in sized:
        sources[row["label"]].add(group)
    few = {section: len(groups) for section, groups in sorted(sources.items()) if len(groups) < MIN_SECTION_SOURCES}
    rows = [(group, row) for group, row in sized if row["label"] not in few]
    filters.drop(f"section whose rows come from fewer than {MIN_SECTION_SOURCES} source packages",
                 len(sized) - len(rows))
    rules = {
        "text": "the synopsis (first line of Description-en), a blank line, the extended description cleaned as "
                "convert_text.clean_description does (wrapped lines joined, lists and tables as prose)",
        "label": "the Section field of the amd64 Packages index (main component, so no contrib/ prefix)",
        "group": "the Debian source package (Source field, else the package name)",
        "near-duplicate section": sorted(NEAR_DUPLICATE_SECTIONS),
        "near-duplicate package name": NEAR_DUPLICATE_NAME.pattern,
        "transitional or dummy package": convert_text._BOILERPLATE_SYNOPSIS.pattern + " in the synopsis",
        "why": "these packages restate their main package's description with a note on the part they hold, so "
               "they would put one text under two sections, or a near-copy of a test text into train",
        "sections dropped for size (rows)": small,
        "sections dropped for their few source packages (sources)": few,
    }
    return rows, filters, rules


# ---------------------------------------------------------------------------------------------------------------
# State of the Union passages by era
# ---------------------------------------------------------------------------------------------------------------

FIRST_ERA, ERA_YEARS, LAST_ERA_START = 1790, 25, 1990
MIN_PASSAGE_WORDS = 60
# Transcripts of spoken addresses mark the audience: [Laughter], (Applause.). They are not the speaker's words and
# would give modern eras away by themselves.
_STAGE_DIRECTION = re.compile(r"\[[^\]]{0,40}\]|\((?:applause|laughter)[^)]{0,20}\)", re.IGNORECASE)


def era(year, newest):
    """The 25-year era from 1790 (1790-1814, 1815-1839, ...); 1990 to the newest address is one era, as the years
    after 2014 are too few for one of their own."""
    start = min(FIRST_ERA + (year - FIRST_ERA) // ERA_YEARS * ERA_YEARS, LAST_ERA_START)
    return f"{start}-{newest if start == LAST_ERA_START else start + ERA_YEARS - 1}"


def passages(text):
    """Consecutive sentences joined until a passage has MIN_PASSAGE_WORDS words; a shorter tail is returned apart."""
    found, current, words = [], [], 0
    for sentence in convert_text.sentences(" ".join(_STAGE_DIRECTION.sub(" ", text).split())):
        current.append(sentence)
        words += len(sentence.split())
        if words >= MIN_PASSAGE_WORDS:
            found.append(" ".join(current))
            current, words = [], 0
    return found, " ".join(current)


def sotu(folder):
    """(group, row) pairs and the filter counts; the group is the address (its file name)."""
    addresses = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as handle:
            addresses[os.path.splitext(os.path.basename(path))[0]] = json.load(handle)
    newest = max(address["year"] for address in addresses.values())
    rows, tails = [], 0
    for group, address in addresses.items():
        found, tail = passages(address["text"])
        tails += bool(tail)
        for index, text in enumerate(found):
            rows.append((group, {"id": f"{group}-{index}", "text": text, "label": era(address["year"], newest)}))
    filters = convert_text.Filters(len(rows) + tails)
    filters.drop(f"an address's last sentences, under {MIN_PASSAGE_WORDS} words", tails)
    rules = {
        "text": f"consecutive sentences of one address (convert_text.sentences), joined until the passage has at "
                f"least {MIN_PASSAGE_WORDS} words; the package holds each address as one line without paragraph "
                f"breaks, so these passages stand in for paragraphs; audience marks such as [Laughter] and "
                f"(Applause.) removed first",
        "label": f"the era of the address's year: {ERA_YEARS}-year eras from {FIRST_ERA}, the last from "
                 f"{LAST_ERA_START} to the newest address",
        "why era, not party": "a party is mostly an era in disguise (Federalists and Whigs each held a few "
                              "years), and two parties hold all the addresses since 1853, so by party the task is "
                              "a near-binary, era-confounded one; eras give nine classes, each held by a dozen "
                              "addresses or more, told apart by what a passage speaks of and how",
        "group": "the address (year and president): all its passages land in one split",
        "addresses": len(addresses),
    }
    return rows, filters, rules


# ---------------------------------------------------------------------------------------------------------------
# Splitting and writing
# ---------------------------------------------------------------------------------------------------------------

def _key(text):
    return " ".join(text.lower().split())


def _hash(*parts):
    return hashlib.sha256(":".join([str(SEED)] + [str(p) for p in parts]).encode("utf-8")).hexdigest()


def split_by_hash(grouped_rows):
    """Group -> split by the seeded hash of the group, against the shares (groups may hold several labels)."""
    splits = {}
    for group, _ in grouped_rows:
        if group not in splits:
            point = int(_hash("split", group)[:15], 16) / 16 ** 15
            bound, splits[group] = 0.0, SHARES[-1][0]
            for name, share in SHARES:
                bound += share
                if point < bound:
                    splits[group] = name
                    break
    return splits


def split_by_label(grouped_rows):
    """Group -> split for groups of one label each: per label, the groups in seeded order, each to the split
    furthest below its share of that label's rows."""
    sizes, label_of = collections.Counter(), {}
    for group, row in grouped_rows:
        sizes[group] += 1
        label_of[group] = row["label"]
    splits = {}
    for label in sorted(set(label_of.values())):
        groups = sorted((g for g in sizes if label_of[g] == label), key=lambda g: _hash("order", g))
        total, taken = sum(sizes[g] for g in groups), collections.Counter()
        for group in groups:
            name = min(SHARES, key=lambda pair: (taken[pair[0]] - pair[1] * total) / (pair[1] * total))[0]
            splits[group] = name
            taken[name] += sizes[group]
    return splits


def quotas(cap, counts):
    """A cap shared among labels in proportion to their counts, by largest remainder (ties by label name)."""
    total = sum(counts.values())
    if total <= cap:
        return dict(counts)
    exact = {label: cap * n / total for label, n in counts.items()}
    share = {label: int(value) for label, value in exact.items()}
    for label in sorted(exact, key=lambda l: (share[l] - exact[l], l))[:cap - sum(share.values())]:
        share[label] += 1
    return share


def write_splits(data_set, grouped_rows, split_of, output, sizes, manifest):
    """Caps each split with per-label quotas, writes the JSONL files and the manifest."""
    kept, duplicates, conflicting = convert.deduplicated([dict(row, group=group) for group, row in grouped_rows])
    manifest["filters"].drop("same text as an earlier row (after lower-casing and collapsing spaces), or one text "
                             "under two labels", duplicates)
    overall = collections.Counter(row["label"] for row in kept)
    manifest.update({"seed": SEED, "shares": dict(SHARES), "sizes_requested": sizes,
                     "texts_under_two_labels_dropped": conflicting, "rows_kept": len(kept),
                     "rows_kept_per_label": dict(sorted(overall.items())), "splits": {}})
    os.makedirs(output, exist_ok=True)
    for name, _ in SHARES:
        available = [row for row in kept if split_of[row["group"]] == name]
        wanted = quotas(sizes[name], overall) if len(available) > sizes[name] else overall
        chosen = []
        for label in sorted(overall):
            members = sorted((r for r in available if r["label"] == label), key=lambda r: _hash("cap", r["id"]))
            chosen += members[:wanted[label]]
        chosen.sort(key=lambda r: _hash("order", r["id"]))
        convert.write_jsonl(os.path.join(output, name + ".jsonl"),
                            [{"text": row["text"], "label": row["label"]} for row in chosen])
        manifest["splits"][name] = {
            "rows": len(chosen), "rows_available": len(available),
            "groups": len({row["group"] for row in chosen}),
            "per_label": dict(sorted(collections.Counter(row["label"] for row in chosen).items()))}
    manifest["filters"] = manifest["filters"].steps
    with open(os.path.join(output, "manifest.json"), "w", encoding="utf-8", newline="\n") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(data_set + ": " + ", ".join(f"{name} {info['rows']} of {info['rows_available']}"
                                      for name, info in manifest["splits"].items())
          + f", {len(overall)} labels -> {output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["debian-sections", "sotu"])
    parser.add_argument("output")
    parser.add_argument("inputs", nargs="+")
    for name, size in DEFAULT_SIZES.items():
        parser.add_argument("--" + name, type=int, default=size, help=f"rows written to {name} (default {size})")
    args = parser.parse_args()
    sizes = {name: getattr(args, name) for name in DEFAULT_SIZES}
    *inputs, source = args.inputs
    if args.kind == "debian-sections":
        rows, filters, rules = debian_sections(*inputs)
        split_of = split_by_hash(rows)
    else:
        rows, filters, rules = sotu(*inputs)
        split_of = split_by_label(rows)
    manifest = {"data_set": args.kind, "task": "classification", "source": source, "construction": rules,
                "filters": filters}
    write_splits(args.kind, rows, split_of, args.output, sizes, manifest)


if __name__ == "__main__":
    main()
