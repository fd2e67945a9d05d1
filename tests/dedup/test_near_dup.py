"""MinHash near-duplicates: a syndicated copy with a different byline matches, another story does not."""

from eventwire.dedup import NEAR_DUP_THRESHOLD, band_keys, minhash_signature, signature_similarity


def test_copy_is_similar_and_other_story_is_not(story_text):
    copy = "By Staff Reporter (Reuters) - " + story_text.replace("Friday", "Friday evening") + " Editing by J. Doe."
    other = (
        "Thousands of teachers marched through central Nairobi on Monday demanding higher pay, and union "
        "leaders warned of a nationwide strike if the government did not reopen talks within a week."
    )
    a, b, c = (minhash_signature(t) for t in (story_text, copy, other))
    assert signature_similarity(a, b) >= NEAR_DUP_THRESHOLD
    assert signature_similarity(a, c) < 0.2
    assert set(band_keys(a)) & set(band_keys(b))  # the copy is found as an LSH candidate
    assert minhash_signature(story_text) == a  # deterministic across calls (and processes)
