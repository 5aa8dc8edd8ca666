"""The Data screen (数据): templates, upload with its check and preview, history with rollback, the
milestone editor, and the notice after a recovered snapshot, behind an administrator's sign-in.

One module per part, in the order pages/data.py draws them: ``sign_in``, ``imports``, ``history``,
``milestones``, ``recovery``; ``writes`` is what the three writing parts share (a request that survives
the rerun, one way to carry a write out and report it). Writes go through tracker.importer.apply
only, and only for a signed-in administrator; the page shows what the importer found, in the
user's language.
"""
