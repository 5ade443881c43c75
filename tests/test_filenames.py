"""Names made from editor text fit in a file name and an address, deterministically."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsletter.core.filenames import MAX_NAME_BYTES, fit_name


@given(st.text(min_size=1, max_size=400))
def test_every_name_fits_and_is_the_same_every_time(name: str) -> None:
    fitted = fit_name(name)
    assert len(fitted.encode("utf-8")) <= MAX_NAME_BYTES
    assert fitted == fit_name(name)
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        assert fitted == name


def test_a_long_name_keeps_its_beginning_and_long_names_stay_apart() -> None:
    first, second = "长" * 100 + "甲", "长" * 100 + "乙"
    assert fit_name(first).startswith("长" * 30)
    assert fit_name(first) != fit_name(second)
    # Cut between characters, never inside one: 300 Latin letters give
    # more of the name than 100 Chinese characters, and both fit.
    assert fit_name("a" * 300).startswith("a" * 100)
    assert len(fit_name("a" * 300).encode()) == MAX_NAME_BYTES
