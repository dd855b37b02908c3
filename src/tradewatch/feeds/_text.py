"""Plain text from the HTML (or text) of feed entries.

The stdlib `html.parser` does the work: it tolerates the broken markup feeds are full of, unescapes
character references, and treats ``<script>``/``<style>`` bodies as raw text, which we then drop. The
result is never rendered as HTML, so there is nothing to sanitise, only text to keep.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Elements whose start and end separate lines of text.
BLOCK_TAGS = _words(
    """address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th
    thead tr ul"""
)
#: Elements whose content is not text a reader sees.
# Only elements browsers close reliably: an unclosed one would hide the rest of the text.
SKIP_TAGS = _words("script style template noscript head title")

# C0/C1 controls that are not whitespace or line breaks, and lone surrogates: XML forbids the controls,
# SQLite's UTF-8 encoding rejects surrogates, and none of them is text.
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTMLISH = re.compile(r"[<&]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skipping.append(tag)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<script/>" opens nothing; "<br/>" and "<hr/>" still break the line.
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                # Close the innermost element of that name, tolerating unclosed ones inside it.
                while self._skipping and self._skipping.pop() != tag:
                    pass
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Line breaks in HTML source are spaces; only block elements break lines.
            self.parts.append(_SPACE.sub(" ", data))


def unprintable_removed(text: str) -> str:
    """`text` without control characters (other than whitespace) and lone surrogates."""
    return _UNPRINTABLE.sub("", text)


def clean(text: str) -> str:
    """Collapse runs of whitespace inside each line to one space, drop blank lines and unprintables."""
    text = _UNPRINTABLE.sub("", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities unescaped, block elements on their own lines,
    whitespace collapsed, script/style (and other invisible elements) dropped."""
    if not _HTMLISH.search(html):
        return clean(html)
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):
        # html.parser still asserts on a few malformed declarations ("<![if ..."); fall back to crude
        # tag removal rather than lose the entry.
        return clean(unescape(_TAG.sub(" ", html)))
    return clean("".join(collector.parts))


def one_line(text: str) -> str:
    """`clean`, then line breaks become spaces: for titles."""
    return " ".join(_UNPRINTABLE.sub("", text).split())


def to_text(value: str, content_type: str | None) -> str:
    """Plain text of a feed value whose MIME type is `content_type` (HTML unless it says text/plain)."""
    if content_type is not None and content_type.strip().lower() == "text/plain":
        return clean(value)
    return html_to_text(value)
