/* test-demo-assessment.c: the seeded "Contoso (demo)" scenario, read through the real
 * tenant client over loopback and assessed by the engine; every control's expected
 * status is written out here, and fixes raise the score on the next read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-cloud.h"
#include "posture-demo-server.h"
#include "posture-engine.h"
#include "posture-json.h"
#include "posture-oauth.h"
#include "posture-snapshot.h"
#include "posture-tenant-client.h"

#define HR "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03"

/* Catalog 2 read through the reader that still writes snapshot format 1 (until the
 * version 2 reader lands): the Graph controls predate the snapshot, and the Dataverse
 * controls on columns it does not select are unknown. */

typedef struct
{
  const char    *id;
  PostureStatus  status;
  guint          earned;
  guint          possible;
  guint          n_unknown;
} Expected;

/* 12 environments: tenant controls are worth 12 points each (all or nothing). */
static const Expected seeded[] = {
  { "tenant-isolation",                   POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "tenant-isolation-allowlist",         POSTURE_STATUS_MANUAL,  0,  0, 0 },
  { "dlp-tenant-policy",                  POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "dlp-default-environment",            POSTURE_STATUS_PASS,   12, 12, 0 },
  { "dlp-default-environment-connectors", POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "env-creation-admins-only",           POSTURE_STATUS_PASS,   12, 12, 0 },
  { "trial-env-creation-admins-only",     POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "developer-env-creation-admins-only", POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "pages-creation-admins-only",         POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "share-with-everyone-disabled",       POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "connection-sharing-disabled",        POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "guest-makers-disabled",              POSTURE_STATUS_PASS,   12, 12, 0 },
  { "default-environment-routing",        POSTURE_STATUS_FAIL,    0, 12, 0 },
  /* The reader writes format 2: Graph is read too. */
  { "conditional-access-mfa",             POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "global-admin-count",                 POSTURE_STATUS_FAIL,    0, 12, 0 },
  /* Environment controls: 1 point per applicable environment that passes. */
  { "dlp-environment-coverage",           POSTURE_STATUS_PARTIAL, 5, 11, 0 },
  { "managed-environment",                POSTURE_STATUS_PARTIAL, 3,  8, 0 },
  { "environment-security-group",         POSTURE_STATUS_PARTIAL, 4,  8, 0 },
  { "sharing-limits",                     POSTURE_STATUS_PARTIAL, 1, 10, 0 },
  { "ip-firewall",                        POSTURE_STATUS_PARTIAL, 1,  8, 1 },
  { "ip-cookie-binding",                  POSTURE_STATUS_PARTIAL, 2,  8, 1 },
  { "auditing",                           POSTURE_STATUS_PARTIAL, 3,  8, 1 },
  { "content-security-policy",            POSTURE_STATUS_PARTIAL, 2,  8, 1 },
  { "guest-access-restricted",            POSTURE_STATUS_PARTIAL, 2,  8, 1 },
  { "admin-privileges",                   POSTURE_STATUS_PARTIAL, 7,  8, 1 },
  { "app-access-control",                 POSTURE_STATUS_PARTIAL, 1,  8, 1 },
  { "customer-managed-key",               POSTURE_STATUS_PARTIAL, 1,  4, 0 },
  { "virtual-network",                    POSTURE_STATUS_PARTIAL, 3,  4, 0 },
  { "customer-lockbox",                   POSTURE_STATUS_MANUAL,  0,  0, 0 },
};

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *w = user_data;

  w->result = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("Test timed out");
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (Waiter *w)
{
  guint id = g_timeout_add_seconds (60, timeout_cb, NULL);

  while (w->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return w->result;
}

static PostureAssessment *
read_and_assess (PostureTenantClient *client,
                 JsonNode           **out_snapshot)
{
  Waiter w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  JsonNode *root;
  PostureAssessment *assessment;

  posture_tenant_client_read_snapshot_async (client, NULL, NULL, done_cb, &w);
  snapshot = posture_tenant_client_read_snapshot_finish (client, wait_for (&w), &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  root = posture_snapshot_get_json (snapshot);

  assessment = posture_engine_assess (snapshot, NULL, &error);
  g_assert_no_error (error);

  if (out_snapshot != NULL)
    *out_snapshot = json_node_ref (root);
  return assessment;
}

static PostureTenantClient *
new_client (PostureDemoServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (server), &error);
  g_assert_no_error (error);
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_DOMAIN, POSTURE_DEMO_CLIENT_ID, NULL, NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);

  return posture_tenant_client_new (oauth);
}

static void
test_seeded_scenario (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *controls;
  PostureScore score = { 0 };
  guint earned = 0, possible = 0;
  JsonObject *sources;
  JsonObject *dataverse;

  g_assert_true (posture_demo_server_start (server, 0, &error));
  client = new_client (server);
  assessment = read_and_assess (client, &snapshot);

  /* The snapshot holds what the reference says the services answer. */
  sources = posture_json_get_object (json_node_get_object (snapshot), "sources");
  g_assert_nonnull (sources);
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources, "environments")), ==, 12);
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources, "dlp_policies")), ==, 3);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sources, "tenant_isolation")));
  dataverse = posture_json_get_object (sources, "dataverse");
  g_assert_cmpuint (json_object_get_size (dataverse), ==, 9);
  g_assert_nonnull (posture_json_get_path_object (dataverse, "d9c3f6e4-1a5b-4d0e-8f3a-5b6c7d8e9f04.error"));
  g_assert_cmpstr (posture_assessment_get_tenant_id (assessment), ==, POSTURE_DEMO_TENANT_ID);
  g_assert_cmpstr (posture_assessment_get_tenant_name (assessment), ==, POSTURE_DEMO_TENANT_NAME);

  controls = posture_assessment_get_controls (assessment);
  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, G_N_ELEMENTS (seeded));

  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      PostureControlResult *r = posture_assessment_lookup (assessment, seeded[i].id);

      g_test_message ("%s: status %d, %u/%u, %u unknown", seeded[i].id,
                      r ? (int) posture_control_result_get_status (r) : -1,
                      r ? posture_control_result_get_earned (r) : 0,
                      r ? posture_control_result_get_possible (r) : 0,
                      r ? posture_control_result_get_n_unknown (r) : 0);
      g_assert_nonnull (r);
      g_assert_cmpint (posture_control_result_get_status (r), ==, seeded[i].status);
      g_assert_cmpuint (posture_control_result_get_earned (r), ==, seeded[i].earned);
      g_assert_cmpuint (posture_control_result_get_possible (r), ==, seeded[i].possible);
      g_assert_cmpuint (posture_control_result_get_n_unknown (r), ==, seeded[i].n_unknown);
      earned += seeded[i].earned;
      possible += seeded[i].possible;
    }

  posture_assessment_get_score (assessment, &score);
  g_assert_cmpuint (score.earned, ==, earned);
  g_assert_cmpuint (score.possible, ==, possible);
  g_assert_cmpuint (earned, ==, 71);
  g_assert_cmpuint (possible, ==, 269);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_LOW);
  /* Field Service's Dataverse denies the caller: a warning, not a failure. */
  g_assert_nonnull (posture_assessment_get_warnings (assessment));
  g_assert_nonnull (posture_assessment_get_warnings (assessment)[0]);

  g_clear_object (&client);
  posture_demo_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_fixes_raise_score (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureAssessment) before = NULL;
  g_autoptr(PostureAssessment) after = NULL;
  g_autoptr(PostureAssessment) after_reset = NULL;
  g_autoptr(JsonObject) policy = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *props;
  PostureScore s0 = { 0 }, s1 = { 0 }, s2 = { 0 };
  Waiter w = { 0 };

  g_assert_true (posture_demo_server_start (server, 0, &error));
  /* The version 1 client reads back at once and does not poll; let the service finish
   * its operations in the background before the next request. */
  posture_demo_server_set_operation_polls (server, 0, 0, 0);
  client = new_client (server);
  before = read_and_assess (client, NULL);
  posture_assessment_get_score (before, &s0);

  /* Turn tenant isolation on. No tenantId: the client fills it in from the token
   * (this once hit a sealed JSON object). */
  policy = json_object_new ();
  props = json_object_new ();
  json_object_set_boolean_member (props, "isDisabled", FALSE);
  json_object_set_array_member (props, "allowedTenants", json_array_new ());
  json_object_set_object_member (policy, "properties", props);
  posture_tenant_client_set_tenant_isolation_async (client, policy, NULL, done_cb, &w);
  node = posture_tenant_client_set_tenant_isolation_finish (client, wait_for (&w), &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* Restrict trial environment creation to admins. */
  changes = json_object_new ();
  json_object_set_boolean_member (changes, "disableTrialEnvironmentCreationByNonAdminUsers", TRUE);
  posture_tenant_client_update_tenant_settings_async (client, changes, NULL, done_cb, &w);
  node = posture_tenant_client_update_tenant_settings_finish (client, wait_for (&w), &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);

  /* Make Contoso HR managed with a sharing limit. */
  {
    g_autoptr(JsonObject) ext = json_object_new ();

    json_object_set_string_member (ext, "limitSharingMode", "excludeSharingToSecurityGroups");
    json_object_set_string_member (ext, "maxLimitUserSharing", "10");
    g_clear_pointer (&node, json_node_unref);
    posture_tenant_client_enable_managed_environment_async (client, HR, ext, NULL, done_cb, &w);
    node = posture_tenant_client_enable_managed_environment_finish (client, wait_for (&w), &error);
    g_clear_object (&w.result);
    g_assert_no_error (error);
    g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (node),
                                                   "properties.governanceConfiguration.protectionLevel"), ==, "Standard");
  }

  /* Turn Dataverse auditing on in Contoso HR. */
  {
    g_autoptr(JsonObject) dv = json_object_new ();
    g_autofree char *instance = g_strdup_printf ("%s/dataverse/%s/", posture_demo_server_get_base_uri (server), HR);

    json_object_set_boolean_member (dv, "isauditenabled", TRUE);
    g_clear_pointer (&node, json_node_unref);
    posture_tenant_client_update_dataverse_settings_async (client, instance, dv, NULL, done_cb, &w);
    node = posture_tenant_client_update_dataverse_settings_finish (client, wait_for (&w), &error);
    g_clear_object (&w.result);
    g_assert_no_error (error);
  }

  /* A tenant-wide data policy. */
  {
    g_autoptr(JsonObject) dlp = json_object_new ();
    JsonObject *def = json_object_new ();

    json_object_set_string_member (def, "displayName", "Tenant-wide baseline");
    json_object_set_string_member (def, "environmentType", "AllEnvironments");
    json_object_set_object_member (dlp, "policyDefinition", def);
    g_clear_pointer (&node, json_node_unref);
    posture_tenant_client_put_dlp_policy_async (client, dlp, NULL, done_cb, &w);
    node = posture_tenant_client_put_dlp_policy_finish (client, wait_for (&w), &error);
    g_clear_object (&w.result);
    g_assert_no_error (error);
  }

  after = read_and_assess (client, NULL);
  posture_assessment_get_score (after, &s1);
  /* managed-environment, sharing-limits and auditing gain HR; the tenant-wide
   * policy passes dlp-tenant-policy (12) and covers the 6 uncovered environments. */
  g_assert_cmpuint (posture_control_result_get_earned (posture_assessment_lookup (after, "managed-environment")), ==, 4);
  g_assert_cmpuint (posture_control_result_get_earned (posture_assessment_lookup (after, "sharing-limits")), ==, 2);
  g_assert_cmpuint (posture_control_result_get_earned (posture_assessment_lookup (after, "auditing")), ==, 4);
  g_assert_cmpint (posture_control_result_get_status (posture_assessment_lookup (after, "dlp-tenant-policy")), ==,
                   POSTURE_STATUS_PASS);
  g_assert_cmpint (posture_control_result_get_status (posture_assessment_lookup (after, "dlp-environment-coverage")), ==,
                   POSTURE_STATUS_PASS);
  g_assert_cmpint (posture_control_result_get_status (posture_assessment_lookup (after, "tenant-isolation")), ==,
                   POSTURE_STATUS_PASS);
  g_assert_cmpint (posture_control_result_get_status (posture_assessment_lookup (after, "trial-env-creation-admins-only")), ==,
                   POSTURE_STATUS_PASS);
  g_assert_cmpuint (s1.possible, ==, s0.possible);
  g_assert_cmpuint (s1.earned, ==, s0.earned + 24 + 1 + 1 + 1 + 12 + 6);
  /* 106 / 221: catalog 2 has more to earn than these fixes give. */
  g_assert_cmpint (s1.level, ==, POSTURE_LEVEL_LOW);
  g_assert_cmpfloat (s1.percent, >, s0.percent);

  /* A reset returns to the seed. */
  posture_demo_server_reset (server);
  after_reset = read_and_assess (client, NULL);
  posture_assessment_get_score (after_reset, &s2);
  g_assert_cmpuint (s2.earned, ==, s0.earned);

  g_clear_object (&client);
  posture_demo_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/demo/assessment/seeded-scenario", test_seeded_scenario);
  g_test_add_func ("/posture/demo/assessment/fixes-raise-score", test_fixes_raise_score);

  return g_test_run ();
}
