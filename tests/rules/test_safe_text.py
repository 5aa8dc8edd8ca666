"""components.safe.md: outside text keeps its words and loses every Markdown power.

The browser test (test_browser_hostile.py) checks what Streamlit actually draws; these check the
function's contract on its own, case by case."""
from __future__ import annotations

import re

import pytest

from components.safe import WORD_JOINER, md, t_md
from tests.markdown_text import visible

HOSTILE = [
    "![x](http://evil.example/img.png) [login](https://evil.example/)",
    "https://evil.example/bare www.evil.example evil@example.com",
    ":material/bolt: :red[red] :blue-background[bg] :green-badge[b] :small[s] :streamlit: :smile:",
    "$E=mc^2$ $$x$$",
    "<img src=x onerror=alert(1)> <b>b</b> &lt;i&gt;",
    "**b** _i_ `c` ~~s~~",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<https://evil.example/angle>",
    "line one\n\n# line two",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_ascii_punctuation_mark_is_escaped(text):
    out = md(text)
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", out)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped), out


@pytest.mark.parametrize("text", HOSTILE)
def test_the_reader_sees_the_words_as_written(text):
    assert visible(md(text)) == re.sub(r"[\r\n]+", " ", text)


@pytest.mark.parametrize("text,broken", [
    ("https://evil.example/x", "https:" + WORD_JOINER + "//"),
    ("HTTP://EVIL.EXAMPLE", "HTTP:" + WORD_JOINER),
    ("go to www.evil.example", "www" + WORD_JOINER + "."),
    ("evil@example.com", "@" + WORD_JOINER),
    ("x :streamlit: y", ":" + WORD_JOINER + "streamlit"),
])
def test_addresses_are_broken_where_the_link_finder_reads_them(text, broken):
    assert broken in visible_but_joined(md(text))


def visible_but_joined(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_missing_values_are_empty_and_numbers_are_text():
    assert md(None) == "" and md(float("nan")) == ""
    assert md(12.5) == r"12\.5"


def test_line_breaks_cannot_start_a_block_of_their_own():
    assert "\n" not in md("a\n# b\r\n- c\u2028d")


def test_t_md_escapes_the_values_and_keeps_the_sentence():
    out = t_md("error.bad_param", "en", name="year", value="![x](http://evil.example/i.png)")
    assert "![x](" not in out and "![x](http://evil.example/i.png)" in visible(out)
    assert "year" in out and r"\!\[x\]\(http\:" in out
