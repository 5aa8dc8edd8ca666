"""Serving an office: several app processes behind nginx, kept running (``python -m tracker.supervise``).

``nginx`` writes the one nginx configuration (for the supervisor's nginx child, the benchmark and
``deploy/nginx/tracker.conf``), ``child`` is one supervised process, ``logs`` copies the children's
output into rotated files, ``supervisor`` starts, watches, restarts and stops them all.
"""
