/* test-fix-runner.c: remediation plans carried out against a strict loopback service:
 * 204, 202 polled to Succeeded and to Failed, an operation still running past the
 * bound (pending, then polled on the next reading), 409 then success, 409 past the
 * bound, a refused managed-only write, a DLP create that lands but never answers
 * (exactly one policy), tenant settings with only the changed member, isolation 202,
 * progress, cancellation and the command's time limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fake-service.h"
#include "posture-engine.h"
#include "posture-fix-runner.h"
#include "posture-json.h"
#include "posture-remediation.h"
#include "posture-tenant-error.h"

typedef struct
{
  FakeService         *fake;
  PostureOAuth        *oauth;
  PostureTenantClient *client;
  PostureFixRunner    *runner;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  PostureHttpOptions options;

  fixture->fake = fake_service_new ();
  fake_service_add_environment (fixture->fake, "env-managed", "Production", TRUE, TRUE);
  fake_service_add_environment (fixture->fake, "env-basic", "Production", FALSE, TRUE);
  fake_service_add_environment (fixture->fake, "env-nodv", "Sandbox", FALSE, FALSE);

  posture_http_options_init_default (&options);
  options.max_attempts = 3;
  options.base_delay_ms = 5;
  options.max_delay_ms = 200;
  options.request_timeout_s = 1;
  options.read_deadline_s = 30;

  endpoints = posture_endpoints_new (NULL, fixture->fake->base, &error);
  g_assert_no_error (error);
  fixture->oauth = posture_oauth_new (endpoints, FAKE_SERVICE_TENANT, FAKE_SERVICE_CLIENT_ID, NULL,
                                      &options);
  posture_oauth_set_client_secret (fixture->oauth, FAKE_SERVICE_SECRET);
  fixture->client = posture_tenant_client_new (fixture->oauth);
  fixture->runner = posture_fix_runner_new (fixture->client);
  g_object_set (fixture->runner, "poll-interval", 20, "retry-delay", 20, "read-back-interval", 20,
                "operation-wait", 5, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->runner);
  g_assert_finalize_object (fixture->client);
  g_clear_object (&fixture->oauth);
  fake_service_free (fixture->fake);
  /* Let the sessions close their connections. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
watchdog_cb (gpointer data)
{
  g_error ("Test timed out");
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GAsyncResult *result;
  guint         calls;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->calls++;
  g_set_object (&wait->result, result);
}

static void
wait_for (Wait *wait)
{
  guint id = g_timeout_add_seconds (40, watchdog_cb, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static PostureFixPlan *
plan_for_text (const char              *text,
               const char              *control_id,
               const PostureFixOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = posture_snapshot_new_from_data (text, strlen (text),
                                                                        "fake", &error);
  g_autoptr(PostureAssessment) assessment = NULL;
  PostureFixPlan *plan;

  g_assert_no_error (error);
  assessment = posture_engine_assess (snapshot, NULL, &error);
  g_assert_no_error (error);
  plan = posture_remediation_plan (snapshot, assessment, control_id, options, &error);
  g_assert_no_error (error);
  return plan;
}

static PostureFixPlan *
plan_for (Fixture                 *fixture,
          const char              *control_id,
          const PostureFixOptions *options)
{
  g_autofree char *text = fake_service_dup_snapshot (fixture->fake);

  return plan_for_text (text, control_id, options);
}

static void
run (Fixture        *fixture,
     PostureFixPlan *plan)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  posture_fix_runner_run_async (fixture->runner, plan, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_fix_runner_run_finish (fixture->runner, wait.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wait.calls, ==, 1);
  g_clear_object (&wait.result);
  g_assert_false (posture_fix_runner_get_running (fixture->runner));
}

static PostureFixStep *
step_for (PostureFixPlan *plan,
          const char     *resource_id)
{
  GListModel *steps = posture_fix_plan_get_steps (plan);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, i);

      if (g_str_equal (posture_fix_step_get_resource_id (step), resource_id))
        return step;   /* the plan keeps it */
    }
  g_error ("no step for %s", resource_id);
  return NULL;
}

static void
assert_outcome (PostureFixPlan    *plan,
                const char        *resource_id,
                PostureFixOutcome  outcome,
                const char        *fragment)
{
  PostureFixStep *step = step_for (plan, resource_id);
  const char *message = posture_fix_step_get_message (step);

  if (posture_fix_step_get_outcome (step) != outcome)
    g_error ("%s ended %s, not %s: %s", resource_id,
             posture_fix_outcome_to_string (posture_fix_step_get_outcome (step)),
             posture_fix_outcome_to_string (outcome), message ? message : "");
  if (fragment != NULL && (message == NULL || strstr (message, fragment) == NULL))
    g_error ("%s: \"%s\" does not say \"%s\"", resource_id, message ? message : "", fragment);
}

/* ------------------------------------------------------------------------- */

static void
test_tenant_settings (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "share-with-everyone-disabled", NULL);
  gboolean value = FALSE;

  run (fixture, plan);
  assert_outcome (plan, FAKE_SERVICE_TENANT, POSTURE_FIX_OUTCOME_VERIFIED, "Verified");
  /* Only the changed member, never the whole settings object. */
  g_assert_cmpuint (fixture->fake->writes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->fake->writes, 0), ==,
                   "POST /providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                   "updateTenantSettings "
                   "{\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":true}}}");
  g_assert_true (posture_json_get_path_boolean (fixture->fake->settings,
                                                "powerPlatform.powerApps.enableGuestsToMake",
                                                &value));
  g_assert_true (value);
}

static void
test_dataverse_204 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "auditing", NULL);
  FakeEnvironment *managed = fake_service_lookup (fixture->fake, "env-managed");
  FakeEnvironment *basic = fake_service_lookup (fixture->fake, "env-basic");
  g_autofree char *patch = g_strdup_printf ("PATCH /dataverse/env-basic/api/data/v9.2/"
                                            "organizations(%s) {\"isauditenabled\":true}",
                                            basic->organization_id);
  gboolean on = FALSE;

  run (fixture, plan);
  assert_outcome (plan, "env-managed", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_true (posture_json_get_boolean (managed->row, "isauditenabled", &on) && on);
  g_assert_true (posture_json_get_boolean (basic->row, "isauditenabled", &on) && on);
  g_assert_cmpuint (fake_service_count_writes (fixture->fake, patch), ==, 1);
  g_assert_cmpuint (fixture->fake->writes->len, ==, 2);
  g_assert_cmpuint (posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_VERIFIED), ==, 2);
}

static void
test_governance_202 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  FakeEnvironment *basic = fake_service_lookup (fixture->fake, "env-basic");

  /* Twice "still running", then Succeeded; the change shows only then. */
  fixture->fake->operation_polls = 2;
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  assert_outcome (plan, "env-nodv", POSTURE_FIX_OUTCOME_SKIPPED, "Needs Dataverse");
  g_assert_true (basic->managed);
  g_assert_cmpuint (fixture->fake->governance_posts, ==, 1);
  g_assert_cmpuint (fixture->fake->polls, ==, 3);
  g_assert_cmpstr (posture_json_get_string (basic->extended, "solutionCheckerMode"), ==, "none");
}

static void
test_governance_operation_location (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  gint64 start = g_get_monotonic_time ();

  /* Operation-Location, and a Retry-After of one second honoured between polls. */
  fixture->fake->operation_header = TRUE;
  fixture->fake->retry_after = "1";
  fixture->fake->operation_polls = 1;
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100000);
  g_assert_cmpuint (fixture->fake->polls, ==, 2);
}

static void
test_governance_failed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);

  fixture->fake->operation_fails = TRUE;
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_FAILED, "capacity is exhausted");
  g_assert_false (fake_service_lookup (fixture->fake, "env-basic")->managed);
}

/* The next reading's polls of @pending. */
static GPtrArray *
poll_pending (Fixture   *fixture,
              GPtrArray *pending)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *polled;
  Wait wait = { 0 };

  posture_fix_runner_poll_pending_async (fixture->runner, pending, NULL, wait_cb, &wait);
  wait_for (&wait);
  polled = posture_fix_runner_poll_pending_finish (fixture->runner, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  return polled;
}

static void
test_governance_pending (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GPtrArray) polled = NULL;
  PostureFixStep *step;

  fixture->fake->operation_never = TRUE;
  g_object_set (fixture->runner, "operation-wait", 1, NULL);
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_PENDING, "next reading");
  step = step_for (plan, "env-basic");
  g_assert_true (g_str_has_prefix (posture_fix_step_get_operation_url (step),
                                   fixture->fake->base));
  g_assert_false (fake_service_lookup (fixture->fake, "env-basic")->managed);

  pending = posture_fix_plan_dup_pending (plan);
  g_assert_cmpuint (pending->len, ==, 1);

  /* The next reading: still running, then done. */
  still = poll_pending (fixture, pending);
  g_assert_cmpint (((PosturePendingFix *) still->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_PENDING);

  fixture->fake->operation_never = FALSE;
  polled = poll_pending (fixture, pending);
  g_assert_cmpuint (polled->len, ==, 1);
  g_assert_cmpstr (((PosturePendingFix *) polled->pdata[0])->control_id, ==,
                   "managed-environment");
  g_assert_cmpstr (((PosturePendingFix *) polled->pdata[0])->resource_id, ==, "env-basic");
  g_assert_cmpint (((PosturePendingFix *) polled->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_VERIFIED);
  g_assert_true (fake_service_lookup (fixture->fake, "env-basic")->managed);
  /* The caller's list is left as it was. */
  g_assert_cmpint (((PosturePendingFix *) pending->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_PENDING);
}

/* A poll of a pending operation that times out (408) says nothing about the operation:
 * it stays pending, as it does while the run follows it. */
static void
test_pending_poll_timeout (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GPtrArray) polled = NULL;

  fixture->fake->operation_never = TRUE;
  g_object_set (fixture->runner, "operation-wait", 1, NULL);
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_PENDING, NULL);
  pending = posture_fix_plan_dup_pending (plan);
  g_assert_cmpuint (pending->len, ==, 1);

  fixture->fake->operation_never = FALSE;
  fixture->fake->operation_timeouts = 1;
  still = poll_pending (fixture, pending);
  g_assert_cmpint (((PosturePendingFix *) still->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_PENDING);
  g_assert_cmpuint (fixture->fake->operation_timeouts, ==, 0);

  polled = poll_pending (fixture, pending);
  g_assert_cmpint (((PosturePendingFix *) polled->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_VERIFIED);
}

/* An operation kept with a URL this tenant's client refuses (another host: the state of
 * another cloud, or a damaged or hostile file) is never sent a token, and is no longer
 * followed; one on the tenant's service is polled as usual. */
static void
test_pending_foreign_host (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) polled = NULL;
  PosturePendingFix *foreign;

  fixture->fake->operation_never = TRUE;
  g_object_set (fixture->runner, "operation-wait", 1, NULL);
  run (fixture, plan);
  pending = posture_fix_plan_dup_pending (plan);
  g_assert_cmpuint (pending->len, ==, 1);
  g_ptr_array_add (pending, posture_pending_fix_new ("tenant-isolation", "tenant",
                                                     "https://attacker.example/operations/1"));

  polled = poll_pending (fixture, pending);
  g_assert_cmpuint (polled->len, ==, 2);
  g_assert_cmpint (((PosturePendingFix *) polled->pdata[0])->outcome, ==,
                   POSTURE_FIX_OUTCOME_PENDING);
  foreign = polled->pdata[1];
  g_assert_cmpint (foreign->outcome, ==, POSTURE_FIX_OUTCOME_SKIPPED);
  g_assert_nonnull (strstr (foreign->message, "not on this tenant's service"));
}

static void
test_conflict_then_success (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint script[] = { 409, 409, 409, 409, 409, 202 };
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);

  /* Five 409s, each time the environment read again (still not managed), then accepted:
   * five retries are allowed. */
  fake_service_script_governance (fixture->fake, script, G_N_ELEMENTS (script));
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_cmpuint (fixture->fake->governance_posts, ==, 6);
  g_assert_true (fake_service_lookup (fixture->fake, "env-basic")->managed);
}

static void
test_conflict_forever (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint script[] = { 409, 409, 409, 409, 409, 409, 409, 409 };
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);

  fake_service_script_governance (fixture->fake, script, G_N_ELEMENTS (script));
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_FAILED, "environment group");
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_FAILED,
                  "Another lifecycle operation is running");
  /* The first try and five retries, no more. */
  g_assert_cmpuint (fixture->fake->governance_posts, ==, 6);
  g_assert_false (fake_service_lookup (fixture->fake, "env-basic")->managed);
}

static void
test_conflict_already_done (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint script[] = { 409 };
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);

  /* A 409 because someone else made it managed meanwhile: nothing left to do. */
  fake_service_script_governance (fixture->fake, script, G_N_ELEMENTS (script));
  fake_service_lookup (fixture->fake, "env-basic")->managed = TRUE;
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_cmpuint (fixture->fake->governance_posts, ==, 1);
}

static void
test_refused_managed_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "ip-cookie-binding", NULL);

  /* The snapshot said managed; the service no longer does (someone turned it off). */
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_NONE, NULL);
  g_assert_cmpint (posture_fix_step_get_action (step_for (plan, "env-basic")), ==,
                   POSTURE_FIX_ACTION_SKIP);
  fake_service_lookup (fixture->fake, "env-managed")->managed = FALSE;
  run (fixture, plan);
  assert_outcome (plan, "env-managed", POSTURE_FIX_OUTCOME_FAILED, FAKE_SERVICE_MANAGED_ONLY);
  assert_outcome (plan, "env-managed", POSTURE_FIX_OUTCOME_FAILED, "0x80040203");
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_SKIPPED, "make it managed first");
  /* A refusal is not retried. */
  g_assert_cmpuint (fake_service_count_writes (fixture->fake, "PATCH /dataverse/env-managed/"), ==,
                    1);
}

/* Exactly one policy results, however the create's first answer went. */
static void
assert_one_policy (Fixture    *fixture,
                   const char *control,
                   guint       creates_sent)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, control, NULL);

  run (fixture, plan);
  assert_outcome (plan, FAKE_SERVICE_TENANT, POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_cmpuint (fixture->fake->dlp_creates, ==, 1);
  g_assert_cmpuint (fixture->fake->policies->len, ==, 1);
  g_assert_cmpuint (fake_service_count_writes (fixture->fake,
                                               "POST /providers/PowerPlatform.Governance/v2/"
                                               "policies "), ==, creates_sent);
}

static void
test_dlp_create_times_out (Fixture       *fixture,
                           gconstpointer  data)
{
  /* The create lands, and its answer never comes (the request times out): the runner
   * looks for the policy by name and finds it instead of creating a second one. */
  fixture->fake->dlp_create_hangs = 1;
  assert_one_policy (fixture, "dlp-tenant-policy", 1);
}

static void
test_dlp_create_refused_then_created (Fixture       *fixture,
                                      gconstpointer  data)
{
  /* 503 without landing: the policy is looked for, not found, and created once. */
  fixture->fake->dlp_create_fails = 1;
  assert_one_policy (fixture, "dlp-environment-coverage", 2);
}

static void
test_isolation_202 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "tenant-isolation", NULL);
  gboolean disabled = TRUE;

  fixture->fake->isolation_status = 202;
  fixture->fake->operation_header = TRUE;
  fixture->fake->operation_polls = 1;
  run (fixture, plan);
  assert_outcome (plan, FAKE_SERVICE_TENANT, POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_true (posture_json_get_path_boolean (fixture->fake->isolation, "properties.isDisabled",
                                                &disabled));
  g_assert_false (disabled);
}

static void
test_refused_host (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = fake_service_dup_snapshot (fixture->fake);
  g_autofree char *ours = g_strdup_printf ("%s/dataverse/env-basic/", fixture->fake->base);
  g_autoptr(GString) hostile = g_string_new (text);
  g_autoptr(PostureFixPlan) plan = NULL;

  /* A snapshot whose instance URL leaves the tenant's hosts: the write is refused before
   * a token or a byte goes there, and the step says so. */
  g_assert_cmpuint (g_string_replace (hostile, ours, "https://attacker.example.net/", 0), ==, 1);
  plan = plan_for_text (hostile->str, "auditing", NULL);
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_FAILED, "attacker.example.net");
  assert_outcome (plan, "env-managed", POSTURE_FIX_OUTCOME_VERIFIED, NULL);
  g_assert_cmpuint (fake_service_count_writes (fixture->fake, "PATCH /dataverse/env-basic/"), ==,
                    0);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "auditing", NULL);
  g_autoptr(JsonNode) json = NULL;
  guint done = 0;
  guint running = 0;
  guint outcomes = 0;
  JsonObject *first;

  g_signal_connect_swapped (fixture->runner, "notify::n-done", G_CALLBACK (count_cb), &done);
  g_signal_connect_swapped (fixture->runner, "notify::running", G_CALLBACK (count_cb), &running);
  g_signal_connect_swapped (step_for (plan, "env-basic"), "notify::outcome", G_CALLBACK (count_cb),
                            &outcomes);
  run (fixture, plan);
  g_assert_cmpuint (posture_fix_runner_get_n_total (fixture->runner), ==, 2);
  g_assert_cmpuint (posture_fix_runner_get_n_done (fixture->runner), ==, 2);
  g_assert_cmpuint (done, ==, 2);
  g_assert_cmpuint (running, ==, 2);
  g_assert_cmpuint (outcomes, ==, 1);
  g_assert_true (posture_fix_runner_get_plan (fixture->runner) == plan);
  g_assert_nonnull (posture_fix_runner_get_current (fixture->runner));

  json = posture_fix_runner_plan_to_json (fixture->runner, plan, FALSE);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json),
                                                                       "resources"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "result"), ==, "verified");
  g_assert_true (g_str_has_prefix (
    json_object_get_string_member (json_array_get_object_element (
      json_object_get_array_member (first, "requests"), 0), "url"), fixture->fake->base));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "auditing", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_cancellable_cancel (cancellable);
  posture_fix_runner_run_async (fixture->runner, plan, cancellable, wait_cb, &wait);
  wait_for (&wait);
  g_assert_false (posture_fix_runner_run_finish (fixture->runner, wait.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (wait.calls, ==, 1);
  g_clear_object (&wait.result);
  g_assert_cmpuint (fixture->fake->writes->len, ==, 0);
  g_assert_false (posture_fix_runner_get_running (fixture->runner));

  /* Cancelled while following an operation: the wait ends at once. */
  {
    g_autoptr(PostureFixPlan) managed = plan_for (fixture, "managed-environment", NULL);
    g_autoptr(GCancellable) later = g_cancellable_new ();
    g_autoptr(GError) later_error = NULL;

    fixture->fake->operation_never = TRUE;
    g_object_set (fixture->runner, "poll-interval", 60000, "operation-wait", 300, NULL);
    posture_fix_runner_run_async (fixture->runner, managed, later, wait_cb, &wait);
    while (fixture->fake->governance_posts == 0)
      g_main_context_iteration (NULL, TRUE);
    g_cancellable_cancel (later);
    wait_for (&wait);
    g_assert_false (posture_fix_runner_run_finish (fixture->runner, wait.result, &later_error));
    g_assert_error (later_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_object (&wait.result);
  }
}

static void
test_time_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = plan_for (fixture, "managed-environment", NULL);
  gint64 start = g_get_monotonic_time ();

  /* The command's --timeout ends a long wait for an operation: the step is pending. */
  fixture->fake->operation_never = TRUE;
  g_object_set (fixture->runner, "operation-wait", 300, "poll-interval", 200, NULL);
  posture_oauth_set_timeout (fixture->oauth, 2);
  run (fixture, plan);
  assert_outcome (plan, "env-basic", POSTURE_FIX_OUTCOME_PENDING, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/posture/tenant/fix-runner/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("tenant-settings", test_tenant_settings);
  ADD ("dataverse-204", test_dataverse_204);
  ADD ("governance-202", test_governance_202);
  ADD ("governance-operation-location", test_governance_operation_location);
  ADD ("governance-failed", test_governance_failed);
  ADD ("governance-pending", test_governance_pending);
  ADD ("pending-poll-timeout", test_pending_poll_timeout);
  ADD ("pending-foreign-host", test_pending_foreign_host);
  ADD ("conflict-then-success", test_conflict_then_success);
  ADD ("conflict-forever", test_conflict_forever);
  ADD ("conflict-already-done", test_conflict_already_done);
  ADD ("refused-managed-only", test_refused_managed_only);
  ADD ("dlp-create-times-out", test_dlp_create_times_out);
  ADD ("dlp-create-refused-then-created", test_dlp_create_refused_then_created);
  ADD ("isolation-202", test_isolation_202);
  ADD ("refused-host", test_refused_host);
  ADD ("progress", test_progress);
  ADD ("cancel", test_cancel);
  ADD ("time-limit", test_time_limit);

  return g_test_run ();
}
