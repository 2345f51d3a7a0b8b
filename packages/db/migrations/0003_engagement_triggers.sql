-- The audience change log (audiences module): every row change that can move a customer in or out
-- of an audience writes (tenant, customer) to audience_changes, in the same transaction, so every
-- process's in-memory audience index can catch up before it counts. Updates that touch nothing an
-- audience reads (names, remarks, updated_at) are not logged.
CREATE FUNCTION audience_log_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (OLD.tenant_id, OLD.id);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at
     AND NEW.store_id IS NOT DISTINCT FROM OLD.store_id AND NEW.attrs = OLD.attrs THEN
    RETURN NEW;
  END IF;
  INSERT INTO audience_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION audience_log_customer_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (OLD.tenant_id, OLD.customer_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.customer_id IS DISTINCT FROM OLD.customer_id OR NEW.tag_id IS DISTINCT FROM OLD.tag_id) THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.customer_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION audience_log_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id AND NEW.staff_id IS NOT DISTINCT FROM OLD.staff_id
     AND NEW.added_at IS NOT DISTINCT FROM OLD.added_at AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (OLD.tenant_id, OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.customer_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION audience_log_group_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id
     AND NEW.left_at IS NOT DISTINCT FROM OLD.left_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.customer_id IS NOT NULL THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (OLD.tenant_id, OLD.customer_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.customer_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.customer_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION audience_log_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id AND NEW.status IS NOT DISTINCT FROM OLD.status
     AND NEW.amount_cents IS NOT DISTINCT FROM OLD.amount_cents AND NEW.paid_at IS NOT DISTINCT FROM OLD.paid_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (OLD.tenant_id, OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    INSERT INTO audience_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.customer_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A tag created, moved to another group or deleted changes the tag → group map (`untaggedIn`).
CREATE FUNCTION audience_log_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO audience_changes (tenant_id, what) VALUES (OLD.tenant_id, 'tags');
  ELSE
    INSERT INTO audience_changes (tenant_id, what) VALUES (NEW.tenant_id, 'tags');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION audience_log_customers();
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON customer_tags FOR EACH ROW EXECUTE FUNCTION audience_log_customer_tags();
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON follows FOR EACH ROW EXECUTE FUNCTION audience_log_follows();
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON group_members FOR EACH ROW EXECUTE FUNCTION audience_log_group_members();
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audience_log_orders();
--> statement-breakpoint
CREATE TRIGGER audience_log AFTER INSERT OR UPDATE OR DELETE ON tags FOR EACH ROW EXECUTE FUNCTION audience_log_tags();

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
