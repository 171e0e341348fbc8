def percent(part, whole):
    """`part` in per cent of `whole`, rounded half up (1 of 8 is 13 %, where
    Python's round() would say 12); None when `whole` is 0. In integers, so
    that a share of summed counts is exact too."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)
