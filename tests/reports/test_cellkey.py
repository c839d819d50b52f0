"""The cell key method's parts: record keys (HMAC-SHA256, the SQL equal to the reference), the
perturbation table, and what a published figure does and does not say."""
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.models import Case
from reports.cellkey import KEY_SPACE, RecordKey, noise_weights, perturb, possible_counts, record_key


@pytest.mark.django_db
@pytest.mark.parametrize("secret", ["s3cret", "x" * 100, "ünïcode-sécret"])
def test_the_record_key_in_sql_is_hmac_sha256_of_the_records_label_and_id(testregio, secret):
    import hashlib
    import hmac

    rows = list(Case.objects.annotate(key=RecordKey("cases.case", "id", secret=secret)).values_list("id", "key"))
    assert len(rows) >= 38  # Testregio's and the session's
    for pk, key in rows:
        digest = hmac.new(secret.encode(), f"cases.case:{pk}".encode(), hashlib.sha256).digest()
        assert key == int.from_bytes(digest[:4], "big") == record_key(secret, "cases.case", pk)


@pytest.mark.parametrize("k, d", [(5, 2), (5, 0), (5, 1), (3, 2), (10, 3)])
def test_the_ptable_over_every_count_and_many_keys(k, d):
    for n in range(0, 60):
        seen = set()
        for step in range(0, 1000):
            published = perturb(n, step * (KEY_SPACE // 1000) + 7, k=k, max_noise=d)
            seen.add(published)
            assert published == 0 or published >= k, "no count is published as 1 to k-1"
            if n == 0 or n < k:
                assert published == 0, "0 stays 0, and 1 to k-1 are published as 0"
            if published > 0:
                assert abs(published - n) <= d
            else:
                assert n < k + d
            assert n in possible_counts(published, k=k, max_noise=d), "what an attacker may assume is sound"
        if d and k <= n < k + d:
            assert 0 in seen and any(v >= k for v in seen), "a count just at k may come out as 0 or as itself"
        if n >= k + d and d:
            assert seen == set(range(n - d, n + d + 1)), "from k + D on, every noise from -D to +D occurs"


def test_the_noise_follows_the_weights_most_often_0():
    weights = noise_weights(2)
    assert weights[0] > weights[1] == weights[-1] > weights[2] == weights[-2] > 0
    assert sum(weights.values()) == pytest.approx(1)
    steps = 20_000
    counts = Counter(perturb(100, step * (KEY_SPACE // steps), k=5, max_noise=2) - 100 for step in range(steps))
    for noise, weight in weights.items():
        assert counts[noise] / steps == pytest.approx(weight, abs=0.002)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=KEY_SPACE - 1), min_size=1, max_size=40), st.randoms())
def test_a_cell_key_is_a_function_of_the_records_alone(keys, rnd):
    """The sum mod 2^32 does not depend on the order or grouping the records were counted in."""
    shuffled = list(keys)
    rnd.shuffle(shuffled)
    half = len(shuffled) // 2
    in_parts = (sum(shuffled[:half]) % KEY_SPACE + sum(shuffled[half:]) % KEY_SPACE) % KEY_SPACE
    assert perturb(len(keys), sum(keys), k=5, max_noise=2) == perturb(len(keys), in_parts, k=5, max_noise=2)


@pytest.mark.django_db
def test_the_same_cell_through_different_indicators_and_queries_is_the_same_figure(testregio):
    """RMT exits in 2025 (A 10 + B 6 + F 10 = 26) are one cell: in `exits`, in `placement-rate`'s
    denominator, by desk, by year, by quarter summed into the year... each query publishes it alike,
    whatever the secret."""
    rmt = str(testregio.rmt.uuid)

    def values(key, **params):
        response = testregio.manager.get(f"/api/v1/reports/{key}", {"period": "2025", **params})
        assert response.status_code == 200
        return response.json()

    for secret in ("one", "two", "three"):
        from django.test import override_settings

        with override_settings(REPORT_CELL_KEY_SECRET=secret):
            seen = {
                values("exits", desk=rmt)["total"]["values"]["exits"],
                values("placement-rate", desk=rmt)["total"]["values"]["exits"],
                next(r["values"]["exits"] for r in values("exits", by="desk")["rows"]
                     if r["dimensions"]["desk"] == "RMT Testregio"),
                values("exits", desk=rmt, by="year")["rows"][0]["values"]["exits"],
                values("exits", desk=rmt, by="quarter")["total"]["values"]["exits"],
                values("exits", period="2025-Q1..2025-Q4", desk=rmt)["total"]["values"]["exits"],
            }
            assert len(seen) == 1 and abs(seen.pop() - 26) <= 2


@pytest.mark.django_db
def test_with_noise_each_figure_is_one_the_true_count_can_give_and_rates_follow_the_figures(testregio):
    """Testregio's hand-worked counts (see test_indicators.py) under D = 2 and three secrets: every
    published count is one the ptable allows for the true count (0 for 3, 0 or 5..7 for 5, 8..12 for
    10, ...), and a rate is the published numerator over the published denominator."""
    from django.test import override_settings

    rmt = str(testregio.rmt.uuid)
    truth = [("intakes", {"desk": rmt}, "intakes", 30), ("exits", {}, "exits", 29),
             ("placements", {"desk": rmt}, "placed", 10), ("placements", {"desk": rmt}, "stillInWork", 5),
             ("youth-exits", {}, "exits", 3), ("youth-exits", {}, "toWork", 0), ("referrals", {}, "sent", 15),
             ("credential-rate", {}, "exitsFromEducation", 10), ("credential-rate", {}, "withCredential", 5)]
    for secret in ("one", "two", "three"):
        with override_settings(REPORT_CELL_KEY_SECRET=secret, REPORT_MAX_NOISE=2, REPORT_MIN_CELL=5):
            for key, params, measure, n in truth:
                values = testregio.manager.get(f"/api/v1/reports/{key}", {"period": "2025", **params}).json()
                published = values["total"]["values"][measure]
                assert n in possible_counts(published, k=5, max_noise=2), (key, measure, n, published)
            rate = testregio.manager.get("/api/v1/reports/credential-rate", {"period": "2025"}).json()["total"]
            num, den = rate["values"]["withCredential"], rate["values"]["exitsFromEducation"]
            assert rate["values"]["credentialRate"] == (round(min(num / den, 1.0), 4) if den else None)
            assert rate["suppressed"] == ([] if den else ["credentialRate"])
