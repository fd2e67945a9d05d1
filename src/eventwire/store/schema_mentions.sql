-- Every sentence that tells an event's happening (extract/happenings.py groups a document's mentions of one
-- happening into one event): a JSON list of {sentence, char_start, char_end} in text order, the evidence among
-- them; offsets into documents.text. Added by ALTER so that a store written before it opens and gains the column
-- (its older rows have NULL here: their one mention is their evidence).
ALTER TABLE events ADD COLUMN IF NOT EXISTS mentions JSON;
