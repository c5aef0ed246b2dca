/* test-snapshot-builder.c: the one writer of the snapshot document (format 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-snapshot-builder.h"
#include "posture-snapshot.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = posture_json_parse (json, strlen (json), 32, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
environment (const char *name,
             gboolean    dataverse)
{
  g_autofree char *json = g_strdup_printf ("{\"name\":\"%s\",\"properties\":{\"environmentSku\":"
                                           "\"Production\",\"linkedEnvironmentMetadata\":%s}}",
                                           name, dataverse ? "{\"instanceUrl\":"
                                           "\"https://o.crm.dynamics.com/\"}" : "null");

  return parse (json);
}

static void
test_document (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(PostureSnapshotBuilder) builder = posture_snapshot_builder_new ();
  g_autoptr(GDateTime) captured = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  JsonObject *sources;
  JsonArray *warnings;

  posture_snapshot_builder_set_cloud (builder, "gcc");
  posture_snapshot_builder_set_tenant (builder, "0f0e0d0c-0b0a-4909-8807-060504030201", "Fabrikam");
  posture_snapshot_builder_add_warning (builder, "first");
  posture_snapshot_builder_add_warning (builder, "second");
  posture_snapshot_builder_add_warning (builder, "first");

  /* Answers come in any order; the document's order is the environments' */
  {
    g_autoptr(JsonNode) a = environment ("env-a", TRUE);
    g_autoptr(JsonNode) b = environment ("env-b", FALSE);
    g_autoptr(JsonNode) c = environment ("env-c", TRUE);
    g_autoptr(JsonNode) row_c = parse ("{\"organizationid\":\"c\",\"isauditenabled\":true}");
    g_autoptr(JsonNode) row_a = parse ("{\"organizationid\":\"a\"}");
    g_autoptr (JsonNode) refused =
        posture_snapshot_error_entry_new (403, "0x80040220", "Not a member");
    g_autoptr(JsonNode) roles = parse ("{\"value\":[]}");
    g_autoptr(JsonNode) settings = parse ("{\"disableEnvironmentCreationByNonAdminUsers\":true}");
    g_autoptr(JsonNode) policy = parse ("{\"policyDefinition\":{\"name\":\"p\",\"environmentType\":"
                                        "\"AllEnvironments\"}}");
    g_autoptr(JsonNode) ca = parse ("{\"value\":[{\"id\":\"ca-1\"}]}");
    g_autoptr (JsonNode) forbidden =
        posture_snapshot_error_entry_new (403, "Authorization_RequestDenied",
                                          "Insufficient privileges");
    g_autoptr(JsonNode) assignments = parse ("{\"value\":[]}");
    g_autoptr(JsonNode) members = parse ("{\"value\":[]}");

    posture_snapshot_builder_add_environment (builder, a);
    posture_snapshot_builder_add_environment (builder, b);
    posture_snapshot_builder_add_environment (builder, c);
    posture_snapshot_builder_set_dataverse (builder, "env-c", row_c);
    posture_snapshot_builder_set_dataverse (builder, "env-a", refused);
    posture_snapshot_builder_set_dataverse (builder, "env-a", row_a);
    posture_snapshot_builder_set_dataverse_admins (builder, "env-c", roles);
    posture_snapshot_builder_set_dataverse_admins (builder, "env-a", refused);
    posture_snapshot_builder_set_tenant_settings (builder, settings);
    posture_snapshot_builder_set_tenant_isolation (builder, NULL);
    posture_snapshot_builder_add_dlp_policy (builder, policy);
    posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS, ca);
    posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_SECURITY_DEFAULTS, forbidden);
    posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, assignments);
    posture_snapshot_builder_set_group_members (builder, "g-2", members);
    posture_snapshot_builder_set_group_members (builder, "g-1", forbidden);
  }

  root = posture_snapshot_builder_end (builder);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "posture_snapshot"), ==,
                   POSTURE_SNAPSHOT_FORMAT_VERSION);
  /* Captured when the builder was made, in UTC to the second. */
  after = g_date_time_new_now_utc ();
  captured = g_date_time_new_from_iso8601 (posture_json_get_string (object, "captured_at"), NULL);
  g_assert_nonnull (captured);
  g_assert_true (g_str_has_suffix (posture_json_get_string (object, "captured_at"), "Z"));
  g_assert_cmpint (g_date_time_to_unix (captured), >=, g_date_time_to_unix (before));
  g_assert_cmpint (g_date_time_to_unix (captured), <=, g_date_time_to_unix (after));
  g_assert_cmpstr (posture_json_get_string (object, "cloud"), ==, "gcc");
  g_assert_cmpstr (posture_json_get_path_string (object, "tenant.display_name"), ==, "Fabrikam");

  /* Each warning once, in order */
  warnings = posture_json_get_array (object, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (warnings, 1), ==, "second");

  sources = posture_json_get_object (object, "sources");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sources, "tenant_isolation")));
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources, "environments")), ==,
                    3);
  names = json_object_get_members (posture_json_get_object (sources, "dataverse"));
  g_assert_cmpuint (g_list_length (names), ==, 2);
  g_assert_cmpstr (g_list_nth_data (names, 0), ==, "env-a");
  g_assert_cmpstr (g_list_nth_data (names, 1), ==, "env-c");
  /* The last answer for an environment is the one kept */
  g_assert_cmpstr (posture_json_get_path_string (sources, "dataverse.env-a.organizationid"), ==,
                   "a");
  g_assert_cmpint (json_node_get_int (
                       posture_json_get_path (sources, "dataverse_admins.env-a.error.status")),
                   ==, 403);

  /* Graph: answers and error entries side by side; group members under global_admins */
  g_assert_cmpstr (posture_json_get_path_string (sources, "graph.security_defaults.error.code"), ==,
                   "Authorization_RequestDenied");
  g_assert_nonnull (posture_json_get_path_object (sources, "graph.global_admins.assignments"));
  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (
      posture_json_get_path_object (sources, "graph.global_admins.group_members"));
  g_assert_cmpstr (g_list_nth_data (names, 0), ==, "g-2");
  g_assert_cmpstr (g_list_nth_data (names, 1), ==, "g-1");

  /* And the core reads what the builder wrote */
  snapshot = posture_snapshot_new_from_json (root, "builder", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posture_snapshot_get_n_environments (snapshot), ==, 3);
  g_assert_cmpstr (posture_snapshot_get_tenant_name (snapshot), ==, "Fabrikam");
}

/* An error for the Global Administrators stands for the whole source */
static void
test_graph_error (void)
{
  g_autoptr(PostureSnapshotBuilder) builder = posture_snapshot_builder_new ();
  g_autoptr(JsonNode) forbidden = posture_snapshot_error_entry_new (0, NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *entry;

  posture_snapshot_builder_set_graph (builder, POSTURE_GRAPH_SOURCE_GLOBAL_ADMINS, forbidden);
  root = posture_snapshot_builder_end (builder);
  entry = posture_json_get_path_object (json_node_get_object (root), "sources.graph.global_admins");
  g_assert_false (json_object_has_member (entry, "assignments"));
  g_assert_cmpstr (posture_json_get_path_string (entry, "error.code"), ==, "Error");
  g_assert_cmpstr (posture_json_get_path_string (entry, "error.message"), ==, "");
  g_assert_cmpint (json_node_get_int (posture_json_get_path (entry, "error.status")), ==, 0);
  g_assert_cmpstr (posture_graph_source_to_string (POSTURE_GRAPH_SOURCE_CONDITIONAL_ACCESS), ==,
                   "conditional_access");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/snapshot-builder/document", test_document);
  g_test_add_func ("/posture/tenant/snapshot-builder/graph-error", test_graph_error);

  return g_test_run ();
}
