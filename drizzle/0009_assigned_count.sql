ALTER TABLE "subscriptions" ADD COLUMN "assigned_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "subscriptions" s SET "assigned_count" = c.n
  FROM (SELECT "subscription_id", count(*)::int AS n FROM "license_assignments" GROUP BY "subscription_id") c
  WHERE c."subscription_id" = s."id";--> statement-breakpoint
-- The count follows the assignments whatever writes them: one statement-level trigger per kind of change
-- adds what a statement inserted and takes away what it deleted, grouped by subscription (a 5,000-row
-- delete is one update of one row). The statement that assigns already holds the subscription's row lock.
CREATE FUNCTION "license_assignments_count_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "subscriptions" s SET "assigned_count" = s."assigned_count" + c.n
    FROM (SELECT "subscription_id", count(*)::int AS n FROM added GROUP BY "subscription_id") c
    WHERE c."subscription_id" = s."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "license_assignments_count_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "subscriptions" s SET "assigned_count" = s."assigned_count" - c.n
    FROM (SELECT "subscription_id", count(*)::int AS n FROM removed GROUP BY "subscription_id") c
    WHERE c."subscription_id" = s."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "license_assignments_count_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "subscriptions" s SET "assigned_count" = s."assigned_count" + c.n
    FROM (SELECT "subscription_id", sum(d)::int AS n FROM (
        SELECT "subscription_id", 1 AS d FROM added UNION ALL SELECT "subscription_id", -1 FROM removed
      ) moves GROUP BY "subscription_id") c
    WHERE c."subscription_id" = s."id" AND c.n <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "license_assignments_count_insert" AFTER INSERT ON "license_assignments"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "license_assignments_count_added"();--> statement-breakpoint
CREATE TRIGGER "license_assignments_count_delete" AFTER DELETE ON "license_assignments"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "license_assignments_count_removed"();--> statement-breakpoint
CREATE TRIGGER "license_assignments_count_update" AFTER UPDATE ON "license_assignments"
  REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT
  EXECUTE FUNCTION "license_assignments_count_moved"();
