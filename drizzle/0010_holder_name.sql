ALTER TABLE "license_assignments" ADD COLUMN "holder_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "license_assignments" a SET "holder_name" = u."display_name" FROM "users" u WHERE u."id" = a."user_id";--> statement-breakpoint
CREATE INDEX "license_assignments_holder_order_idx" ON "license_assignments" USING btree ("subscription_id","holder_name","user_id");--> statement-breakpoint
-- A holder's name is copied from users whatever writes the assignment, and follows a rename.
CREATE FUNCTION "license_assignments_holder_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."holder_name" := (SELECT "display_name" FROM "users" WHERE "id" = NEW."user_id");
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "license_assignments_holder_name" BEFORE INSERT OR UPDATE OF "user_id" ON "license_assignments"
  FOR EACH ROW EXECUTE FUNCTION "license_assignments_holder_name"();--> statement-breakpoint
CREATE FUNCTION "users_rename_holders"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "license_assignments" SET "holder_name" = NEW."display_name"
    WHERE "org_id" = NEW."org_id" AND "user_id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "users_rename_holders" AFTER UPDATE OF "display_name" ON "users"
  FOR EACH ROW WHEN (OLD."display_name" IS DISTINCT FROM NEW."display_name") EXECUTE FUNCTION "users_rename_holders"();--> statement-breakpoint
-- A TRUNCATE of the assignments (no code does one) leaves no subscription counting holders it no longer has.
CREATE FUNCTION "license_assignments_count_cleared"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "subscriptions" SET "assigned_count" = 0 WHERE "assigned_count" <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "license_assignments_count_truncate" AFTER TRUNCATE ON "license_assignments"
  FOR EACH STATEMENT EXECUTE FUNCTION "license_assignments_count_cleared"();
