/* test-app-views.c: the Overview and Recommendations against the demo tenant: the
 * score matches the engine's, decisions and what-if change what is shown, a Fix
 * raises the score after the re-read, errors show a status page, everything finalizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-application.h"
#include "posture-demo-server.h"
#include "posture-diff.h"
#include "posture-engine.h"
#include "posture-fix-dialog.h"
#include "posture-history.h"
#include "posture-history-page.h"
#include "posture-labels.h"
#include "posture-window.h"

typedef struct
{
  PostureApplication *app;
  PostureWindow      *window;
  PostureSession     *session;
} Fixture;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (done (data));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_idle_with_assessment (gpointer data)
{
  return !posture_session_get_busy (data) && posture_session_get_assessment (data) != NULL;
}

static gboolean
has_history (gpointer data)
{
  return g_list_model_get_n_items (posture_session_get_history (data)) >= 1;
}

static gboolean
is_idle (gpointer data)
{
  return !posture_session_get_busy (data);
}

static void
spin_a_little (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static const char * const bound_pages[] = { "overview_page", "recommendations_page", "history_page" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.posture.Posture.TestViews%u", ++counter);
  const char *faults = user_data;

  fixture->app = posture_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  fixture->session = posture_session_new_demo (0, &error);
  g_assert_no_error (error);
  g_assert_true (posture_session_get_demo (fixture->session));
  g_assert_cmpstr (posture_session_get_title (fixture->session), ==, POSTURE_DEMO_TENANT_NAME);

  if (faults != NULL)
    {
      posture_demo_server_set_faults (posture_session_get_demo_server (fixture->session), faults, &error);
      g_assert_no_error (error);
    }

  fixture->window = g_object_ref (posture_window_new (fixture->app));
  g_object_set (fixture->window, "session", fixture->session, NULL);
  /* The views follow the window's session through bindings in its .ui. */
  for (guint i = 0; i < G_N_ELEMENTS (bound_pages); i++)
    {
      g_autoptr(PostureSession) bound = NULL;
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                     POSTURE_TYPE_WINDOW, bound_pages[i]);

      g_object_get (page, "session", &bound, NULL);
      g_assert_true (bound == fixture->session);
      if (POSTURE_IS_HISTORY_PAGE (page))
        g_assert_true (posture_history_page_get_history (POSTURE_HISTORY_PAGE (page)) ==
                       posture_session_get_history (fixture->session));
    }
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin_until (is_mapped, fixture->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (posture_session_get_busy (fixture->session));
  spin_until (is_idle, fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_a_little ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->session);
  /* GtkApplication keeps internal references after registration (as in test-window). */
  g_object_unref (fixture->app);
}

static PostureScore
engine_score (PostureSession *session)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  PostureScore score;

  assessment = posture_engine_assess (posture_session_get_snapshot (session), &options, &error);
  g_assert_no_error (error);
  posture_assessment_get_score (assessment, &score);

  return score;
}

static guint
n_recommendations (PostureSession *session)
{
  return g_list_model_get_n_items (posture_assessment_get_recommendations (posture_session_get_assessment (session)));
}

static void
test_views_build (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char *views[] = { "overview", "recommendations", "policies", "training" };
  PostureOverviewPage *overview = posture_window_get_overview_page (fixture->window);
  PostureRecommendationsPage *recs = posture_window_get_recommendations_page (fixture->window);
  PostureScore score = engine_score (fixture->session);
  g_autofree char *expected = posture_format_percent (score.percent);
  g_autoptr(PostureControlResult) first = NULL;
  GListModel *model;

  g_assert_true (is_idle_with_assessment (fixture->session));
  g_assert_cmpstr (posture_overview_page_get_state (overview), ==, "content");

  /* The Overview shows the engine's score for the same snapshot, level in words. */
  g_assert_cmpstr (posture_overview_page_get_score_text (overview), ==, expected);
  g_assert_cmpstr (posture_overview_page_get_level_text (overview), ==, posture_level_label (score.level));
  g_assert_cmpint (score.possible, >, 0);

  /* Recommendations list the engine's recommendations, in its order. */
  model = posture_recommendations_page_get_model (recs);
  g_assert_cmpuint (n_recommendations (fixture->session), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_recommendations (fixture->session));
  first = g_list_model_get_item (posture_assessment_get_recommendations (posture_session_get_assessment (fixture->session)), 0);
  g_assert_cmpstr (posture_recommendations_page_get_selected_control (recs), ==,
                   posture_control_result_get_id (first));

  /* The detail lists every resource of an environment control. */
  g_assert_true (posture_recommendations_page_select_control (recs, "auditing"));
  g_assert_cmpstr (posture_recommendations_page_get_selected_control (recs), ==, "auditing");
  g_assert_cmpuint (g_list_model_get_n_items (posture_recommendations_page_get_resources_model (recs)), ==,
                    g_list_model_get_n_items (posture_control_result_get_resources (
                      posture_assessment_lookup (posture_session_get_assessment (fixture->session), "auditing"))));

  /* "All controls" shows every control; a search narrows it. */
  posture_recommendations_page_set_status_filter (recs, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    g_list_model_get_n_items (posture_assessment_get_controls (posture_session_get_assessment (fixture->session))));
  posture_recommendations_page_set_search (recs, "isolation");
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 4);
  posture_recommendations_page_set_search (recs, "no control is called this");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  posture_recommendations_page_set_search (recs, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      posture_window_set_view (fixture->window, views[i]);
      spin_a_little ();
      g_assert_cmpstr (posture_window_get_view (fixture->window), ==, views[i]);
    }

  /* Ctrl+F's action goes to the Recommendations search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "recommendations");

  /* "Learn how" opens the control's first training module in the Training view. */
  {
    PostureControl *control = posture_control_result_get_control (first);
    const char * const *training = posture_control_get_training (control);

    g_assert_nonnull (training);
    g_assert_nonnull (training[0]);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.learn", "s", training[0]));
    g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "training");
  }

  /* Each read leaves one record in the score history. */
  spin_until (has_history, fixture->session);

  /* A top recommendation on the Overview opens it in Recommendations. */
  posture_window_set_view (fixture->window, "overview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-recommendation", "s",
                                             "tenant-isolation"));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "recommendations");
  g_assert_cmpstr (posture_recommendations_page_get_selected_control (recs), ==, "tenant-isolation");
}

static gboolean
assessment_changed (gpointer data)
{
  gpointer *pair = data;

  return !posture_session_get_busy (pair[0]) && posture_session_get_assessment (pair[0]) != pair[1];
}

static void
wait_for_new_assessment (PostureSession *session)
{
  gpointer pair[2] = { session, posture_session_get_assessment (session) };

  spin_until (assessment_changed, pair);
}

static void
test_decision_changes_recommendations (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  PostureRecommendationsPage *recs = posture_window_get_recommendations_page (fixture->window);
  GListModel *model = posture_recommendations_page_get_model (recs);
  guint before = g_list_model_get_n_items (model);
  g_autoptr(PostureControlResult) first = g_list_model_get_item (model, 0);
  g_autofree char *id = g_strdup (posture_control_result_get_id (first));
  PostureControlResult *after;

  posture_session_set_decision (fixture->session, id, POSTURE_DECISION_RISK_ACCEPTED, "Accepted by the CISO",
                                NULL, NULL);
  wait_for_new_assessment (fixture->session);

  /* Risk accepted leaves the to-do list. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before - 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureControlResult) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (posture_control_result_get_id (item), !=, id);
    }

  after = posture_assessment_lookup (posture_session_get_assessment (fixture->session), id);
  g_assert_nonnull (posture_control_result_get_decision (after));
  g_assert_cmpint (posture_decision_get_status (posture_control_result_get_decision (after)), ==,
                   POSTURE_DECISION_RISK_ACCEPTED);
  g_assert_cmpstr (posture_decision_get_note (posture_control_result_get_decision (after)), ==,
                   "Accepted by the CISO");

  /* "Resolved by a decision" shows it again. */
  posture_recommendations_page_set_status_filter (recs, 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Back to "to address": it is a recommendation again. */
  posture_recommendations_page_set_status_filter (recs, 0);
  posture_session_set_decision (fixture->session, id, POSTURE_DECISION_TO_ADDRESS, NULL, NULL, NULL);
  wait_for_new_assessment (fixture->session);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);
}

static void
test_what_if_projects (Fixture       *fixture,
                       gconstpointer  user_data)
{
  PostureOverviewPage *overview = posture_window_get_overview_page (fixture->window);
  g_autofree char *before_text = g_strdup (posture_overview_page_get_projected_text (overview));
  g_autoptr(PostureControlResult) first = NULL;
  g_autofree char *projected_percent = NULL;
  PostureScore score;
  PostureScore projected;

  first = g_list_model_get_item (posture_assessment_get_recommendations (posture_session_get_assessment (fixture->session)), 0);
  posture_assessment_get_score (posture_session_get_assessment (fixture->session), &score);
  posture_session_get_projected_score (fixture->session, &projected);
  g_assert_cmpuint (projected.earned, ==, score.earned);

  posture_session_set_what_if (fixture->session, posture_control_result_get_id (first), TRUE);
  g_assert_true (posture_session_get_what_if (fixture->session, posture_control_result_get_id (first)));
  posture_session_get_projected_score (fixture->session, &projected);
  g_assert_cmpfloat (projected.percent, >, score.percent);

  /* Shown live on the Overview, no re-read needed. */
  projected_percent = posture_format_percent (projected.percent);
  g_assert_cmpstr (posture_overview_page_get_projected_text (overview), !=, before_text);
  g_assert_nonnull (strstr (posture_overview_page_get_projected_text (overview), projected_percent));

  posture_session_set_what_if (fixture->session, posture_control_result_get_id (first), FALSE);
  g_assert_cmpstr (posture_overview_page_get_projected_text (overview), ==, before_text);

  /* A planned decision feeds the projected score too. */
  posture_session_set_decision (fixture->session, posture_control_result_get_id (first),
                                POSTURE_DECISION_PLANNED, NULL, NULL, NULL);
  wait_for_new_assessment (fixture->session);
  posture_session_get_projected_score (fixture->session, &projected);
  g_assert_cmpfloat (projected.percent, >, score.percent);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
fix_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

static void
check_fix (Fixture    *fixture,
           const char *control_id)
{
  AdwMessageDialog *dialog;
  PostureScore before;
  PostureScore after;
  g_auto(GStrv) environments = NULL;
  g_autofree char *change = NULL;
  PostureControlResult *result;

  posture_assessment_get_score (posture_session_get_assessment (fixture->session), &before);
  result = posture_assessment_lookup (posture_session_get_assessment (fixture->session), control_id);
  g_assert_nonnull (result);
  g_assert_cmpint (posture_control_result_get_status (result), !=, POSTURE_STATUS_PASS);
  g_assert_true (posture_session_can_fix (fixture->session, control_id));

  change = posture_session_describe_fix (fixture->session, control_id, &environments);
  g_assert_nonnull (change);
  if (posture_control_get_scope (posture_control_result_get_control (result)) == POSTURE_SCOPE_ENVIRONMENT)
    g_assert_cmpuint (g_strv_length (environments), ==, posture_control_result_get_n_fail (result));

  /* The confirmation states the change; Fix writes, then re-reads. */
  dialog = posture_window_confirm_fix (fixture->window, control_id);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), change));
  adw_message_dialog_response (dialog, POSTURE_FIX_RESPONSE_FIX);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  g_assert_true (posture_session_get_busy (fixture->session));
  wait_for_new_assessment (fixture->session);
  spin_until (is_idle, fixture->session);

  result = posture_assessment_lookup (posture_session_get_assessment (fixture->session), control_id);
  g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_PASS);
  posture_assessment_get_score (posture_session_get_assessment (fixture->session), &after);
  g_assert_cmpuint (after.earned, >, before.earned);
  g_assert_cmpfloat (after.percent, >, before.percent);
  g_assert_false (posture_session_can_fix (fixture->session, control_id));
}

static void
test_fix_raises_score (Fixture       *fixture,
                       gconstpointer  user_data)
{
  PostureAssessment *assessment = posture_session_get_assessment (fixture->session);
  static const char *candidates[] = {
    "env-creation-admins-only", "trial-env-creation-admins-only", "share-with-everyone-disabled",
    "tenant-isolation", "dlp-tenant-policy", "auditing", "content-security-policy", "managed-environment",
  };
  guint fixed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      PostureControlResult *result = posture_assessment_lookup (posture_session_get_assessment (fixture->session),
                                                                candidates[i]);

      if (result == NULL || posture_control_result_get_status (result) == POSTURE_STATUS_PASS ||
          !posture_session_can_fix (fixture->session, candidates[i]))
        continue;

      check_fix (fixture, candidates[i]);
      fixed++;
    }
  /* The demo tenant starts weak: tenant-wide and per-environment fixes were tried. */
  g_assert_cmpuint (fixed, >=, 3);
  g_assert_true (assessment != posture_session_get_assessment (fixture->session));

  /* Reset demo brings the weak tenant back. */
  {
    gboolean done = FALSE;
    PostureScore reset;
    PostureScore fixed_score;

    posture_assessment_get_score (posture_session_get_assessment (fixture->session), &fixed_score);
    posture_session_reset_demo_async (fixture->session, NULL, fix_done_cb, &done);
    spin_until (is_true, &done);
    spin_until (is_idle, fixture->session);
    posture_assessment_get_score (posture_session_get_assessment (fixture->session), &reset);
    g_assert_cmpuint (reset.earned, <, fixed_score.earned);
  }
}

/* A stand-in for the desktop's notification service: GIO's "gtk" notification backend
 * talks to whoever owns org.gtk.Notifications on the session bus, so the test owns it
 * and records what the app sends. */
static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";
static GPtrArray *notifications;  /* "id: title" */
static gboolean   notifications_owned;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = NULL;
      const char *id = NULL;
      const char *title = "";

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, &id, &notification);
      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (notifications, g_strdup_printf ("%s: %s", id, title));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_bus_acquired_cb (GDBusConnection *connection,
                               const char      *name,
                               gpointer         user_data)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);

  g_dbus_connection_register_object (connection, "/org/gtk/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, NULL);
}

static void
notifications_name_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  notifications_owned = TRUE;
}

static void
notifications_lost_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
count_recorded_cb (PostureSession *session,
                   gpointer        user_data)
{
  (*(guint *) user_data)++;
}

typedef struct
{
  GListModel *history;
  guint       n_items;
} HistoryWait;

static gboolean
history_grew (gpointer data)
{
  HistoryWait *wait = data;

  return g_list_model_get_n_items (wait->history) > wait->n_items;
}

static void
settings_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = posture_tenant_client_update_tenant_settings_finish (POSTURE_TENANT_CLIENT (object),
                                                              result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Writes @setting = false through the tenant's own API, as an admin would elsewhere. */
static void
weaken_setting (PostureSession *session,
                const char     *setting)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  gboolean done = FALSE;

  json_object_set_boolean_member (changes, setting, FALSE);
  posture_tenant_client_update_tenant_settings_async (posture_session_get_client (session), changes,
                                                      NULL, settings_written_cb, &done);
  spin_until (is_true, &done);
}

static void
test_what_changed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PostureHistory *history = POSTURE_HISTORY (posture_session_get_history (fixture->session));
  g_autoptr(PostureDiff) improved = NULL;
  g_autoptr(PostureDiff) regressed = NULL;
  HistoryWait wait = { posture_session_get_history (fixture->session), 0 };
  guint recorded = 0;
  gulong handler;

  spin_until (has_history, fixture->session);
  handler = g_signal_connect (fixture->session, "recorded", G_CALLBACK (count_recorded_cb), &recorded);
  g_ptr_array_set_size (notifications, 0);

  /* History records are keyed by their time to the second: keep readings apart. */
  g_usleep (1100 * 1000);
  wait.n_items = g_list_model_get_n_items (wait.history);
  check_fix (fixture, "trial-env-creation-admins-only");
  spin_until (is_idle, fixture->session);
  spin_until (history_grew, &wait);
  spin_a_little ();
  g_assert_cmpuint (recorded, >, 0);
  if (posture_history_latest_regressed (history, &improved))
    {
      g_autofree char *text = improved ? posture_diff_to_text (improved) : NULL;

      g_test_message ("unexpected regression (%u records): %s",
                      g_list_model_get_n_items (wait.history), text);
      g_assert_not_reached ();
    }
  g_assert_nonnull (improved);
  g_assert_cmpuint (posture_diff_get_n_improved (improved), >=, 1);
  g_assert_cmpuint (posture_diff_get_n_regressed (improved), ==, 0);
  g_assert_cmpfloat (posture_diff_get_score_delta (improved), >, 0.0);

  /* Someone turns the setting off again in the admin center; the next reading shows
   * the regression. */
  recorded = 0;
  g_usleep (1100 * 1000);
  wait.n_items = g_list_model_get_n_items (wait.history);
  weaken_setting (fixture->session, "disableTrialEnvironmentCreationByNonAdminUsers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  spin_until (is_idle, fixture->session);
  spin_until (history_grew, &wait);
  spin_a_little ();
  g_assert_cmpuint (recorded, >, 0);
  g_assert_true (posture_history_latest_regressed (history, &regressed));
  g_assert_cmpuint (posture_diff_get_n_regressed (regressed), >=, 1);
  g_assert_cmpfloat (posture_diff_get_score_delta (regressed), <, 0.0);

  /* The window is not in front here (no window manager under Xvfb), so the regression,
   * and only it, reached the desktop as a notification. */
  g_test_message ("notification service stand-in: %s", notifications_owned ? "owned" : "absent");
  if (notifications_owned)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      while (notifications->len == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (notifications->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==,
                       "posture-regressed: Security Posture Regressed");
    }

  /* Alt+5 and the toast's Details button both go to the History view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "history"));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "history");

  g_signal_handler_disconnect (fixture->session, handler);
}

static void
test_fix_unavailable (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* Not remediable through the API: no Fix button, no dialog. */
  g_assert_false (posture_session_can_fix (fixture->session, "customer-managed-key"));
  g_assert_false (posture_session_can_fix (fixture->session, "no-such-control"));
  g_assert_null (posture_fix_dialog_new (GTK_WINDOW (fixture->window), fixture->session, "no-such-control"));
}

static void
test_read_error_status_page (Fixture       *fixture,
                             gconstpointer  user_data)
{
  PostureOverviewPage *overview = posture_window_get_overview_page (fixture->window);
  const GError *error = posture_session_get_error (fixture->session);

  /* Every request answered 403: no assessment, a status page that says what to do. */
  g_assert_null (posture_session_get_assessment (fixture->session));
  g_assert_nonnull (error);
  g_assert_cmpstr (posture_overview_page_get_state (overview), ==, "error");
  g_assert_nonnull (posture_overview_page_get_error_title (overview));
  g_assert_cmpstr (posture_overview_page_get_error_title (overview), !=, "");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("posture-test-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* gtk_test_init() cannot isolate the XDG folders: the session writes the score
   * history and cache there, so point them at a temporary folder. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Own org.gtk.Notifications before any application registers, so that GIO's gtk
   * notification backend is chosen and sends to us (without a session bus the
   * notification check is left out). */
  notifications = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  {
    gboolean lost = FALSE;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_bus_own_name (G_BUS_TYPE_SESSION, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                    notifications_bus_acquired_cb, notifications_name_cb, notifications_lost_cb,
                    &lost, NULL);
    while (!notifications_owned && !lost && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }

  /* First: it reads the score history, which the later tests add to. */
  g_test_add ("/posture/ui/views/what-changed", Fixture, NULL,
              fixture_set_up, test_what_changed, fixture_tear_down);
  g_test_add ("/posture/ui/views/build", Fixture, NULL,
              fixture_set_up, test_views_build, fixture_tear_down);
  g_test_add ("/posture/ui/views/decision", Fixture, NULL,
              fixture_set_up, test_decision_changes_recommendations, fixture_tear_down);
  g_test_add ("/posture/ui/views/what-if", Fixture, NULL,
              fixture_set_up, test_what_if_projects, fixture_tear_down);
  g_test_add ("/posture/ui/views/fix", Fixture, NULL,
              fixture_set_up, test_fix_raises_score, fixture_tear_down);
  g_test_add ("/posture/ui/views/fix-unavailable", Fixture, NULL,
              fixture_set_up, test_fix_unavailable, fixture_tear_down);
  g_test_add ("/posture/ui/views/read-error", Fixture, "403=1",
              fixture_set_up, test_read_error_status_page, fixture_tear_down);

  status = g_test_run ();

  /* Leave nothing behind: the history and cache files the tests wrote. */
  if (g_str_has_prefix (home, g_get_tmp_dir ()) && strstr (home, "posture-test-") != NULL)
    {
      const char *rm[] = { "rm", "-rf", "--", home, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }

  return status;
}
