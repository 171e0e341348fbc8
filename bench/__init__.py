"""The load benchmark: `make bench` (or `.venv/bin/python -m bench --help`).

Not part of the test suite. It serves the portal the way production does
(gunicorn, prod settings, collected static files) from a database of its own,
loads each page of `bench/pages.py` with wrk and prints a Markdown table.
"""
