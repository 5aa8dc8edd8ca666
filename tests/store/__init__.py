"""The warehouse and what writes it: SQL models and queries, imports and their refusals, the command
line, recovery, reporting rounds."""
