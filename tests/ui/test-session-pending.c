/* test-session-pending.c: a change a fix leaves pending is kept with the tenant's state,
 * survives a restart of the session, and is polled first by the next reading
 * (DESIGN.md "Remediation")
 *
 * The tenant is a demo server read as any tenant (a session for a client, not the demo
 * session): its operations answer Running for a million polls and succeed only once
 * their time is up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-demo-server.h"
#include "posture-pending-store.h"
#include "posture-session.h"

/* Contoso HR: a Production environment the demo has not made managed. */
#define HR "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03"
/* Milliseconds after which the demo's operations succeed, however they are polled. */
#define OPERATION_MS 8000

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A new session of the tenant the demo server plays: what a restart opens. */
static PostureSession *
open_session (PostureDemoServer *server)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(GError) error = NULL;

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (server), &error);
  g_assert_no_error (error);
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_CLIENT_ID, NULL,
                             NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);
  client = posture_tenant_client_new (oauth);
  return posture_session_new_for_client (client, "Contoso");
}

static void
refresh (PostureSession *session)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  posture_session_refresh_async (session, NULL, done_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_session_refresh_finish (session, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
}

/* The operations kept for the tenant, as another process would find them. */
static guint
n_kept (void)
{
  g_autoptr(PosturePendingStore) store = posture_pending_store_new (POSTURE_DEMO_TENANT_ID);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (store), &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

/* HR's result in the managed-environment control of @session's assessment. */
static PostureResult
hr_result (PostureSession *session)
{
  PostureAssessment *assessment = posture_session_get_assessment (session);
  PostureControlResult *control = posture_assessment_lookup (assessment, "managed-environment");
  GListModel *resources = posture_control_result_get_resources (control);

  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(PostureResourceResult) resource = g_list_model_get_item (resources, i);

      if (g_str_equal (posture_resource_result_get_id (resource), HR))
        return posture_resource_result_get_status (resource);
    }
  g_error ("HR is not in the managed-environment control");
}

static void
close_session (PostureSession *session)
{
  /* What the session started (a save to the history) may hold it a moment longer. */
  for (guint i = 0; i < 50 && G_OBJECT (session)->ref_count > 1; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_finalize_object (session);
}

static void
test_pending_survives_restart (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(GError) error = NULL;
  PostureFixOptions options = POSTURE_FIX_OPTIONS_INIT;
  const char *environments[] = { HR, NULL };
  PostureSession *session;
  PostureStatus status;
  Wait wait = { 0 };
  gint64 accepted;

  posture_demo_server_set_operation_polls (server, 1000000, 0, OPERATION_MS);
  g_assert_true (posture_demo_server_start (server, 0, &error));
  g_assert_no_error (error);

  /* The fix: accepted, followed for a second, left pending. */
  session = open_session (server);
  refresh (session);
  g_assert_cmpint (hr_result (session), ==, POSTURE_RESULT_FAIL);
  options.environments = environments;
  plan = posture_session_plan_fix (session, "managed-environment", &options, &error);
  g_assert_no_error (error);
  g_object_set (posture_session_get_fix_runner (session), "operation-wait", 1,
                "poll-interval", 100, NULL);
  posture_session_fix_async (session, plan, NULL, done_cb, &wait);
  wait_for (&wait);
  /* The operation started before the fix ended: it is done this long after, at most. */
  accepted = g_get_monotonic_time ();
  g_assert_true (posture_session_fix_finish (session, wait.result, &status, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  step = g_list_model_get_item (posture_fix_plan_get_steps (plan), 0);
  g_assert_cmpint (posture_fix_step_get_outcome (step), ==, POSTURE_FIX_OUTCOME_PENDING);
  g_assert_cmpuint (n_kept (), ==, 1);
  close_session (session);

  /* A restart while the service still works on it: polled, still pending, still kept. */
  session = open_session (server);
  refresh (session);
  g_assert_cmpuint (n_kept (), ==, 1);
  g_assert_cmpint (hr_result (session), ==, POSTURE_RESULT_FAIL);
  close_session (session);

  /* Another once it is done: the reading polls it first, forgets it, and shows it. */
  while (g_get_monotonic_time () < accepted + (OPERATION_MS + 500) * (gint64) 1000)
    g_usleep (G_USEC_PER_SEC / 4);
  session = open_session (server);
  refresh (session);
  g_assert_cmpuint (n_kept (), ==, 0);
  g_assert_cmpint (hr_result (session), ==, POSTURE_RESULT_PASS);
  close_session (session);

  posture_demo_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/ui/session/pending-survives-restart", test_pending_survives_restart);

  return g_test_run ();
}
