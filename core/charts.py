"""Tables of figures and the bar charts drawn from them (the dashboard's).

A Table holds one section's rows, for the page's chart and data table, the
XLSX sheet and the CSV; the apps fill them from their own queries.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

# Bar geometry, in pixels down the chart and in per cent across it: the SVG
# has no viewBox, so bars stretch with the page while text keeps its size.
# Khmer stacks vowels above and below the line, hence the generous rows.
ROW_HEIGHT = 48
LABEL_BASELINE = 20
BAR_TOP = 28
BAR_HEIGHT = 14
LONGEST_BAR = 80  # per cent of the width; the rest holds the number


def _percent(value):
    # A string, so templates never localise it ("42,5%" is no SVG length).
    return f"{value:.2f}%"


@dataclass
class Column:
    key: str
    heading: str
    is_percent: bool = False


@dataclass
class Cell:
    value: object
    is_percent: bool = False


@dataclass
class Row:
    label: str
    values: dict

    def cells(self, columns):
        return [Cell(self.values.get(c.key), c.is_percent) for c in columns]


@dataclass
class Segment:
    key: str
    label: str
    value: int
    x: str
    width: str


@dataclass
class Bar:
    label: str
    value: int
    top: int
    width: str
    value_x: str
    note: str = ""
    segments: list = field(default_factory=list)

    @property
    def label_y(self):
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.top + BAR_TOP

    @property
    def value_y(self):
        return self.top + BAR_TOP + BAR_HEIGHT - 2


@dataclass
class Series:
    key: str
    label: str
    colour: str
    pattern: str


class BarChart:
    """Horizontal bars of `table`'s `value_key` column, one per row; stacked
    from `series` (columns of the table) when given. `note(values)` may add
    a few words to a row's label."""

    bar_height = BAR_HEIGHT

    def __init__(self, table, value_key, series=(), note=None):
        self.table = table
        self.value_key = value_key
        self.series = list(series)
        # Worked out now, not kept as a function: the figures are cached.
        self.notes = [note(row.values) if note else "" for row in table.rows]

    @property
    def is_stacked(self):
        return bool(self.series)

    @property
    def height(self):
        return len(self.table.rows) * ROW_HEIGHT

    @cached_property
    def bars(self):
        rows = self.table.rows
        peak = max((row.values[self.value_key] or 0 for row in rows), default=0)
        scale = LONGEST_BAR / peak if peak else 0
        bars = []
        for index, row in enumerate(rows):
            value = row.values[self.value_key] or 0
            width = value * scale
            bar = Bar(
                label=row.label,
                value=value,
                top=index * ROW_HEIGHT,
                width=_percent(width),
                value_x=_percent(width + 1),
                note=self.notes[index],
            )
            x = 0
            for series in self.series:
                part = row.values[series.key] or 0
                if part:
                    bar.segments.append(
                        Segment(
                            series.key,
                            series.label,
                            part,
                            _percent(x),
                            _percent(part * scale),
                        )
                    )
                    x += part * scale
            bars.append(bar)
        return bars

    @cached_property
    def description(self):
        """The chart in words, for the SVG's <desc>."""
        parts = []
        for bar in self.bars:
            text = _("%(label)s: %(value)s") % {"label": bar.label, "value": bar.value}
            if bar.segments:
                text += " ({})".format(
                    ", ".join(f"{part.value} {part.label}" for part in bar.segments)
                )
            if bar.note:
                text += f", {bar.note}"
            parts.append(text)
        return "; ".join(parts) + "."


@dataclass
class Table:
    """One section's figures: the rows of a chart and of the data table
    behind it, of the XLSX sheet and of the CSV."""

    key: str
    title: str
    sheet: str
    label_heading: str
    columns: list
    rows: list = field(default_factory=list)
    totals: dict | None = None
    note: str = ""
    chart: BarChart | None = None

    def body(self):
        return [(row.label, row.cells(self.columns)) for row in self.rows]

    def footer(self):
        """The totals' cells; None without totals, or without rows to add up."""
        if self.totals is None or not self.rows:
            return None
        return Row(_("Total"), self.totals).cells(self.columns)


def year_columns(years):
    """A column per year, then the total; just the total for a single year."""
    if len(years) < 2:
        return [Column("total", _("Total"))]
    return [
        *(Column(f"y{year}", str(year)) for year in years),
        Column("total", _("Total")),
    ]


def by_value(rows):
    """Largest first, as bar charts read best; ties by label."""
    return sorted(rows, key=lambda row: (-(row.values["total"] or 0), row.label))


def summed(rows, keys):
    """The totals of a table: each column summed over its rows."""
    return {key: sum(row.values[key] for row in rows) for key in keys}


# The names of districts are read in the query that counts case studies


def year_row(label, counts, years):
    """A row of counts by year, {"y2023": n, ..., "total": n}."""
    return Row(
        label, {**{f"y{year}": counts[year] for year in years}, "total": counts.total()}
    )
