/* test-remediation.c: every control's plan on fixtures (preconditions, skipped
 * resources and why, the exact requests and bodies), the options' validation, the
 * JSON form, and the exact what-if (the projection as the engine judges it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-catalog.h"
#include "posture-dlp-allow-list.h"
#include "posture-engine.h"
#include "posture-json.h"
#include "posture-remediation.h"

#define TENANT  "11111111-2222-3333-4444-555555555555"
#define DEFAULT "Default-" TENANT
#define PROD_A  "aaaaaaaa-0000-0000-0000-000000000001"
#define PROD_B  "bbbbbbbb-0000-0000-0000-000000000002"
#define SAND_C  "cccccccc-0000-0000-0000-000000000003"
#define TRIAL_D "dddddddd-0000-0000-0000-000000000004"
#define DEV_E   "eeeeeeee-0000-0000-0000-000000000005"
#define PROD_F  "ffffffff-0000-0000-0000-000000000006"
#define PROD_G  "99999999-0000-0000-0000-000000000007"
#define PARTNER "22222222-3333-4444-5555-666666666666"
#define BAP     "https://api.bap.microsoft.com"
#define GRAPH   "https://graph.microsoft.com"

static PostureSnapshot *
load_fixture (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
  PostureSnapshot *snapshot = posture_snapshot_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

static PostureAssessment *
assess (PostureSnapshot    *snapshot,
        const char * const *control_ids)
{
  g_autoptr(GError) error = NULL;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureAssessment *assessment;

  options.control_ids = control_ids;
  assessment = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  return assessment;
}

typedef struct
{
  PostureSnapshot   *snapshot;
  PostureAssessment *assessment;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->snapshot = load_fixture ("remediation", "mixed.json");
  fixture->assessment = assess (fixture->snapshot, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->assessment);
  g_assert_finalize_object (fixture->snapshot);
}

static PostureFixPlan *
plan_for (Fixture                 *fixture,
          const char              *control_id,
          const PostureFixOptions *options)
{
  g_autoptr(GError) error = NULL;
  PostureFixPlan *plan;

  plan = posture_remediation_plan (fixture->snapshot, fixture->assessment, control_id, options,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (posture_fix_plan_get_control_id (plan), ==, control_id);
  g_assert_nonnull (posture_fix_plan_get_summary (plan));
  return plan;
}

static PostureFixStep *
step_at (PostureFixPlan *plan,
         guint           position)
{
  GListModel *steps = posture_fix_plan_get_steps (plan);
  g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, position);

  g_assert_nonnull (step);
  return step;   /* the plan keeps it alive */
}

/* "id:change id:skip …" in order. */
static void
assert_steps (PostureFixPlan *plan,
              const char     *expected)
{
  g_auto(GStrv) items = g_strsplit (expected, " ", -1);
  GListModel *steps = posture_fix_plan_get_steps (plan);

  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, g_strv_length (items));
  for (guint i = 0; items[i] != NULL; i++)
    {
      PostureFixStep *step = step_at (plan, i);
      g_autofree char *got = g_strdup_printf ("%s:%s", posture_fix_step_get_resource_id (step),
                                              posture_fix_action_to_string (
                                                posture_fix_step_get_action (step)));

      g_assert_cmpstr (got, ==, items[i]);
      g_assert_nonnull (posture_fix_step_get_reason (step));
      g_assert_cmpuint (g_list_model_get_n_items (posture_fix_step_get_requests (step)), ==,
                        posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_CHANGE ? 1 : 0);
      g_assert_cmpint (posture_fix_step_get_outcome (step), ==, POSTURE_FIX_OUTCOME_NONE);
    }
}

static void
assert_reason (PostureFixPlan *plan,
               guint           position,
               const char     *fragment)
{
  const char *reason = posture_fix_step_get_reason (step_at (plan, position));

  if (strstr (reason, fragment) == NULL)
    g_error ("step %u: reason \"%s\" does not say \"%s\"", position, reason, fragment);
}

static gboolean
has_precondition (PostureFixStep *step,
                  const char     *fragment)
{
  const char * const *preconditions = posture_fix_step_get_preconditions (step);

  for (guint i = 0; preconditions[i] != NULL; i++)
    if (strstr (preconditions[i], fragment) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_risk (PostureFixPlan *plan,
          const char     *fragment)
{
  const char * const *risks = posture_fix_plan_get_risks (plan);

  for (guint i = 0; risks[i] != NULL; i++)
    if (strstr (risks[i], fragment) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_request (PostureFixPlan *plan,
                guint           position,
                const char     *method,
                const char     *url,
                const char     *body)
{
  PostureFixStep *step = step_at (plan, position);
  GListModel *requests = posture_fix_step_get_requests (step);
  g_autoptr(PostureFixRequest) request = g_list_model_get_item (requests, 0);
  g_autofree char *got_url = NULL;
  g_autofree char *got_body = NULL;

  g_assert_nonnull (request);
  got_url = posture_fix_request_dup_url (request, BAP, GRAPH);
  got_body = posture_json_to_string (posture_fix_request_get_body (request), FALSE);
  g_assert_cmpstr (posture_fix_request_get_method (request), ==, method);
  g_assert_cmpstr (got_url, ==, url);
  if (body != NULL)
    g_assert_cmpstr (got_body, ==, body);
}

static PostureResult
projected_result (PostureAssessment *assessment,
                  const char        *control_id,
                  const char        *resource_id)
{
  PostureControlResult *result = posture_assessment_lookup (assessment, control_id);
  guint n = posture_control_result_get_n_resources (result);

  for (guint i = 0; i < n; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);

      if (g_strcmp0 (posture_resource_result_get_id (resource), resource_id) == 0)
        return posture_resource_result_get_status (resource);
    }

  g_error ("%s has no resource %s", control_id, resource_id);
  return POSTURE_RESULT_UNKNOWN;
}

static PostureAssessment *
project (Fixture        *fixture,
         PostureFixPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) projected = posture_fix_plan_project (plan, fixture->snapshot, &error);

  g_assert_no_error (error);
  g_assert_nonnull (projected);
  return assess (projected, NULL);
}

static PostureStatus
status_of (PostureAssessment *assessment,
           const char        *control_id)
{
  return posture_control_result_get_status (posture_assessment_lookup (assessment, control_id));
}

static void
assert_fix_error (Fixture                 *fixture,
                  const char              *control_id,
                  const PostureFixOptions *options,
                  PostureFixError          code,
                  const char              *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureFixPlan) plan = NULL;

  plan = posture_remediation_plan (fixture->snapshot, fixture->assessment, control_id, options,
                                   &error);
  g_assert_null (plan);
  g_assert_error (error, POSTURE_FIX_ERROR, (gint) code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, fragment);
}

/* ------------------------------------------------------------------------- */

static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  const char *zero[] = { "0.0.0.0/0", NULL };
  const char *seven[] = { "203.0.113.0/24", "10.0.0.0/7", NULL };
  const char *junk[] = { "fw.example.com", NULL };
  const char *good[] = { "203.0.113.0/24", NULL };
  const char *empty[] = { NULL };
  const char *nowhere[] = { "no-such-environment", NULL };
  const char *prod_b[] = { PROD_B, NULL };
  const char *ids[] = { "00000000-0000-0000-0000-000000000001", NULL };
  const char *only[] = { "auditing", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureAssessment) narrow = NULL;

  /* The firewall's allow-list: missing, empty, too wide, invalid. */
  assert_fix_error (fixture, "ip-firewall", NULL, POSTURE_FIX_ERROR_MISSING_OPTION, "--ip-range");
  options.ip_ranges = empty;
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_MISSING_OPTION,
                    "--ip-range");
  options.ip_ranges = zero;
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "0.0.0.0/0 is wider than /8");
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "--ip-range");
  options.ip_ranges = seven;
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "10.0.0.0/7 is wider than /8");
  options.ip_ranges = junk;
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "is not an IPv4 or IPv6 address or range");

  /* --enforce uses the list already there. */
  options.ip_ranges = good;
  options.enforce = TRUE;
  assert_fix_error (fixture, "ip-firewall", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "leave out --ip-range");
  assert_fix_error (fixture, "auditing", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "leave out --enforce");
  options.enforce = FALSE;
  assert_fix_error (fixture, "auditing", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "takes no --ip-range");
  options.ip_ranges = NULL;
  options.app_ids = ids;
  assert_fix_error (fixture, "auditing", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "takes no --app-id");
  options.app_ids = NULL;

  /* Environments: known names only, and only for per-environment fixes. */
  options.environments = nowhere;
  assert_fix_error (fixture, "auditing", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "no-such-environment");
  options.environments = prod_b;
  assert_fix_error (fixture, "tenant-isolation", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "tenant-wide");
  assert_fix_error (fixture, "dlp-environment-coverage", &options,
                    POSTURE_FIX_ERROR_INVALID_OPTION, "tenant-wide");
  options.environments = NULL;

  /* The sharing limit. */
  options.sharing_limit = 0;
  assert_fix_error (fixture, "sharing-limits", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "--sharing-limit 0");
  options.sharing_limit = POSTURE_FIX_MAX_SHARING_LIMIT + 1;
  assert_fix_error (fixture, "sharing-limits", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    "from 1 to");
  options.sharing_limit = -1;
  assert_fix_error (fixture, "sharing-limits", &options, POSTURE_FIX_ERROR_INVALID_OPTION,
                    NULL);

  /* Controls: unknown, fixed by hand, left out of the assessment. */
  assert_fix_error (fixture, "no-such-control", NULL, POSTURE_FIX_ERROR_UNKNOWN_CONTROL, NULL);
  assert_fix_error (fixture, "customer-managed-key", NULL, POSTURE_FIX_ERROR_NO_API_FIX,
                    "Azure Key Vault");
  assert_fix_error (fixture, "virtual-network", NULL, POSTURE_FIX_ERROR_NO_API_FIX, "Azure");
  assert_fix_error (fixture, "environment-security-group", NULL, POSTURE_FIX_ERROR_NO_API_FIX,
                    "security group");
  assert_fix_error (fixture, "tenant-isolation-allowlist", NULL, POSTURE_FIX_ERROR_NO_API_FIX,
                    NULL);
  g_assert_false (posture_remediation_has_api_fix ("customer-managed-key"));
  g_assert_false (posture_remediation_has_api_fix ("tenant-isolation-allowlist"));
  g_assert_true (posture_remediation_has_api_fix ("auditing"));
  g_assert_true (posture_remediation_has_api_fix ("dlp-default-environment-connectors"));

  narrow = assess (fixture->snapshot, only);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PostureFixPlan) plan = posture_remediation_plan (fixture->snapshot, narrow,
                                                               "tenant-isolation", NULL, &error);

    g_assert_null (plan);
    g_assert_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NOT_ASSESSED);
  }

  /* What the Fix dialog asks for. */
  g_assert_cmpint (posture_remediation_get_inputs ("ip-firewall", FALSE), ==,
                   POSTURE_FIX_INPUT_ENVIRONMENTS | POSTURE_FIX_INPUT_IP_RANGES |
                   POSTURE_FIX_INPUT_ENFORCE);
  g_assert_cmpint (posture_remediation_get_inputs ("ip-firewall", TRUE), ==,
                   POSTURE_FIX_INPUT_ENVIRONMENTS | POSTURE_FIX_INPUT_ENFORCE);
  g_assert_cmpint (posture_remediation_get_inputs ("sharing-limits", FALSE) &
                   POSTURE_FIX_INPUT_SHARING_LIMIT, !=, 0);
  g_assert_cmpint (posture_remediation_get_inputs ("tenant-isolation", FALSE), ==,
                   POSTURE_FIX_INPUT_NONE);
}

static void
test_tenant_settings (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *id; const char *body; const char *before; } cases[] = {
    { "env-creation-admins-only", "{\"disableEnvironmentCreationByNonAdminUsers\":true}", "false" },
    { "trial-env-creation-admins-only", "{\"disableTrialEnvironmentCreationByNonAdminUsers\":true}",
      "false" },
    { "developer-env-creation-admins-only",
      "{\"powerPlatform\":{\"governance\":{\"disableDeveloperEnvironmentCreationByNonAdminUsers\":"
      "true}}}", "not set (false)" },
    { "pages-creation-admins-only", "{\"disablePortalsCreationByNonAdminUsers\":true}", "false" },
    /* Re-cased in the snapshot ("PowerApps"): the documented spelling is written, only the
     * changed member, never the whole settings object. */
    { "share-with-everyone-disabled",
      "{\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":true}}}", "false" },
    { "guest-makers-disabled",
      "{\"powerPlatform\":{\"powerApps\":{\"enableGuestsToMake\":false}}}", "true" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureFixPlan) plan = plan_for (fixture, cases[i].id, NULL);
      g_autoptr(PostureAssessment) projected = NULL;
      PostureFixStep *step;

      assert_steps (plan, TENANT ":change");
      assert_request (plan, 0, "POST",
                      BAP "/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                      "updateTenantSettings?api-version=2023-06-01", cases[i].body);
      step = step_at (plan, 0);
      g_assert_cmpstr (posture_fix_step_get_name (step), ==, "Fixture tenant");
      /* The setting's human title first (the catalog's), its API field beside it. */
      {
        PostureControl *control = posture_catalog_lookup (posture_catalog_get_default (),
                                                          cases[i].id);
        g_autofree char *prefix = g_strconcat (posture_control_get_setting_title (control, 0),
                                               ": sets ", NULL);

        g_assert_true (g_str_has_prefix (posture_fix_step_get_reason (step), prefix));
      }
      g_assert_cmpstr (posture_fix_step_get_before (step), ==, cases[i].before);
      g_assert_nonnull (posture_fix_step_get_after (step));
      g_assert_nonnull (posture_fix_plan_get_risks (plan)[0]);

      /* The what-if: the engine judges the projected settings as it will the real ones. */
      projected = project (fixture, plan);
      g_assert_cmpint (status_of (projected, cases[i].id), ==, POSTURE_STATUS_PASS);
      g_assert_cmpint (status_of (projected, "env-creation-admins-only"), ==,
                       g_str_equal (cases[i].id, "env-creation-admins-only")
                       ? POSTURE_STATUS_PASS : POSTURE_STATUS_FAIL);
    }
}

static void
test_tenant_isolation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "tenant-isolation", NULL);
  g_autoptr(PostureAssessment) projected = NULL;
  PostureFixStep *step;

  assert_steps (plan, TENANT ":change");
  assert_request (plan, 0, "PUT",
                  BAP "/providers/PowerPlatform.Governance/v1/tenants/" TENANT
                  "/tenantIsolationPolicy?api-version=2020-06-01",
                  "{\"properties\":{\"tenantId\":\"" TENANT "\",\"isDisabled\":false,"
                  "\"allowedTenants\":[{\"tenantId\":\"" PARTNER "\",\"direction\":"
                  "{\"inbound\":true,\"outbound\":false}}]}}");
  step = step_at (plan, 0);
  g_assert_nonnull (strstr (posture_fix_step_get_before (step), PARTNER));
  g_assert_nonnull (strstr (posture_fix_step_get_after (step), PARTNER));
  g_assert_true (has_risk (plan, "allow-list"));

  projected = project (fixture, plan);
  g_assert_cmpint (status_of (projected, "tenant-isolation"), ==, POSTURE_STATUS_PASS);
}

static void
test_dlp_baseline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "dlp-tenant-policy", NULL);
  g_autoptr(PostureFixPlan) coverage = plan_for (fixture, "dlp-environment-coverage", NULL);
  g_autoptr(PostureAssessment) projected = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  const char * const *connectors = posture_dlp_allow_list_get_ids ();
  JsonObject *body;
  JsonObject *definition;
  JsonArray *groups;
  JsonArray *business;
  g_autofree char *patterns = NULL;

  assert_steps (plan, TENANT ":change");
  assert_steps (coverage, TENANT ":change");
  assert_request (plan, 0, "POST", BAP "/providers/PowerPlatform.Governance/v2/policies", NULL);
  request = g_list_model_get_item (posture_fix_step_get_requests (step_at (plan, 0)), 0);
  g_assert_cmpint (posture_fix_request_get_kind (request), ==, POSTURE_FIX_KIND_DLP_CREATE);
  g_assert_false (posture_fix_request_is_idempotent (request));

  /* The baseline really classifies: every allow-list connector in Business, the rest
   * Blocked by default, custom connectors blocked by one "*" rule. */
  body = json_node_get_object (posture_fix_request_get_body (request));
  definition = json_object_get_object_member (body, "policyDefinition");
  g_assert_cmpstr (json_object_get_string_member (definition, "displayName"), ==,
                   "Posture baseline");
  g_assert_cmpstr (json_object_get_string_member (definition, "environmentType"), ==,
                   "AllEnvironments");
  g_assert_cmpstr (json_object_get_string_member (definition, "defaultConnectorsClassification"),
                   ==, "Blocked");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (definition,
                                                                         "environments")), ==, 0);
  g_assert_false (json_object_has_member (definition, "name"));
  groups = json_object_get_array_member (definition, "connectorGroups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0),
                                                  "classification"), ==, "Confidential");
  business = json_object_get_array_member (json_array_get_object_element (groups, 0), "connectors");
  g_assert_cmpuint (json_array_get_length (business), ==, 25);
  g_assert_cmpuint (g_strv_length ((char **) connectors), ==, 25);
  for (guint i = 0; i < 25; i++)
    {
      JsonObject *connector = json_array_get_object_element (business, i);

      g_assert_cmpstr (json_object_get_string_member (connector, "id"), ==, connectors[i]);
      g_assert_cmpstr (json_object_get_string_member (connector, "name"), ==,
                       strrchr (connectors[i], '/') + 1);
      g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==,
                       "Microsoft.PowerApps/apis");
    }
  g_assert_cmpstr (connectors[0], ==, "/providers/Microsoft.PowerApps/apis/shared_approvals");
  patterns = posture_json_to_string (
    json_object_get_member (body, "customConnectorUrlPatternsDefinition"), FALSE);
  g_assert_cmpstr (patterns, ==, "{\"rules\":[{\"order\":1,\"customConnectorRuleClassification\":"
                                 "\"Blocked\",\"pattern\":\"*\"}]}");
  g_assert_nonnull (strstr (posture_fix_step_get_after (step_at (plan, 0)), "SharePoint"));
  g_assert_true (has_risk (plan, "blocked"));

  /* One policy moves three controls: the what-if shows all of them. */
  projected = project (fixture, plan);
  g_assert_cmpint (status_of (projected, "dlp-tenant-policy"), ==, POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (projected, "dlp-default-environment"), ==, POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (projected, "dlp-environment-coverage"), ==, POSTURE_STATUS_PASS);
}

static void
test_dlp_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "remediation", "mixed.json",
                                                 NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(PostureFixRequest) request = NULL;

  /* A "Posture baseline" someone narrowed to one environment: restored in place (an
   * idempotent PATCH), never a second policy. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_string_replace (edited, "\"displayName\": \"Prod A only\"",
                    "\"displayName\": \"posture BASELINE\"", 1);
  snapshot = posture_snapshot_new_from_data (edited->str, edited->len, "edited", &error);
  g_assert_no_error (error);
  assessment = assess (snapshot, NULL);
  plan = posture_remediation_plan (snapshot, assessment, "dlp-default-environment", NULL, &error);
  g_assert_no_error (error);
  request = g_list_model_get_item (posture_fix_step_get_requests (step_at (plan, 0)), 0);
  g_assert_cmpint (posture_fix_request_get_kind (request), ==, POSTURE_FIX_KIND_DLP_UPDATE);
  g_assert_cmpstr (posture_fix_request_get_method (request), ==, "PATCH");
  {
    g_autofree char *request_path = NULL;

    g_object_get (request, "path", &request_path, NULL);
    g_assert_cmpstr (request_path, ==,
                     "/providers/PowerPlatform.Governance/v2/policies/"
                     "0a0a0a0a-0000-0000-0000-00000000000a");
  }
  g_assert_true (posture_fix_request_is_idempotent (request));
  g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (
                     posture_fix_request_get_body (request)), "policyDefinition.name"), ==,
                   "0a0a0a0a-0000-0000-0000-00000000000a");
  {
    g_autoptr(PostureSnapshot) projected = posture_fix_plan_project (plan, snapshot, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (posture_snapshot_get_n_dlp_policies (projected), ==, 1);
  }
}

static void
test_managed_environment (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  g_autoptr(PostureAssessment) projected = NULL;

  assert_steps (plan, PROD_B ":change " SAND_C ":skip");
  assert_request (plan, 0, "POST",
                  BAP "/providers/Microsoft.BusinessAppPlatform/environments/" PROD_B
                  "/governanceConfiguration?api-version=2021-04-01",
                  "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
                  "\"excludeEnvironmentFromAnalysis\":\"false\","
                  "\"isGroupSharingDisabled\":\"false\","
                  "\"maxLimitUserSharing\":\"-1\",\"disableAiGeneratedDescriptions\":\"false\","
                  "\"includeOnHomepageInsights\":\"false\",\"limitSharingMode\":\"noLimit\","
                  "\"solutionCheckerMode\":\"none\",\"suppressValidationEmails\":\"true\","
                  "\"solutionCheckerRuleOverrides\":\"\"}}}");
  g_assert_true (has_precondition (step_at (plan, 0), "Environment type is Production"));
  g_assert_true (has_precondition (step_at (plan, 0), "Has Dataverse"));
  g_assert_true (has_precondition (step_at (plan, 0), "Not in an environment group"));
  g_assert_true (has_risk (plan, "premium"));
  assert_reason (plan, 1, "Needs Dataverse");
  g_assert_cmpstr (posture_fix_step_get_name (step_at (plan, 1)), ==, "Sand C");

  projected = project (fixture, plan);
  g_assert_cmpint (projected_result (projected, "managed-environment", PROD_B), ==,
                   POSTURE_RESULT_PASS);
  g_assert_cmpint (projected_result (projected, "managed-environment", SAND_C), ==,
                   POSTURE_RESULT_FAIL);
  /* Managed with the defaults: sharing is still unlimited there. */
  g_assert_cmpint (projected_result (projected, "sharing-limits", PROD_B), ==,
                   POSTURE_RESULT_FAIL);

  /* Restricted to one environment. */
  {
    const char *only[] = { SAND_C, NULL };
    PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
    g_autoptr(PostureFixPlan) narrow = NULL;

    options.environments = only;
    narrow = plan_for (fixture, "managed-environment", &options);
    assert_steps (narrow, SAND_C ":skip");
  }
}

static void
test_sharing_limits (Fixture       *fixture,
                     gconstpointer  data)
{
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "sharing-limits", NULL);
  g_autoptr(PostureFixPlan) five = NULL;
  g_autoptr(PostureAssessment) projected = NULL;

  assert_steps (plan, DEFAULT ":change " PROD_B ":skip " SAND_C ":skip " TRIAL_D ":skip "
                PROD_F ":skip");
  /* The managed environment's own settings are kept (solution checker "warn"); only the
   * sharing members change, to the default limit of 20. */
  assert_request (plan, 0, "POST",
                  BAP "/providers/Microsoft.BusinessAppPlatform/environments/" DEFAULT
                  "/governanceConfiguration?api-version=2021-04-01",
                  "{\"protectionLevel\":\"Standard\",\"settings\":{\"extendedSettings\":{"
                  "\"excludeEnvironmentFromAnalysis\":\"true\",\"isGroupSharingDisabled\":\"true\","
                  "\"maxLimitUserSharing\":\"20\",\"disableAiGeneratedDescriptions\":\"false\","
                  "\"includeOnHomepageInsights\":\"false\","
                  "\"limitSharingMode\":\"excludeSharingToSecurityGroups\","
                  "\"solutionCheckerMode\":\"warn\",\"suppressValidationEmails\":\"false\","
                  "\"solutionCheckerRuleOverrides\":\"\"}}}");
  assert_reason (plan, 1, "make it managed first");
  assert_reason (plan, 2, "without Dataverse");
  assert_reason (plan, 3, "a Trial environment cannot be managed");
  /* Governed by its environment group: the service would refuse it (409). */
  assert_reason (plan, 4, "environment group 7e7e7e7e-1111-2222-3333-444444444444");
  g_assert_true (has_precondition (step_at (plan, 0), "Managed environment"));
  g_assert_cmpstr (posture_fix_step_get_before (step_at (plan, 0)), ==,
                   "limitSharingMode noLimit, maxLimitUserSharing -1");

  options.sharing_limit = 5;
  five = plan_for (fixture, "sharing-limits", &options);
  {
    g_autoptr(PostureFixRequest) request =
      g_list_model_get_item (posture_fix_step_get_requests (step_at (five, 0)), 0);

    g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (
                       posture_fix_request_get_body (request)),
                       "settings.extendedSettings.maxLimitUserSharing"), ==, "5");
  }

  projected = project (fixture, plan);
  g_assert_cmpint (projected_result (projected, "sharing-limits", DEFAULT), ==,
                   POSTURE_RESULT_PASS);
  g_assert_cmpint (projected_result (projected, "sharing-limits", PROD_F), ==,
                   POSTURE_RESULT_FAIL);
  g_assert_cmpint (projected_result (projected, "sharing-limits", PROD_B), ==,
                   POSTURE_RESULT_FAIL);
}

static void
test_ip_firewall (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *ranges[] = { "203.0.113.0/24", NULL };
  const char *same[] = { "10.1.0.0/16", "192.0.2.0/24", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(PostureFixPlan) unchanged = NULL;
  g_autoptr(PostureFixPlan) enforce = NULL;
  g_autoptr(PostureAssessment) projected = NULL;
  g_autoptr(PostureAssessment) enforced = NULL;

  options.ip_ranges = ranges;
  plan = plan_for (fixture, "ip-firewall", &options);
  /* Managed environments only; the unreadable one is skipped too. */
  assert_steps (plan, DEFAULT ":change " PROD_A ":change " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip");
  assert_request (plan, 0, "PATCH",
                  "https://default-.crm4.dynamics.com/api/data/v9.2/organizations("
                  "d0d0d0d0-0000-0000-0000-00000000000d)",
                  "{\"enableipbasedfirewallrule\":true,"
                  "\"enableipbasedfirewallruleinauditmode\":true,"
                  "\"allowediprangeforfirewall\":\"203.0.113.0/24\","
                  "\"allowedlistofiprangesforfirewall\":\"\"}");
  /* Already in audit mode: only the list is replaced. */
  assert_request (plan, 1, "PATCH",
                  "https://aaaaaaaa.crm4.dynamics.com/api/data/v9.2/organizations("
                  "a0a0a0a0-0000-0000-0000-00000000000a)",
                  "{\"allowediprangeforfirewall\":\"203.0.113.0/24\"}");
  g_assert_cmpstr (posture_fix_step_get_before (step_at (plan, 0)), ==,
                   "Off; allow-list: 0.0.0.0/0");
  g_assert_cmpstr (posture_fix_step_get_after (step_at (plan, 0)), ==,
                   "Audit mode; allow-list: 203.0.113.0/24");
  g_assert_cmpstr (posture_fix_step_get_before (step_at (plan, 1)), ==,
                   "Audit mode; allow-list: 10.1.0.0/16, 192.0.2.0/24");
  assert_reason (plan, 1, "stays in audit mode");
  assert_reason (plan, 2, "make it managed first");
  assert_reason (plan, 3, "a Trial environment cannot be managed");
  assert_reason (plan, 4, "a Developer environment cannot be managed");
  assert_reason (plan, 5, "could not be judged");
  g_assert_true (has_risk (plan, "Microsoft Support"));
  g_assert_true (has_risk (plan, "audit mode"));

  /* Audit mode is verified but the control still fails: it blocks nothing. */
  projected = project (fixture, plan);
  g_assert_cmpint (projected_result (projected, "ip-firewall", DEFAULT), ==, POSTURE_RESULT_FAIL);
  g_assert_cmpint (projected_result (projected, "ip-firewall", PROD_A), ==, POSTURE_RESULT_FAIL);

  /* The same list again: nothing to write there. */
  options.ip_ranges = same;
  unchanged = plan_for (fixture, "ip-firewall", &options);
  assert_steps (unchanged, DEFAULT ":change " PROD_A ":skip " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip");
  assert_reason (unchanged, 1, "--enforce");

  /* Enforcing: a separate step, only where audit mode is on with a real list. */
  options.ip_ranges = NULL;
  options.enforce = TRUE;
  enforce = plan_for (fixture, "ip-firewall", &options);
  assert_steps (enforce, DEFAULT ":skip " PROD_A ":change " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip");
  assert_reason (enforce, 0, "turn it on in audit mode first");
  assert_request (enforce, 1, "PATCH",
                  "https://aaaaaaaa.crm4.dynamics.com/api/data/v9.2/organizations("
                  "a0a0a0a0-0000-0000-0000-00000000000a)",
                  "{\"enableipbasedfirewallruleinauditmode\":false}");
  g_assert_true (has_precondition (step_at (enforce, 1), "Audit mode is on"));
  g_assert_true (has_precondition (step_at (enforce, 1), "10.1.0.0/16, 192.0.2.0/24"));
  g_assert_true (has_risk (enforce, "Microsoft Support"));
  g_assert_false (has_risk (enforce, "blocks nothing"));
  enforced = project (fixture, enforce);
  g_assert_cmpint (projected_result (enforced, "ip-firewall", PROD_A), ==, POSTURE_RESULT_PASS);
}

static void
test_dataverse_flags (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PostureFixPlan) auditing = plan_for (fixture, "auditing", NULL);
  g_autoptr(PostureFixPlan) csp = plan_for (fixture, "content-security-policy", NULL);
  g_autoptr(PostureFixPlan) cookie = plan_for (fixture, "ip-cookie-binding", NULL);
  g_autoptr(PostureAssessment) projected = NULL;

  /* Auditing is not managed-only. A re-cased column is written as the service spells it. */
  assert_steps (auditing, DEFAULT ":change " PROD_B ":change " TRIAL_D ":change " DEV_E
                ":change " PROD_F ":skip");
  assert_request (auditing, 0, "PATCH",
                  "https://default-.crm4.dynamics.com/api/data/v9.2/organizations("
                  "d0d0d0d0-0000-0000-0000-00000000000d)", "{\"isauditenabled\":true}");
  assert_request (auditing, 1, "PATCH",
                  "https://bbbbbbbb.crm4.dynamics.com/api/data/v9.2/organizations("
                  "b0b0b0b0-0000-0000-0000-00000000000b)", "{\"IsAuditEnabled\":true}");
  assert_reason (auditing, 4, "HTTP 403");
  projected = project (fixture, auditing);
  g_assert_cmpint (status_of (projected, "auditing"), ==, POSTURE_STATUS_PASS);
  g_clear_object (&projected);

  /* Only the columns that change. */
  assert_steps (csp, DEFAULT ":change " PROD_A ":change " PROD_B ":change " TRIAL_D ":change "
                DEV_E ":change " PROD_F ":skip");
  assert_request (csp, 0, "PATCH",
                  "https://default-.crm4.dynamics.com/api/data/v9.2/organizations("
                  "d0d0d0d0-0000-0000-0000-00000000000d)",
                  "{\"iscontentsecuritypolicyenabled\":true,"
                  "\"iscontentsecuritypolicyenabledforcanvas\":true}");
  assert_request (csp, 1, "PATCH",
                  "https://aaaaaaaa.crm4.dynamics.com/api/data/v9.2/organizations("
                  "a0a0a0a0-0000-0000-0000-00000000000a)",
                  "{\"iscontentsecuritypolicyenabledforcanvas\":true}");
  g_assert_true (has_risk (csp, "embedded content"));
  projected = project (fixture, csp);
  g_assert_cmpint (status_of (projected, "content-security-policy"), ==, POSTURE_STATUS_PASS);

  /* Cookie binding is managed-only. */
  assert_steps (cookie, DEFAULT ":change " PROD_B ":skip " TRIAL_D ":skip " DEV_E ":skip "
                PROD_F ":skip");
  assert_request (cookie, 0, "PATCH",
                  "https://default-.crm4.dynamics.com/api/data/v9.2/organizations("
                  "d0d0d0d0-0000-0000-0000-00000000000d)", "{\"enableipbasedcookiebinding\":true}");
  assert_reason (cookie, 1, "make it managed first");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  const char *ranges[] = { "203.0.113.0/24", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(JsonNode) dry = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  JsonObject *root;
  JsonObject *first;
  JsonObject *request;
  guint notified = 0;

  options.ip_ranges = ranges;
  plan = plan_for (fixture, "ip-firewall", &options);

  dry = posture_fix_plan_to_json (plan, BAP, GRAPH, TRUE);
  root = json_node_get_object (dry);
  g_assert_cmpstr (json_object_get_string_member (root, "control"), ==, "ip-firewall");
  g_assert_true (json_object_get_boolean_member (root, "dry_run"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "resources")), ==,
                    6);
  first = json_array_get_object_element (json_object_get_array_member (root, "resources"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, DEFAULT);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Fixture (default)");
  g_assert_cmpstr (json_object_get_string_member (first, "action"), ==, "change");
  g_assert_nonnull (json_object_get_string_member (first, "reason"));
  g_assert_true (json_object_get_null_member (first, "result"));
  g_assert_true (json_object_get_null_member (first, "message"));
  request = json_array_get_object_element (json_object_get_array_member (first, "requests"), 0);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "PATCH");
  g_assert_cmpstr (json_object_get_string_member (request, "url"), ==,
                   "https://default-.crm4.dynamics.com/api/data/v9.2/organizations("
                   "d0d0d0d0-0000-0000-0000-00000000000d)");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (request, "body"),
                                                 "enableipbasedfirewallruleinauditmode"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "risks")), >=, 2);

  /* Outcomes as the runner sets them, notified for the Fix dialog. */
  g_signal_connect_swapped (step_at (plan, 0), "notify::outcome", G_CALLBACK (count_cb),
                            &notified);
  posture_fix_step_set_outcome (step_at (plan, 0), POSTURE_FIX_OUTCOME_PENDING, NULL);
  posture_fix_step_set_outcome (step_at (plan, 0), POSTURE_FIX_OUTCOME_PENDING, NULL);
  g_assert_cmpuint (notified, ==, 1);
  posture_fix_step_set_operation_url (step_at (plan, 0), "https://example.invalid/operations/1");
  posture_fix_step_set_outcome (step_at (plan, 1), POSTURE_FIX_OUTCOME_FAILED,
                                "0x80040203: Cannot enable the IP firewall.");
  for (guint i = 2; i < 6; i++)
    posture_fix_step_set_outcome (step_at (plan, i), POSTURE_FIX_OUTCOME_SKIPPED,
                                  posture_fix_step_get_reason (step_at (plan, i)));
  g_assert_cmpuint (posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_SKIPPED), ==, 4);
  g_assert_cmpuint (posture_fix_plan_get_n_changes (plan), ==, 2);
  g_assert_cmpuint (posture_fix_plan_get_n_skipped (plan), ==, 4);

  done = posture_fix_plan_to_json (plan, BAP, GRAPH, FALSE);
  root = json_node_get_object (done);
  g_assert_false (json_object_get_boolean_member (root, "dry_run"));
  first = json_array_get_object_element (json_object_get_array_member (root, "resources"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "result"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (first, "operation_url"), ==,
                   "https://example.invalid/operations/1");
  first = json_array_get_object_element (json_object_get_array_member (root, "resources"), 1);
  g_assert_cmpstr (json_object_get_string_member (first, "result"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (first, "message"), ==,
                   "0x80040203: Cannot enable the IP firewall.");

  pending = posture_fix_plan_dup_pending (plan);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((PosturePendingFix *) pending->pdata[0])->control_id, ==, "ip-firewall");
  g_assert_cmpstr (((PosturePendingFix *) pending->pdata[0])->resource_id, ==, DEFAULT);
  g_assert_cmpint (((PosturePendingFix *) pending->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_PENDING);
}

static void
test_nothing_to_fix (void)
{
  g_autoptr(PostureSnapshot) snapshot = load_fixture ("engine", "all-pass.json");
  g_autoptr(PostureAssessment) assessment = assess (snapshot, NULL);
  const char *ranges[] = { "203.0.113.0/24", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  static const char * const ids[] = {
    "tenant-isolation", "dlp-tenant-policy", "env-creation-admins-only", "managed-environment",
    "sharing-limits", "ip-firewall", "auditing", "content-security-policy",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PostureFixPlan) plan = NULL;

      options.ip_ranges = g_str_equal (ids[i], "ip-firewall") ? ranges : NULL;
      plan = posture_remediation_plan (snapshot, assessment, ids[i], &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (posture_fix_plan_get_steps (plan)), ==, 0);
      g_assert_nonnull (strstr (posture_fix_plan_get_summary (plan), "Nothing to change"));
      g_assert_null (posture_fix_plan_get_risks (plan)[0]);
    }
}

static void
test_what_if (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const ids[] = {
    "managed-environment", "sharing-limits", "dlp-tenant-policy", "ip-firewall",
    "customer-managed-key", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) left_out = NULL;
  g_autoptr(PostureSnapshot) projected = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;

  projected = posture_remediation_what_if (fixture->snapshot, ids, &left_out, &error);
  g_assert_no_error (error);
  assessment = assess (projected, NULL);

  /* The firewall needs its allow-list, the key an Azure resource: left out, named. */
  g_assert_cmpuint (g_strv_length (left_out), ==, 2);
  g_assert_cmpstr (left_out[0], ==, "ip-firewall");
  g_assert_cmpstr (left_out[1], ==, "customer-managed-key");

  /* Each plan is made on what the previous ones projected: Prod B, made managed by the
   * first, gets its sharing limit from the second. */
  g_assert_cmpint (projected_result (assessment, "managed-environment", PROD_B), ==,
                   POSTURE_RESULT_PASS);
  g_assert_cmpint (projected_result (assessment, "sharing-limits", PROD_B), ==,
                   POSTURE_RESULT_PASS);
  g_assert_cmpint (projected_result (assessment, "sharing-limits", TRIAL_D), ==,
                   POSTURE_RESULT_FAIL);
  g_assert_cmpint (status_of (assessment, "dlp-default-environment"), ==, POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (assessment, "ip-firewall"), ==,
                   status_of (fixture->assessment, "ip-firewall"));
  /* The snapshot it started from is unchanged. */
  g_assert_cmpint (projected_result (fixture->assessment, "managed-environment", PROD_B), ==,
                   POSTURE_RESULT_FAIL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = posture_json_parse (text, strlen (text), 32, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_check (void)
{
  g_autoptr(JsonNode) body = parse ("{\"a\":{\"B\":true,\"n\":\"20\"},\"list\":[{\"id\":\"x\"}]}");
  g_autoptr(PostureFixRequest) request =
    posture_fix_request_new (POSTURE_FIX_KIND_DATAVERSE, "PATCH", POSTURE_FIX_SERVICE_DATAVERSE,
                             "https://org.crm.dynamics.com", "api/data/v9.2/organizations(1)",
                             body, body);
  g_autoptr(JsonNode) same = parse ("{\"A\":{\"b\":\"true\",\"n\":20,\"extra\":1},"
                                    "\"list\":[{\"id\":\"y\"},{\"id\":\"X\",\"n\":1}]}");
  g_autoptr(JsonNode) other = parse ("{\"a\":{\"B\":false,\"n\":\"20\"},\"list\":[]}");
  g_autofree char *difference = NULL;
  g_autofree char *url = posture_fix_request_dup_url (request, BAP, GRAPH);

  g_assert_cmpstr (url, ==, "https://org.crm.dynamics.com/api/data/v9.2/organizations(1)");
  g_assert_true (posture_fix_request_check (request, same, NULL));
  g_assert_false (posture_fix_request_check (request, other, &difference));
  g_assert_cmpstr (difference, ==, "a.B is false, not true");
  g_assert_false (posture_fix_request_check (request, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/remediation/check", test_check);
  g_test_add ("/posture/core/remediation/options", Fixture, NULL, fixture_set_up, test_options,
              fixture_tear_down);
  g_test_add ("/posture/core/remediation/tenant-settings", Fixture, NULL, fixture_set_up,
              test_tenant_settings, fixture_tear_down);
  g_test_add ("/posture/core/remediation/tenant-isolation", Fixture, NULL, fixture_set_up,
              test_tenant_isolation, fixture_tear_down);
  g_test_add ("/posture/core/remediation/dlp-baseline", Fixture, NULL, fixture_set_up,
              test_dlp_baseline, fixture_tear_down);
  g_test_add_func ("/posture/core/remediation/dlp-restore", test_dlp_restore);
  g_test_add ("/posture/core/remediation/managed-environment", Fixture, NULL, fixture_set_up,
              test_managed_environment, fixture_tear_down);
  g_test_add ("/posture/core/remediation/sharing-limits", Fixture, NULL, fixture_set_up,
              test_sharing_limits, fixture_tear_down);
  g_test_add ("/posture/core/remediation/ip-firewall", Fixture, NULL, fixture_set_up,
              test_ip_firewall, fixture_tear_down);
  g_test_add ("/posture/core/remediation/dataverse-flags", Fixture, NULL, fixture_set_up,
              test_dataverse_flags, fixture_tear_down);
  g_test_add ("/posture/core/remediation/json", Fixture, NULL, fixture_set_up, test_json,
              fixture_tear_down);
  g_test_add_func ("/posture/core/remediation/nothing-to-fix", test_nothing_to_fix);
  g_test_add ("/posture/core/remediation/what-if", Fixture, NULL, fixture_set_up, test_what_if,
              fixture_tear_down);

  return g_test_run ();
}
