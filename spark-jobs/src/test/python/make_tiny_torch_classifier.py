"""Writes the TorchScript classifier that PyTorchLocalTeacherTest loads as a user's local teacher.

The model takes the three BERT inputs a HuggingFace classifier exported to TorchScript takes, positionally
(input_ids, attention_mask, token_type_ids), and gives one logit per label for each text of the batch:

    logits[c] = mean over attended tokens t of W[id_t % 64][c]
              + (share of attended tokens in the second segment) * P[c]
              + B[c]

with W, P and B fixed by the formulas below, so the test recomputes every logit from the token ids alone. Its output
is checked here against a plain-Python evaluation of the same formulas before it is written.

Run once with Debian's torch (apt-get install python3-torch; the output is committed, so builds need neither):
    /usr/bin/python3 spark-jobs/src/test/python/make_tiny_torch_classifier.py
"""
import os
import random

import torch
from torch import nn

LABELS = 7
BUCKETS = 64
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "tiny-torch-classifier", "tiny.pt")


def weight(bucket, label):
    return ((bucket * 31 + label * 17) % 23 - 11) / 8.0


def pair_weight(label):
    return (label % 3 - 1) * 2.0


def bias(label):
    return (label - 3) / 4.0


class TinyClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        # Buffers, not parameters: fixed weights that nothing trains.
        self.register_buffer("table", torch.tensor(
            [[weight(h, c) for c in range(LABELS)] for h in range(BUCKETS)], dtype=torch.float32))
        self.register_buffer("pair", torch.tensor([pair_weight(c) for c in range(LABELS)], dtype=torch.float32))
        self.register_buffer("bias", torch.tensor([bias(c) for c in range(LABELS)], dtype=torch.float32))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.to(torch.float32)
        n = mask.sum(dim=1, keepdim=True)
        rows = self.table[torch.remainder(input_ids, self.table.shape[0])]
        bag = (rows * mask.unsqueeze(-1)).sum(dim=1) / n
        second = (token_type_ids.to(torch.float32) * mask).sum(dim=1, keepdim=True) / n
        return bag + second * self.pair + self.bias


def expected(ids, types):
    n = len(ids)
    second = sum(types) / n
    return [sum(weight(i % BUCKETS, c) for i in ids) / n + second * pair_weight(c) + bias(c) for c in range(LABELS)]


def check(module):
    rng = random.Random(7)
    rows = []
    for length in (3, 9, 17):
        ids = [101] + [rng.randrange(1000, 30000) for _ in range(length - 2)] + [102]
        types = [0] * (length // 2) + [1] * (length - length // 2)
        rows.append((ids, types))
    width = max(len(ids) for ids, _ in rows)
    pad = lambda values: values + [0] * (width - len(values))
    input_ids = torch.tensor([pad(ids) for ids, _ in rows], dtype=torch.int64)
    mask = torch.tensor([pad([1] * len(ids)) for ids, _ in rows], dtype=torch.int64)
    types = torch.tensor([pad(t) for _, t in rows], dtype=torch.int64)
    with torch.no_grad():
        out = module(input_ids, mask, types)
    for row, (ids, t) in enumerate(rows):
        for c, value in enumerate(expected(ids, t)):
            assert abs(out[row, c].item() - value) < 1e-5, (row, c, out[row, c].item(), value)


def main():
    module = torch.jit.script(TinyClassifier().eval())
    check(module)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    module.save(OUT)
    check(torch.jit.load(OUT))
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes) with torch {torch.__version__}")


if __name__ == "__main__":
    main()
