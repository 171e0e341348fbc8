"""Figures of related rows as correlated subqueries: one per row of the outer
query, without the row multiplication (and wrong sums) of joins."""

from django.db.models import Count, Subquery, Sum
from django.db.models.functions import Coalesce


def _per_row(queryset, group_by, aggregate):
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=aggregate).values("n")
        ),
        0,
    )


def count_of(queryset, group_by):
    """How many rows of `queryset` (filtered on an OuterRef) there are, 0
    when none; `group_by` is the field the OuterRef compares."""
    return _per_row(queryset, group_by, Count("pk"))


def sum_of(queryset, group_by, field):
    """The sum of `field` over the rows of `queryset`, 0 when none."""
    return _per_row(queryset, group_by, Sum(field))
