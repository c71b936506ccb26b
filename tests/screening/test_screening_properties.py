"""Properties: noise on a listed name keeps it listed; a name unlike every listed one is never listed."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from compliance.screening import ListEntry, Screener, load_bundled
from compliance.screening.normalize import literal_tokens, name_tokens

ENTRIES = [e for e in load_bundled()[0]]
SCREENER = Screener(ENTRIES)
FAR = dt.date(2030, 1, 1)
LISTED_TOKENS = {tuple(sorted(name_tokens(t))) for e in ENTRIES for t in (e.name, *e.aliases)}
SEPARATORS = (" ", "  ", ", ", " - ", ". ", "\t", " / ")
FORMS = ("", "Co., Ltd.", "Ltd", "Inc.", "LLC", "GmbH", "Corp.", "Limited", "Company", "S.A.", "co ltd")


@st.composite
def case_noise(draw: st.DrawFn, text: str) -> str:
    """*text* with each character's case chosen at random."""
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True))


@st.composite
def noisy_name(draw: st.DrawFn, entry: ListEntry) -> str:
    """The entry's name with random case, separators between words and a legal form added."""
    words = draw(case_noise(entry.name)).split()
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    return f"{draw(st.sampled_from(('', ' ', '  ')))}{text} {draw(st.sampled_from(FORMS))}"


@given(st.sampled_from(ENTRIES).flatmap(lambda e: st.tuples(st.just(e), noisy_name(e))))
def test_noise_keeps_a_listed_name_listed(pair: tuple[ListEntry, str]) -> None:
    entry, name = pair
    listed = {c.entry.id for c in SCREENER.screen(name, country=entry.country, as_of=FAR) if c.level == "listed"}
    assert entry.id in listed, name


WORD = st.text(alphabet="bcdfghjklmnpqrstvwxzaeiou", min_size=3, max_size=9)


@given(st.lists(WORD, min_size=1, max_size=4), st.sampled_from(FORMS))
def test_a_name_unlike_every_listed_name_is_never_listed(words: list[str], form: str) -> None:
    name = " ".join([*words, form])
    assume(literal_tokens(name) and tuple(sorted(name_tokens(name))) not in LISTED_TOKENS)
    assert all(c.level != "listed" for c in SCREENER.screen(name, as_of=FAR))
