/* test-snapshot.c: the snapshot loader — the typed model, tolerance, and refusal of
 * what is not a snapshot (with the file and the JSON path named)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-snapshot.h"

#define TENANT  "11111111-2222-3333-4444-555555555555"
#define DEFAULT "Default-" TENANT
#define PROD_A  "aaaaaaaa-0000-0000-0000-000000000001"
#define DEV     "dddddddd-0000-0000-0000-000000000004"
#define GROUP   "9f3c1e4a-1b2c-4d5e-8f90-123456789abc"

/* Whether the snapshot holds @source, read or as an error entry. */
static gboolean
has_source (PostureSnapshot *snapshot,
            PostureSource    source)
{
  return posture_snapshot_get_source_state (snapshot, source) != POSTURE_SOURCE_ABSENT;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);
}

static PostureSnapshot *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  PostureSnapshot *snapshot = posture_snapshot_new_from_file (path, &error);

  g_assert_no_error (error);
  return snapshot;
}

static void
test_snapshot_model (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("all-pass.json");
  const PostureEnvironment *env;
  const PostureDlpPolicy *policy;
  const PostureAllowedTenant *allowed;
  const PostureConnectorGroup *group;
  g_autofree char *iso = NULL;

  g_assert_cmpstr (posture_snapshot_get_tenant_id (snapshot), ==, TENANT);
  g_assert_cmpstr (posture_snapshot_get_tenant_name (snapshot), ==, "Fixture tenant");
  g_assert_cmpstr (posture_snapshot_get_cloud (snapshot), ==, "public");
  iso = g_date_time_format_iso8601 (posture_snapshot_get_captured_at (snapshot));
  g_assert_cmpstr (iso, ==, "2026-11-28T10:00:00Z");
  g_assert_true (has_source (snapshot, POSTURE_SOURCE_TENANT_SETTINGS));
  g_assert_true (has_source (snapshot, POSTURE_SOURCE_DATAVERSE));
  g_assert_nonnull (posture_snapshot_get_tenant_settings (snapshot));
  g_assert_null (posture_snapshot_get_warnings (snapshot)[0]);
  g_assert_cmpuint (posture_snapshot_get_format_version (snapshot), ==, 2);
  g_assert_true (posture_snapshot_has_json (snapshot));

  /* Tenant settings, typed, by dotted path in any case; a missing one is absent. */
  g_assert_cmpuint (posture_snapshot_get_n_settings (snapshot), ==, 8);
  g_assert_cmpint (posture_value_get_flag (posture_snapshot_get_setting (
                     snapshot, "powerplatform.POWERAPPS.disableShareWithEveryone")), ==,
                   POSTURE_FLAG_TRUE);
  g_assert_cmpint (posture_snapshot_get_setting (snapshot, "powerPlatform.powerApps")->kind, ==,
                   POSTURE_VALUE_ABSENT);
  g_assert_cmpint (posture_snapshot_get_setting (snapshot, "no.such.setting")->kind, ==,
                   POSTURE_VALUE_ABSENT);
  g_assert_cmpint (posture_value_get_flag (posture_snapshot_get_setting (snapshot, "nothing")), ==,
                   POSTURE_FLAG_UNSET);

  /* Every source read. */
  for (PostureSource source = POSTURE_SOURCE_TENANT_SETTINGS;
       source <= POSTURE_SOURCE_GLOBAL_ADMINS; source++)
    {
      g_assert_cmpint (posture_snapshot_get_source_state (snapshot, source), ==,
                       POSTURE_SOURCE_READ);
      g_assert_null (posture_snapshot_get_source_error (snapshot, source));
    }
  g_assert_true (has_source (snapshot, POSTURE_SOURCE_GLOBAL_ADMINS));

  /* Microsoft Graph: one Conditional Access policy, security defaults off, four role
   * assignments (two users, a service principal, a group) and the group's members. */
  g_assert_cmpuint (posture_snapshot_get_n_ca_policies (snapshot), ==, 1);
  {
    const PostureCaPolicy *ca = posture_snapshot_get_ca_policy (snapshot, 0);

    g_assert_cmpstr (ca->display_name, ==, "Require MFA for everyone");
    g_assert_cmpstr (ca->state, ==, "enabled");
    g_assert_cmpstr (ca->include_applications[0], ==, "All");
    g_assert_null (ca->exclude_applications[0]);
    g_assert_cmpstr (ca->include_users[0], ==, "All");
    g_assert_null (ca->client_app_types);
    g_assert_cmpstr (ca->grant_operator, ==, "OR");
    g_assert_cmpstr (ca->built_in_controls[0], ==, "mfa");
    g_assert_false (ca->has_authentication_strength);
  }
  g_assert_cmpint (posture_value_get_flag (posture_snapshot_get_security_defaults (snapshot)), ==,
                   POSTURE_FLAG_FALSE);
  g_assert_cmpuint (posture_snapshot_get_n_role_assignments (snapshot), ==, 4);
  {
    const PosturePrincipal *holder = posture_snapshot_get_role_assignment (snapshot, 3);
    const PostureGroupMembers *members;

    g_assert_true (holder->expanded);
    g_assert_cmpstr (holder->type, ==, "#microsoft.graph.group");
    members = posture_snapshot_lookup_group_members (snapshot, holder->id);
    g_assert_nonnull (members);
    g_assert_cmpint (members->state, ==, POSTURE_SOURCE_READ);
    g_assert_cmpuint (members->members->len, ==, 3);
    g_assert_null (posture_snapshot_lookup_group_members (snapshot, "no-such-group"));
  }

  /* Isolation, with the allow-list and its directions (the Policies view shows them). */
  g_assert_cmpint (posture_snapshot_get_isolation_state (snapshot), ==, POSTURE_ISOLATION_ENABLED);
  g_assert_cmpuint (posture_snapshot_get_allowed_tenants (snapshot)->len, ==, 1);
  allowed = g_ptr_array_index (posture_snapshot_get_allowed_tenants (snapshot), 0);
  g_assert_cmpstr (allowed->tenant_id, ==, "99999999-0000-0000-0000-000000000009");
  g_assert_true (allowed->inbound);
  g_assert_false (allowed->outbound);

  g_assert_cmpuint (posture_snapshot_get_n_environments (snapshot), ==, 3);
  env = posture_snapshot_get_default_environment (snapshot);
  g_assert_nonnull (env);
  g_assert_cmpstr (env->name, ==, DEFAULT);
  g_assert_true (env == posture_snapshot_lookup_environment (snapshot, "default-" TENANT));

  env = posture_snapshot_lookup_environment (snapshot, PROD_A);
  g_assert_cmpstr (env->display_name, ==, "Prod A");
  g_assert_cmpstr (env->sku, ==, "Production");
  g_assert_cmpstr (env->location, ==, "europe");
  g_assert_false (env->is_default);
  g_assert_true (env->has_dataverse);
  g_assert_true (env->managed);
  g_assert_cmpstr (env->security_group_id, ==, GROUP);
  g_assert_cmpstr (env->limit_sharing_mode, ==, "excludeSharingToSecurityGroups");
  g_assert_cmpint (env->max_limit_user_sharing, ==, -1);
  g_assert_true (env->cmk_linked);
  g_assert_true (env->vnet_linked);
  g_assert_cmpstr (env->instance_url, ==, "https://aaaaaaaa.crm4.dynamics.com/");
  g_assert_cmpint (env->dataverse_state, ==, POSTURE_DATAVERSE_READ);
  g_assert_nonnull (env->dataverse);

  /* The Dataverse row, typed: a column the row holds as null is null, not absent. */
  g_assert_cmpint (posture_value_get_flag (posture_environment_get_column (env, "ISAUDITENABLED")),
                   ==, POSTURE_FLAG_TRUE);
  g_assert_cmpint (posture_environment_get_column (env, "allowedlistofiprangesforfirewall")->kind,
                   ==, POSTURE_VALUE_NULL);
  g_assert_cmpstr (posture_environment_get_column (env, "allowediprangeforfirewall")->string, ==,
                   "10.10.0.0/16, 192.168.0.0/24");
  g_assert_cmpint (posture_environment_get_column (env,
                                                   "applicationbasedaccesscontrolmode")->integer,
                   ==, 1);
  g_assert_cmpint (posture_environment_get_column (env, "isuseraccessauditenabled")->kind, ==,
                   POSTURE_VALUE_ABSENT);
  g_assert_null (posture_environment_get_column (env, "sessiontimeoutenabled"));
  for (guint i = 0; posture_dataverse_get_columns ()[i] != NULL; i++)
    g_assert_nonnull (posture_environment_get_column (env, posture_dataverse_get_columns ()[i]));

  /* The System Administrator role's users, across its two copies. */
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_READ);
  g_assert_cmpuint (env->system_users->len, ==, 16);
  g_assert_cmpuint (env->n_roles_without_users, ==, 0);
  {
    const PostureSystemUser *app_user = g_ptr_array_index (env->system_users, 3);

    g_assert_cmpint (app_user->applicationid.kind, ==, POSTURE_VALUE_STRING);
    g_assert_cmpint (app_user->accessmode.kind, ==, POSTURE_VALUE_INTEGER);
  }

  env = posture_snapshot_lookup_environment (snapshot, DEV);
  g_assert_false (env->has_dataverse);
  g_assert_cmpint (env->dataverse_state, ==, POSTURE_DATAVERSE_NONE);
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_NONE);
  g_assert_null (env->columns);
  g_assert_null (posture_environment_get_column (env, "isauditenabled"));
  g_assert_false (env->managed);
  g_assert_null (env->security_group_id);

  /* DLP policies with covered environments and connector groups. */
  g_assert_cmpuint (posture_snapshot_get_n_dlp_policies (snapshot), ==, 1);
  policy = posture_snapshot_get_dlp_policy (snapshot, 0);
  g_assert_cmpstr (policy->environment_type, ==, "AllEnvironments");
  g_assert_cmpstr (policy->default_classification, ==, "Blocked");
  g_assert_cmpuint (g_strv_length (policy->environments), ==, 0);
  g_assert_cmpuint (policy->connector_groups->len, ==, 3);
  group = g_ptr_array_index (policy->connector_groups, 2);
  g_assert_cmpstr (group->classification, ==, "Blocked");
  g_assert_cmpstr (group->connector_names[0], ==, "Twitter");
  g_assert_cmpstr (group->connector_ids[0], ==,
                   "/providers/Microsoft.PowerApps/apis/shared_twitter");
  g_assert_true (posture_dlp_policy_covers (policy, "anything"));

  /* The raw payloads stay available (saved, diffed, attached to an audit). */
  {
    g_autofree char *data = NULL;
    g_autoptr(PostureSnapshot) again = NULL;
    g_autoptr(GError) error = NULL;
    gsize length = 0;

    data = posture_snapshot_to_data (snapshot, &length);
    g_assert_cmpuint (strlen (data), ==, length);
    again = posture_snapshot_new_from_data (data, length, "round-trip", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (posture_snapshot_get_n_environments (again), ==, 3);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (posture_snapshot_get_json (again)));
  }
}

static void
test_snapshot_dlp_covers (void)
{
  static const struct
  {
    const char *file;
    gboolean default_covered;
    gboolean prod_covered;
  } cases [] = {
    { "dlp-AllEnvironments-listed.json", TRUE, TRUE },
    { "dlp-AllEnvironments-unlisted.json", TRUE, TRUE },
    { "dlp-OnlyEnvironments-listed.json", TRUE, FALSE },
    { "dlp-OnlyEnvironments-unlisted.json", FALSE, TRUE },
    { "dlp-ExceptEnvironments-listed.json", FALSE, TRUE },
    { "dlp-ExceptEnvironments-unlisted.json", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureSnapshot) snapshot = load_fixture (cases[i].file);
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, 0);

      g_assert_cmpint (posture_dlp_policy_covers (policy, DEFAULT), ==, cases[i].default_covered);
      /* Environments are matched by name, whatever its case. */
      g_assert_cmpint (posture_dlp_policy_covers (policy, "AAAAAAAA-0000-0000-0000-000000000001"),
                       ==, cases[i].prod_covered);
    }
}

static void
test_snapshot_tolerant (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("tolerant.json");
  const PostureEnvironment *env;
  const PostureDlpPolicy *policy;

  /* "isDisabled": "false" and "allowedTenants": "" */
  g_assert_cmpint (posture_snapshot_get_isolation_state (snapshot), ==, POSTURE_ISOLATION_ENABLED);
  g_assert_cmpuint (posture_snapshot_get_allowed_tenants (snapshot)->len, ==, 0);

  /* No isDefault, but environmentSku "default"; the name in upper case; the Dataverse
   * entry under the lower-case name, inside an OData list. */
  env = posture_snapshot_get_default_environment (snapshot);
  g_assert_nonnull (env);
  g_assert_cmpint (env->dataverse_state, ==, POSTURE_DATAVERSE_READ);
  g_assert_true (env->managed);
  g_assert_null (env->security_group_id);
  g_assert_cmpint (env->max_limit_user_sharing, ==, 25);

  env = posture_snapshot_lookup_environment (snapshot, PROD_A);
  g_assert_cmpstr (env->display_name, ==, PROD_A);  /* null display name: the name */
  g_assert_false (env->is_default);                  /* "false" as a string */
  g_assert_false (env->managed);                     /* governanceConfiguration null */
  g_assert_true (env->vnet_linked);                  /* "vnets", "linked" */
  g_assert_true (env->cmk_linked);                   /* "status" instead of "linkStatus" */

  env = posture_snapshot_lookup_environment (snapshot, DEV);
  g_assert_cmpstr (env->display_name, ==, DEV);
  g_assert_null (env->sku);
  g_assert_false (env->has_dataverse);

  /* A policy without the v2 wrapper and "environments": ""; one listing by id only. */
  policy = posture_snapshot_get_dlp_policy (snapshot, 0);
  g_assert_cmpstr (policy->display_name, ==, "Bare definition");
  g_assert_true (posture_dlp_policy_covers (policy, DEV));
  policy = posture_snapshot_get_dlp_policy (snapshot, 1);
  g_assert_cmpstr (policy->environments[0], ==, "DDDDDDDD-0000-0000-0000-000000000004");
  g_assert_true (posture_dlp_policy_covers (policy, DEV));
  g_assert_true (posture_dlp_policy_covers (policy, PROD_A));
  g_assert_false (posture_dlp_policy_covers (policy, DEFAULT));

  /* Settings and columns matched per segment, in any case; string booleans. */
  g_assert_cmpint (posture_value_get_flag (posture_snapshot_get_setting (
                     snapshot, "powerPlatform.powerApps.disableConnectionSharingWithEveryone")), ==,
                   POSTURE_FLAG_TRUE);
  g_assert_cmpint (posture_value_get_flag (posture_snapshot_get_setting (
                     snapshot, "disableTrialEnvironmentCreationByNonAdminUsers")), ==,
                   POSTURE_FLAG_TRUE);
  g_assert_cmpint (posture_snapshot_get_setting (snapshot,
                                                 "disablePortalsCreationByNonAdminUsers")->kind,
                   ==, POSTURE_VALUE_NULL);
  g_assert_cmpint (posture_snapshot_get_setting (snapshot, "someNewSetting")->kind, ==,
                   POSTURE_VALUE_OTHER);
  env = posture_snapshot_get_default_environment (snapshot);
  g_assert_cmpint (posture_value_get_flag (
                       posture_environment_get_column (env, "restrictGuestUserAccess")),
                   ==, POSTURE_FLAG_TRUE);
  {
    gint64 mode = 0;

    g_assert_true (
        posture_value_get_int (posture_environment_get_column (env,
                                                               "applicationbasedaccesscontrolmode"),
                               &mode));
    g_assert_cmpint (mode, ==, 1);
  }
  /* Role users with members in another case; a bare array for the roles. */
  g_assert_cmpuint (env->system_users->len, ==, 2);
  g_assert_cmpstr (((PostureSystemUser *) g_ptr_array_index (env->system_users,
                                                             0))->systemuserid.string,
                   ==, "U1");
  env = posture_snapshot_lookup_environment (snapshot, PROD_A);
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_READ);
  g_assert_cmpuint (env->system_users->len, ==, 0);
  /* Graph members without ids or names: tolerated. */
  g_assert_cmpuint (posture_snapshot_get_n_ca_policies (snapshot), ==, 1);
  g_assert_null (posture_snapshot_get_ca_policy (snapshot, 0)->id);
  g_assert_nonnull (posture_snapshot_lookup_group_members (snapshot, "G1"));
}

static void
test_snapshot_legacy (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("legacy-v1.json");
  const PostureEnvironment *env = posture_snapshot_get_default_environment (snapshot);

  g_assert_cmpuint (posture_snapshot_get_format_version (snapshot), ==, 1);
  g_assert_cmpint (posture_snapshot_get_source_state (snapshot, POSTURE_SOURCE_CONDITIONAL_ACCESS),
                   ==, POSTURE_SOURCE_ABSENT);
  g_assert_cmpint (posture_snapshot_get_source_state (snapshot, POSTURE_SOURCE_DATAVERSE_ADMINS),
                   ==, POSTURE_SOURCE_ABSENT);
  g_assert_false (has_source (snapshot, POSTURE_SOURCE_DATAVERSE_ADMINS));
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_MISSING);
  g_assert_cmpint (posture_environment_get_column (env, "restrictGuestUserAccess")->kind, ==,
                   POSTURE_VALUE_ABSENT);
}

/* A Graph 403 is recorded, never fatal; a group's members may be an error of their own. */
static void
test_snapshot_graph_errors (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("graph-403.json");
  g_autoptr(PostureSnapshot) group = load_fixture ("group-members-403.json");
  const PostureSourceError *error;
  const PostureGroupMembers *members;

  for (PostureSource source = POSTURE_SOURCE_CONDITIONAL_ACCESS;
       source <= POSTURE_SOURCE_GLOBAL_ADMINS; source++)
    {
      g_assert_cmpint (posture_snapshot_get_source_state (snapshot, source), ==,
                       POSTURE_SOURCE_ERROR);
      error = posture_snapshot_get_source_error (snapshot, source);
      g_assert_cmpuint (error->status, ==, 403);
      g_assert_cmpstr (error->code, ==, "Authorization_RequestDenied");
      g_assert_nonnull (strstr (error->message, "Insufficient privileges"));
    }
  g_assert_true (has_source (snapshot, POSTURE_SOURCE_CONDITIONAL_ACCESS));
  g_assert_cmpuint (posture_snapshot_get_n_ca_policies (snapshot), ==, 0);
  /* The reader's note comes first among the warnings. */
  g_assert_nonnull (strstr (posture_snapshot_get_warnings (snapshot)[0], "Conditional Access"));

  g_assert_cmpint (posture_snapshot_get_source_state (group, POSTURE_SOURCE_GLOBAL_ADMINS), ==,
                   POSTURE_SOURCE_READ);
  members = posture_snapshot_lookup_group_members (group, "00000050-9999-9999-9999-999999999999");
  g_assert_nonnull (members);
  g_assert_cmpint (members->state, ==, POSTURE_SOURCE_ERROR);
  g_assert_cmpuint (members->error.status, ==, 403);
}

/* DESIGN.md: the environment with isDefault true, else the one named Default-{tenant id}. */
static void
test_snapshot_default_environment (void)
{
  g_autoptr(PostureSnapshot) by_name = load_fixture ("dlp-SingleEnvironment.json");
  g_autoptr(PostureSnapshot) none = load_fixture ("no-default.json");
  const PostureEnvironment *env = posture_snapshot_get_default_environment (by_name);
  const char * const *warnings = posture_snapshot_get_warnings (none);
  gboolean warned = FALSE;

  g_assert_nonnull (env);
  g_assert_cmpstr (env->name, ==, DEFAULT);
  g_assert_true (env->is_default);
  g_assert_false (posture_snapshot_lookup_environment (by_name, PROD_A)->is_default);
  g_assert_cmpstr (posture_snapshot_get_dlp_policy (by_name, 0)->environment_type, ==,
                   "SingleEnvironment");
  g_assert_true (posture_dlp_policy_covers (posture_snapshot_get_dlp_policy (by_name, 0), DEFAULT));
  g_assert_false (posture_dlp_policy_covers (posture_snapshot_get_dlp_policy (by_name, 0), PROD_A));

  g_assert_null (posture_snapshot_get_default_environment (none));
  for (guint i = 0; warnings[i] != NULL; i++)
    warned |= strstr (warnings[i], "default environment") != NULL;
  g_assert_true (warned);
}

static void
test_snapshot_unknown_sources (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("unknown.json");
  const PostureEnvironment *env;
  const char * const *warnings = posture_snapshot_get_warnings (snapshot);

  g_assert_false (has_source (snapshot, POSTURE_SOURCE_TENANT_SETTINGS));
  g_assert_false (has_source (snapshot, POSTURE_SOURCE_TENANT_ISOLATION));
  g_assert_false (has_source (snapshot, POSTURE_SOURCE_DLP_POLICIES));
  /* The reader's note, then the three sources missing. */
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 4);
  g_assert_nonnull (strstr (warnings[0], "Prod B"));

  env = posture_snapshot_get_default_environment (snapshot);
  g_assert_cmpint (env->dataverse_state, ==, POSTURE_DATAVERSE_ERROR);
  g_assert_cmpuint (env->dataverse_error_status, ==, 403);
  g_assert_nonnull (strstr (env->dataverse_error_message, "not a member"));

  env = posture_snapshot_lookup_environment (snapshot, PROD_A);
  g_assert_cmpint (env->dataverse_state, ==, POSTURE_DATAVERSE_MISSING);
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_MISSING);

  env = posture_snapshot_get_default_environment (snapshot);
  g_assert_cmpint (env->admins_state, ==, POSTURE_DATAVERSE_ERROR);
  g_assert_cmpuint (env->admins_error_status, ==, 403);

  /* The row lacks a column (a key): absent, told apart from null. */
  env = posture_snapshot_lookup_environment (snapshot, "bbbbbbbb-0000-0000-0000-000000000002");
  g_assert_cmpint (posture_environment_get_column (env, "enableipbasedfirewallrule")->kind, ==,
                   POSTURE_VALUE_ABSENT);
  g_assert_cmpint (posture_environment_get_column (env, "allowedlistofiprangesforfirewall")->kind,
                   ==, POSTURE_VALUE_NULL);
  g_assert_cmpuint (env->n_roles_without_users, ==, 1);
}

static void
test_snapshot_isolation_null (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("partial.json");

  g_assert_true (has_source (snapshot, POSTURE_SOURCE_TENANT_ISOLATION));
  g_assert_cmpint (posture_snapshot_get_isolation_state (snapshot), ==,
                   POSTURE_ISOLATION_NOT_CONFIGURED);
}

/* ---- refusals ----------------------------------------------------------- */

static JsonNode *
parse_mutable (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Replaces the member at @path ("a.b[2].c", dots and [index]) with @replacement. */
static void
replace_at (JsonNode   *root,
            const char *path,
            JsonNode   *replacement)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", 0);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      guint index = 0;
      gboolean last = parts[i + 1] == NULL;

      if (bracket != NULL)
        {
          index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
        }

      if (last && bracket == NULL)
        {
          json_object_set_member (json_node_get_object (node), parts[i], replacement);
          return;
        }

      node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);

      if (bracket != NULL)
        {
          JsonArray *array = json_node_get_array (node);

          if (last)
            {
              json_array_remove_element (array, index);
              /* json-glib has no "replace element": rebuild the tail in order. */
              {
                g_autoptr (GPtrArray) tail =
                    g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

                while (json_array_get_length (array) > index)
                  {
                    g_ptr_array_add (tail, json_node_copy (json_array_get_element (array, index)));
                    json_array_remove_element (array, index);
                  }
                json_array_add_element (array, replacement);
                for (guint t = 0; t < tail->len; t++)
                  json_array_add_element (array, json_node_copy (g_ptr_array_index (tail, t)));
              }
              return;
            }
          node = json_array_get_element (array, index);
        }
    }
}

static void
assert_refused (JsonNode   *root,
                const char *expected_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autofree char *text = posture_json_to_string (root, FALSE);

  snapshot = posture_snapshot_new_from_data (text, strlen (text), "bad.json", &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, "bad.json: ") || strstr (error->message,
                                                                  expected_path) == NULL)
    g_error ("message \"%s\" does not name bad.json and %s", error->message, expected_path);
}

static void
test_snapshot_wrong_types (void)
{
  /* path to replace, kind of wrong value, the path the message must name */
  static const struct { const char *path; const char *value; const char *named;
  } cases [] = {
    { "posture_snapshot", "\"1\"", "posture_snapshot" },
    { "tenant", "5", "tenant" },
    { "tenant.id", "true", "tenant.id" },
    { "tenant.display_name", "[]", "tenant.display_name" },
    { "captured_at", "1", "captured_at" },
    { "cloud", "{}", "cloud" },
    { "sources", "\"x\"", "sources" },
    { "sources.tenant_settings", "[]", "sources.tenant_settings" },
    { "sources.tenant_isolation", "\"off\"", "sources.tenant_isolation" },
    { "sources.tenant_isolation.properties", "1", "sources.tenant_isolation.properties" },
    { "sources.tenant_isolation.properties.isDisabled", "\"maybe\"",
      "sources.tenant_isolation.properties.isDisabled" },
    { "sources.tenant_isolation.properties.allowedTenants", "{}",
      "sources.tenant_isolation.properties.allowedTenants" },
    { "sources.tenant_isolation.properties.allowedTenants[0]", "1",
      "sources.tenant_isolation.properties.allowedTenants[0]" },
    { "sources.tenant_isolation.properties.allowedTenants[0].tenantId", "7",
      "sources.tenant_isolation.properties.allowedTenants[0].tenantId" },
    { "sources.tenant_isolation.properties.allowedTenants[0].direction", "\"in\"",
      "sources.tenant_isolation.properties.allowedTenants[0].direction" },
    { "sources.environments", "{}", "sources.environments" },
    { "sources.environments[1]", "\"x\"", "sources.environments[1]" },
    { "sources.environments[1].name", "7", "sources.environments[1].name" },
    { "sources.environments[1].name", "\"\"", "sources.environments[1].name" },
    { "sources.environments[1].location", "[]", "sources.environments[1].location" },
    { "sources.environments[1].properties", "\"x\"", "sources.environments[1].properties" },
    { "sources.environments[1].properties.displayName", "{}",
      "sources.environments[1].properties.displayName" },
    { "sources.environments[1].properties.environmentSku", "1",
      "sources.environments[1].properties.environmentSku" },
    { "sources.environments[1].properties.isDefault", "\"yes\"",
      "sources.environments[1].properties.isDefault" },
    { "sources.environments[1].properties.linkedEnvironmentMetadata", "\"x\"",
      "sources.environments[1].properties.linkedEnvironmentMetadata" },
    { "sources.environments[1].properties.linkedEnvironmentMetadata.securityGroupId", "1",
      "sources.environments[1].properties.linkedEnvironmentMetadata.securityGroupId" },
    { "sources.environments[1].properties.governanceConfiguration", "[]",
      "sources.environments[1].properties.governanceConfiguration" },
    { "sources.environments[1].properties.governanceConfiguration.protectionLevel", "1",
      "sources.environments[1].properties.governanceConfiguration.protectionLevel" },
    { "sources.environments[1].properties.governanceConfiguration.settings", "2",
      "sources.environments[1].properties.governanceConfiguration.settings" },
    { "sources.environments[1].properties.governanceConfiguration.settings.extendedSettings",
      "\"\"",
      "sources.environments[1].properties.governanceConfiguration.settings.extendedSettings" },
    { "sources.environments[1].properties.governanceConfiguration.settings.extendedSettings."
      "maxLimitUserSharing",
      "[1]", "extendedSettings.maxLimitUserSharing" },
    { "sources.environments[1].properties.enterprisePolicies", "\"x\"",
      "sources.environments[1].properties.enterprisePolicies" },
    { "sources.environments[1].properties.enterprisePolicies.customerManagedKeys", "1",
      "sources.environments[1].properties.enterprisePolicies.customerManagedKeys" },
    { "sources.environments[1].properties.enterprisePolicies.vNets", "[]",
      "sources.environments[1].properties.enterprisePolicies.vNets" },
    { "sources.dlp_policies", "\"x\"", "sources.dlp_policies" },
    { "sources.dlp_policies[0]", "1", "sources.dlp_policies[0]" },
    { "sources.dlp_policies[0].policyDefinition", "\"x\"",
      "sources.dlp_policies[0].policyDefinition" },
    { "sources.dlp_policies[0].policyDefinition.name", "{}",
      "sources.dlp_policies[0].policyDefinition.name" },
    { "sources.dlp_policies[0].policyDefinition.environmentType", "1",
      "sources.dlp_policies[0].policyDefinition.environmentType" },
    { "sources.dlp_policies[0].policyDefinition.environments", "{}",
      "sources.dlp_policies[0].policyDefinition.environments" },
    { "sources.dlp_policies[0].policyDefinition.environments", "[3]",
      "sources.dlp_policies[0].policyDefinition.environments[0]" },
    { "sources.dlp_policies[0].policyDefinition.connectorGroups", "\"x\"",
      "sources.dlp_policies[0].policyDefinition.connectorGroups" },
    { "sources.dlp_policies[0].policyDefinition.connectorGroups[1]", "[]",
      "sources.dlp_policies[0].policyDefinition.connectorGroups[1]" },
    { "sources.dlp_policies[0].policyDefinition.connectorGroups[0].connectors", "{}",
      "sources.dlp_policies[0].policyDefinition.connectorGroups[0].connectors" },
    { "sources.dlp_policies[0].policyDefinition.connectorGroups[0].connectors[0]", "\"x\"",
      "sources.dlp_policies[0].policyDefinition.connectorGroups[0].connectors[0]" },
    { "sources.dataverse", "[]", "sources.dataverse" },
    { "sources.dataverse." PROD_A, "\"x\"", "sources.dataverse[\"" PROD_A "\"]" },
    { "sources.dataverse." PROD_A ".error", "\"denied\"",
      "sources.dataverse[\"" PROD_A "\"].error" },
    { "sources.dataverse." PROD_A, "{\"value\":[1]}",
      "sources.dataverse[\"" PROD_A "\"].value[0]" },
    { "sources.dataverse." PROD_A, "{\"value\":7}", "sources.dataverse[\"" PROD_A "\"].value" },
    { "warnings", "{}", "warnings" },
    { "warnings", "[\"a\", 2]", "warnings[1]" },
    { "sources.dlp_policies[0].policyDefinition.defaultConnectorsClassification", "[]",
      "sources.dlp_policies[0].policyDefinition.defaultConnectorsClassification" },
    { "sources.dataverse_admins", "[]", "sources.dataverse_admins" },
    { "sources.dataverse_admins." PROD_A, "7", "sources.dataverse_admins[\"" PROD_A "\"]" },
    { "sources.dataverse_admins." PROD_A ".value", "{}",
      "sources.dataverse_admins[\"" PROD_A "\"].value" },
    { "sources.dataverse_admins." PROD_A ".value", "[1]",
      "sources.dataverse_admins[\"" PROD_A "\"].value[0]" },
    { "sources.dataverse_admins." PROD_A ".value", "[{\"systemuserroles_association\": 1}]",
      "sources.dataverse_admins[\"" PROD_A "\"].value[0].systemuserroles_association" },
    { "sources.dataverse_admins." PROD_A ".value", "[{\"systemuserroles_association\": [\"x\"]}]",
      "sources.dataverse_admins[\"" PROD_A "\"].value[0].systemuserroles_association[0]" },
    { "sources.dataverse_admins." PROD_A ".error", "\"denied\"",
      "sources.dataverse_admins[\"" PROD_A "\"].error" },
    { "sources.graph", "[]", "sources.graph" },
    { "sources.graph.conditional_access", "\"x\"", "sources.graph.conditional_access" },
    { "sources.graph.conditional_access.value", "{}", "sources.graph.conditional_access.value" },
    { "sources.graph.conditional_access.value", "[1]",
      "sources.graph.conditional_access.value[0]" },
    { "sources.graph.conditional_access.value[0].state", "1",
      "sources.graph.conditional_access.value[0].state" },
    { "sources.graph.conditional_access.value[0].conditions", "[]",
      "sources.graph.conditional_access.value[0].conditions" },
    { "sources.graph.conditional_access.value[0].conditions.applications.includeApplications",
      "\"All\"",
      "sources.graph.conditional_access.value[0].conditions.applications.includeApplications" },
    { "sources.graph.conditional_access.value[0].conditions.users.includeUsers", "[1]",
      "sources.graph.conditional_access.value[0].conditions.users.includeUsers[0]" },
    { "sources.graph.conditional_access.value[0].conditions.clientAppTypes", "{}",
      "sources.graph.conditional_access.value[0].conditions.clientAppTypes" },
    { "sources.graph.conditional_access.value[0].grantControls", "\"mfa\"",
      "sources.graph.conditional_access.value[0].grantControls" },
    { "sources.graph.conditional_access.value[0].grantControls.authenticationStrength", "\"x\"",
      "sources.graph.conditional_access.value[0].grantControls.authenticationStrength" },
    { "sources.graph.conditional_access.error", "[]", "sources.graph.conditional_access.error" },
    { "sources.graph.security_defaults", "7", "sources.graph.security_defaults" },
    { "sources.graph.global_admins", "7", "sources.graph.global_admins" },
    { "sources.graph.global_admins.assignments", "7", "sources.graph.global_admins.assignments" },
    { "sources.graph.global_admins.assignments.value", "[1]",
      "sources.graph.global_admins.assignments.value[0]" },
    { "sources.graph.global_admins.assignments.value[0].principal", "\"x\"",
      "sources.graph.global_admins.assignments.value[0].principal" },
    { "sources.graph.global_admins.assignments.value[0].principal.id", "1",
      "sources.graph.global_admins.assignments.value[0].principal.id" },
    { "sources.graph.global_admins.group_members", "[]",
      "sources.graph.global_admins.group_members" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse_mutable ("all-pass.json");
      JsonNode *value = json_from_string (cases[i].value, NULL);

      g_test_message ("%s = %s", cases[i].path, cases[i].value);
      g_assert_nonnull (value);
      replace_at (root, cases[i].path, value);
      assert_refused (root, cases[i].named);
    }

  /* The document itself of the wrong type. */
  {
    g_autoptr(JsonNode) root = json_from_string ("[1, 2]", NULL);

    assert_refused (root, "not an object");
  }
}

static void
assert_data_refused (const char *data,
                     gsize       length,
                     GQuark      domain,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;

  snapshot = posture_snapshot_new_from_data (data, length, "bad.json", &error);
  g_assert_null (snapshot);
  g_assert_error (error, domain, code);
  g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("message \"%s\" lacks \"%s\"", error->message, needle);
}

static void
test_snapshot_malformed (void)
{
  g_autofree char *path = fixture_path ("all-pass.json");
  g_autofree char *contents = NULL;
  gsize length = 0;
  GString *deep;
  char *huge;
  gsize huge_len = 50 * 1024 * 1024;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* Truncated at several points. */
  for (gsize cut = 1; cut < length; cut += length / 7)
    assert_data_refused (contents, cut, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                         "Malformed JSON");

  assert_data_refused ("", 0, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE, NULL);
  assert_data_refused ("\xff\xfe{}", 4, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE, "UTF-8");
  assert_data_refused ("{\"posture_snapshot\":3,\"sources\":{}}", 35, POSTURE_SNAPSHOT_ERROR,
                       POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION, "update Posture");
  assert_data_refused ("{\"posture_snapshot\":0}", 22, POSTURE_SNAPSHOT_ERROR,
                       POSTURE_SNAPSHOT_ERROR_INVALID, NULL);
  assert_data_refused ("{\"posture_snapshot\":1}", 22, POSTURE_SNAPSHOT_ERROR,
                       POSTURE_SNAPSHOT_ERROR_INVALID, "sources");
  assert_data_refused ("{\"value\":[]}", 12, POSTURE_SNAPSHOT_ERROR,
                       POSTURE_SNAPSHOT_ERROR_INVALID, "posture_snapshot");

  /* 10,000-deep nesting: refused before json-glib recurses. */
  deep = g_string_new ("{\"posture_snapshot\":1,\"sources\":{},\"x\":");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_data_refused (deep->str, deep->len, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP,
                       "levels");
  g_string_free (deep, TRUE);

  /* A 50 MB string, even in a member nobody reads. */
  huge = g_malloc (huge_len + 64);
  strcpy (huge, "{\"posture_snapshot\":1,\"sources\":{},\"x\":\"");
  memset (huge + strlen (huge), 'A', huge_len);
  strcpy (huge + 40 + huge_len, "\"}");
  assert_data_refused (huge, 40 + huge_len + 2, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                       "52428800 bytes");
  g_free (huge);

  /* Escaped quotes do not end a string early: a long string of \" is still long. */
  /* The bound is on the decoded string, as in a tree built in memory: 600 Ki escaped
   * quotes are 1.2 MB of text but 600 KiB of string (accepted: the error is about the
   * missing sources); 1.1 Mi are over the bound. Escaped quotes never end it early. */
  for (guint n = 600 * 1024; n <= 1100 * 1024; n += 500 * 1024)
    {
      GString *escaped = g_string_new ("{\"posture_snapshot\":1,\"x\":\"");

      for (guint i = 0; i < n; i++)
        g_string_append (escaped, i % 2 ? "\\\"" : "\\u0022");
      g_string_append (escaped, "\"}");
      if (n < POSTURE_SNAPSHOT_MAX_STRING)
        assert_data_refused (escaped->str, escaped->len, POSTURE_SNAPSHOT_ERROR,
                             POSTURE_SNAPSHOT_ERROR_INVALID, "sources");
      else
        assert_data_refused (escaped->str, escaped->len, POSTURE_JSON_ERROR,
                             POSTURE_JSON_ERROR_TOO_LARGE, NULL);
      g_string_free (escaped, TRUE);
    }
}

static void
test_snapshot_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autofree char *version3 = fixture_path ("version-3.json");
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-snapshot.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("posture-snapshot-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (dir, "zero.json", NULL);
  g_autofree char *good_link = g_build_filename (dir, "good.json", NULL);
  g_autofree char *good = fixture_path ("all-pass.json");
  gint64 start;

  snapshot = posture_snapshot_new_from_file (version3, &error);
  g_assert_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "version-3.json"));
  g_clear_error (&error);

  snapshot = posture_snapshot_new_from_file (missing, &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* Issue 17: what is not a regular file is refused at once, never read. */
  snapshot = posture_snapshot_new_from_file (g_get_tmp_dir (), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "directory"));
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  snapshot = posture_snapshot_new_from_file ("/dev/zero", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "character device"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  snapshot = posture_snapshot_new_from_file (fifo, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "FIFO"));
  g_clear_error (&error);

  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  snapshot = posture_snapshot_new_from_file (link, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  /* A link to a regular file is followed. */
  g_assert_cmpint (symlink (good, good_link), ==, 0);
  snapshot = posture_snapshot_new_from_file (good_link, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_clear_object (&snapshot);

  g_unlink (fifo);
  g_unlink (link);
  g_unlink (good_link);
  g_rmdir (dir);
}

/* Issue 17, point 7: a tree built in memory (a live read) is held to the bounds a file
 * is, so that what `snapshot` saves `assess` reads, and the other way round. */
static void
test_snapshot_node_bounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_mutable ("all-pass.json");
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autofree char *long_name = g_strnfill (POSTURE_SNAPSHOT_MAX_STRING + 1, 'n');
  g_autofree char *fits = g_strnfill (POSTURE_SNAPSHOT_MAX_STRING - 2, '"');
  JsonNode *deep = json_node_new (JSON_NODE_ARRAY);
  JsonNode *inner = deep;

  /* A display name one byte over the bound. */
  replace_at (root, "tenant.display_name", json_node_init_string (json_node_alloc (), long_name));
  snapshot = posture_snapshot_new_from_json (root, "live read", &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "live read: "));
  g_clear_error (&error);

  /* A string of quotes just within the bound: accepted live, saved (escaped, twice as
   * long on disk) and accepted again from the text. */
  replace_at (root, "tenant.display_name", json_node_init_string (json_node_alloc (), fits));
  snapshot = posture_snapshot_new_from_json (root, "live read", &error);
  g_assert_no_error (error);
  {
    g_autofree char *saved = NULL;
    g_autoptr(PostureSnapshot) again = NULL;
    gsize length = 0;

    saved = posture_snapshot_to_data (snapshot, &length);
    g_assert_cmpuint (length, >, 2 * POSTURE_SNAPSHOT_MAX_STRING - 10);
    again = posture_snapshot_new_from_data (saved, length, "saved", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (posture_snapshot_get_tenant_name (again), ==, fits);
  }
  g_clear_object (&snapshot);

  /* Nesting past the bound in a member nobody reads: refused by an iterative walk. */
  json_node_take_array (deep, json_array_new ());
  for (guint i = 0; i < 1000; i++)
    {
      JsonNode *child = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (child, json_array_new ());
      json_array_add_element (json_node_get_array (inner), child);
      inner = child;
    }
  json_object_set_member (json_node_get_object (root), "x", deep);
  snapshot = posture_snapshot_new_from_json (root, "live read", &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PostureSnapshot **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = posture_snapshot_new_from_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_snapshot_async (void)
{
  g_autofree char *path = fixture_path ("partial.json");
  g_autoptr(PostureSnapshot) snapshot = NULL;

  posture_snapshot_new_from_file_async (path, NULL, loaded_cb, &snapshot);
  while (snapshot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (posture_snapshot_get_n_environments (snapshot), ==, 3);
}

static void
test_snapshot_hostile_names (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("hostile-names.json");
  const PostureEnvironment *env = posture_snapshot_get_environment (snapshot, 0);

  /* Kept as sent (the CLI and the UI escape what they show). */
  g_assert_nonnull (strchr (env->display_name, '\033'));
  g_assert_nonnull (strchr (posture_snapshot_get_tenant_name (snapshot), '\033'));
  /* A reader's note is shown as is by every face: its controls are made visible here. */
  g_assert_null (strchr (posture_snapshot_get_warnings (snapshot)[0], '\033'));
  g_assert_nonnull (strstr (posture_snapshot_get_warnings (snapshot)[0], "\\x1b]0;x\\x07"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/snapshot/model", test_snapshot_model);
  g_test_add_func ("/posture/core/snapshot/dlp-covers", test_snapshot_dlp_covers);
  g_test_add_func ("/posture/core/snapshot/tolerant", test_snapshot_tolerant);
  g_test_add_func ("/posture/core/snapshot/unknown-sources", test_snapshot_unknown_sources);
  g_test_add_func ("/posture/core/snapshot/isolation-null", test_snapshot_isolation_null);
  g_test_add_func ("/posture/core/snapshot/wrong-types", test_snapshot_wrong_types);
  g_test_add_func ("/posture/core/snapshot/malformed", test_snapshot_malformed);
  g_test_add_func ("/posture/core/snapshot/files", test_snapshot_files);
  g_test_add_func ("/posture/core/snapshot/async", test_snapshot_async);
  g_test_add_func ("/posture/core/snapshot/hostile-names", test_snapshot_hostile_names);
  g_test_add_func ("/posture/core/snapshot/legacy", test_snapshot_legacy);
  g_test_add_func ("/posture/core/snapshot/graph-errors", test_snapshot_graph_errors);
  g_test_add_func ("/posture/core/snapshot/default-environment", test_snapshot_default_environment);
  g_test_add_func ("/posture/core/snapshot/node-bounds", test_snapshot_node_bounds);

  return g_test_run ();
}
