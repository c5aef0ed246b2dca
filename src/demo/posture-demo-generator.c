/* posture-demo-generator.c: a generated demo tenant of N environments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deterministic from the seed: the same seed and N give the same tenant. The variety
 * covers what the reader and the engine meet in real tenants: environments without
 * Dataverse, Dataverse that denies the caller, older organizations that lack a new
 * column, environment groups, firewalls in audit mode or open to 0.0.0.0/0, app access
 * control in every mode, and System Administrator roles from one to twenty holders.
 * Enforced firewalls always allow Contoso's head office, so none locks the caller out.
 */

#define G_LOG_DOMAIN "posture-demo-generator"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"

static const char *departments[] = {
  "Sales", "Finance", "HR", "Marketing", "Operations", "Legal", "Procurement", "Support",
  "Engineering", "Logistics", "Retail", "Manufacturing", "Research", "IT", "Facilities",
  "Compliance", "Partners", "Field Service", "Customer Care", "Treasury",
};
static const char *region_names[] = {
  "EMEA", "Americas", "APAC", "Nordics", "DACH", "UK", "France", "Iberia", "Japan", "Canada",
};
static const char *people[] = {
  "Megan Bowen", "Alex Wilber", "Lidia Holloway", "Diego Siciliani", "Grady Archie",
  "Adele Vance", "Isaiah Langer", "Johanna Lorenz", "Lynne Robbins", "Nestor Wilke",
  "Patti Fernandez", "Pradeep Gupta", "Lee Gu", "Miriam Graham", "Joni Sherman",
};
static const char *enforced_ranges[] = {
  "198.51.100.0/24", "10.0.0.0/8,198.51.100.0/24", "0.0.0.0/0", "198.51.100.0/24,2001:db8::/32",
};
static const char *audit_ranges[] = {
  "10.10.0.0/16", "203.0.113.0/24", "", "198.51.100.0/24",
};
static const char *new_columns[] = {
  "restrictGuestUserAccess", "applicationbasedaccesscontrolmode", "allowedapplicationsfordvaccess",
  "blockedapplicationsfordvaccess", "allowedlistofiprangesforfirewall",
};
static const char *blocked_apps[] = {
  "51f81489-12ee-4a9e-aaae-a2591f45987d", NULL,
};

#define PICK(rand, array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

static void
generate_dataverse (GRand          *rand,
                    PostureDemoEnv *env)
{
  double u;

  for (guint bit = 0; bit < 9; bit++)
    if (g_rand_double (rand) < 0.4)
      env->org_flags |= 1u << bit;
  env->audit_retention = (env->org_flags & POSTURE_DEMO_ORG_AUDIT)
                         ? 0 : 30 * g_rand_int_range (rand, 1, 13);

  if (env->org_flags & POSTURE_DEMO_ORG_FIREWALL)
    {
      if (env->org_flags & POSTURE_DEMO_ORG_FIREWALL_AUDIT)
        env->firewall_ranges = PICK (rand, audit_ranges);
      else
        env->firewall_ranges = PICK (rand, enforced_ranges);
      if (g_rand_double (rand) < 0.2)
        env->firewall_list = "203.0.113.0/24";
    }

  env->app_access_mode = g_rand_int_range (rand, 0, 4);
  if (env->app_access_mode != 0 && g_rand_double (rand) < 0.8)
    env->allowed_apps = "a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61";
  if (env->app_access_mode != 0)
    env->blocked_apps = PICK (rand, blocked_apps);

  if (g_rand_double (rand) < 0.03)
    env->missing_column = PICK (rand, new_columns);

  u = g_rand_double (rand);
  env->admins.per_unit[0] = u < 0.15 ? g_rand_int_range (rand, 11, 21)
                                     : g_rand_int_range (rand, 1, 9);
  if (g_rand_double (rand) < 0.3)
    env->admins.per_unit[1] = g_rand_int_range (rand, 1, 5);
  if (env->admins.per_unit[1] > 0 && g_rand_double (rand) < 0.3)
    env->admins.per_unit[2] = g_rand_int_range (rand, 1, 3);
  if (env->admins.per_unit[1] > 0)
    env->admins.shared = g_rand_int_range (rand, 0, MIN (env->admins.per_unit[0],
                                                         env->admins.per_unit[1]) + 1);
  env->admins.app_users = g_rand_int_range (rand, 0, MIN (3, env->admins.per_unit[0] + 1));
  env->admins.disabled = g_rand_int_range (rand, 0, 3);
  env->admins.support = g_rand_int_range (rand, 0, 2);
  /* Every copy has room for the special users, which come first in copy 0. */
  env->admins.per_unit[0] = MAX (env->admins.per_unit[0],
                                 env->admins.app_users + env->admins.disabled +
                                 env->admins.support + env->admins.shared);
}

static PostureDemoEnv *
generate_env (GRand *rand,
              guint  index)
{
  PostureDemoEnv *env = g_new0 (PostureDemoEnv, 1);
  double u = g_rand_double (rand);
  const char *dept = PICK (rand, departments);
  const char *region = PICK (rand, region_names);
  const char *person = PICK (rand, people);
  g_autofree char *slug = NULL;
  guint geo = g_rand_int_range (rand, 0, G_N_ELEMENTS (posture_demo_geos));
  gboolean managed;

  env->name = _posture_demo_new_guid (rand);
  env->sku = u < 0.30 ? "Production" : u < 0.55 ? "Sandbox" : u < 0.65 ? "Trial" : "Developer";
  if (g_str_equal (env->sku, "Developer"))
    env->display_name = g_strdup_printf ("%s's Environment %u", person, index);
  else
    env->display_name = g_strdup_printf ("Contoso %s %s %s %u", dept, region,
                                         g_str_equal (env->sku, "Production") ? "Prod" : env->sku,
                                         index);
  env->description = g_strdup_printf ("%s apps and flows for %s.", dept, region);
  env->geo = &posture_demo_geos[geo];
  env->azure_region = posture_demo_geos[geo].regions[g_rand_int_range (rand, 0, 2)];
  env->created_time = _posture_demo_format_time (1546300800 +
                                                 g_rand_int_range (rand, 0, 180000000));
  env->created_by = g_strdup (person);
  env->created_by_id = _posture_demo_new_guid (rand);
  env->resource_id = _posture_demo_new_guid (rand);
  env->has_dataverse = g_rand_double (rand) < (g_str_equal (env->sku, "Trial") ? 0.4 : 0.8);
  slug = g_ascii_strdown (dept, -1);
  g_strdelimit (slug, " ", '\0');
  env->domain_name = g_strdup_printf ("contoso%s%u", slug, index);
  env->dataverse_forbidden = env->has_dataverse && g_rand_double (rand) < 0.02;

  u = g_rand_double (rand);
  env->security_group_id = u < 0.45 ? _posture_demo_new_guid (rand)
                         : u < 0.6  ? g_strdup (POSTURE_DEMO_ZERO_GUID)
                         : u < 0.7  ? g_strdup ("") : NULL;
  if (env->has_dataverse)
    generate_dataverse (rand, env);

  /* Managed Environments need Dataverse. */
  managed = env->has_dataverse && (g_str_equal (env->sku, "Production") ||
                                   g_str_equal (env->sku, "Sandbox")) &&
            g_rand_double (rand) < 0.45;
  if (managed && g_rand_double (rand) < 0.1)
    {
      env->governance = _posture_demo_governance_new ("Standard", NULL, NULL, NULL);
      env->group_id = _posture_demo_new_guid (rand);
    }
  else if (managed)
    {
      double v = g_rand_double (rand);
      char max[16];

      g_snprintf (max, sizeof max, "%d", v < 0.4 ? -1 : g_rand_int_range (rand, 5, 100));
      env->governance = _posture_demo_governance_new ("Standard",
                                                      v < 0.7 ? "noLimit"
                                                              : "excludeSharingToSecurityGroups",
                                                      max, v < 0.5 ? "warn" : "block");
    }
  else
    env->governance = _posture_demo_governance_new ("Basic", NULL, NULL, NULL);

  if (g_str_equal (env->sku, "Production") && env->has_dataverse)
    {
      u = g_rand_double (rand);
      env->cmk_status = u < 0.10 ? "Linked" : u < 0.12 ? "Linking" : NULL;
      u = g_rand_double (rand);
      env->vnet_status = u < 0.15 ? "Linked" : u < 0.17 ? "Failed" : NULL;
    }
  env->cadence = g_rand_boolean (rand) ? "Frequent" : "Moderate";

  return env;
}

void
_posture_demo_generate (PostureDemoScenario *scenario,
                        guint64              seed,
                        guint                n)
{
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) production = g_ptr_array_new ();
  g_autoptr(GPtrArray) defaults = g_ptr_array_new ();
  g_autoptr(GPtrArray) except = g_ptr_array_new ();
  guint32 seed_words[2] = { (guint32) seed, (guint32) (seed >> 32) };
  const char *single = NULL;
  gboolean forbidden_seen = FALSE;

  rand = g_rand_new_with_seed_array (seed_words, 2);

  /* The default environment is always there, and always first. */
  _posture_demo_scenario_add (scenario, _posture_demo_scenario_default_env ());
  g_ptr_array_add (defaults, (gpointer) POSTURE_DEMO_DEFAULT_ENV);

  for (guint i = 1; i < n; i++)
    {
      PostureDemoEnv *env = generate_env (rand, i);

      /* At least one environment whose Dataverse denies the caller. */
      if (!forbidden_seen && i == n / 2 && env->has_dataverse)
        env->dataverse_forbidden = TRUE;
      forbidden_seen |= env->dataverse_forbidden;
      _posture_demo_scenario_add (scenario, env);

      if (g_str_equal (env->sku, "Production") && g_rand_double (rand) < 0.5)
        g_ptr_array_add (production, env->name);
      else if (single == NULL && g_str_equal (env->sku, "Trial"))
        single = env->name;
      if (g_str_equal (env->sku, "Developer") && g_rand_double (rand) < 0.3)
        g_ptr_array_add (except, env->name);
    }

  _posture_demo_dlp_seed (scenario, production, defaults, single, except);
}
