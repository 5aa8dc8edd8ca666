"""The screens in Debian's chromium at tablet sizes (marked browser): taps, the accessibility sweep, deep links."""
