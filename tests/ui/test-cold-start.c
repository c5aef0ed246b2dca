/* test-cold-start.c: a signed-in tenant opened from its cache, as the app starts
 *
 * The first frame draws the Overview's score of the cached reading, assessed with the
 * tenant's decisions; what that frame did not need comes after it: the raw document
 * behind the mapped view, and the Policies rows when that view is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-decision-store.h"
#include "posture-engine.h"
#include "posture-labels.h"
#include "posture-memory-token-store.h"
#include "posture-snapshot-cache.h"
#include "posture-ui-test.h"
#include "posture-window.h"

#define TENANT "cold-start.example"

typedef struct
{
  PostureWindow  *window;
  GtkLabel       *percent;
  const char     *expected;
  gboolean        drawn;
  gboolean        other_score_drawn;  /* a score without the decisions, drawn before */
  gboolean        document_at_draw;   /* the raw document was there when the score was drawn */
  gboolean        policies_at_draw;   /* the Policies rows were made before it */
} Start;

static gboolean
demo_read (gpointer data)
{
  PostureSession *session = data;

  return !posture_session_get_busy (session) && posture_session_get_assessment (session) != NULL;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
has_document (gpointer data)
{
  PostureSnapshot *snapshot = posture_session_get_snapshot (data);

  return snapshot != NULL && posture_snapshot_has_json (snapshot);
}

static gboolean
has_rows (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Start         *start)
{
  PostureSession *session = posture_window_get_session (start->window);
  GtkWidget *identity = posture_test_find (GTK_WIDGET (start->window), "identity_list");

  if (start->drawn || !gtk_widget_get_mapped (GTK_WIDGET (start->percent)))
    return;
  if (g_strcmp0 (gtk_label_get_label (start->percent), start->expected) != 0)
    {
      start->other_score_drawn |= gtk_label_get_label (start->percent)[0] != '\0';
      return;
    }

  start->drawn = TRUE;
  start->document_at_draw = has_document (session);
  start->policies_at_draw = has_rows (identity);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_token_store_store_finish (POSTURE_TOKEN_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(PostureSession **) user_data = posture_session_new_for_tenant_finish (result, &error);
  g_assert_no_error (error);
}

static void
cache_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_session_load_cache_finish (POSTURE_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* A reading of a small demo tenant, cached as a signed-in tenant's; returns it. */
static PostureSnapshot *
cache_reading (void)
{
  g_autoptr(PostureSession) demo = NULL;
  g_autoptr(GError) error = NULL;

  demo = posture_session_new_demo (3, &error);
  g_assert_no_error (error);
  posture_session_refresh_async (demo, NULL, NULL, NULL);
  posture_test_spin_until (demo_read, demo, 60);
  g_assert_true (posture_snapshot_cache_save (TENANT, posture_session_get_snapshot (demo), &error));
  g_assert_no_error (error);

  return g_object_ref (posture_session_get_snapshot (demo));
}

/* Resolves the first recommendation (an alternate mitigation counts as passing), so
 * that the score with the decisions differs from the score without them; returns the
 * score with them, as the Overview shows it. */
static char *
decide_and_score (PostureSnapshot *snapshot)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new (TENANT);
  g_autoptr(PostureAssessment) before = NULL;
  g_autoptr(PostureAssessment) after = NULL;
  g_autoptr(PostureControlResult) first = NULL;
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *percent_before = NULL;
  PostureDecisionRequest request = { 0 };
  PostureScore score;

  before = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (posture_assessment_get_recommendations (before), 0);
  g_assert_nonnull (first);

  request.control_id = posture_control_result_get_id (first);
  request.status = POSTURE_DECISION_ALTERNATE_MITIGATION;
  request.note = "Covered by the firewall of the building";
  g_assert_true (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_no_error (error);

  decisions = posture_decision_store_dup_table (store);
  options.decisions = decisions;
  after = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);

  posture_assessment_get_score (before, &score);
  percent_before = posture_format_percent (score.percent);
  posture_assessment_get_score (after, &score);
  g_assert_cmpstr (percent_before, !=, posture_format_percent (score.percent));

  return posture_format_percent (score.percent);
}

static PostureApplication *
make_application (const char *id)
{
  g_autoptr(GError) error = NULL;
  PostureApplication *app = posture_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static void
test_cold_start (void)
{
  g_autoptr(PostureApplication) app = NULL;
  g_autoptr(PostureSnapshot) reading = NULL;
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  PostureCredentialInfo info = { POSTURE_SECRET_KIND_CLIENT_SECRET, (char *) TENANT,
                                 (char *) "cold", (char *) "http://127.0.0.1:9" };
  PostureAssessment *first;
  gboolean stored = FALSE;
  gboolean cached = FALSE;
  Start start = { 0 };
  gulong paint_id;

  reading = cache_reading ();
  expected = decide_and_score (reading);
  posture_token_store_store_async (store, &info, "not-a-secret", NULL, stored_cb, &stored);
  posture_test_spin_until (is_true, &stored, 10);

  app = make_application ("io.github.posture.Posture.TestColdStart");

  /* As the app starts: the cached reading opens before the window, the keyring answers,
   * the window gets the session and joins the cache load. */
  posture_session_prefetch (TENANT, POSTURE_PROFILE_ALL);
  posture_session_new_for_tenant_async (store, TENANT, NULL, opened_cb, &session);
  start.window = posture_window_new (app);
  g_object_ref (start.window);
  start.percent = GTK_LABEL (posture_test_find (GTK_WIDGET (start.window), "percent_label"));
  start.expected = expected;
  g_assert_nonnull (start.percent);

  while (session == NULL)
    g_main_context_iteration (NULL, TRUE);
  posture_window_set_session (start.window, session);
  posture_session_load_cache_async (session, NULL, cache_cb, &cached);
  gtk_window_present (GTK_WINDOW (start.window));
  paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (start.window)),
                               "after-paint", G_CALLBACK (after_paint_cb), &start);

  /* The first score drawn is the cached reading's, with the decision; nothing else
   * was loaded or built for it. */
  posture_test_spin_until (is_true, &start.drawn, 30);
  posture_test_spin_until (is_true, &cached, 10);
  g_assert_false (start.other_score_drawn);
  g_assert_false (start.document_at_draw);
  g_assert_false (start.policies_at_draw);
  first = posture_session_get_assessment (session);
  g_assert_nonnull (first);

  /* Then the document behind the view comes, without assessing again. */
  posture_test_spin_until (has_document, session, 30);
  g_assert_true (posture_session_get_assessment (session) == first);

  /* And the Policies rows, when that view is shown. */
  posture_window_set_view (start.window, "policies");
  posture_test_spin_until (has_rows, posture_test_find (GTK_WIDGET (start.window), "identity_list"),
                           30);

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (start.window)), paint_id);
  gtk_window_destroy (GTK_WINDOW (start.window));
  g_object_unref (start.window);
}

/* A window started on another view never draws the Overview: the document still comes
 * after its first frame. (A session of a client, as bench-app makes: the decisions load
 * on their own.) */
static void
test_cold_start_other_view (void)
{
  g_autoptr(PostureApplication) app = make_application ("io.github.posture.Posture.TestColdStart2");
  g_autoptr(PostureSnapshot) reading = cache_reading ();
  g_autoptr(GError) error = NULL;
  g_autoptr (PostureEndpoints) endpoints =
      posture_endpoints_new ("custom", "http://127.0.0.1:9", &error);
  g_autoptr(PostureOAuth) oauth = posture_oauth_new (endpoints, TENANT, "cold", NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(PostureSession) session = posture_session_new_for_client (client, "Cold");
  PostureWindow *window = posture_window_new (app);
  gboolean cached = FALSE;

  g_object_ref (window);
  posture_window_set_view (window, "recommendations");
  posture_window_set_session (window, session);
  posture_session_load_cache_async (session, NULL, cache_cb, &cached);
  gtk_window_present (GTK_WINDOW (window));

  posture_test_spin_until (is_true, &cached, 30);
  posture_test_spin_until (has_document, session, 30);
  g_assert_cmpstr (posture_window_get_view (window), ==, "recommendations");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("posture-cold-start-XXXXXX", NULL);

  /* The cache (under posture/snapshots) and the decisions (under posture/decisions) of
   * the test's tenant, out of the user's folders. */
  g_assert_nonnull (home);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/cold-start/cached-score-first", test_cold_start);
  g_test_add_func ("/posture/ui/cold-start/other-view", test_cold_start_other_view);

  return g_test_run ();
}
