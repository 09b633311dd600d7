CREATE INDEX "billing_profiles_payment_method_idx" ON "billing_profiles" USING btree ("org_id","payment_method_id");--> statement-breakpoint
CREATE INDEX "subscriptions_billing_profile_idx" ON "subscriptions" USING btree ("org_id","billing_profile_id");--> statement-breakpoint
CREATE INDEX "subscriptions_payment_method_idx" ON "subscriptions" USING btree ("org_id","payment_method_id");