-- custom: the related-issue hints' prefilter (issue 16; features/issues/related.ts). Each issue keeps the trigram count of its normalised title (the head of search_text) and a 512-bit signature of its trigrams (bit hashtext(trigram) & 511 set). A title can reach similarity >= 0.3 or word_similarity >= 0.6 only if it shares at least min(0.3 (a + b) / 1.3, 0.6 a) of the a trigrams typed (b: its own); popcount(signature & typed signature) can only overcount what it shares, so testing it first skips most of a commune's rows without changing which ones match. Generated columns, unknown to schema.ts (never selected through drizzle); the function names its search_path so that a restore (search_path '') can compute them.
CREATE FUNCTION related_trgm_signature(t text) RETURNS bit(512)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path FROM CURRENT
  AS $$ select coalesce(bit_or(B'1'::bit(512) >> (hashtext(g) & 511)), repeat('0', 512)::bit(512)) from unnest(show_trgm(t)) g $$;--> statement-breakpoint
CREATE FUNCTION related_trgm_count(t text) RETURNS smallint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path FROM CURRENT
  AS $$ select cardinality(show_trgm(t))::smallint $$;--> statement-breakpoint
ALTER TABLE issues
  ADD COLUMN related_signature bit(512) GENERATED ALWAYS AS (related_trgm_signature(left(search_text, char_length(title)))) STORED,
  ADD COLUMN related_trigrams smallint GENERATED ALWAYS AS (related_trgm_count(left(search_text, char_length(title)))) STORED;
