/* test-remediation-v2.c: the plans of catalog 2's controls on a snapshot in format 2
 * (guest access, app access control, connection sharing, default environment routing,
 * the default environment's connectors, the firewall's second list column)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-engine.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-remediation.h"

#define TENANT  "11111111-2222-3333-4444-555555555555"
#define DEFAULT "Default-" TENANT
#define PROD_A  "aaaaaaaa-0000-0000-0000-000000000001"
#define PROD_B  "bbbbbbbb-0000-0000-0000-000000000002"
#define TRIAL_D "dddddddd-0000-0000-0000-000000000004"
#define DEV_E   "eeeeeeee-0000-0000-0000-000000000005"
#define PROD_F  "ffffffff-0000-0000-0000-000000000006"
#define PROD_G  "99999999-0000-0000-0000-000000000007"
#define APP     "11111111-aaaa-4bbb-8ccc-000000000001"
#define BAP     "https://api.bap.microsoft.com"

typedef struct
{
  PostureSnapshot   *snapshot;
  PostureAssessment *assessment;
} Fixture;

static PostureAssessment *
assess (PostureSnapshot *snapshot)
{
  g_autoptr(GError) error = NULL;
  PostureAssessment *assessment = posture_engine_assess (snapshot, NULL, &error);

  g_assert_no_error (error);
  return assessment;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "remediation",
                                                 "mixed-v2.json", NULL);

  fixture->snapshot = posture_snapshot_new_from_file (path, &error);
  if (g_error_matches (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION))
    {
      /* A core without snapshot format 2 and catalog 2: nothing of this to plan. */
      g_test_skip ("snapshot format 2 is not supported by this core");
      return;
    }
  g_assert_no_error (error);
  fixture->assessment = assess (fixture->snapshot);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->snapshot == NULL)
    return;
  g_assert_finalize_object (fixture->assessment);
  g_assert_finalize_object (fixture->snapshot);
}

static PostureFixPlan *
plan_for (Fixture                 *fixture,
          const char              *control_id,
          const PostureFixOptions *options)
{
  g_autoptr(GError) error = NULL;
  PostureFixPlan *plan = posture_remediation_plan (fixture->snapshot, fixture->assessment,
                                                   control_id, options, &error);

  g_assert_no_error (error);
  return plan;
}

static PostureFixStep *
step_at (PostureFixPlan *plan,
         guint           position)
{
  g_autoptr(PostureFixStep) step = g_list_model_get_item (posture_fix_plan_get_steps (plan),
                                                          position);

  g_assert_nonnull (step);
  return step;
}

/* "id:change id:skip …", and each change's body. */
static void
assert_steps (PostureFixPlan     *plan,
              const char         *expected,
              const char * const *bodies)
{
  g_auto(GStrv) items = g_strsplit (expected, " ", -1);
  guint body = 0;

  g_assert_cmpuint (g_list_model_get_n_items (posture_fix_plan_get_steps (plan)), ==,
                    g_strv_length (items));
  for (guint i = 0; items[i] != NULL; i++)
    {
      PostureFixStep *step = step_at (plan, i);
      g_autofree char *got = g_strdup_printf ("%s:%s", posture_fix_step_get_resource_id (step),
                                              posture_fix_action_to_string (
                                                posture_fix_step_get_action (step)));

      g_assert_cmpstr (got, ==, items[i]);
      if (posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_CHANGE)
        {
          GListModel *requests = posture_fix_step_get_requests (step);
          g_autoptr(PostureFixRequest) request = g_list_model_get_item (requests, 0);
          g_autofree char *text = posture_json_to_string (posture_fix_request_get_body (request),
                                                          FALSE);

          g_assert_nonnull (bodies[body]);
          g_assert_cmpstr (text, ==, bodies[body]);
          body++;
        }
    }
  g_assert_null (bodies[body]);
}

static void
assert_reason (PostureFixPlan *plan,
               guint           position,
               const char     *fragment)
{
  const char *reason = posture_fix_step_get_reason (step_at (plan, position));

  if (strstr (reason, fragment) == NULL)
    g_error ("step %u: \"%s\" does not say \"%s\"", position, reason, fragment);
}

static PostureAssessment *
project (Fixture        *fixture,
         PostureFixPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) projected = posture_fix_plan_project (plan, fixture->snapshot,
                                                                   &error);

  g_assert_no_error (error);
  return assess (projected);
}

static PostureResult
result_of (PostureAssessment *assessment,
           const char        *control_id,
           const char        *resource_id)
{
  PostureControlResult *result = posture_assessment_lookup (assessment, control_id);

  for (guint i = 0; i < posture_control_result_get_n_resources (result); i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);

      if (g_strcmp0 (posture_resource_result_get_id (resource), resource_id) == 0)
        return posture_resource_result_get_status (resource);
    }
  g_error ("%s has no resource %s", control_id, resource_id);
  return POSTURE_RESULT_UNKNOWN;
}

static PostureStatus
status_of (PostureAssessment *assessment,
           const char        *control_id)
{
  return posture_control_result_get_status (posture_assessment_lookup (assessment, control_id));
}

/* ------------------------------------------------------------------------- */

static void
test_guest_access (Fixture *fixture)
{
  static const char * const bodies[] = {
    "{\"restrictGuestUserAccess\":true}", "{\"restrictGuestUserAccess\":true}",
    "{\"restrictGuestUserAccess\":true}", "{\"restrictGuestUserAccess\":true}", NULL,
  };
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "guest-access-restricted", NULL);
  g_autoptr(PostureAssessment) projected = NULL;

  /* Not managed-only: every failing Dataverse environment, written as the service
   * spells the column. */
  assert_steps (plan, DEFAULT ":change " PROD_B ":change " TRIAL_D ":change " DEV_E ":change "
                PROD_F ":skip", bodies);
  assert_reason (plan, 4, "HTTP 403");
  projected = project (fixture, plan);
  g_assert_cmpint (status_of (projected, "guest-access-restricted"), ==, POSTURE_STATUS_PASS);
}

static void
test_app_access_control (Fixture *fixture)
{
  static const char * const audit_bodies[] = {
    "{\"applicationbasedaccesscontrolmode\":2,\"allowedapplicationsfordvaccess\":\"" APP "\"}",
    NULL,
  };
  static const char * const enforce_bodies[] = {
    "{\"applicationbasedaccesscontrolmode\":1}", NULL,
  };
  const char *apps[] = { APP, NULL };
  const char *bad[] = { "not-an-app", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) audit = NULL;
  g_autoptr(PostureFixPlan) enforce = NULL;
  g_autoptr(PostureAssessment) projected = NULL;
  g_autoptr(PostureAssessment) enforced = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureFixPlan) refused = NULL;

  refused = posture_remediation_plan (fixture->snapshot, fixture->assessment,
                                      "app-access-control", &options, &error);
  g_assert_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION);
  g_assert_nonnull (strstr (error->message, "--app-id"));
  g_clear_error (&error);
  options.app_ids = bad;
  refused = posture_remediation_plan (fixture->snapshot, fixture->assessment,
                                      "app-access-control", &options, &error);
  g_assert_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION);
  g_clear_error (&error);

  /* Managed only; starts in audit mode (2), which the control still counts as failing. */
  options.app_ids = apps;
  audit = plan_for (fixture, "app-access-control", &options);
  assert_steps (audit, DEFAULT ":change " PROD_A ":skip " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip", audit_bodies);
  assert_reason (audit, 1, "Already in audit mode with these apps");
  assert_reason (audit, 2, "make it managed first");
  assert_reason (audit, 3, "a Trial environment cannot be managed");
  projected = project (fixture, audit);
  g_assert_cmpint (result_of (projected, "app-access-control", DEFAULT), ==, POSTURE_RESULT_FAIL);

  /* Enforcing: only where audit mode is on with a list. */
  options.app_ids = NULL;
  options.enforce = TRUE;
  enforce = plan_for (fixture, "app-access-control", &options);
  assert_steps (enforce, DEFAULT ":skip " PROD_A ":change " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip", enforce_bodies);
  assert_reason (enforce, 0, "start it in audit mode first");
  enforced = project (fixture, enforce);
  g_assert_cmpint (result_of (enforced, "app-access-control", PROD_A), ==, POSTURE_RESULT_PASS);
}

static void
test_new_tenant_settings (Fixture *fixture)
{
  static const char * const sharing[] = {
    "{\"powerPlatform\":{\"powerApps\":{\"disableConnectionSharingWithEveryone\":true}}}", NULL,
  };
  static const char * const routing[] = {
    "{\"powerPlatform\":{\"governance\":{\"enableDefaultEnvironmentRouting\":true}}}", NULL,
  };
  g_autoptr(PostureFixPlan) connections = plan_for (fixture, "connection-sharing-disabled", NULL);
  g_autoptr(PostureFixPlan) routes = plan_for (fixture, "default-environment-routing", NULL);
  g_autoptr(PostureAssessment) projected = NULL;

  assert_steps (connections, TENANT ":change", sharing);
  assert_steps (routes, TENANT ":change", routing);
  projected = project (fixture, connections);
  g_assert_cmpint (status_of (projected, "connection-sharing-disabled"), ==, POSTURE_STATUS_PASS);
  g_clear_object (&projected);
  projected = project (fixture, routes);
  g_assert_cmpint (status_of (projected, "default-environment-routing"), ==, POSTURE_STATUS_PASS);
}

static void
test_default_environment_connectors (Fixture *fixture)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "dlp-default-environment-connectors", NULL);
  g_autoptr(PostureAssessment) projected = NULL;

  g_assert_cmpint (status_of (fixture->assessment, "dlp-default-environment-connectors"), ==,
                   POSTURE_STATUS_FAIL);
  g_assert_cmpuint (posture_fix_plan_get_n_changes (plan), ==, 1);

  /* The baseline classifies: the usable connectors in the default environment are the
   * allow-list, and four DLP controls pass. */
  projected = project (fixture, plan);
  g_assert_cmpint (status_of (projected, "dlp-default-environment-connectors"), ==,
                   POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (projected, "dlp-tenant-policy"), ==, POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (projected, "dlp-default-environment"), ==, POSTURE_STATUS_PASS);
  g_assert_cmpint (status_of (projected, "dlp-environment-coverage"), ==, POSTURE_STATUS_PASS);
}

static void
test_firewall_second_column (Fixture *fixture)
{
  static const char * const bodies[] = {
    "{\"enableipbasedfirewallrule\":true,\"enableipbasedfirewallruleinauditmode\":true,"
    "\"allowediprangeforfirewall\":\"203.0.113.0/24\",\"allowedlistofiprangesforfirewall\":\"\"}",
    "{\"allowediprangeforfirewall\":\"203.0.113.0/24\"}",
    NULL,
  };
  const char *ranges[] = { "203.0.113.0/24", NULL };
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(PostureFixPlan) enforce = NULL;
  g_autoptr(PostureAssessment) audited = NULL;
  g_autoptr(PostureAssessment) enforced = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) after_audit = NULL;

  /* Prod G enforces a real list: it passes and is not touched. The default environment's
   * second column holds 0.0.0.0/0: the admin's list replaces both. */
  options.ip_ranges = ranges;
  plan = plan_for (fixture, "ip-firewall", &options);
  assert_steps (plan, DEFAULT ":change " PROD_A ":change " PROD_B ":skip " TRIAL_D ":skip "
                DEV_E ":skip " PROD_F ":skip", bodies);
  g_assert_cmpint (result_of (fixture->assessment, "ip-firewall", PROD_G), ==,
                   POSTURE_RESULT_PASS);
  audited = project (fixture, plan);
  g_assert_cmpint (result_of (audited, "ip-firewall", DEFAULT), ==, POSTURE_RESULT_FAIL);

  /* After a week of audit: enforcing the projected state makes both pass. */
  after_audit = posture_fix_plan_project (plan, fixture->snapshot, &error);
  g_assert_no_error (error);
  options.ip_ranges = NULL;
  options.enforce = TRUE;
  enforce = posture_remediation_plan (after_audit, audited, "ip-firewall", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posture_fix_plan_get_n_changes (enforce), ==, 2);
  {
    g_autoptr(PostureSnapshot) final = posture_fix_plan_project (enforce, after_audit, &error);

    g_assert_no_error (error);
    enforced = assess (final);
  }
  g_assert_cmpint (result_of (enforced, "ip-firewall", DEFAULT), ==, POSTURE_RESULT_PASS);
  g_assert_cmpint (result_of (enforced, "ip-firewall", PROD_A), ==, POSTURE_RESULT_PASS);
}

typedef void (*TestFunc) (Fixture *fixture);

/* Each test runs only when the set-up loaded the snapshot (else it was skipped). */
static void
run_test (Fixture       *fixture,
          gconstpointer  data)
{
  TestFunc func = (TestFunc) data;

  if (fixture->snapshot != NULL)
    func (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/posture/core/remediation-v2/" path, Fixture, (gconstpointer) func, \
              fixture_set_up, run_test, fixture_tear_down)

  ADD ("guest-access", test_guest_access);
  ADD ("app-access-control", test_app_access_control);
  ADD ("new-tenant-settings", test_new_tenant_settings);
  ADD ("default-environment-connectors", test_default_environment_connectors);
  ADD ("firewall-second-column", test_firewall_second_column);

  return g_test_run ();
}
