from eventwire.ingest import clean_text


def test_forum_chrome_lines_are_dropped():
    raw = "Title of story < >\nPost# of 65629\n< >\nShare\nTweet\nReal sentence one.\n\nReal sentence two.\n"
    text, segments = clean_text(raw)
    assert text == "Title of story\nReal sentence one.\nReal sentence two."
    # Each kept line maps back to where it starts in the raw text.
    for clean_start, raw_start in segments:
        line = text[clean_start:].split("\n", 1)[0]
        assert raw[raw_start : raw_start + len(line)] == line


def test_sentences_that_mention_sharing_are_kept():
    text, _ = clean_text("Iran and Iraq share a long border.\nReply to the minister was swift.")
    assert text == "Iran and Iraq share a long border.\nReply to the minister was swift."


def test_control_characters_are_blanked_without_moving_offsets():
    text, _ = clean_text("Rebels\x07 attacked\x0b the town.")
    assert text == "Rebels  attacked  the town."


def test_wire_credit_lines_and_copyright_notices_are_dropped():
    raw = (
        "KABUL (Wire) - Gunmen attacked a checkpoint on Monday, officials said.\n"
        "(Reporting by Jane Roe; Editing by John Doe)\n"
        "Copyright 2022 Wire News. All rights reserved.\n"
        "By a staff correspondent\n"
        "-- Distributed by Example Syndicate"
    )
    text, _ = clean_text(raw)
    assert text == "KABUL (Wire) - Gunmen attacked a checkpoint on Monday, officials said."


def test_credits_glued_to_the_last_paragraph_are_cut_and_offsets_kept():
    for tail in (
        " (Reporting by Jane Roe; writing by the Asia desk)",
        " -- Distributed by Wire",
        " Copyright Wire 2021.",
        " © 2022 Example News Ltd. All rights reserved.",
    ):
        body = "Rockets hit the base on Friday, the army said."
        text, segments = clean_text(body + tail)
        assert text == body and segments == [(0, 0)]


def test_sentences_about_copyright_or_reporting_are_kept():
    raw = (
        "The court ruled under the U.S. Copyright Act of 1976.\n"
        "Copyright holders protested outside the parliament on Tuesday.\n"
        "The minister said reporting by local media was biased."
    )
    assert clean_text(raw)[0] == raw
