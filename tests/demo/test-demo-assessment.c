/* test-demo-assessment.c: the seeded "Contoso (demo)" scenario, read through the real
 * tenant client over loopback and assessed by the engine (catalog 2): every control's
 * status and points are written out here; then the API fixes DESIGN.md's remediation
 * table plans, sent as the service wants them, take the score from Low to High
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-test-util.h"
#include "posture-cloud.h"
#include "posture-decision.h"
#include "posture-engine.h"
#include "posture-json.h"
#include "posture-oauth.h"
#include "posture-snapshot.h"
#include "posture-tenant-client.h"

typedef struct
{
  const char    *id;
  PostureStatus  status;
  guint          earned;
  guint          possible;
  guint          n_unknown;
} Expected;

/* 12 environments: tenant controls are worth 12 points each (all or nothing). Field
 * Service's Dataverse does not know the caller: its Dataverse controls are unknown. */
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

/* After every API fix (and none of the controls without one). What stays failing
 * cannot be fixed through the API: Contoso Intranet has no Dataverse (so it cannot be
 * managed); Sales UAT is governed by its environment group (409); Trial and Developer
 * environments cannot be managed, so their managed-only features and sharing stay off. */
static const Expected fixed[] = {
  { "tenant-isolation",                   POSTURE_STATUS_PASS,   12, 12, 0 },
  { "tenant-isolation-allowlist",         POSTURE_STATUS_MANUAL,  0,  0, 0 },
  { "dlp-tenant-policy",                  POSTURE_STATUS_PASS,   12, 12, 0 },
  { "dlp-default-environment",            POSTURE_STATUS_PASS,   12, 12, 0 },
  { "dlp-default-environment-connectors", POSTURE_STATUS_PASS,   12, 12, 0 },
  { "env-creation-admins-only",           POSTURE_STATUS_PASS,   12, 12, 0 },
  { "trial-env-creation-admins-only",     POSTURE_STATUS_PASS,   12, 12, 0 },
  { "developer-env-creation-admins-only", POSTURE_STATUS_PASS,   12, 12, 0 },
  { "pages-creation-admins-only",         POSTURE_STATUS_PASS,   12, 12, 0 },
  { "share-with-everyone-disabled",       POSTURE_STATUS_PASS,   12, 12, 0 },
  { "connection-sharing-disabled",        POSTURE_STATUS_PASS,   12, 12, 0 },
  { "guest-makers-disabled",              POSTURE_STATUS_PASS,   12, 12, 0 },
  { "default-environment-routing",        POSTURE_STATUS_PASS,   12, 12, 0 },
  { "conditional-access-mfa",             POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "global-admin-count",                 POSTURE_STATUS_FAIL,    0, 12, 0 },
  { "dlp-environment-coverage",           POSTURE_STATUS_PASS,   11, 11, 0 },
  { "managed-environment",                POSTURE_STATUS_PARTIAL, 7,  8, 0 },
  { "environment-security-group",         POSTURE_STATUS_PARTIAL, 4,  8, 0 },
  { "sharing-limits",                     POSTURE_STATUS_PARTIAL, 6, 10, 0 },
  { "ip-firewall",                        POSTURE_STATUS_PARTIAL, 6,  8, 1 },
  { "ip-cookie-binding",                  POSTURE_STATUS_PARTIAL, 6,  8, 1 },
  { "auditing",                           POSTURE_STATUS_PASS,    8,  8, 1 },
  { "content-security-policy",            POSTURE_STATUS_PASS,    8,  8, 1 },
  { "guest-access-restricted",            POSTURE_STATUS_PASS,    8,  8, 1 },
  { "admin-privileges",                   POSTURE_STATUS_PARTIAL, 7,  8, 1 },
  { "app-access-control",                 POSTURE_STATUS_PARTIAL, 6,  8, 1 },
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
  guint id = g_timeout_add_seconds (120, timeout_cb, NULL);

  while (w->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return w->result;
}

static PostureSnapshot *
read_snapshot (PostureTenantClient *client)
{
  Waiter w = { 0 };
  g_autoptr(GError) error = NULL;
  PostureSnapshot *snapshot;

  posture_tenant_client_read_snapshot_async (client, NULL, NULL, done_cb, &w);
  snapshot = posture_tenant_client_read_snapshot_finish (client, wait_for (&w), &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

static PostureTenantClient *
new_client (PostureDemoServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (server), &error);
  g_assert_no_error (error);
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_DOMAIN, POSTURE_DEMO_CLIENT_ID, NULL,
                             NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);

  return posture_tenant_client_new (oauth);
}

/* Every control as expected; returns the score. */
static void
assert_controls (PostureAssessment *assessment,
                 const Expected    *expected,
                 guint              n,
                 PostureScore      *out_score)
{
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint earned = 0, possible = 0;

  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, n);
  for (guint i = 0; i < n; i++)
    {
      PostureControlResult *r = posture_assessment_lookup (assessment, expected[i].id);

      g_assert_nonnull (r);
      g_test_message ("%s: status %d, %u/%u, %u unknown", expected[i].id,
                      (int) posture_control_result_get_status (r),
                      posture_control_result_get_earned (r),
                      posture_control_result_get_possible (r),
                      posture_control_result_get_n_unknown (r));
      g_assert_cmpint (posture_control_result_get_status (r), ==, expected[i].status);
      g_assert_cmpuint (posture_control_result_get_earned (r), ==, expected[i].earned);
      g_assert_cmpuint (posture_control_result_get_possible (r), ==, expected[i].possible);
      g_assert_cmpuint (posture_control_result_get_n_unknown (r), ==, expected[i].n_unknown);
      earned += expected[i].earned;
      possible += expected[i].possible;
    }

  posture_assessment_get_score (assessment, out_score);
  g_assert_cmpuint (out_score->earned, ==, earned);
  g_assert_cmpuint (out_score->possible, ==, possible);
}

static gboolean
has_warning (PostureAssessment *assessment,
             const char        *needle)
{
  const char * const *warnings = posture_assessment_get_warnings (assessment);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    if (strstr (warnings[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_seeded_scenario (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PostureTenantClient) client = new_client (f->server);
  g_autoptr(PostureSnapshot) snapshot = read_snapshot (client);
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  PostureScore score = { 0 };
  JsonObject *sources;

  /* The snapshot holds what the services answered, in format 2. */
  sources = posture_json_get_object (json_node_get_object (posture_snapshot_get_json (snapshot)),
                                     "sources");
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources, "environments")), ==,
                    12);
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources, "dlp_policies")), ==,
                    3);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sources, "tenant_isolation")));
  g_assert_cmpuint (json_object_get_size (posture_json_get_object (sources, "dataverse")), ==, 9);
  g_assert_nonnull (posture_json_get_path_object (sources, "dataverse." FIELDSVC ".error"));
  g_assert_cmpuint (json_object_get_size (posture_json_get_object (sources, "dataverse_admins")),
                    ==, 9);
  /* The older organization answered without the column it does not know. */
  g_assert_false (json_object_has_member (posture_json_get_path_object (sources,
                                                                        "dataverse." FININT),
                                          "allowedlistofiprangesforfirewall"));
  g_assert_nonnull (posture_json_get_path_object (sources, "graph.conditional_access"));
  g_assert_nonnull (posture_json_get_path_object (sources, "graph.security_defaults"));
  g_assert_nonnull (posture_json_get_path_object (sources, "graph.global_admins.assignments"));

  assessment = posture_engine_assess (snapshot, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (posture_assessment_get_tenant_id (assessment), ==, POSTURE_DEMO_TENANT_ID);
  g_assert_cmpstr (posture_assessment_get_tenant_name (assessment), ==, POSTURE_DEMO_TENANT_NAME);
  assert_controls (assessment, seeded, G_N_ELEMENTS (seeded), &score);
  g_assert_cmpuint (score.earned, ==, 71);
  g_assert_cmpuint (score.possible, ==, 269);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_LOW);

  /* What the reader and the engine noticed on the way. */
  g_assert_true (has_warning (assessment, "allowedlistofiprangesforfirewall"));
  g_assert_true (has_warning (assessment, "Require MFA for everyone (pilot)"));
}

/* ---- The API fixes, as the remediation table plans them ------------------------------ */

static void
post_settings (Fixture    *f,
               const char *token,
               const char *body)
{
  g_autoptr(Response) r = request (f, "POST", "/providers/Microsoft.BusinessAppPlatform/scopes/"
                                   "admin/updateTenantSettings?api-version=2023-06-01", token,
                                   body);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
apply_api_fixes (Fixture *f)
{
  g_autofree char *bap = bap_token (f);
  g_autofree char *dv = dv_token (f);
  g_autoptr(GString) groups = g_string_new (NULL);
  g_autofree char *baseline = NULL;
  static const char *allow[] = {
    "approvals", "cloudappsecurity", "commondataservice", "commondataserviceforapps",
    "excelonlinebusiness", "flowpush", "kaizala", "microsoftformspro", "office365",
    "office365groups", "office365groupsmail", "office365users", "onedriveforbusiness", "onenote",
    "planner", "powerappsnotification", "powerappsnotificationv2", "powerbi",
    "powervirtualagents", "sharepointonline", "shifts", "skypeforbiz", "teams", "todo", "yammer",
  };
  /* Managed Environments: Production, Sandbox and Default with Dataverse. */
  static const char *governed[] = { DEFAULT_ENV, SALES, FINANCE, HR, FIELDSVC, UAT, FININT };
  /* Dataverse settings, where the caller can read them. */
  static const char *dataverse[] = {
    DEFAULT_ENV, SALES, FINANCE, HR, UAT, FININT, MKTTRIAL, ALEXDEV };
  static const char *patches[] = {
    "{\"isauditenabled\":true}",
    "{\"iscontentsecuritypolicyenabled\":true,\"iscontentsecuritypolicyenabledforcanvas\":true}",
    "{\"restrictGuestUserAccess\":true}",
    "{\"enableipbasedcookiebinding\":true}",
    /* The firewall: audit first, with an allow-list that holds the office; then enforce. */
    "{\"enableipbasedfirewallrule\":true,\"enableipbasedfirewallruleinauditmode\":true,"
    "\"allowediprangeforfirewall\":\"10.10.0.0/16,198.51.100.0/24\"}",
    "{\"enableipbasedfirewallruleinauditmode\":false}",
    /* App access control: audit first, then enforce. */
    "{\"applicationbasedaccesscontrolmode\":2,\"allowedapplicationsfordvaccess\":"
    "\"a0c2e8f4-3b1d-4c6e-9f7a-1d2e3f4a5b61\"}",
    "{\"applicationbasedaccesscontrolmode\":1}",
  };

  /* Tenant settings: only the changed member each time. */
  post_settings (f, bap, "{\"disableTrialEnvironmentCreationByNonAdminUsers\":true}");
  post_settings (f, bap, "{\"disablePortalsCreationByNonAdminUsers\":true}");
  post_settings (f, bap, "{\"powerPlatform\":{\"governance\":"
                 "{\"disableDeveloperEnvironmentCreationByNonAdminUsers\":true}}}");
  post_settings (f, bap, "{\"powerPlatform\":{\"governance\":"
                 "{\"enableDefaultEnvironmentRouting\":true}}}");
  post_settings (f, bap, "{\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":true}}}");
  post_settings (f, bap, "{\"powerPlatform\":{\"powerApps\":"
                 "{\"disableConnectionSharingWithEveryone\":true}}}");

  /* Tenant isolation: the first write is asynchronous. */
  {
    g_autoptr(Response) put = request (f, "PUT", ISOLATION_PATH, bap,
                                       "{\"properties\":{\"tenantId\":\"" POSTURE_DEMO_TENANT_ID
                                       "\",\"isDisabled\":false,\"allowedTenants\":[]}}");
    g_autoptr(Response) done = NULL;

    g_assert_cmpuint (put->status, ==, 202);
    done = poll_operation (f, bap, soup_message_headers_get_one (put->headers, "Location"), NULL);
  }

  /* The DLP baseline: the allow-list as Business, Blocked by default, custom connectors
   * blocked. */
  for (guint i = 0; i < G_N_ELEMENTS (allow); i++)
    g_string_append_printf (groups, "%s{\"id\":\"/providers/Microsoft.PowerApps/apis/shared_%s\","
                            "\"name\":\"shared_%s\",\"type\":\"Microsoft.PowerApps/apis\"}",
                            i ? "," : "", allow[i], allow[i]);
  baseline = g_strdup_printf ("{\"policyDefinition\":{\"displayName\":\"Posture baseline\","
                              "\"environmentType\":\"AllEnvironments\","
                              "\"defaultConnectorsClassification\":\"Blocked\","
                              "\"connectorGroups\":[{\"classification\":\"Confidential\","
                              "\"connectors\":[%s]},{\"classification\":\"General\","
                              "\"connectors\":[]},{\"classification\":\"Blocked\","
                              "\"connectors\":[]}]},\"customConnectorUrlPatternsDefinition\":"
                              "{\"rules\":[{\"order\":1,\"customConnectorRuleClassification\":"
                              "\"Blocked\",\"pattern\":\"*\"}]}}", groups->str);
  {
    g_autoptr(Response) created = request (f, "POST", "/providers/PowerPlatform.Governance/v2/"
                                           "policies", bap, baseline);

    g_assert_cmpuint (created->status, ==, 201);
  }

  /* Managed Environments with a sharing limit; the group-governed one refuses. */
  for (guint i = 0; i < G_N_ELEMENTS (governed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/providers/Microsoft.BusinessAppPlatform/"
                                               "environments/%s/governanceConfiguration"
                                               "?api-version=2021-04-01", governed[i]);
      g_autoptr(Response) r = request (f, "POST", path, bap,
                                       "{\"protectionLevel\":\"Standard\",\"settings\":"
                                       "{\"extendedSettings\":{\"limitSharingMode\":"
                                       "\"excludeSharingToSecurityGroups\","
                                       "\"maxLimitUserSharing\":\"20\"}}}");
      g_autoptr(Response) done = NULL;

      if (g_str_equal (governed[i], UAT))
        {
          g_assert_cmpuint (r->status, ==, 409);
          continue;
        }
      g_assert_cmpuint (r->status, ==, 202);
      done = poll_operation (f, bap, soup_message_headers_get_one (r->headers, "Location"),
                             NULL);
    }

  /* Dataverse; Trial and Developer environments refuse the managed-only features. */
  for (guint i = 0; i < G_N_ELEMENTS (dataverse); i++)
    for (guint j = 0; j < G_N_ELEMENTS (patches); j++)
      {
        g_autoptr(Response) r = patch_org (f, dv, dataverse[i], patches[j]);
        gboolean refused = (g_str_equal (dataverse[i], MKTTRIAL) ||
                            g_str_equal (dataverse[i], ALEXDEV)) &&
                           (j == 3 || j == 4 || j == 6 || j == 7);

        g_assert_cmpuint (r->status, ==, refused ? 400 : 204);
      }
}

static void
test_api_fixes_reach_high (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PostureTenantClient) client = new_client (f->server);
  g_autoptr(PostureSnapshot) before_snapshot = read_snapshot (client);
  g_autoptr(PostureSnapshot) after_snapshot = NULL;
  g_autoptr(PostureSnapshot) reset_snapshot = NULL;
  g_autoptr(PostureAssessment) before = NULL;
  g_autoptr(PostureAssessment) after = NULL;
  g_autoptr(PostureAssessment) decided = NULL;
  g_autoptr(PostureAssessment) reset = NULL;
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(GError) error = NULL;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureScore s0 = { 0 }, s1 = { 0 }, s2 = { 0 }, s3 = { 0 };

  posture_demo_server_set_operation_polls (f->server, 1, 0, 30000);
  before = posture_engine_assess (before_snapshot, NULL, &error);
  g_assert_no_error (error);
  posture_assessment_get_score (before, &s0);

  apply_api_fixes (f);

  after_snapshot = read_snapshot (client);
  after = posture_engine_assess (after_snapshot, NULL, &error);
  g_assert_no_error (error);
  assert_controls (after, fixed, G_N_ELEMENTS (fixed), &s1);
  g_test_message ("API fixes: from %u/%u to %u/%u (%.2f %%)", s0.earned, s0.possible, s1.earned,
                  s1.possible, s1.percent);
  g_assert_cmpuint (s1.earned, ==, 225);
  g_assert_cmpuint (s1.possible, ==, 269);
  g_assert_cmpint (s1.level, ==, POSTURE_LEVEL_HIGH);

  /* The two controls no API fixes, decided as mitigated another way: full points. */
  decisions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_hash_table_insert (decisions, (gpointer) "conditional-access-mfa",
                       posture_decision_new ("conditional-access-mfa",
                                             POSTURE_DECISION_ALTERNATE_MITIGATION));
  g_hash_table_insert (decisions, (gpointer) "global-admin-count",
                       posture_decision_new ("global-admin-count",
                                             POSTURE_DECISION_ALTERNATE_MITIGATION));
  options.decisions = decisions;
  decided = posture_engine_assess (after_snapshot, &options, &error);
  g_assert_no_error (error);
  posture_assessment_get_score (decided, &s2);
  g_assert_cmpuint (s2.earned, ==, 249);
  g_assert_cmpint (s2.level, ==, POSTURE_LEVEL_HIGH);

  /* Reset Demo returns to the seed. */
  posture_demo_server_reset (f->server);
  reset_snapshot = read_snapshot (client);
  reset = posture_engine_assess (reset_snapshot, NULL, &error);
  g_assert_no_error (error);
  assert_controls (reset, seeded, G_N_ELEMENTS (seeded), &s3);
  g_assert_cmpuint (s3.earned, ==, s0.earned);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/posture/demo/assessment/seeded-scenario", Fixture, NULL, fixture_setup,
              test_seeded_scenario, fixture_teardown);
  g_test_add ("/posture/demo/assessment/api-fixes-reach-high", Fixture, NULL, fixture_setup,
              test_api_fixes_reach_high, fixture_teardown);

  return g_test_run ();
}
