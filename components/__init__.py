"""Reusable UI pieces: i18n strings, data access, context from the URL, cards, charts and maps."""
