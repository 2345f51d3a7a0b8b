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
