"""The attack of test_differencing.py over many random data sets, without a database: how often does
it narrow a small count to 1..k-1? (docs/indicators.md quotes its result.)

    .venv/bin/python -m tests.reports.simulate_differencing [--k 5] [--d 2] [--seeds 60]

Each data set: 60, 150 or 400 records over 12 months, 3 desks and 3 programmes, each with a random
32-bit key (what HMAC-SHA256 gives a record, as far as anyone without the secret can tell); every
cell of year, quarters and months by desk, programme, both and neither is published through the
ptable, and attacked with every identity between them.
"""
import argparse
import itertools
import random

from reports.cellkey import perturb, possible_counts

PERIODS = {"Y": set(range(1, 13)), **{f"Q{q}": set(range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)},
           **{f"M{m}": {m} for m in range(1, 13)}}


def identities(desks, programmes):
    out = []
    for d, g in itertools.product([None, *desks], [None, *programmes]):
        out.append((("Y", d, g), [(f"Q{q}", d, g) for q in range(1, 5)]))
        out += [((f"Q{q}", d, g), [(f"M{m}", d, g) for m in range(3 * q - 2, 3 * q + 1)]) for q in range(1, 5)]
    for p in PERIODS:
        out += [((p, None, g), [(p, d, g) for d in desks]) for g in [None, *programmes]]
        out += [((p, d, None), [(p, d, g) for g in programmes]) for d in [None, *desks]]
    return out


def propagate(possible: dict, identities) -> dict:
    changed = True
    while changed:
        changed = False
        for total, parts in identities:
            low, high = [min(possible[p]) for p in parts], [max(possible[p]) for p in parts]
            cut = {v for v in possible[total] if sum(low) <= v <= sum(high)}
            changed |= cut != possible[total]
            possible[total] = cut
            for i, part in enumerate(parts):
                others_low, others_high = sum(low) - low[i], sum(high) - high[i]
                cut = {v for v in possible[part] if min(possible[total]) - others_high <= v <= max(possible[total]) - others_low}
                if cut != possible[part]:
                    possible[part], low[i], high[i], changed = cut, min(cut), max(cut), True
    return possible


def one(seed: int, size: int, k: int, d: int) -> tuple[int, int]:
    draw = random.Random(seed * 1000 + size)
    desks, programmes = [0, 1, 2], [0, 1, 2]
    records = [(draw.randint(1, 12), draw.choice(desks), draw.choice(programmes), draw.getrandbits(32))
               for _ in range(size)]
    truth, published = {}, {}
    for p, desk, g in itertools.product(PERIODS, [None, *desks], [None, *programmes]):
        cell = [r for r in records if r[0] in PERIODS[p] and desk in (None, r[1]) and g in (None, r[2])]
        truth[(p, desk, g)] = len(cell)
        published[(p, desk, g)] = perturb(len(cell), sum(r[3] for r in cell), k=k, max_noise=d)
    possible = propagate({c: set(possible_counts(v, k=k, max_noise=d)) for c, v in published.items()},
                         identities(desks, programmes))
    assert all(truth[c] in possible[c] for c in truth)
    small = [c for c, n in truth.items() if 1 <= n < k]
    return len(small), sum(1 for c in small if possible[c] <= set(range(1, k)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--d", type=int, default=2)
    parser.add_argument("--seeds", type=int, default=60)
    args = parser.parse_args()
    small = recovered = 0
    for seed in range(args.seeds):
        for size in (60, 150, 400):
            s, r = one(seed, size, args.k, args.d)
            small, recovered = small + s, recovered + r
    print(f"k={args.k} D={args.d}: {args.seeds * 3} data sets, {small} small cells, {recovered} narrowed to 1..k-1")


if __name__ == "__main__":
    main()
