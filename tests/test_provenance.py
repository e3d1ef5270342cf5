"""tradefight.provenance: how each source was read."""
from __future__ import annotations

from tradefight import provenance

from .helpers import source_table


def test_kind_tells_government_sites_copies_and_reports_apart():
    assert provenance.kind({"url": "https://english.mofcom.gov.cn/x", "publisher": "MOFCOM"}) == "government site"
    assert provenance.kind({"url": "https://www.federalregister.gov/d/1"}) == "government site"
    assert provenance.kind({"url": "https://gss.mof.gov.cn/a"}) == "government site"
    assert provenance.kind({"url": "https://example.org", "primary_url": "https://www.cbp.gov/x"}) == \
        "copy of an official text"
    assert provenance.kind({"url": "https://example.org", "publisher": "NYCSCS (reproducing CBP guidance)",
                            "primary_url": float("nan")}) == "copy of an official text"
    assert provenance.kind({"url": "https://lawfirm.example.com/a", "publisher": "A law firm"}) == "report"
    assert provenance.kind({"url": "https://notgov.example.com/gov"}) == "report"  # the host decides, not the path


def test_tally_counts_distinct_sources_by_kind():
    sources = source_table()
    assert provenance.tally(["s", "s", "t", "unknown"], sources) == {
        "government site": 0, "copy of an official text": 1, "report": 1}
