DROP INDEX "broadcast_recipients_planned_idx";--> statement-breakpoint
CREATE INDEX "broadcasts_recipients_at_idx" ON "broadcasts" USING btree ("tenant_id","recipients_at");