"""A plagiarism hint for a teacher: which submissions are (almost) the same program.

``normalise_source`` reduces a program to what a copy cannot hide cheaply: comments are
dropped, whitespace is collapsed (tokens joined by single spaces), and every identifier that
is not a keyword or a well-known library name (``cin``, ``printf``, ``System``, ``writeln``,
``range``…) becomes ``v1``, ``v2``… in order of first appearance, so renaming variables or
re-indenting does not change it. String literals are kept as written (so names inside a
Python f-string are not renamed); a C/C++ preprocessor line (``#include <bits/stdc++.h>``) is
one token; Pascal is case-insensitive, so its names are lower-cased first. Placeholders follow
first appearance, so a copy that also reorders its declarations (``int q, n;``) renumbers its
names and scores lower (about 0.75 on a 20-line program): the threshold is the teacher's call.

``similar_pairs`` compares submissions of the same language only, with winnowing
(Schleimer, Wilkerson, Aiken, "Winnowing: local algorithms for document fingerprinting",
2003 — the idea behind MOSS): each program's normalised tokens are cut into overlapping
``K_GRAM``-token k-grams, each k-gram is hashed, and the smallest hash of every ``WINDOW``
consecutive ones is kept as a fingerprint. Any shared run of ``K_GRAM + WINDOW - 1`` tokens is
sure to share a fingerprint. The similarity of two programs is the Dice coefficient of their
fingerprint sets, ``2·|A∩B| / (|A| + |B|)`` (1.0 for the same set), the measure
``difflib.SequenceMatcher.ratio`` uses on sequences. An inverted index from fingerprint to
programs counts shared fingerprints, so the work is linear in the total size of the programs
plus the pairs that really share something, rather than a full comparison of every pair.

**Languages.** ``language`` is matched loosely: ``"cpp17"``, ``"g++"`` and ``"C++"`` are all
C++, ``"python3"`` and ``"pypy3"`` Python, ``"fpc"`` and ``"delphi"`` Pascal, ``"java21"``
Java, ``"c11"`` C; two submissions are compared only when they are the same language in this
sense (C and C++ are different languages). Another language is compared with submissions
of the same name only and read with C-style comments (``//``, ``/* */``).

The result is a hint, not a verdict: short programs for one small task can be alike honestly,
and each student's submissions should be passed once (their own resubmissions match too).
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import blake2b
from itertools import combinations
from typing import Literal

K_GRAM = 5
WINDOW = 4

Family = Literal["c", "java", "python", "pascal"]

_NUMBER = r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\w*"
_C_LIKE = re.compile(
    rf"""
    (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<directive>^[ \t]*\#[^\n]*)
    |(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
    |(?P<number>{_NUMBER})
    |(?P<name>[^\W\d][\w$]*)
    |(?P<op><<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||::|[-+*/%&|^]=|\S)
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
_PYTHON = re.compile(
    rf"""
    (?P<comment>\#[^\n]*)
    |(?P<string>[rRbBuUfF]{{0,2}}(?:'''.*?(?:'''|\Z)|\"\"\".*?(?:\"\"\"|\Z)
        |'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
    |(?P<number>{_NUMBER})
    |(?P<name>[^\W\d]\w*)
    |(?P<op>\*\*=|//=|>>=|<<=|->|:=|\*\*|//|<<|>>|<=|>=|==|!=|[-+*/%&|^@]=|\S)
    """,
    re.VERBOSE | re.DOTALL,
)
_PASCAL = re.compile(
    rf"""
    (?P<comment>//[^\n]*|\{{.*?(?:\}}|\Z)|\(\*.*?(?:\*\)|\Z))
    |(?P<string>'(?:[^'\n]|'')*')
    |(?P<number>\$[0-9A-Fa-f]+|{_NUMBER})
    |(?P<name>[^\W\d]\w*)
    |(?P<op>:=|<>|<=|>=|\.\.|\S)
    """,
    re.VERBOSE | re.DOTALL,
)
_PATTERNS: dict[Family, re.Pattern[str]] = {
    "c": _C_LIKE,
    "java": _C_LIKE,
    "python": _PYTHON,
    "pascal": _PASCAL,
}

_C_KNOWN = frozenset(
    """
    alignas alignof asm auto bool break case catch char char16_t char32_t class const
    constexpr const_cast continue decltype default delete do double dynamic_cast else enum
    explicit export extern false float for friend goto if inline int long mutable namespace
    new noexcept nullptr operator private protected public register reinterpret_cast return
    short signed sizeof static static_assert static_cast struct switch template this
    thread_local throw true try typedef typeid typename union unsigned using virtual void
    volatile wchar_t while restrict _Bool
    std main cin cout cerr endl ios ios_base sync_with_stdio tie printf scanf puts gets
    getchar putchar fgets fputs freopen fopen fclose stdin stdout stderr NULL EOF
    string vector map set multiset multimap unordered_map unordered_set pair make_pair tuple
    make_tuple get array bitset deque queue priority_queue stack list greater less
    first second push_back emplace_back pop_back push_front pop_front back front push pop top
    emplace size empty clear insert erase find count begin end rbegin rend resize reserve
    assign at data substr length append c_str getline to_string stoi stol stoll stod
    sort stable_sort reverse unique min max min_element max_element swap fill memset memcpy
    lower_bound upper_bound binary_search next_permutation accumulate iota partial_sum gcd
    lcm __gcd abs fabs sqrt pow exp log log2 log10 floor ceil round sin cos tan atan2
    numeric_limits INT_MAX INT_MIN LLONG_MAX LLONG_MIN ULLONG_MAX size_t int64_t uint64_t
    int32_t uint32_t ll ull ld fixed setprecision setw iostream ostream istream
    malloc calloc free strlen strcmp strcpy strcat isdigit isalpha tolower toupper
    """.split()  # noqa: SIM905 - a word list reads better as text than as 200 quoted words
)
_JAVA_KNOWN = frozenset(
    """
    abstract assert boolean break byte case catch char class const continue default do
    double else enum extends final finally float for goto if implements import instanceof
    int interface long native new package private protected public return short static
    strictfp super switch synchronized this throw throws transient try void volatile while
    var record true false null
    java util io lang math System out in err println print printf format String Scanner
    nextInt nextLong nextDouble nextLine next hasNext hasNextInt BufferedReader
    InputStreamReader readLine StringTokenizer nextToken hasMoreTokens PrintWriter
    BufferedWriter OutputStreamWriter write flush close Integer Long Double Boolean
    Character parseInt parseLong parseDouble valueOf toString Math max min abs sqrt pow
    floor ceil round Arrays Collections sort fill asList stream List ArrayList LinkedList
    Map HashMap TreeMap Set HashSet TreeSet Queue Deque ArrayDeque PriorityQueue Stack
    Iterator add get put set remove contains containsKey getOrDefault size isEmpty clear
    keySet values entrySet getKey getValue offer poll peek push pop length charAt
    substring split trim equals compareTo hashCode StringBuilder append reverse toCharArray
    main args Object Exception IOException MAX_VALUE MIN_VALUE
    """.split()  # noqa: SIM905 - a word list reads better as text than as 200 quoted words
)
_PYTHON_KNOWN = frozenset(
    [
        *keyword.kwlist,
        *keyword.softkwlist,
        *dir(builtins),
        *"""
        sys os math itertools collections functools heapq bisect re string random decimal
        fractions typing operator stdin stdout stderr readline readlines read write
        setrecursionlimit exit append extend insert pop remove index count clear copy sort
        reverse keys values items get setdefault update add discard split rsplit strip
        rstrip lstrip join replace find rfind lower upper startswith endswith isdigit
        isalpha format deque defaultdict Counter OrderedDict lru_cache cache reduce
        heappush heappop heapify bisect_left bisect_right insort permutations combinations
        product accumulate chain groupby gcd lcm sqrt isqrt floor ceil log log2 inf pi
        appendleft popleft most_common self cls main __name__ __main__ __init__
        """.split(),  # noqa: SIM905 - a word list reads better as text
    ]
)
_PASCAL_KNOWN = frozenset(
    """
    and array as asm begin case class const constructor destructor div do downto else end
    except exports file finalization finally for function goto if implementation in
    inherited initialization inline interface is label library mod nil not object of on or
    packed procedure program property raise record repeat set shl shr string then threadvar
    to try type unit until uses var while with xor result exit break continue halt
    integer longint int64 qword cardinal word byte shortint smallint real double extended
    single boolean char ansistring true false
    read readln write writeln input output eof eoln assign reset rewrite close
    inc dec length setlength copy pos delete insert ord chr abs sqr sqrt trunc round frac
    odd high low min max succ pred fillchar move val str inttostr strtoint floattostr
    sysutils math classes crt maxint maxlongint
    """.split()  # noqa: SIM905 - a word list reads better as text than as 200 quoted words
)
_KNOWN: dict[Family, frozenset[str]] = {
    "c": _C_KNOWN,
    "java": _JAVA_KNOWN,
    "python": _PYTHON_KNOWN,
    "pascal": _PASCAL_KNOWN,
}


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Two submissions of one language, ``a < b``; ``identical`` after normalisation."""

    a: int
    b: int
    similarity: float
    identical: bool


def language_key(language: str) -> str:
    """The language a submission is compared within: ``"cpp"``, ``"c"``, ``"java"``…

    Versions and compilers fold together (``"cpp17"``, ``"g++"`` → ``"cpp"``; ``"pypy3"`` →
    ``"python"``); a name not recognised is its own language (lower-cased, spaces removed).
    """
    name = "".join(language.lower().split())
    if name.startswith(("python", "pypy", "py3")) or name == "py":
        return "python"
    if "pascal" in name or name.startswith(("fpc", "delphi")) or name == "pas":
        return "pascal"
    if name.startswith(("c++", "cpp", "g++", "clang++", "gnu++", "cxx")):
        return "cpp"
    if name.startswith("java") and not name.startswith("javascript"):
        return "java"
    if re.fullmatch(r"(?:c|gnuc|gcc|clang)\d*", name):
        return "c"
    return name


_FAMILIES: dict[str, Family] = {"python": "python", "pascal": "pascal", "java": "java"}


def _tokens(language: str, source: str) -> list[str]:
    family = _FAMILIES.get(language_key(language), "c")
    known = _KNOWN[family]
    placeholders: dict[str, str] = {}
    tokens: list[str] = []
    for match in _PATTERNS[family].finditer(source):
        kind = match.lastgroup
        text = match.group()
        if kind == "comment":
            continue
        if kind == "directive":
            tokens.append(" ".join(text.split()))
        elif kind == "name":
            name = text.lower() if family == "pascal" else text
            if name in known:
                tokens.append(name)
            else:
                tokens.append(placeholders.setdefault(name, f"v{len(placeholders) + 1}"))
        else:
            tokens.append(text)
    return tokens


def normalise_source(language: str, source: str) -> str:
    """``source`` without comments and layout, its own identifiers renamed ``v1``, ``v2``…

    See the module docstring for what is kept; two programs that differ only in comments,
    whitespace and the names of their variables give the same string.
    """
    return " ".join(_tokens(language, source))


def _hash(gram: Sequence[str]) -> int:
    # A stable hash (Python's own is salted per process), so the hint is the same each run.
    digest = blake2b("\x00".join(gram).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _fingerprints(tokens: Sequence[str]) -> frozenset[int]:
    if len(tokens) <= K_GRAM:
        return frozenset({_hash(tokens)}) if tokens else frozenset()
    hashes = [_hash(tokens[i : i + K_GRAM]) for i in range(len(tokens) - K_GRAM + 1)]
    if len(hashes) <= WINDOW:
        return frozenset(hashes)
    return frozenset(min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1))


def similar_pairs(
    sources: Sequence[tuple[int, str, str]], *, threshold: float = 0.9
) -> list[SimilarPair]:
    """Pairs of submissions of one language at least ``threshold`` alike, most alike first.

    ``sources`` are ``(submission_id, language, source)``. A source with no tokens at all
    (empty, or only comments) is left out. Pairs are ordered by similarity, then by ids.

    Raises:
        ValueError: ``threshold`` is not in (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be above 0 and at most 1")
    by_language: dict[str, list[tuple[int, tuple[str, ...], frozenset[int]]]] = defaultdict(list)
    for submission_id, language, source in sources:
        tokens = tuple(_tokens(language, source))
        if tokens:
            by_language[language_key(language)].append(
                (submission_id, tokens, _fingerprints(tokens))
            )
    pairs: list[SimilarPair] = []
    for programs in by_language.values():
        index: dict[int, list[int]] = defaultdict(list)
        for position, (_, _, prints) in enumerate(programs):
            for fingerprint in prints:
                index[fingerprint].append(position)
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for positions in index.values():
            for pair in combinations(positions, 2):
                shared[pair] += 1
        for (first, second), common in shared.items():
            id_a, tokens_a, prints_a = programs[first]
            id_b, tokens_b, prints_b = programs[second]
            identical = tokens_a == tokens_b
            similarity = 1.0 if identical else 2 * common / (len(prints_a) + len(prints_b))
            if similarity >= threshold:
                low, high = sorted((id_a, id_b))
                pairs.append(SimilarPair(low, high, similarity, identical))
    pairs.sort(key=lambda pair: (-pair.similarity, pair.a, pair.b))
    return pairs
