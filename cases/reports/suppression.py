"""Small-cell suppression of a table of counts (up to two dimensions) with its totals.

Primary: a count from 1 to k-1 is suppressed. Secondary: a table with totals lets a reader work
a suppressed cell out by subtraction whenever it is the only unknown in a line (the cells of a row
plus the row total, of a column plus the column total, the row totals plus the grand total, ...).
So in every line the number of suppressed entries must be 0 or at least 2: where it is 1, the
smallest published non-zero cell of that line is suppressed too (or, with none left, the line's
total), and this repeats until every line holds. Zeros are published: they name no one.
"""
from collections.abc import Hashable
from dataclasses import dataclass, field

TOTAL = "__total__"


@dataclass
class Table:
    """Counts by cell key (a tuple of one or two dimension values), with totals per line."""

    cells: dict[tuple, int]
    dims: int
    margins: dict[tuple[int, Hashable], int] = field(default_factory=dict)  # (axis, value) -> sum
    total: int = 0
    suppressed: set = field(default_factory=set)  # cell keys, ("margin", axis, value) and TOTAL

    @classmethod
    def of(cls, cells: dict[tuple, int], dims: int) -> "Table":
        table = cls(cells=dict(cells), dims=dims, total=sum(cells.values()))
        if dims == 2:
            for (a, b), n in cells.items():
                table.margins[(0, a)] = table.margins.get((0, a), 0) + n
                table.margins[(1, b)] = table.margins.get((1, b), 0) + n
        return table

    def value(self, entry):
        if entry == TOTAL:
            return self.total
        if isinstance(entry, tuple) and entry and entry[0] == "margin":
            return self.margins[(entry[1], entry[2])]
        return self.cells[entry]

    def lines(self) -> list[tuple[list, object]]:
        """(members, their sum) for every line a reader can add up."""
        if self.dims == 0:
            return []
        if self.dims == 1:
            return [(list(self.cells), TOTAL)]
        lines = []
        for axis in (0, 1):
            values = sorted({key[axis] for key in self.cells}, key=str)
            for value in values:
                members = [key for key in self.cells if key[axis] == value]
                lines.append((members, ("margin", axis, value)))
            lines.append(([("margin", axis, v) for v in values], TOTAL))
        return lines


def small(n: int | None, k: int) -> bool:
    return n is not None and 1 <= n < k


def entries(table: Table) -> list:
    return [*table.cells, *(("margin", axis, v) for axis, v in table.margins), TOTAL]


def suppress(table: Table, k: int, also: set = frozenset()) -> Table:
    """Mark what must not be published: small counts and `also` (hidden for another reason, such as
    a rate giving them away), then secondary suppression until every line holds."""
    table.suppressed = {e for e in entries(table) if small(table.value(e), k)} | set(also)
    changed = True
    while changed:
        changed = False
        for members, total in table.lines():
            hidden = [e for e in [*members, total] if e in table.suppressed]
            if len(hidden) != 1:
                continue
            candidates = sorted((table.value(m), str(m)) for m in members
                                if m not in table.suppressed and table.value(m) > 0)
            if candidates:
                pick = next(m for m in members if str(m) == candidates[0][1])
            else:
                pick = total
            table.suppressed.add(pick)
            changed = True
    return table
