"""Converts a fetched public data set to the classification input format of spark-distill (issue 6).

python3 convert.py spam-assassin <package data folder> <output folder> <source>
python3 convert.py fortunes <fortunes folder> <output folder> <source>

Writes train.jsonl, validation.jsonl and test.jsonl ({"text", "label"} per line) and manifest.json. Texts are
de-duplicated (after lower-casing and collapsing spaces) before splitting, so no text sits in two splits, and a text
found under two labels is dropped. The split is stratified per label and seeded, so every run writes the same files.
"""
import email
import email.header
import email.policy
import glob
import html.parser
import json
import os
import random
import re
import sys

SEED = 20261128
SHARES = {"train": 0.6, "validation": 0.2, "test": 0.2}
# A mail longer than this is cut: the teacher reads only its first 256 tokens, and the student needs no more.
MAX_MAIL_CHARS = 4000
FORTUNE_TOPICS = ["art", "education", "drugs", "literature", "love", "sports"]


class _TextOfHtml(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html_text(markup):
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup in spam is common; keep what was parsed
        pass
    return " ".join(parser.parts)


def _decoded(part):
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = part.get_content_charset() or "latin-1"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("latin-1", errors="replace")


def _subject(message):
    raw = message.get("Subject")
    if raw is None:
        return ""
    pieces = []
    for value, charset in email.header.decode_header(str(raw)):
        if isinstance(value, bytes):
            try:
                value = value.decode(charset or "latin-1", errors="replace")
            except LookupError:
                value = value.decode("latin-1", errors="replace")
        pieces.append(value)
    return " ".join("".join(pieces).split())


def _body(message):
    plain, markup = [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/plain":
            plain.append(_decoded(part))
        elif kind == "text/html":
            markup.append(_html_text(_decoded(part)))
    text = "\n".join(plain) if any(p.strip() for p in plain) else "\n".join(markup)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def spam_assassin(folder):
    """Subject and body of every mail; the label is its group: spam-* is spam, easy-ham-* and hard-ham-* are ham."""
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            record = json.load(handle)
        message = email.message_from_string(record["text"], policy=email.policy.compat32)
        text = (_subject(message) + "\n\n" + _body(message)).strip()[:MAX_MAIL_CHARS]
        label = "spam" if record["group"].startswith("spam") else "ham"
        rows.append({"text": text, "label": label, "group": record["group"]})
    return rows, []


def _fortunes_of(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        entries = handle.read().split("\n%\n")
    return [entry.strip("%\n ").strip() for entry in entries if entry.strip("%\n ").strip()]


def fortunes(folder):
    """One row per fortune of the six topic files; the other files' fortunes are unlabelled in-domain text."""
    rows = []
    for topic in FORTUNE_TOPICS:
        rows += [{"text": text, "label": topic, "group": topic} for text in _fortunes_of(os.path.join(folder, topic))]
    unlabelled = []
    for path in sorted(glob.glob(os.path.join(folder, "*"))):
        name = os.path.basename(path)
        if name in FORTUNE_TOPICS or "." in name or os.path.islink(path) or name == "ascii-art":
            continue
        unlabelled += _fortunes_of(path)
    return rows, unlabelled


def _key(text):
    return " ".join(text.lower().split())


def deduplicated(rows):
    labels_of = {}
    for row in rows:
        labels_of.setdefault(_key(row["text"]), set()).add(row["label"])
    seen, kept, conflicting = set(), [], 0
    for row in rows:
        key = _key(row["text"])
        if not row["text"].strip() or key in seen:
            continue
        seen.add(key)
        if len(labels_of[key]) > 1:
            conflicting += 1
            continue
        kept.append(row)
    return kept, len(rows) - len(kept), conflicting


def stratified_split(rows):
    generator = random.Random(SEED)
    splits = {name: [] for name in SHARES}
    for label in sorted({row["label"] for row in rows}):
        members = [row for row in rows if row["label"] == label]
        generator.shuffle(members)
        train_end = round(len(members) * SHARES["train"])
        validation_end = train_end + round(len(members) * SHARES["validation"])
        splits["train"] += members[:train_end]
        splits["validation"] += members[train_end:validation_end]
        splits["test"] += members[validation_end:]
    for members in splits.values():
        generator.shuffle(members)
    return splits


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(kind, source_folder, output, source):
    reader = {"spam-assassin": spam_assassin, "fortunes": fortunes}[kind]
    rows, unlabelled = reader(source_folder)
    kept, dropped, conflicting = deduplicated(rows)
    splits = stratified_split(kept)
    os.makedirs(output, exist_ok=True)
    manifest = {"data_set": kind, "source": source, "seed": SEED, "shares": SHARES, "rows_read": len(rows),
                "duplicates_dropped": dropped, "texts_under_two_labels_dropped": conflicting, "splits": {}}
    for name, members in splits.items():
        write_jsonl(os.path.join(output, name + ".jsonl"),
                    [{"text": row["text"], "label": row["label"]} for row in members])
        counts = {}
        for row in members:
            counts[row["label"]] = counts.get(row["label"], 0) + 1
        manifest["splits"][name] = {"rows": len(members), "per_label": dict(sorted(counts.items()))}
    if unlabelled:
        labelled_keys = {_key(row["text"]) for row in rows}
        unique, seen = [], set()
        for text in unlabelled:
            key = _key(text)
            if key not in labelled_keys and key not in seen:
                seen.add(key)
                unique.append({"text": text})
        write_jsonl(os.path.join(output, "unlabelled.jsonl"), unique)
        manifest["unlabelled_rows"] = len(unique)
    with open(os.path.join(output, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2)
        handle.write("\n")
    print(kind + ": " + ", ".join(f"{name} {info['rows']}" for name, info in manifest["splits"].items())
          + (f", unlabelled {manifest['unlabelled_rows']}" if unlabelled else "")
          + f" (dropped {dropped} duplicates or conflicting) -> {output}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
