-- Issues and their events are insert-mostly: vacuum and analyse them after 1–2% new rows rather
-- than PostgreSQL's default 20%, so the inbox's counts keep using index-only scans after the
-- burst of reports between the 3rd and the 10th (figures in bench/results/latest.md).
ALTER TABLE issues SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE issue_events SET (autovacuum_vacuum_insert_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE reports SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
