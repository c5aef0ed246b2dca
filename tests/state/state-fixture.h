/* state-fixture.h: builds snapshot documents of any size for the state tests and bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#define STATE_FIXTURE_TENANT "11111111-2222-3333-4444-555555555555"

/* A format-1 snapshot of @n_environments environments: the default one, then
 * Production/Sandbox/Developer in turn; every third has no Dataverse, every fifth fails
 * its Dataverse read; @variant flips some settings so two snapshots differ. */
static inline char *
state_fixture_snapshot (guint n_environments,
                        guint variant)
{
  GString *s = g_string_new (NULL);
  const char *skus[] = { "Production", "Sandbox", "Developer", "Trial" };

  g_string_append_printf (
      s,
      "{\"posture_snapshot\":1,\"captured_at\":\"2026-11-%02uT10:00:00Z\",\"cloud\":\"public\","
      "\"tenant\":{\"id\":\"" STATE_FIXTURE_TENANT "\",\"display_name\":\"Contoso\"},"
      "\"sources\":{\"tenant_settings\":{\"disableEnvironmentCreationByNonAdminUsers\":%s,"
      "\"disableTrialEnvironmentCreationByNonAdminUsers\":false,"
      "\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":true,\"enableGuestsToMake\":"
      "false}}},"
      "\"tenant_isolation\":%s,\"environments\":[",
      1 + variant % 28, variant % 2 ? "true" : "false",
      variant % 2 ? "{\"properties\":{\"isDisabled\":false,\"allowedTenants\":[]}}" : "null");

  for (guint i = 0; i < n_environments; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("Default-" STATE_FIXTURE_TENANT)
                                     : g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      gboolean dataverse = i % 3 != 1;

      g_string_append_printf (
          s,
          "%s{\"id\":\"/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/%s\","
          "\"name\":\"%s\",\"location\":\"europe\",\"properties\":{\"displayName\":\"Environment "
          "%u\","
          "\"environmentSku\":\"%s\",\"isDefault\":%s,",
          i ? "," : "", name, name, i, i == 0 ? "Default" : skus [i % 4],
          i == 0 ? "true" : "false");
      if (dataverse)
        g_string_append_printf (s,
          "\"linkedEnvironmentMetadata\":{\"instanceUrl\":\"https://org%u.crm4.dynamics.com/\","
          "\"securityGroupId\":\"%s\",\"linkStatus\":\"Linked\"},", i,
          (i + variant) % 2 ? "9f3c1e4a-1b2c-4d5e-8f90-123456789abc" : "");
      else
        g_string_append (s, "\"linkedEnvironmentMetadata\":null,");
      g_string_append_printf (s,
        "\"governanceConfiguration\":{\"protectionLevel\":\"%s\"},\"enterprisePolicies\":{}}}",
        (i + variant) % 4 == 0 ? "Standard" : "Basic");
    }

  g_string_append (
      s, "],\"dlp_policies\":[{\"name\":\"p1\",\"properties\":{\"displayName\":\"Tenant policy\","
         "\"environmentType\":\"ExceptEnvironments\",\"environments\":[]}}],\"dataverse\":{");
  for (guint i = 0, first = 1; i < n_environments; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("Default-" STATE_FIXTURE_TENANT)
                                     : g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);

      if (i % 3 == 1)
        continue;
      if (i % 5 == 4)
        g_string_append_printf (
            s,
            "%s\"%s\":{\"error\":{\"status\":403,\"code\":\"Forbidden\",\"message\":\"no role\"}}",
            first ? "" : ",", name);
      else
        g_string_append_printf (
            s,
            "%s\"%s\":{\"organizationid\":\"%u\",\"isauditenabled\":%s,"
            "\"enableipbasedfirewallrule\":%s,"
            "\"enableipbasedcookiebinding\":false,\"iscontentsecuritypolicyenabled\":true,"
            "\"iscontentsecuritypolicyenabledforcanvas\":%s}",
            first ? "" : ",", name, i, (i + variant) % 2 ? "true" : "false",
            i % 7 == 0 ? "true" : "false", variant ? "true" : "false");
      first = 0;
    }
  g_string_append (s, "}}}");

  return g_string_free (s, FALSE);
}
