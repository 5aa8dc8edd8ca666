"""Data import and governance: reading and checking files, applying them as batches, rollback,
milestones, the catalogue import, templates and the administrators' sign-in (see apply.py)."""
