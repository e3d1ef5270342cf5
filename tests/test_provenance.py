"""tradefight.provenance: where each source was read."""
from __future__ import annotations

from tradefight import provenance

from .helpers import source_table


def test_a_government_site_is_told_by_its_host():
    assert provenance.on_government_site({"url": "https://english.mofcom.gov.cn/x"})
    assert provenance.on_government_site({"url": "https://www.federalregister.gov/d/1"})
    assert provenance.on_government_site({"url": "https://www.gov.uk/guidance"})
    assert not provenance.on_government_site({"url": "https://example.org", "primary_url": "https://www.cbp.gov/x"})
    assert not provenance.on_government_site({"url": "https://notgov.example.com/gov"})  # the host, not the path
    assert not provenance.on_government_site({"url": None})


def test_tally_counts_distinct_listed_sources():
    sources = source_table([["g", "CBP", "T", "https://www.cbp.gov/a", None, None, "2025-07-01"],
                            ["r", "A broker", "T", "https://broker.example.com/a", None, None, "2025-07-01"]])
    assert provenance.tally(["g", "g", "r", "unknown"], sources) == {"government site": 1, "elsewhere": 1}
