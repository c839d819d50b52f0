"""Small-cell suppression: no published count is below k, and no suppressed count can be worked out
by subtraction from a published total (every line hides none or at least two of its entries)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.reports.suppression import TOTAL, Table, entries, suppress

K = 5
counts = st.integers(min_value=0, max_value=30)


def _check(table: Table):
    for entry in entries(table):
        if entry not in table.suppressed:
            value = table.value(entry)
            assert value == 0 or value >= K, (entry, value)
    for members, total in table.lines():
        hidden = [e for e in [*members, total] if e in table.suppressed]
        assert len(hidden) != 1, (members, total, table.suppressed)


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8))
def test_one_dimension(values):
    _check(suppress(Table.of({(i,): v for i, v in enumerate(values)}, dims=1), K))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_two_dimensions(rows, cols, data):
    cells = {(r, c): data.draw(counts) for r in range(rows) for c in range(cols)}
    _check(suppress(Table.of(cells, dims=2), K))


def test_a_worked_example():
    """Row a: 3 (small) and 10; row b: 8 and 12. Hiding 3 alone would leave 13 - 10; so 10 goes too;
    then column 1 has 3 and 8 with 11 published, so 8 goes; row b then hides 8 and 12 goes."""
    table = suppress(Table.of({("a", 1): 3, ("a", 2): 10, ("b", 1): 8, ("b", 2): 12}, dims=2), K)
    assert table.suppressed >= {("a", 1), ("a", 2), ("b", 1), ("b", 2)}
    assert TOTAL not in table.suppressed and table.total == 33
