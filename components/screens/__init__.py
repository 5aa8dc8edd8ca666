"""One module per screen: everything only that screen uses, next to its script in ``pages/``.

``pages/<screen>.py`` reads like a table of contents; ``components/screens/<screen>.py`` holds what it
draws and derives (once per snapshot). The rest of ``components/`` is the shared kit (URL state,
formatting, badges, charts, maps, theme, the snapshot cache) and names no screen. Screens import each
other only where the design says so: meeting mode shows the overview's off-track list and tiles.
tests/test_layers.py reads the imports and holds these rules.
"""
