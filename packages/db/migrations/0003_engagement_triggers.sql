-- The audience change log (audiences module): every row change that can move a customer in or out
-- of an audience writes (tenant, customer) to audience_changes, in the same transaction, so every
-- process's in-memory audience index can catch up before it counts. Updates that touch nothing an
-- audience reads (names, remarks, updated_at) are not logged.
--
-- One trigger function serves every table; each table's trigger says in its arguments what to log:
--   TG_ARGV[0]  the column holding the row's customer id; '' for a table whose rows belong to no one
--               customer (tags): a change there is logged once as (tenant, what = the table's name);
--   TG_ARGV[1]  the columns (comma-separated) an update must change to be logged; '' = every update;
--   TG_ARGV[2]  the columns (comma-separated) whose change by an update logs the new row's customer
--               besides the old row's; '' = none (the row cannot move to another customer).
-- A delete logs the old row's customer, an insert the new row's, an update the old row's (and the
-- new row's when one of TG_ARGV[2] changed); a NULL customer id (a group member who is no customer)
-- is not logged. Columns are read by name from to_jsonb(row), which compares like the columns do.
CREATE FUNCTION audience_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  customer_col text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'UPDATE' AND TG_ARGV[1] <> '' AND NOT EXISTS (
    SELECT FROM unnest(string_to_array(TG_ARGV[1], ',')) AS c WHERE new_row -> c IS DISTINCT FROM old_row -> c
  ) THEN
    RETURN NULL;
  END IF;
  IF customer_col = '' THEN
    INSERT INTO audience_changes (tenant_id, what) VALUES ((coalesce(new_row, old_row) ->> 'tenant_id')::bigint, TG_TABLE_NAME);
    RETURN NULL;
  END IF;
  IF old_row ->> customer_col IS NOT NULL THEN
    INSERT INTO audience_changes (tenant_id, customer_id)
    VALUES ((old_row ->> 'tenant_id')::bigint, (old_row ->> customer_col)::bigint);
  END IF;
  IF new_row ->> customer_col IS NOT NULL AND (TG_OP = 'INSERT' OR EXISTS (
    SELECT FROM unnest(string_to_array(TG_ARGV[2], ',')) AS c WHERE new_row -> c IS DISTINCT FROM old_row -> c
  )) THEN
    INSERT INTO audience_changes (tenant_id, customer_id)
    VALUES ((new_row ->> 'tenant_id')::bigint, (new_row ->> customer_col)::bigint);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION audience_log('id', 'deleted_at,store_id,attrs', '');
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON customer_tags FOR EACH ROW EXECUTE FUNCTION audience_log('customer_id', '', 'customer_id,tag_id');
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON follows FOR EACH ROW EXECUTE FUNCTION audience_log('customer_id', 'customer_id,staff_id,added_at,deleted_at', 'customer_id');
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON group_members FOR EACH ROW EXECUTE FUNCTION audience_log('customer_id', 'customer_id,group_id,left_at', 'customer_id');
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audience_log('customer_id', 'customer_id,status,amount_cents,paid_at', 'customer_id');
--> statement-breakpoint
-- A tag created, moved to another group or deleted changes the tag → group map (`untaggedIn`).
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON tags FOR EACH ROW EXECUTE FUNCTION audience_log('', 'group_id', '');

--> statement-breakpoint

-- Every tenant starts with the built-in script categories (modules/scripts/default-categories.ts,
-- kept equal by scripts.int.test.ts): new tenants get them from this trigger, existing tenants from
-- the insert below, so listing categories never has to write.
CREATE FUNCTION script_default_categories() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO script_categories (tenant_id, key, name, name_en, sort) VALUES
    (NEW.id, 'pre_group', '建群前私聊', 'Pre-group private chat', 10),
    (NEW.id, 'group_rules', '群规', 'Group rules', 20),
    (NEW.id, 'welcome', '欢迎语', 'Welcome', 30),
    (NEW.id, 'self_intro', '自我介绍', 'Self-introduction', 40),
    (NEW.id, 'activity', '活动', 'Activities', 50),
    (NEW.id, 'value', '价值/知识', 'Value & knowledge', 60),
    (NEW.id, 'complaint', '投诉回复', 'Complaint replies', 70)
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER script_default_categories AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION script_default_categories();
--> statement-breakpoint
INSERT INTO script_categories (tenant_id, key, name, name_en, sort)
SELECT t.id, d.key, d.name, d.name_en, d.sort
FROM tenants t
CROSS JOIN (VALUES
  ('pre_group', '建群前私聊', 'Pre-group private chat', 10),
  ('group_rules', '群规', 'Group rules', 20),
  ('welcome', '欢迎语', 'Welcome', 30),
  ('self_intro', '自我介绍', 'Self-introduction', 40),
  ('activity', '活动', 'Activities', 50),
  ('value', '价值/知识', 'Value & knowledge', 60),
  ('complaint', '投诉回复', 'Complaint replies', 70)
) AS d(key, name, name_en, sort)
ON CONFLICT DO NOTHING;

--> statement-breakpoint

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
