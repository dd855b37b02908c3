"""Who is named in a sentence: gazetteer phrases found by token n-grams, mapped to jurisdictions."""

from __future__ import annotations

import re

import attrs

from ._gazetteer import ENTRIES, Kind

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’.]*|[A-Za-zÀ-ÿ]")
# Phrases that contain a gazetteer word but name no jurisdiction (or another one).
_NOT_ACTORS = frozenset(
    {
        "latin america",
        "latin american",
        "north america",
        "north american",
        "south america",
        "south american",
        "central america",
        "new mexico",
        "british columbia",
        "indian ocean",
        "south china sea",
        "east china sea",
        "china sea",
        "american soybean association",
        "new york",
        "georgia plant",
        # the trade pact's name is no party: "goods that comply with the U.S.-Mexico-Canada Agreement"
        "u.s.-mexico-canada agreement",
        "us-mexico-canada agreement",
        "united states-mexico-canada agreement",
    }
)
_ENTRIES = {phrase: (code, kind) for phrase, code, kind in ENTRIES}
# "the Office of the US Trade Representative": the bodies written with "U.S." are written with "US" too
_ENTRIES.update(
    {
        phrase.replace("u.s. ", "us ", 1): entry
        for phrase, entry in list(_ENTRIES.items())
        if phrase.startswith("u.s. ") or " u.s. " in phrase
    }
)


@attrs.frozen
class Mention:
    start: int
    end: int
    code: str
    kind: Kind
    text: str


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_norm_token(m.group()) for m in _TOKEN.finditer(phrase))


def _norm_token(token: str) -> str:
    return token.lower().replace("’", "'").rstrip(".")


# Phrases by their words, so that a sentence is matched by dictionary look-ups of word n-grams.
_BY_WORDS: dict[tuple[str, ...], tuple[str, Kind] | None] = {_words(p): v for p, v in _ENTRIES.items()}
_BY_WORDS.update({_words(p): None for p in _NOT_ACTORS})
_LONGEST: dict[str, int] = {}
for _key in _BY_WORDS:
    if _key:
        _LONGEST[_key[0]] = max(_LONGEST.get(_key[0], 0), len(_key))
# The first two words of every phrase of two words or more: most words that start a phrase ("the", "to",
# "trade") start it only before a few words, so the longer phrases are tried only after one of those.
_PAIRS = frozenset(_key[:2] for _key in _BY_WORDS if len(_key) > 1)


# Houses of a legislature the gazetteer gives to the United States, and the words that make them another's.
_HOUSES = frozenset({"congress", "senate"})
_THEIR_HOUSE = ("its ", "their ", "country's ", "nation's ")


def find_actors(sentence: str) -> list[Mention]:
    """Jurisdiction mentions in `sentence`, longest phrase first, not overlapping (offsets in `sentence`)."""
    norm = sentence.lower().replace("’", "'")
    if len(norm) == len(sentence):
        # Lowered once for the whole sentence rather than token by token: the tokens are the same.
        tokens = list(_TOKEN.finditer(norm))
        words = [t.group().rstrip(".") for t in tokens]
    else:
        tokens = list(_TOKEN.finditer(sentence))
        words = [_norm_token(t.group()) for t in tokens]
    found: list[Mention] = []
    n_tokens = len(tokens)
    # Only the tokens that can start a phrase are visited (most words of a sentence start none): picked by
    # set look-ups in one comprehension rather than one turn of the loop below per token.
    starts = [
        i
        for i, word in enumerate(words)
        if word in _LONGEST or (word.endswith("'s") and word[:-2] in _LONGEST)
    ]
    after = 0  # where the last phrase found ends: no phrase starts inside it
    for i in starts:
        if i < after:
            continue
        word = words[i]
        longest = _LONGEST.get(word) or _LONGEST[word[:-2]]
        following = words[i + 1] if i + 1 < n_tokens else ""
        # A phrase of two words or more starts with one of _PAIRS, its last word perhaps possessive.
        longer = (word, following) in _PAIRS or (
            following.endswith("'s") and (word, following[:-2]) in _PAIRS
        )
        step = 1
        for n in range(min(longest, n_tokens - i), 0, -1) if longer else (1,):
            key = tuple(words[i : i + n])
            last = key[-1]
            trimmed = 0
            if key not in _BY_WORDS and last.endswith("'s"):
                key, trimmed = (*key[:-1], last[:-2]), 2
            if key not in _BY_WORDS:
                continue
            step = n
            entry = _BY_WORDS[key]
            start, end = tokens[i].start(), tokens[i + n - 1].end() - trimmed
            text = (
                sentence[start:end].rstrip(".")
                if entry and sentence[end - 1 : end] == "."
                else sentence[start:end]
            )
            if entry is not None and sentence.endswith("non-", 0, start):
                pass  # "their non-US content", "non-EU suppliers": anyone but them, no one named
            elif (
                entry is not None
                and n == 1
                and key[0] in _HOUSES
                and (
                    norm.endswith(_THEIR_HOUSE, 0, start)
                    or (found and found[-1].code != "US" and norm[found[-1].end : start] in ("'s ", "s' "))
                )
            ):
                pass  # "a review by its Senate", "Brazil's Congress": another country's house, not the US's
            elif entry is not None and text[:1].isupper():
                # Names are capitalised in English; "us", "turkey", "chad" in lower case are ordinary words.
                found.append(Mention(start, start + len(text), entry[0], entry[1], text))
            elif entry is not None:
                # "in the Netherlands": the phrase with its article starts in lower case, the name after it
                # is still read
                step = 1
            break
        after = i + step
    return found
