"""Fatality reconciliation: median of the most confident reports, copies counted once, range kept."""

from eventwire.dedup import FatalityReport, reconcile_fatalities


def test_no_toll_reported():
    assert reconcile_fatalities([FatalityReport(None, 0.9, "a")]).fatalities is None


def test_median_of_the_most_confident_reports_and_range():
    r = reconcile_fatalities(
        [
            FatalityReport(10, 0.9, "a"),
            FatalityReport(12, 0.85, "b"),
            FatalityReport(30, 0.9, "c"),
            FatalityReport(100, 0.3, "d"),
        ]
    )
    assert r.fatalities == 12  # low median of 10, 12, 30; the 0.3-confidence 100 is left out
    assert (r.low, r.high) == (10, 100)


def test_syndicated_copies_count_once():
    copies = [FatalityReport(40, 0.9, "wire")] * 5
    r = reconcile_fatalities(copies + [FatalityReport(10, 0.9, "local"), FatalityReport(12, 0.9, "other")])
    assert r.fatalities == 12  # 10, 12, 40 — not 40 by weight of five copies
