"""Converts public, human-written text to the text-task input formats of spark-distill (issue 12, item 3).

python3 convert_text.py debian-descriptions <output folder> <Translation-en> <Packages> <source> [sizes]
python3 convert_text.py wordnet-senses <output folder> <wordnet folder> <source> [sizes]
sizes: --train N --validation N --test N (caps on the rows written; defaults 4000 / 500 / 1000)

debian-descriptions (summarisation, {"id", "document", "summary"}): Debian maintainers' package descriptions; the
cleaned extended description is the document, the synopsis (first line of Description) is the summary.
wordnet-senses (extractive QA, {"id", "context", "question", "answers"}): word-sense questions over WordNet 3.0; the
context is the definitions of every sense of one word in one part of speech, the question quotes one of WordNet's
own usage examples for that word, the answer is the definition of the sense the example belongs to.
The "id" field is for tracing a row back to its source; the pipeline reads only its task's fields.

The split is by a seeded hash of a group key (Debian source package; WordNet word and part of speech), so related
rows never straddle two splits and a group keeps its split when the source gains rows. Each split is then capped to
its size by taking the rows with the smallest seeded hash of their id. Rerunning on the same input writes the same
bytes. manifest.json records the source, every filter's count, the full and written split sizes and the seed.
Python 3 standard library only.
"""
import argparse
import collections
import hashlib
import json
import os
import re

SEED = 20261205
SHARES = (("train", 0.8), ("validation", 0.1), ("test", 0.1))
DEFAULT_SIZES = {"train": 4000, "validation": 500, "test": 1000}

# Abbreviations that end with a period but rarely end a sentence; "etc." is left out on purpose: it usually does.
_ABBREVIATIONS = {"e.g.", "i.e.", "cf.", "vs.", "approx.", "incl.", "esp.", "resp.", "mr.", "mrs.", "ms.", "dr.",
                  "prof.", "st.", "no.", "fig.", "vol.", "ca.", "viz.", "al."}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def sentences(text):
    """Splits prose at ., ! or ? followed by space and a capital or digit, unless the period ends a known
    abbreviation or a one-letter initial. Shared by the filters here and by the lead-k baselines."""
    found = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start:match.start() + 1].split()
        last = words[-1].lower() if words else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"\(?[a-z]\.", last):
            continue
        found.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def rouge_tokens(text):
    """The ROUGE tokenizer of evaluate/text/RougeScorer.java: runs of ASCII lower-case letters and digits."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _contains_run(tokens, run):
    return any(tokens[i:i + len(run)] == run for i in range(len(tokens) - len(run) + 1))


class Filters:
    """Counts, in order, what each filter dropped, so the manifest can say how the rows came to be."""

    def __init__(self, read):
        self.steps = [{"step": "read", "left": read}]
        self.left = read

    def drop(self, step, dropped):
        self.left -= dropped
        self.steps.append({"step": step, "dropped": dropped, "left": self.left})


# ---------------------------------------------------------------------------------------------------------------
# Debian package descriptions: summarisation
# ---------------------------------------------------------------------------------------------------------------

# Packages that repeat another package's description with a note about what part of it they hold.
_NEAR_DUPLICATE_SECTIONS = {"doc", "debug", "libdevel", "localization", "oldlibs"}
_NEAR_DUPLICATE_NAME = re.compile(r"-(dev|doc|docs|dbg|dbgsym|data|common|examples|tests|l10n|i18n)(-[a-z0-9.+-]+)?$")
_BOILERPLATE_SYNOPSIS = re.compile(r"\b(transitional|dummy)\b", re.IGNORECASE)
_BULLET = re.compile(r"([*\-+•·]|o|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+(?=\S)")
_CODE = re.compile(r"[{}=<>$\\|`]|\(\)|::|^(import|from|def|class|return|print|#include)\b")
MIN_WORDS, MAX_WORDS, MIN_SENTENCES, MIN_SUMMARY_TOKENS, DEDUP_PREFIX = 15, 300, 2, 2, 80


def stanzas(path):
    """RFC-822 style stanzas of an apt index; a continuation line keeps its leading space after a newline."""
    with open(path, encoding="utf-8") as handle:
        fields, last = {}, None
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if fields:
                    yield fields
                fields, last = {}, None
            elif line[0] in " \t" and last:
                fields[last] += "\n" + line
            else:
                last, _, value = line.partition(":")
                fields[last] = value.strip()
        if fields:
            yield fields


def _looks_like_code(line):
    letters = sum(c.isalpha() for c in line)
    visible = sum(not c.isspace() for c in line)
    return bool(_CODE.search(line)) or letters < 0.5 * visible


def _render_items(items):
    """A bullet list as prose: items that are sentences stay so, the others are joined by ';' and closed by '.'."""
    out = []
    for i, item in enumerate(items):
        text = " ".join(item.split())
        if not re.search(r"[.!?][\"')]*$", text):
            text = text.rstrip(",;:") + (";" if i < len(items) - 1 else ".")
        out.append(text)
    return " ".join(out)


def _closed(text):
    """Wrapped text as a sentence: a '.' is added when it ends without punctuation, so sentences can be split."""
    return text if re.search(r"[.!?:;][\"')]*$", text) else text + "."


def clean_description(body):
    """The extended description (lines after the synopsis) as one line of prose, or None when it holds verbatim
    code or art. Debian's format: ' .' separates paragraphs, a line indented by one space is wrapped text, a line
    indented by more is shown verbatim (lists, tables, code)."""
    segments = []
    for paragraph in re.split(r"\n[ \t]\.[ \t]*(?=\n|$)", "\n" + body):
        text, items, item_indent = [], [], None
        for raw in paragraph.split("\n"):
            if not raw.strip() or raw.strip() == ".":
                continue
            indent = len(raw) - len(raw.lstrip())
            line = raw.strip()
            bullet = _BULLET.match(line)
            if bullet and (indent > 1 or bullet.group(1) in "*-+•·"):
                if text:
                    segments.append(_closed(" ".join(text)))
                    text = []
                first = line[bullet.end():]
                items.append(re.sub(r"^(\S+)\s{2,}", r"\1: ", first))
                item_indent = indent
            elif items and (indent > item_indent or line[0].islower()):
                items[-1] += " " + line  # a continuation, sometimes wrapped back to the margin
            elif indent > 1:
                if _looks_like_code(line):
                    return None
                if text:
                    segments.append(_closed(" ".join(text)))
                    text = []
                items.append(re.sub(r"^(\S+)\s{2,}", r"\1: ", line))
                item_indent = indent
            else:
                if items:
                    segments.append(_render_items(items))
                    items = []
                text.append(line)
        if items:
            segments.append(_render_items(items))
        if text:
            segments.append(_closed(" ".join(text)))
    return " ".join(" ".join(segments).split())


def _packages(path):
    """Package name -> (source package, section) from the Packages index."""
    known = {}
    for fields in stanzas(path):
        source = fields.get("Source", fields["Package"]).split(" ")[0]
        known[fields["Package"]] = (source, fields.get("Section", ""))
    return known


def debian_descriptions(translations, packages_path, source):
    packages = _packages(packages_path)
    records = [(f["Package"], f["Description-en"]) for f in stanzas(translations) if "Description-en" in f]
    filters = Filters(len(records))
    copied_prefix = 0
    steps = collections.OrderedDict((name, []) for name in (
        "no extended description", "near-duplicate section", "near-duplicate package name",
        "transitional or dummy package", "verbatim code or art in the description",
        f"fewer than {MIN_SENTENCES} sentences or {MIN_WORDS} words", f"more than {MAX_WORDS} words",
        f"summary of fewer than {MIN_SUMMARY_TOKENS} tokens", "summary copied from the first sentence"))
    kept = []
    for name, description in sorted(records):
        synopsis, _, body = description.partition("\n")
        synopsis = " ".join(synopsis.split())
        source_name, section = packages.get(name, (name, ""))
        if not body.strip():
            steps["no extended description"].append(name)
            continue
        if section.split("/")[-1] in _NEAR_DUPLICATE_SECTIONS:
            steps["near-duplicate section"].append(name)
            continue
        if _NEAR_DUPLICATE_NAME.search(name):
            steps["near-duplicate package name"].append(name)
            continue
        if _BOILERPLATE_SYNOPSIS.search(synopsis):
            steps["transitional or dummy package"].append(name)
            continue
        document = clean_description(body)
        if document is None:
            steps["verbatim code or art in the description"].append(name)
            continue
        parts = sentences(document)
        words = len(document.split())
        if len(parts) < MIN_SENTENCES or words < MIN_WORDS:
            steps[f"fewer than {MIN_SENTENCES} sentences or {MIN_WORDS} words"].append(name)
            continue
        if words > MAX_WORDS:
            steps[f"more than {MAX_WORDS} words"].append(name)
            continue
        summary_tokens = rouge_tokens(synopsis)
        if len(summary_tokens) < MIN_SUMMARY_TOKENS:
            steps[f"summary of fewer than {MIN_SUMMARY_TOKENS} tokens"].append(name)
            continue
        if _contains_run(rouge_tokens(parts[0]), summary_tokens):
            steps["summary copied from the first sentence"].append(name)
            copied_prefix += rouge_tokens(document)[:len(summary_tokens)] == summary_tokens
            continue
        kept.append((source_name, {"id": name, "document": document, "summary": synopsis}))
    for step, names in steps.items():
        filters.drop(step, len(names))
    # One package per near-identical description: the shortest name, usually the main package, stands for them.
    by_prefix = {}
    for group, row in sorted(kept, key=lambda pair: (len(pair[1]["id"]), pair[1]["id"])):
        by_prefix.setdefault(" ".join(row["document"].lower().split())[:DEDUP_PREFIX], (group, row))
    rows = sorted(by_prefix.values(), key=lambda pair: pair[1]["id"])
    filters.drop(f"same first {DEDUP_PREFIX} characters of the document as a shorter-named package",
                 len(kept) - len(rows))
    manifest = {
        "data_set": "debian-descriptions", "task": "summarisation", "source": source,
        "construction": {
            "document": "the package's extended description (Description-en after its first line), cleaned: "
                        "wrapped lines joined, ' .' paragraph breaks removed, bullet lists and verbatim "
                        "name/description tables turned into prose (items joined by ';', closed by '.'), a '.' "
                        "added to a paragraph that ends without punctuation, whitespace collapsed; one line",
            "summary": "the synopsis (first line of Description-en) as its maintainer wrote it",
            "group": "source package (Source field of the Packages index, else the package name): all packages "
                     "of one source land in one split",
            "sentence_splitter": "convert_text.sentences: ., ! or ? + space + capital or digit, not after a "
                                 "known abbreviation (e.g., i.e., cf., vs., ...) or a one-letter initial",
        },
        "filters": filters.steps,
        "filter_rules": {
            "near-duplicate section": sorted(_NEAR_DUPLICATE_SECTIONS),
            "near-duplicate package name": _NEAR_DUPLICATE_NAME.pattern,
            "transitional or dummy package": _BOILERPLATE_SYNOPSIS.pattern + " in the synopsis",
            "verbatim code or art in the description": "a verbatim (indented) line that is not a list item and "
                                                       "matches " + _CODE.pattern + " or is under half letters",
            "summary copied from the first sentence": "the synopsis' ROUGE tokens appear as a contiguous run in "
                "the first sentence's ROUGE tokens: such rows reward copying the lead, so they are dropped; "
                f"{copied_prefix} of them are copied from the very start of the document",
        },
        "summary_copied_from_first_sentence": {"dropped": len(steps["summary copied from the first sentence"]),
                                               "of_which_document_starts_with_the_summary": copied_prefix},
    }
    return rows, manifest


# ---------------------------------------------------------------------------------------------------------------
# WordNet word senses: extractive QA
# ---------------------------------------------------------------------------------------------------------------

_POS = {"noun": "noun", "verb": "verb", "adj": "adjective", "adv": "adverb"}
MAX_SENSES = 10


def _synsets(folder, pos):
    """Offset -> (words in synset order, definition, examples) of data.<pos>."""
    found = {}
    with open(os.path.join(folder, "data." + pos), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("  "):
                continue  # the licence header
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            count = int(fields[3], 16)
            words = [re.sub(r"\((a|p|ip)\)$", "", w).replace("_", " ") for w in fields[4:4 + 2 * count:2]]
            gloss = gloss.strip()
            # Examples follow the definition after ';' or ':'; a quote without one is part of the definition.
            first_example = re.search(r'(^|[;:])\s*"', gloss)
            cut = first_example.start() if first_example else len(gloss)
            definition = gloss[:cut].strip().rstrip(";:, ").strip()
            examples = re.findall(r'"([^"]+)"', gloss[cut:])
            found[fields[0]] = (words, definition, [" ".join(e.split()) for e in examples])
    return found


def _senses(folder, pos):
    """Lemma -> synset offsets in WordNet's sense order (most frequent in tagged text first) of index.<pos>."""
    senses = {}
    with open(os.path.join(folder, "index." + pos), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            count = int(fields[2])
            senses[fields[0].replace("_", " ")] = fields[-count:]
    return senses


def _irregular(folder, pos):
    """Base form -> irregular inflected forms from WordNet's <pos>.exc."""
    forms = collections.defaultdict(set)
    with open(os.path.join(folder, pos + ".exc"), encoding="utf-8") as handle:
        for line in handle:
            inflected, *bases = line.split()
            for base in bases:
                forms[base.replace("_", " ")].add(inflected.replace("_", " "))
    return forms


def _regular(word, pos):
    """Regular inflections of one word: the inverse of WordNet's morphy detachment rules."""
    forms = {word}
    if pos == "noun":
        forms |= {word + "s", word + "es"}
        forms |= {word[:-1] + "ies"} if word.endswith("y") else set()
        forms |= {word[:-3] + "men"} if word.endswith("man") else set()
    elif pos == "verb":
        forms |= {word + "s", word + "es", word + "ed", word + "ing", word + "d"}
        forms |= {word[:-1] + "ies", word[:-1] + "ied"} if word.endswith("y") else set()
        forms |= {word[:-1] + "ing"} if word.endswith("e") else set()
    elif pos == "adj":
        forms |= {word + "er", word + "est", word + "r", word + "st"}
        forms |= {word[:-1] + "ier", word[:-1] + "iest"} if word.endswith("y") else set()
    return forms


def surface_forms(lemma, pos, irregular):
    """The lemma and its inflections; a multi-word lemma inflects its head (first word of a verb, last of a noun)."""
    forms = set(irregular.get(lemma, ())) | {lemma}
    words = lemma.split(" ")
    head = 0 if pos == "verb" else len(words) - 1
    for form in _regular(words[head], pos) | irregular.get(words[head], set()):
        forms.add(" ".join(words[:head] + [form] + words[head + 1:]))
    return forms


def _as_sentence(definition):
    """A definition as a sentence of the context: first letter upper-cased, closed by '.', as a dictionary prints
    it, so the context reads as prose and splits into one sentence per sense."""
    first = re.search(r"[a-z]", definition)
    if first and not re.search(r"[A-Za-z]", definition[:first.start()]):
        definition = definition[:first.start()] + definition[first.start()].upper() + definition[first.start() + 1:]
    return definition if re.search(r"[.!?]$", definition) else definition + "."


def _mentions(example, forms):
    lowered = example.lower()
    return any(re.search(r"(?<![a-z0-9])" + re.escape(form) + r"(?![a-z0-9])", lowered) for form in forms)


def wordnet_senses(folder, source):
    contexts = {}  # (lemma, pos) -> [(offset, definition)] in sense order
    counts = collections.Counter()
    questions = collections.defaultdict(list)  # (lemma, pos, lower-cased example) -> [(offset, index, example)]
    examples_total = 0
    for pos in _POS:
        synsets, senses, irregular = _synsets(folder, pos), _senses(folder, pos), _irregular(folder, pos)
        for lemma, offsets in sorted(senses.items()):
            counts["words read"] += 1
            if len(offsets) < 2:
                counts["one sense only"] += 1
            elif len(offsets) > MAX_SENSES:
                counts[f"more than {MAX_SENSES} senses"] += 1
            elif len({" ".join(synsets[o][1].lower().split()) for o in offsets}) < len(offsets) or \
                    not all(synsets[o][1] for o in offsets):
                counts["two senses with the same or no definition"] += 1
            else:
                contexts[(lemma, pos)] = [(o, synsets[o][1]) for o in offsets]
        for offset, (words, _, examples) in sorted(synsets.items()):
            for index, example in enumerate(examples):
                examples_total += 1
                for word in dict.fromkeys(w.lower() for w in words):
                    if offset in dict(contexts.get((word, pos), ())) and \
                            _mentions(example, surface_forms(word, pos, irregular)):
                        questions[(word, pos, example.lower())].append((offset, index, example))
                        break
    rows = []
    ambiguous = 0
    for (lemma, pos, _), found in sorted(questions.items()):
        if len({offset for offset, _, _ in found}) > 1:
            ambiguous += len(found)
            continue
        offset, index, example = found[0]
        senses = contexts[(lemma, pos)]
        definitions = [_as_sentence(d) for _, d in senses]
        answer = _as_sentence(dict(senses)[offset]).rstrip(".")
        row = {"id": f"{pos}-{offset}-{lemma.replace(' ', '_')}-{index}", "context": " ".join(definitions),
               "question": f'What does the {_POS[pos]} "{lemma}" mean in "{example}"?', "answers": [answer]}
        assert answer in row["context"]
        rows.append((f"{lemma}|{pos}", row))
    used = sum(len(found) for found in questions.values())
    filters = Filters(examples_total)
    filters.drop("example mentions no word of its synset that has 2 to "
                 f"{MAX_SENSES} distinct, defined senses", examples_total - used)
    filters.drop("same word, part of speech and example under two senses", ambiguous)
    manifest = {
        "data_set": "wordnet-senses", "task": "qa", "source": source,
        "construction": {
            "context": f"the definitions (gloss without its quoted examples) of every sense of one word in one part "
                       f"of speech, in WordNet's sense order (most frequent sense in tagged text first), each "
                       f"with its first letter upper-cased and closed by '.', joined by a space; words with 2 to "
                       f"{MAX_SENSES} senses whose definitions are distinct",
            "question": "What does the <part of speech> \"<word>\" mean in \"<usage example>\"?; the usage example "
                        "is one of WordNet's own quoted examples of the sense, and it mentions the word (the lemma "
                        "or an inflection: WordNet's exception lists plus the inverse of morphy's suffix rules); "
                        "an example is used once, for the first word of its synset that it mentions",
            "answers": "the definition of the sense the example belongs to, as it stands in the context (upper-cased "
                       "first letter, without the closing '.')",
            "group": "word and part of speech: every question about one word lands in one split",
            "notes": ["a definition is shared by every word of its synset, so a test answer can also be the "
                      "answer of a train question about a synonym; see answers_also_in_train",
                      "WordNet's sense order is kept, so the first sentence (the most frequent sense) is a strong "
                      "trivial answer; see test_baselines"],
        },
        "words": dict(counts), "contexts": len(contexts), "filters": filters.steps,
    }
    return rows, manifest


def _gold_also_in_train(chosen, gold):
    """Rows of validation and test whose reference text is, verbatim, a reference of a written train row."""
    references = (lambda row: row[gold]) if gold == "answers" else (lambda row: [row[gold]])
    train = {text for row in chosen["train"] for text in references(row)}
    return {name: sum(any(text in train for text in references(row)) for row in chosen[name])
            for name in ("validation", "test")}


# ---------------------------------------------------------------------------------------------------------------
# Splitting and writing
# ---------------------------------------------------------------------------------------------------------------

def _hash(*parts):
    return hashlib.sha256(":".join([str(SEED)] + list(parts)).encode("utf-8")).hexdigest()


def split_of(group):
    """The split of a group: the seeded hash of its key, read as a number in [0, 1), against the shares."""
    point = int(_hash("split", group)[:15], 16) / 16 ** 15
    bound = 0.0
    for name, share in SHARES:
        bound += share
        if point < bound:
            return name
    return SHARES[-1][0]


def write_splits(grouped_rows, output, sizes, manifest):
    """Splits (group, row) pairs by group, caps each split to its size, writes the JSONL files and the manifest."""
    full = collections.defaultdict(list)
    for group, row in grouped_rows:
        full[split_of(group)].append((group, row))
    manifest["seed"] = SEED
    manifest["split_rule"] = ("by seeded SHA-256 of the group key, shares " + ", ".join(
        f"{name} {share}" for name, share in SHARES) + "; each split capped to its size by the smallest seeded "
        "SHA-256 of the row id, rows written in that order")
    manifest["splits"] = {}
    chosen = {}
    os.makedirs(output, exist_ok=True)
    for name, _ in SHARES:
        pairs = sorted(full[name], key=lambda pair: _hash("cap", pair[1]["id"]))[:sizes[name]]
        chosen[name] = [row for _, row in pairs]
        with open(os.path.join(output, name + ".jsonl"), "w", encoding="utf-8", newline="\n") as handle:
            for row in chosen[name]:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        manifest["splits"][name] = {"rows_available": len(full[name]), "rows_written": len(chosen[name]),
                                    "groups_available": len({group for group, _ in full[name]}),
                                    "groups_written": len({group for group, _ in pairs})}
    gold = "answers" if manifest["task"] == "qa" else "summary"
    manifest[gold + "_also_in_train"] = _gold_also_in_train(chosen, gold)
    with open(os.path.join(output, "manifest.json"), "w", encoding="utf-8", newline="\n") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(manifest["data_set"] + ": " + ", ".join(
        f"{name} {info['rows_written']} of {info['rows_available']}" for name, info in manifest["splits"].items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["debian-descriptions", "wordnet-senses"])
    parser.add_argument("output")
    parser.add_argument("inputs", nargs="+")
    for name, size in DEFAULT_SIZES.items():
        parser.add_argument("--" + name, type=int, default=size, help=f"rows written to {name} (default {size})")
    args = parser.parse_args()
    sizes = {name: getattr(args, name) for name in DEFAULT_SIZES}
    if args.kind == "debian-descriptions":
        rows, manifest = debian_descriptions(*args.inputs)
    else:
        rows, manifest = wordnet_senses(*args.inputs)
    manifest["sizes_requested"] = sizes
    write_splits(rows, args.output, sizes, manifest)


if __name__ == "__main__":
    main()
