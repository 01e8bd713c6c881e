"""Trivial baselines on the test split of the real text data sets (issue 12, item 3), scored as the pipeline scores.

python3 text_baselines.py <data set folder>...   (folders written by convert_text.py)
python3 text_baselines.py --self-check            (checks the metrics against pipeline-core's reference values)

Summarisation: lead-1, lead-2, lead-3 (first sentences of the document, convert_text.sentences) and lead-N words
(N = median summary length in the train split, in words), ROUGE-1/2/L F on the 0-1 scale.
QA: best-overlap sentence (the context sentence sharing most distinct normalised tokens with the question, the
first on ties), first sentence, and the train split's most frequent answer for every question, SQuAD EM and F1 on
the 0-100 scale. The metrics are ports of evaluate/text/RougeScorer.java (rouge-score 0.1.2, no stemmer, best
reference per type, mean over examples) and SquadMetrics.java (SQuAD v1.1 evaluate-v1.1.py). The table is printed
and stored in the data set's manifest.json under "test_baselines". Python 3 standard library only.
"""
import collections
import json
import os
import re
import statistics
import string
import sys

sys.dont_write_bytecode = True  # importing the sibling converter must leave no __pycache__ beside it
from convert_text import rouge_tokens, sentences  # noqa: E402  one tokenizer and sentence splitter for both

REFERENCE_VALUES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pipeline-core", "src",
                                "test", "resources", "metrics", "reference-values.json")


def _f(overlap, predicted, reference):
    precision, recall = overlap / max(predicted, 1), overlap / max(reference, 1)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def _ngrams(tokens, n):
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _lcs(a, b):
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge(reference, prediction):
    """(rouge1, rouge2, rougeL) F-measures of one prediction against one reference."""
    target, predicted = rouge_tokens(reference), rouge_tokens(prediction)
    scores = []
    for n in (1, 2):
        t, p = _ngrams(target, n), _ngrams(predicted, n)
        overlap = sum(min(count, p[gram]) for gram, count in t.items())
        scores.append(_f(overlap, max(0, len(predicted) - n + 1), max(0, len(target) - n + 1)))
    scores.append(_f(_lcs(target, predicted), len(predicted), len(target)) if target and predicted else 0.0)
    return scores


def rouge_multi(references, prediction):
    """Per type, the reference with the best F (the first on ties), as score_multi."""
    best = [0.0, 0.0, 0.0]
    for reference in references:
        best = [max(b, s) for b, s in zip(best, rouge(reference, prediction))]
    return best


def squad_normalize(text):
    text = "".join(c for c in text.lower() if c not in string.punctuation)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def squad_f1(prediction, reference):
    predicted, gold = squad_normalize(prediction).split(), squad_normalize(reference).split()
    same = sum((collections.Counter(predicted) & collections.Counter(gold)).values())
    return _f(same, len(predicted), len(gold)) if same else 0.0


def squad(prediction, references):
    """(exact match, F1) of one prediction, each maximised over the references."""
    return (max(float(squad_normalize(prediction) == squad_normalize(r)) for r in references),
            max(squad_f1(prediction, r) for r in references))


def _read(folder, split):
    with open(os.path.join(folder, split + ".jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def summarisation_baselines(train, test):
    words = int(statistics.median(len(row["summary"].split()) for row in train))
    systems = {f"lead-{k}": (lambda row, k=k: " ".join(sentences(row["document"])[:k])) for k in (1, 2, 3)}
    systems[f"lead-{words} words"] = lambda row: " ".join(row["document"].split()[:words])
    table = {}
    for name, system in systems.items():
        scores = [rouge_multi([row["summary"]], system(row)) for row in test]
        table[name] = {metric: round(statistics.fmean(s[i] for s in scores), 4)
                       for i, metric in enumerate(("rouge1", "rouge2", "rougeL"))}
    return table


def _best_overlap_sentence(row):
    question = set(squad_normalize(row["question"]).split())
    candidates = sentences(row["context"])
    return max(candidates, key=lambda s: (len(question & set(squad_normalize(s).split())), -candidates.index(s)))


def qa_baselines(train, test):
    most_frequent = collections.Counter(a for row in train for a in row["answers"][:1]).most_common(1)[0][0]
    systems = {"best-overlap sentence": _best_overlap_sentence,
               "first sentence": lambda row: sentences(row["context"])[0],
               "most frequent train answer": lambda row: most_frequent}
    table = {}
    for name, system in systems.items():
        scores = [squad(system(row), row["answers"]) for row in test]
        table[name] = {"exact_match": round(100 * statistics.fmean(s[0] for s in scores), 2),
                       "f1": round(100 * statistics.fmean(s[1] for s in scores), 2)}
    return table


def report(folder):
    path = os.path.join(folder, "manifest.json")
    with open(path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    train, test = _read(folder, "train"), _read(folder, "test")
    table = (summarisation_baselines if manifest["task"] == "summarisation" else qa_baselines)(train, test)
    manifest["test_baselines"] = table
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    metrics = list(next(iter(table.values())))
    print(f"\n{manifest['data_set']} ({manifest['task']}), test split, {len(test)} rows")
    print(f"| baseline | {' | '.join(metrics)} |\n|---|{'---:|' * len(metrics)}")
    for name, scores in table.items():
        print(f"| {name} | {' | '.join(str(scores[m]) for m in metrics)} |")


def self_check():
    """The ports agree with the values pipeline-core's ReferenceValuesTest holds the Java metrics to."""
    with open(REFERENCE_VALUES, encoding="utf-8") as handle:
        reference = json.load(handle)
    worst = 0.0
    for e in reference["rouge"]["examples"]:
        got = rouge_multi(e["references"], e["prediction"])
        worst = max([worst] + [abs(g - e[m]) for g, m in zip(got, ("rouge1", "rouge2", "rougeL"))])
    for e in reference["squad"]["examples"]:
        em, f1 = squad(e["prediction"], e["references"])
        worst = max(worst, abs(em - e["exact_match"]), abs(f1 - e["f1"]))
    print(f"self-check: largest difference from the reference values {worst:.2e}")
    return worst < 1e-9


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-check"]:
        sys.exit(0 if self_check() else 1)
    if not sys.argv[1:]:
        sys.exit(__doc__)
    for data_set in sys.argv[1:]:
        report(data_set)
