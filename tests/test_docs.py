"""The documentation site stays whole: every page in mkdocs.yml's nav exists, and every relative link between
the pages in docs/ points to a file there (`make docs` builds in strict mode, where a broken one fails)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
MKDOCS = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
PAGES = sorted(DOCS.glob("*.md"))

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _nav() -> list[str]:
    """The page files named in the nav section of mkdocs.yml (read without a YAML parser)."""
    match = re.search(r"^nav:\n((?:[ \t]+.*\n?|\n)*)", MKDOCS, flags=re.M)
    assert match, "mkdocs.yml has no nav"
    return re.findall(r"([\w./-]+\.md)\s*$", match.group(1), flags=re.M)


def _links(text: str) -> list[str]:
    """Link targets in Markdown text, leaving out fenced code blocks and code spans."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", text))
    return _LINK.findall(text)


def test_mkdocs_builds_from_docs_in_strict_mode() -> None:
    assert re.search(r"^docs_dir:\s*docs\s*$", MKDOCS, flags=re.M)
    assert re.search(r"^strict:\s*true\s*$", MKDOCS, flags=re.M)


def test_nav_pages_exist() -> None:
    nav = _nav()
    assert "index.md" in nav
    missing = [page for page in nav if not (DOCS / page).is_file()]
    assert not missing, f"in mkdocs.yml's nav but not in docs/: {missing}"


def test_every_page_is_in_the_nav() -> None:
    nav = set(_nav())
    assert [page.name for page in PAGES if page.name not in nav] == []


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_relative_md_links_point_to_pages(page: Path) -> None:
    broken = []
    for target in _links(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
            continue  # a URL, an anchor on the same page, or an absolute path
        path = target.split("#", 1)[0]
        if not path.endswith(".md"):
            continue
        resolved = (page.parent / path).resolve()
        if not resolved.is_file() or not resolved.is_relative_to(DOCS.resolve()):
            broken.append(target)
    assert not broken, f"{page.name}: links to no page in docs/: {broken}"


def test_link_scanner_skips_code_and_urls() -> None:
    text = "See [a](a.md#x) and `[b](b.md)`.\n```\n[c](c.md)\n```\n[d](https://example.com/d.md)\n"
    assert _links(text) == ["a.md#x", "https://example.com/d.md"]
