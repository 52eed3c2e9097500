"""Organisations that are probably the same: candidates for a person to review.

Nothing here merges anything. :func:`probable_duplicates` lists pairs with readable
reasons (``graph.reasons.Reason``, Dutch and English) and a suggestion: ``"merge"`` the
two records, or ``"set_parent"`` when one looks like a location of the other (an
umbrella and its branch). ``ketenkaart merge`` shows the list and merges on request.

The method is record linkage in two steps (Christen 2012 [1]_): *indexing* (blocking)
picks the pairs worth comparing, so 5,000 organisations do not become 12.5 million
comparisons; *comparison* then scores each picked pair.

Indexing: the union of these blocks is compared.

- standard blocking on the KvK number (digits only, 8 wide) and on the set of words of
  :func:`name_tokens` (same words, any order);
- the *leading words* of every name looked up among whole names: finds every pair in
  which one name is the other plus words (umbrella and location);
- the one-deletion neighbourhood of the compact name (words joined without spaces):
  the name and every string one letter shorter, as keys (the symmetric-delete idea of
  Mor & Fraenkel [2]_). Two names one edit apart (a typo, a missing letter, two letters
  swapped) always share a key, and keys are so specific that blocks stay tiny;
- sorted neighbourhood [3]_ on the compact name and on it read backwards, window
  :data:`WINDOW`: finds many, not all, names two edits apart.

So every pair with the same KvK number, the same name, an umbrella relation, or names
one edit apart is found; pairs two edits apart only when sorting puts them near.

Comparison (weights add up to the pair's score; a pair is listed when the score is at
least :data:`MIN_SCORE`):

==================  ======  ==========================================================
signal              weight  when
==================  ======  ==========================================================
``same-kvk``        1.0     equal KvK numbers (not between two branches of one parent)
``same-name``       0.8     equal names once case, accents, punctuation, spaces,
                            legal forms and a leading article are ignored
``similar-name``    0.6     the words one name has and the other lacks differ by one
                    (0.5)   letter (or two), within :func:`typo_allowance` of their
                            length; the names hold the same numbers, and neither is
                            the other plus letters ("De Linde" / "De Lindeboom")
``location``        0.8     one name is the other plus a known place (area name),
                            same sector, and the longer one has no ``parent_id`` yet
``name-extends``    0.4     one name is the other plus more words, same sector, and
                            the longer one has no ``parent_id`` yet; words that start
                            with a number make another organisation ("Praktijk 2")
``different-kvk``   -0.5    both have a KvK number and the numbers differ
==================  ======  ==========================================================

So different KvK numbers keep a pair off the list unless the names are equal or one is
the other plus a place. ``location`` and ``name-extends`` suggest ``set_parent`` (even
with an equal KvK number: a branch is registered under its owner's number); every other
pair suggests ``merge``. Pairs already linked by ``parent_id`` are never listed, nor are
pairs an analyst judged "not the same organisation" (``decisions``, the
:class:`graph.survey.PairDecision` records the store remembers).

>>> from graph.model import Organisation
>>> from graph.taxonomy import Sector
>>> orgs = [
...     Organisation("O1", "Stichting De Brug", Sector.WELZIJN, kvk="41234567"),
...     Organisation("O2", "De Brug", Sector.WELZIJN),
...     Organisation("O3", "Buurtzorg", Sector.ZORG),
...     Organisation("O4", "Buurtzorg Utrecht West", Sector.ZORG),
...     Organisation("O5", "Apotheek De Linde", Sector.ZORG),
... ]
>>> for c in probable_duplicates(orgs, place_names=["Utrecht West"]):
...     print(c.first, c.second, c.suggestion, c.reasons[0].code)
O1 O2 merge same-name
O3 O4 set_parent location

References
----------
.. [1] Christen, P. (2012). *Data Matching: Concepts and Techniques for Record Linkage,
   Entity Resolution, and Duplicate Detection*. Springer, ch. 4 (indexing) and 5
   (field comparison).
.. [2] Mor, M., & Fraenkel, A. S. (1982). A hash code method for detecting and
   correcting spelling errors. *Communications of the ACM* 25(12), 935-938.
.. [3] Hernández, M. A., & Stolfo, S. J. (1995). The merge/purge problem for large
   databases. *SIGMOD '95*, 127-138 (the sorted-neighbourhood method).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from graph import reasons as say
from graph.model import Organisation
from graph.reasons import Reason
from graph.survey import PairDecision, pair_key

__all__ = [
    "LEGAL_FORMS",
    "MIN_SCORE",
    "WINDOW",
    "DuplicateCandidate",
    "Suggestion",
    "edit_distance",
    "name_tokens",
    "normalise_kvk",
    "not_same_pairs",
    "probable_duplicates",
    "typo_allowance",
]

Suggestion = Literal["merge", "set_parent"]

LEGAL_FORMS: Final = frozenset(
    {
        "stichting", "st", "stg",  # stichting, St., Stg.
        "vereniging",
        "cooperatie", "ua", "wa", "ba",  # Coöperatie ... U.A. / W.A. / B.A.
        "bv", "nv", "vof", "cv",  # B.V., N.V., V.O.F., C.V.
        "gemeente",
    }
)  # fmt: skip
"""Words dropped from a name before comparing: Dutch legal forms, and "gemeente"."""

MIN_SCORE: Final = 0.25
"""Lowest score (sum of the reasons' weights) for a pair to be listed."""

WINDOW: Final = 5
"""Sorted-neighbourhood window: each name is compared with the next ``WINDOW - 1``."""

_ARTICLES: Final = frozenset({"de", "het", "t"})
_ABBREVIATION = re.compile(r"(?:[a-z0-9]\.)+[a-z0-9]?")  # b.v. / u.a. / v.o.f.
_CHUNK = re.compile(r"[a-z0-9.]+")
_WEIGHT = {"same-kvk": 1.0, "same-name": 0.8, "location": 0.8, "name-extends": 0.4, "different-kvk": -0.5}
_SIMILAR_WEIGHT, _PER_EDIT = 0.7, 0.1  # similar-name: 0.6 for one edit, 0.5 for two
_EXACT_UP_TO, _ONE_EDIT_UP_TO, _MAX_EDITS = 2, 5, 2  # letters; see typo_allowance


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """Two organisations that are probably the same, or an umbrella and its location.

    For ``"merge"``, ``first`` is the suggested one to keep (an organisation already
    known before the import, else the one with more details filled in, else the lower
    id). For ``"set_parent"``, ``first`` is the umbrella and ``second`` its location:
    the suggestion is to set ``second``'s ``parent_id`` to ``first``.
    """

    first: str
    second: str
    suggestion: Suggestion
    reasons: tuple[Reason, ...]

    @property
    def score(self) -> float:
        """The sum of the reasons' weights: higher is more likely."""
        return sum(reason.weight for reason in self.reasons)


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name as compared: folded, without legal forms or a leading article.

    Case and accents are folded, ``&`` reads as ``en``, abbreviations with dots become one
    word (``B.V.`` -> ``bv``), other punctuation separates words, and the words of
    :data:`LEGAL_FORMS` are dropped, as is a leading ``de``, ``het`` or ``'t``. A name made
    of nothing else keeps its words.

    >>> name_tokens("Stichting De Brug")
    ('brug',)
    >>> name_tokens("Coöperatie Zorg & Welzijn U.A.")
    ('zorg', 'en', 'welzijn')
    >>> name_tokens("St. Vluchtelingenwerk Midden-Nederland B.V.")
    ('vluchtelingenwerk', 'midden', 'nederland')
    >>> name_tokens("Gemeente")
    ('gemeente',)
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = [word for chunk in _CHUNK.findall(folded.replace("&", " en ")) for word in _split(chunk)]
    kept = [word for word in words if word not in LEGAL_FORMS] or words
    if len(kept) > 1 and kept[0] in _ARTICLES:
        kept = kept[1:]
    return tuple(kept)


def _split(chunk: str) -> list[str]:
    if _ABBREVIATION.fullmatch(chunk):
        return [chunk.replace(".", "")]
    return [part for part in chunk.split(".") if part]


def normalise_kvk(kvk: str | None) -> str | None:
    """A KvK number as 8 digits, or ``None`` when there is none.

    >>> normalise_kvk(" 4123 4567 "), normalise_kvk("1234567"), normalise_kvk("")
    ('41234567', '01234567', None)
    """
    digits = "".join(ch for ch in kvk or "" if ch.isdigit())
    return digits.zfill(8) if digits else None


@dataclass(frozen=True, slots=True)
class _Name:
    """An organisation as the comparison sees it (everything computed once)."""

    org: Organisation
    tokens: tuple[str, ...]
    words: frozenset[str]
    compact: str
    numbers: tuple[str, ...]
    kvk: str | None

    @classmethod
    def of(cls, org: Organisation) -> _Name:
        tokens = name_tokens(org.name)
        numbers = tuple(sorted(t for t in tokens if t.isdigit()))
        return cls(org, tokens, frozenset(tokens), "".join(tokens), numbers, normalise_kvk(org.kvk))

    @property
    def details(self) -> int:
        o = self.org
        filled = (o.kvk, o.municipality, o.capacity is not None, o.description, o.areas, o.expertise)
        return sum(1 for value in filled if value)


def probable_duplicates(
    organisations: Sequence[Organisation],
    *,
    among: Collection[str] | None = None,
    place_names: Iterable[str] = (),
    decisions: Iterable[PairDecision] = (),
) -> list[DuplicateCandidate]:
    """List pairs of organisations that are probably the same, best first.

    Parameters
    ----------
    organisations : sequence of Organisation
        Every organisation to look at (typically the whole store).
    among : collection of str, optional
        Only pairs in which at least one organisation has one of these ids (the records
        just imported). ``None`` looks at every pair.
    place_names : iterable of str, optional
        Names of places and areas (wijken, buurten, gemeenten). A name that is another
        name plus one of these is a ``location``; plus other words, ``name-extends``.
    decisions : iterable of PairDecision, optional
        Analysts' verdicts on pairs (``Store.pair_decisions``). A pair whose latest verdict
        is "not the same organisation" is never listed again; a "same" verdict changes
        nothing (the pair stays listed until it is merged).

    Returns
    -------
    list of DuplicateCandidate
        By score, highest first, then by ids. Each pair appears once.

    Notes
    -----
    The indexing and the weights are described in the module docstring. With 5,000
    organisations it compares tens of thousands of pairs, not 12.5 million
    (``benchmarks/bench_duplicates.py``).

    Examples
    --------
    >>> from graph.model import Organisation
    >>> from graph.taxonomy import Sector
    >>> orgs = [Organisation("A", "Buurtzorg", Sector.ZORG, kvk="12345678"),
    ...         Organisation("B", "Buurtzrog", Sector.ZORG, kvk="12345678"),
    ...         Organisation("C", "Sportclub De Linde", Sector.OVERIG)]
    >>> [(c.first, c.second, [r.code for r in c.reasons]) for c in probable_duplicates(orgs)]
    [('A', 'B', ['same-kvk', 'similar-name'])]
    >>> probable_duplicates(orgs, among={"C"})
    []
    >>> probable_duplicates(orgs, decisions=[PairDecision("B", "A", same=False)])
    []
    """
    names = [_Name.of(org) for org in organisations]
    wanted = None if among is None else frozenset(among)
    places = {" ".join(name_tokens(place)): place for place in place_names}
    different = not_same_pairs(decisions)
    found = []
    for pair in _candidate_pairs(names):
        a, b = names[pair // len(names)], names[pair % len(names)]
        if wanted is not None and a.org.id not in wanted and b.org.id not in wanted:
            continue
        if different and pair_key(a.org.id, b.org.id) in different:
            continue
        if not _may_match(a, b):
            continue
        candidate = _compare(a, b, places, wanted)
        if candidate is not None:
            found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.first, c.second))


def not_same_pairs(decisions: Iterable[PairDecision]) -> frozenset[tuple[str, str]]:
    """The pairs (in :func:`graph.survey.pair_key` order) whose latest verdict is "not the same".

    A later verdict on a pair replaces an earlier one.

    >>> sorted(not_same_pairs([PairDecision("B", "A", False), PairDecision("C", "D", False),
    ...                        PairDecision("D", "C", True)]))
    [('A', 'B')]
    """
    verdicts = {(d.first, d.second): d.same for d in decisions}
    return frozenset(pair for pair, same in verdicts.items() if not same)


# -- indexing -----------------------------------------------------------------------------


def _candidate_pairs(names: Sequence[_Name]) -> set[int]:
    """The union of the indexes, each pair ``(i, j)`` with ``i < j`` coded as ``i * len(names) + j``.

    Pairs are plain integers, not tuples, and blocks hold integers: a store of thousands of
    organisations makes hundreds of thousands of them, and integers are no work for the
    garbage collector.
    """
    pairs: set[int] = set()
    pairs.update(_block_pairs(names, lambda n: (n.kvk,) if n.kvk else ()))
    pairs.update(_block_pairs(names, lambda n: (" ".join(sorted(n.words)),) if n.words else ()))
    pairs.update(_block_pairs(names, _one_deletion))
    pairs.update(_leading_word_pairs(names))
    pairs.update(_sorted_neighbours(names, lambda n: n.compact))
    pairs.update(_sorted_neighbours(names, lambda n: n.compact[::-1]))
    return pairs


def _code(i: int, j: int, size: int) -> int:
    return i * size + j if i < j else j * size + i


def _block_pairs(names: Sequence[_Name], keys: Callable[[_Name], Iterable[str]]) -> Iterator[int]:
    """Standard blocking: every pair of names that share a key (``keys`` gives distinct keys)."""
    size = len(names)
    first: dict[str, int] = {}
    more: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        for key in keys(name):
            if key not in first:
                first[key] = i
                continue
            block = more.setdefault(key, [first[key]])
            yield from (j * size + i for j in block)
            block.append(i)


def _one_deletion(name: _Name) -> set[str]:
    """The compact name and every string one letter shorter: names one edit apart share one."""
    text = name.compact
    return {text, *[text[:at] + text[at + 1 :] for at in range(len(text))]}


def _leading_word_pairs(names: Sequence[_Name]) -> Iterator[int]:
    """Pairs in which one name's words are the other's first words (umbrella, location)."""
    size = len(names)
    whole: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        whole[name.tokens].append(i)
    for i, name in enumerate(names):
        for length in range(1, len(name.tokens)):
            yield from (_code(i, j, size) for j in whole.get(name.tokens[:length], ()))


def _sorted_neighbours(names: Sequence[_Name], key: Callable[[_Name], str]) -> Iterator[int]:
    size = len(names)
    order = sorted(range(len(names)), key=lambda i: key(names[i]))
    for at, i in enumerate(order):
        yield from (_code(i, j, size) for j in order[at + 1 : at + WINDOW])


# -- comparison ---------------------------------------------------------------------------


def _may_match(a: _Name, b: _Name) -> bool:
    """A cheap test that lets through every pair :func:`_compare` could list."""
    if a.kvk is not None and a.kvk == b.kvk:
        return True
    short, long = sorted((a.compact, b.compact), key=len)
    if long.startswith(short):
        return True
    return a.numbers == b.numbers and len(long) - len(short) <= _MAX_EDITS


def _linked(a: Organisation, b: Organisation) -> bool:
    return a.parent_id == b.id or b.parent_id == a.id


def _compare(
    a: _Name, b: _Name, places: Mapping[str, str], new: frozenset[str] | None
) -> DuplicateCandidate | None:
    if _linked(a.org, b.org):
        return None
    reasons = [*_kvk_reasons(a, b), *_name_reasons(a, b)]
    umbrella = _umbrella(a, b)
    if umbrella is not None:
        reasons.append(_location_reason(*umbrella, places))
    if not any(r.weight > 0 for r in reasons) or sum(r.weight for r in reasons) < MIN_SCORE:
        return None
    reasons.sort(key=lambda r: -r.weight)
    if umbrella is not None:
        return DuplicateCandidate(umbrella[0].org.id, umbrella[1].org.id, "set_parent", tuple(reasons))
    keep, drop = _keeper(a, b, new)
    return DuplicateCandidate(keep.org.id, drop.org.id, "merge", tuple(reasons))


def _kvk_reasons(a: _Name, b: _Name) -> list[Reason]:
    if not a.kvk or not b.kvk:
        return []
    if a.kvk != b.kvk:
        return [say.different_kvk(a.kvk, b.kvk, weight=_WEIGHT["different-kvk"])]
    siblings = a.org.parent_id is not None and a.org.parent_id == b.org.parent_id
    return [] if siblings else [say.same_kvk(a.kvk, weight=_WEIGHT["same-kvk"])]


def _name_reasons(a: _Name, b: _Name) -> list[Reason]:
    if a.compact == b.compact or (a.words == b.words and len(a.tokens) == len(b.tokens)):
        return [say.same_name(" ".join(a.tokens), weight=_WEIGHT["same-name"])]
    variant = _spelling_variant(a, b)
    if variant is None:
        return []
    left, right, edits = variant
    return [say.similar_name(left, right, edits, weight=_SIMILAR_WEIGHT - _PER_EDIT * edits)]


def _spelling_variant(a: _Name, b: _Name) -> tuple[str, str, int] | None:
    """The words that differ and their edit distance, when that is a spelling variant."""
    if a.numbers != b.numbers:
        return None
    left = " ".join(t for t in a.tokens if t not in b.words)
    right = " ".join(t for t in b.tokens if t not in a.words)
    short, long = sorted((left.replace(" ", ""), right.replace(" ", "")), key=len)
    if not short or long.startswith(short):  # more words, or a longer word: not a typo
        return None
    allowed = typo_allowance(len(short))
    if len(long) - len(short) > allowed or len(set(short) ^ set(long)) > 2 * allowed:
        return None  # each edit changes the length, or the set of letters, by 1 or 2 at most
    edits = edit_distance(short, long, limit=allowed)
    return (left, right, edits) if 0 < edits <= allowed else None


def typo_allowance(length: int) -> int:
    """How many edits a word of ``length`` letters may differ by and still be a spelling variant.

    Lucene's ``AUTO`` fuzziness: none up to 2 letters, 1 up to 5, 2 above.

    >>> [typo_allowance(n) for n in (2, 3, 5, 6, 12)]
    [0, 1, 1, 2, 2]
    """
    return 0 if length <= _EXACT_UP_TO else 1 if length <= _ONE_EDIT_UP_TO else _MAX_EDITS


def edit_distance(a: str, b: str, *, limit: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): edits, a swap counting as one.

    With ``limit``, stops early and returns ``limit + 1`` once the distance must exceed it.

    >>> edit_distance("buurtzorg", "buurtzrog"), edit_distance("eik", "dijk"), edit_distance("", "ab")
    (1, 2, 2)
    >>> edit_distance("noord", "zuid", limit=1)
    2
    """
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1] if limit is None else min(previous[-1], limit + 1)


def _umbrella(a: _Name, b: _Name) -> tuple[_Name, _Name] | None:
    """``(umbrella, location)`` when one name is the other plus words, in one sector."""
    short, long = sorted((a, b), key=lambda n: len(n.tokens))
    size = len(short.tokens)
    extends = size < len(long.tokens) and long.tokens[:size] == short.tokens
    numbered = long.tokens[size].isdigit() if extends else False  # "Praktijk (2) Noord" is no branch
    orphan = long.org.parent_id is None  # a location with an umbrella already needs none
    return (short, long) if extends and not numbered and orphan and a.org.sector is b.org.sector else None


def _location_reason(umbrella: _Name, location: _Name, places: Mapping[str, str]) -> Reason:
    suffix = " ".join(location.tokens[len(umbrella.tokens) :])
    if suffix in places:
        return say.location_of(umbrella.org.name, places[suffix], weight=_WEIGHT["location"])
    return say.name_extends(umbrella.org.name, suffix, weight=_WEIGHT["name-extends"])


def _keeper(a: _Name, b: _Name, new: frozenset[str] | None) -> tuple[_Name, _Name]:
    """``(keep, drop)``: the one known before the import, else more details, else lower id."""

    def rank(n: _Name) -> tuple[bool, int, str]:
        return (new is not None and n.org.id in new, -n.details, n.org.id)

    keep, drop = sorted((a, b), key=rank)
    return keep, drop
