/* test-demo-fix.c: every fix through the API, end to end on the demo tenant: read,
 * assess, plan, project (the what-if), carry out with the runner, read again, and the
 * engine's verdict on the new reading equals the projection, control by control.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-cloud.h"
#include "posture-demo-server.h"
#include "posture-engine.h"
#include "posture-fix-runner.h"
#include "posture-json.h"
#include "posture-oauth.h"
#include "posture-remediation.h"
#include "posture-snapshot.h"
#include "posture-tenant-client.h"

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
  return snapshot;
}

static PostureAssessment *
assess (PostureSnapshot *snapshot)
{
  g_autoptr(GError) error = NULL;
  PostureAssessment *assessment = posture_engine_assess (snapshot, NULL, &error);

  g_assert_no_error (error);
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
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_DOMAIN, POSTURE_DEMO_CLIENT_ID, NULL,
                             NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);
  return posture_tenant_client_new (oauth);
}

/* The engine's verdict on two snapshots is the same, control by control. */
static void
assert_same_verdicts (PostureAssessment *projected,
                      PostureAssessment *actual,
                      const char        *fix)
{
  GListModel *controls = posture_assessment_get_controls (actual);
  PostureScore a = { 0 };
  PostureScore b = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(PostureControlResult) real = g_list_model_get_item (controls, i);
      const char *id = posture_control_result_get_id (real);
      PostureControlResult *what_if = posture_assessment_lookup (projected, id);

      g_assert_nonnull (what_if);
      if (posture_control_result_get_status (what_if) != posture_control_result_get_status (real) ||
          posture_control_result_get_earned (what_if) != posture_control_result_get_earned (real) ||
          posture_control_result_get_possible (what_if) !=
          posture_control_result_get_possible (real) ||
          posture_control_result_get_n_unknown (what_if) !=
          posture_control_result_get_n_unknown (real))
        g_error ("after %s, %s: the what-if says %s %u/%u, the tenant %s %u/%u", fix, id,
                 posture_status_to_string (posture_control_result_get_status (what_if)),
                 posture_control_result_get_earned (what_if),
                 posture_control_result_get_possible (what_if),
                 posture_status_to_string (posture_control_result_get_status (real)),
                 posture_control_result_get_earned (real),
                 posture_control_result_get_possible (real));
    }

  posture_assessment_get_score (projected, &a);
  posture_assessment_get_score (actual, &b);
  g_assert_cmpuint (a.earned, ==, b.earned);
  g_assert_cmpuint (a.possible, ==, b.possible);
}

typedef struct
{
  const char *control;
  gboolean    enforce;
} Fix;

static void
test_every_fix (void)
{
  static const Fix fixes[] = {
    { "tenant-isolation", FALSE },
    { "dlp-tenant-policy", FALSE },
    { "dlp-default-environment", FALSE },
    { "dlp-environment-coverage", FALSE },
    { "env-creation-admins-only", FALSE },
    { "trial-env-creation-admins-only", FALSE },
    { "developer-env-creation-admins-only", FALSE },
    { "pages-creation-admins-only", FALSE },
    { "share-with-everyone-disabled", FALSE },
    { "guest-makers-disabled", FALSE },
    { "managed-environment", FALSE },
    { "sharing-limits", FALSE },
    { "ip-cookie-binding", FALSE },
    { "auditing", FALSE },
    { "content-security-policy", FALSE },
    { "connection-sharing-disabled", FALSE },
    { "default-environment-routing", FALSE },
    { "dlp-default-environment-connectors", FALSE },
    { "guest-access-restricted", FALSE },
    { "app-access-control", FALSE },
    { "app-access-control", TRUE },
    { "ip-firewall", FALSE },
    { "ip-firewall", TRUE },
  };
  /* The head office, where the demo's caller sits, and the presenter's own range. */
  const char *ranges[] = { "198.51.100.0/24", "203.0.113.0/24", NULL };
  const char *apps[] = { "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", NULL };
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureFixRunner) runner = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  PostureScore first = { 0 };
  PostureScore last = { 0 };
  guint changed = 0;

  /* As the service answers: governance and isolation writes are long-running operations
   * (two polls "Running"; no wait asked, to keep the test short), and the first DLP
   * create lands but its answer is lost. */
  posture_demo_server_set_operation_polls (server, 2, 0, 30000);
  posture_demo_server_set_isolation_async_every (server, 1);
  posture_demo_server_set_dlp_create_timeouts (server, 1, 0);
  g_assert_true (posture_demo_server_start (server, 0, &error));
  client = new_client (server);
  runner = posture_fix_runner_new (client);
  g_object_set (runner, "poll-interval", 50, "retry-delay", 50, "read-back-interval", 50, NULL);

  snapshot = read_snapshot (client);
  assessment = assess (snapshot);
  posture_assessment_get_score (assessment, &first);

  for (guint i = 0; i < G_N_ELEMENTS (fixes); i++)
    {
      PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
      g_autoptr(PostureFixPlan) plan = NULL;
      g_autoptr(PostureSnapshot) projection = NULL;
      g_autoptr(PostureAssessment) what_if = NULL;
      g_autoptr(PostureSnapshot) after = NULL;
      g_autoptr(PostureAssessment) reassessed = NULL;
      GListModel *steps;
      Waiter w = { 0 };
      PostureScore score = { 0 };

      options.enforce = fixes[i].enforce;
      if (g_str_equal (fixes[i].control, "ip-firewall") && !fixes[i].enforce)
        options.ip_ranges = ranges;
      if (g_str_equal (fixes[i].control, "app-access-control") && !fixes[i].enforce)
        options.app_ids = apps;

      plan = posture_remediation_plan (snapshot, assessment, fixes[i].control, &options, &error);
      g_assert_no_error (error);
      projection = posture_fix_plan_project (plan, snapshot, &error);
      g_assert_no_error (error);
      what_if = assess (projection);

      posture_fix_runner_run_async (runner, plan, NULL, done_cb, &w);
      g_assert_true (posture_fix_runner_run_finish (runner, wait_for (&w), &error));
      g_assert_no_error (error);
      g_clear_object (&w.result);

      /* Every step ended as the plan said it would: written and verified, or skipped. */
      steps = posture_fix_plan_get_steps (plan);
      for (guint j = 0; j < g_list_model_get_n_items (steps); j++)
        {
          g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, j);
          PostureFixOutcome outcome = posture_fix_step_get_outcome (step);

          g_test_message ("%s%s: %s %s: %s", fixes[i].control, fixes[i].enforce ? " (enforce)" : "",
                          posture_fix_step_get_name (step),
                          posture_fix_outcome_to_string (outcome),
                          posture_fix_step_get_message (step));
          if (posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_CHANGE)
            {
              g_assert_cmpint (outcome, ==, POSTURE_FIX_OUTCOME_VERIFIED);
              changed++;
            }
          else
            g_assert_cmpint (outcome, ==, POSTURE_FIX_OUTCOME_SKIPPED);
        }

      /* The tenant as read again is what the what-if projected. */
      after = read_snapshot (client);
      reassessed = assess (after);
      assert_same_verdicts (what_if, reassessed, fixes[i].control);
      posture_assessment_get_score (reassessed, &score);
      g_test_message ("after %s%s: %u of %u points (%.1f %%)", fixes[i].control,
                      fixes[i].enforce ? " (enforce)" : "", score.earned, score.possible,
                      score.percent);

      g_clear_object (&assessment);
      g_clear_object (&snapshot);
      snapshot = g_steal_pointer (&after);
      assessment = g_steal_pointer (&reassessed);
    }

  posture_assessment_get_score (assessment, &last);
  g_test_message ("%u changes: from %u/%u (%s) to %u/%u (%s)", changed, first.earned,
                  first.possible, posture_level_to_string (first.level), last.earned,
                  last.possible, posture_level_to_string (last.level));
  g_assert_cmpuint (changed, >, 10);
  g_assert_cmpint (first.level, ==, POSTURE_LEVEL_LOW);
  g_assert_cmpuint (last.earned, >, first.earned);
  g_assert_cmpint (last.level, ==, POSTURE_LEVEL_HIGH);
  g_assert_cmpint (posture_control_result_get_status (
                     posture_assessment_lookup (assessment, "auditing")), !=, POSTURE_STATUS_FAIL);
  g_assert_cmpint (posture_control_result_get_status (
                     posture_assessment_lookup (assessment, "tenant-isolation")), ==,
                   POSTURE_STATUS_PASS);

  g_clear_object (&runner);
  g_clear_object (&client);
  posture_demo_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* The workshop's lesson: an enforced firewall whose allow-list leaves the caller out
 * locks the admin out; the runner says so, and only a reset (Microsoft Support, on the
 * real service) lets requests in again. */
static void
test_firewall_lockout (void)
{
  const char *elsewhere[] = { "203.0.113.0/24", NULL };
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureFixRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  const char *only[] = { NULL, NULL };
  g_autofree char *target = NULL;
  guint locked = 0;

  posture_demo_server_set_operation_polls (server, 0, 0, 30000);
  g_assert_true (posture_demo_server_start (server, 0, &error));
  client = new_client (server);
  runner = posture_fix_runner_new (client);
  g_object_set (runner, "poll-interval", 50, "retry-delay", 50, "read-back-interval", 50, NULL);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PostureSnapshot) snapshot = read_snapshot (client);
      g_autoptr(PostureAssessment) assessment = assess (snapshot);
      g_autoptr(PostureFixPlan) plan = NULL;
      GListModel *steps;
      Waiter w = { 0 };

      /* First audit mode with a list that leaves the caller out, then enforce it. */
      options.ip_ranges = round == 0 ? elsewhere : NULL;
      options.enforce = round == 1;
      options.environments = target != NULL ? only : NULL;
      plan = posture_remediation_plan (snapshot, assessment, "ip-firewall", &options, &error);
      g_assert_no_error (error);
      posture_fix_runner_run_async (runner, plan, NULL, done_cb, &w);
      g_assert_true (posture_fix_runner_run_finish (runner, wait_for (&w), &error));
      g_assert_no_error (error);
      g_clear_object (&w.result);

      steps = posture_fix_plan_get_steps (plan);
      for (guint j = 0; j < g_list_model_get_n_items (steps); j++)
        {
          g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, j);

          if (posture_fix_step_get_action (step) != POSTURE_FIX_ACTION_CHANGE)
            continue;
          if (target == NULL)
            {
              target = g_strdup (posture_fix_step_get_resource_id (step));
              only[0] = target;
            }
          if (round == 0)
            g_assert_cmpint (posture_fix_step_get_outcome (step), ==,
                             POSTURE_FIX_OUTCOME_VERIFIED);
          else
            {
              g_test_message ("%s: %s", posture_fix_step_get_name (step),
                              posture_fix_step_get_message (step));
              g_assert_cmpint (posture_fix_step_get_outcome (step), ==,
                               POSTURE_FIX_OUTCOME_FAILED);
              g_assert_nonnull (strstr (posture_fix_step_get_message (step), "leaves it out"));
              g_assert_nonnull (strstr (posture_fix_step_get_message (step),
                                        "access to your IP is blocked"));
              locked++;
            }
        }
    }
  g_assert_cmpuint (locked, ==, 1);

  /* Locked out: the next reading cannot judge that environment; a reset lets it in. */
  {
    g_autoptr(PostureSnapshot) snapshot = read_snapshot (client);
    g_autoptr(PostureAssessment) assessment = assess (snapshot);
    PostureControlResult *firewall = posture_assessment_lookup (assessment, "ip-firewall");
    guint before = posture_control_result_get_n_unknown (firewall);

    posture_demo_server_reset (server);
    g_clear_object (&snapshot);
    g_clear_object (&assessment);
    snapshot = read_snapshot (client);
    assessment = assess (snapshot);
    firewall = posture_assessment_lookup (assessment, "ip-firewall");
    g_assert_cmpuint (posture_control_result_get_n_unknown (firewall), ==, before - 1);
  }

  g_clear_object (&runner);
  g_clear_object (&client);
  posture_demo_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/demo/fix/every-fix", test_every_fix);
  g_test_add_func ("/posture/demo/fix/firewall-lockout", test_firewall_lockout);

  return g_test_run ();
}
