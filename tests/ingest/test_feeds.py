"""RSS/Atom feeds: one document per entry, HTML content to text, ids, links and dates kept."""

from __future__ import annotations

from datetime import date

from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.model import Document

PARA = (
    "<p>Gunmen attacked a police checkpoint outside Kirkuk on Tuesday, killing three officers, officials said. "
    "The attackers fled towards the hills south of the city before reinforcements arrived.</p>"
    "<p>No group has claimed responsibility, but security officials blamed remnants of Islamic State, which "
    "still carries out sporadic raids in the area.</p>"
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title><link>https://news.example/</link><description>d</description>
<item><title>Checkpoint attacked near Kirkuk</title><link>https://news.example/a1</link>
<guid>urn:news:a1</guid><pubDate>Tue, 07 Jan 2020 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<div><nav>Home | World</nav>{PARA}</div>]]></content:encoded></item>
<item><title>Protest in Basra</title><link>https://news.example/a2</link>
<pubDate>Wed, 08 Jan 2020 09:00:00 GMT</pubDate>
<description>Hundreds of &lt;b&gt;protesters&lt;/b&gt; rallied in Basra on Wednesday against power cuts.</description>
</item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<id>urn:feed</id><updated>2020-01-09T00:00:00Z</updated>
<entry><title>Kirkuk attack</title><id>tag:news.example,2020:1</id><link href="https://news.example/atom1"/>
<published>2020-01-09T08:00:00Z</published><updated>2020-01-10T08:00:00Z</updated>
<content type="html">{PARA.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>
</feed>"""


def read(path) -> list:
    return list(iter_documents([str(path)]))


def test_rss_entries_become_documents(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs = read(path)
    assert [type(d) for d in docs] == [Document, Document]
    first, second = docs
    assert first.title == "Checkpoint attacked near Kirkuk"
    assert first.url == "https://news.example/a1"
    assert first.publication_date == date(2020, 1, 7)
    assert "killing three officers" in first.text and "Home | World" not in first.text
    assert "<p>" not in first.text
    # A summary-only entry is kept as text, markup removed.
    assert second.text.startswith("Hundreds of protesters rallied in Basra")
    assert second.publication_date == date(2020, 1, 8)


def test_ids_are_stable_and_distinct(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    ids = [d.doc_id for d in read(path)]
    assert len(set(ids)) == 2 and ids == [d.doc_id for d in read(path)]


def test_atom_feed(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read(path)
    assert doc.url == "https://news.example/atom1"
    assert doc.publication_date == date(2020, 1, 9)
    assert "Gunmen attacked a police checkpoint" in doc.text


def test_truncated_feed_keeps_entries_read_and_reports_error(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("<item><title>Protest")] + "<item><title>Prot", encoding="utf-8")
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.url for d in docs][:1] == ["https://news.example/a1"]
    assert errors and any("E012" in str(e) and "kept" in str(e) for e in errors)


def test_not_a_feed_is_an_input_error(tmp_path):
    path = tmp_path / "junk.xml"
    path.write_text("this is < not xml at all", encoding="utf-8")
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], InputError) and "E012" in str(items[0])
