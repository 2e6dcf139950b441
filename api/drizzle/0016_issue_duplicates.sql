ALTER TABLE "issues" ADD COLUMN "duplicate_of" uuid;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_duplicate_of_issues_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issues_duplicate_of_idx" ON "issues" USING btree ("duplicate_of") WHERE duplicate_of is not null;