-- The inactivity trigger reads automation_activity, kept from now on by the automations module's
-- event subscribers. Seed it once from the customers' timelines, so customers who engaged before
-- this migration count from their real last engagement (a customer's own message, an order, an add,
-- a group join).
INSERT INTO "automation_activity" ("tenant_id", "customer_id", "last_active_at")
SELECT "tenant_id", "customer_id", max("occurred_at")
FROM "customer_events"
WHERE ("type" = 'message' AND "actor_type" = 'customer') OR "type" IN ('order.paid', 'follow.added', 'group.joined')
GROUP BY "tenant_id", "customer_id"
ON CONFLICT ("tenant_id", "customer_id") DO UPDATE SET "last_active_at" = greatest("automation_activity"."last_active_at", excluded."last_active_at");
