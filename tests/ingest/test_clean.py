from eventwire.ingest import clean_text


def test_forum_chrome_lines_are_dropped():
    raw = "Title of story < >\nPost# of 65629\n< >\nShare\nTweet\nReal sentence one.\n\nReal sentence two.\n"
    text, segments = clean_text(raw)
    assert text == "Title of story\nReal sentence one.\nReal sentence two."
    # Each kept line maps back to where it starts in the raw text.
    for clean_start, raw_start in segments:
        line = text[clean_start:].split("\n", 1)[0]
        assert raw[raw_start:raw_start + len(line)] == line


def test_sentences_that_mention_sharing_are_kept():
    text, _ = clean_text("Iran and Iraq share a long border.\nReply to the minister was swift.")
    assert text == "Iran and Iraq share a long border.\nReply to the minister was swift."


def test_control_characters_are_blanked_without_moving_offsets():
    text, _ = clean_text("Rebels\x07 attacked\x0b the town.")
    assert text == "Rebels  attacked  the town."
