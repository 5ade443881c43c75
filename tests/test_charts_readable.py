"""Coverage charts say something and can be read on a phone."""

from __future__ import annotations

from bs4 import BeautifulSoup

from newsletter.core.charts import quarter_chart


def _svg(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser").svg


def test_no_chart_is_drawn_without_items() -> None:
    assert quarter_chart([((2024, 1), 0), ((2024, 2), 0)], "空") == ""
    assert quarter_chart([], "空") == ""


def test_a_short_span_labels_every_quarter_and_count() -> None:
    svg = _svg(quarter_chart([((2024, 1), 3), ((2024, 2), 0), ((2024, 3), 5)], "Envoy 的新闻数"))
    assert [t.get_text() for t in svg.select("text.coverage-axis")] == [
        "2024 Q1", "2024 Q2", "2024 Q3",
    ]  # fmt: skip
    assert [t.get_text() for t in svg.select("text.coverage-value")] == ["3", "5"]
    assert svg.select_one("line.coverage-axis") is not None


def test_a_long_span_labels_years_and_the_peak() -> None:
    series = [((2019 + i // 4, i % 4 + 1), i % 5) for i in range(40)]
    svg = _svg(quarter_chart(series, "Kubernetes 的新闻数"))
    years = [t.get_text() for t in svg.select("text.coverage-axis")]
    assert years[0] == "2019" and len(years) <= 10
    assert {t.get_text() for t in svg.select("text.coverage-value")} == {"4"}


def test_sparklines_stay_bare() -> None:
    svg = _svg(quarter_chart([((2024, 1), 3)], "x", width=160, height=28))
    assert svg.select("text") == [] and len(svg.select("rect")) == 1
