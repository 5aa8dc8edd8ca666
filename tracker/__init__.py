"""The Ningbo common-prosperity plan tracker: warehouse, progress method, imports and demo data."""
