/* test-decisions.c: an admin records every kind of decision with the keyboard alone
 * (XTEST key presses on a real window under Xvfb), and finds each one in the decision
 * store on disk, in Recommendations after a restart, and in the exported report.
 *
 * The tenant is the demo server read as a signed-in tenant is: its decisions go to
 * the store (the demo tenant's own stay in memory).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "posture-application.h"
#include "posture-decision-store.h"
#include "posture-demo-server.h"
#include "posture-export.h"
#include "posture-recommendations-page.h"
#include "posture-risk-dialog.h"
#include "posture-ui-test.h"
#include "posture-window.h"

#define NOTE "Compensated at the network edge; see ticket SEC-42"
#define OWNER "Ann Lee"

typedef struct
{
  PostureDemoServer  *server;
  PostureApplication *app;
  PostureWindow      *window;
  PostureSession     *session;
} Fixture;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_ready (gpointer data)
{
  return !posture_session_get_busy (data) && posture_session_get_assessment (data) != NULL;
}

/* A window on a fresh session of the same tenant: what a restart shows. */
static void
open_window (Fixture *fixture)
{
  static guint counter;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.posture.Posture.TestDecisions%u", ++counter);

  fixture->app = posture_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  endpoints =
      posture_endpoints_new ("custom", posture_demo_server_get_base_uri (fixture->server), &error);
  g_assert_no_error (error);
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_CLIENT_ID, NULL, NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);
  client = posture_tenant_client_new (oauth);
  fixture->session = posture_session_new_for_client (client, "Contoso");

  fixture->window = g_object_ref (posture_window_new (fixture->app));
  g_object_set (fixture->window, "session", fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  posture_test_spin_until (is_mapped, fixture->window, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  posture_test_spin_until (is_ready, fixture->session, 30);
  posture_test_spin_a_little ();
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
close_window (Fixture *fixture)
{
  gpointer window = fixture->window;

  g_object_add_weak_pointer (window, &window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (g_steal_pointer (&fixture->window));
  /* What the window started (a save of the decisions) may hold it a moment longer. */
  posture_test_spin_until (is_null, &window, 10);
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  g_clear_object (&fixture->app);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = posture_demo_server_new ();
  g_assert_true (posture_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_window (fixture);
  posture_demo_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = posture_test_find (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static PostureControlResult *
shown (Fixture *fixture)
{
  return posture_recommendations_page_get_result (
      POSTURE_RECOMMENDATIONS_PAGE (find (fixture, "recommendations_page")));
}

static gboolean
assessment_changed (gpointer data)
{
  gpointer *pair = data;

  return !posture_session_get_busy (pair[0]) && posture_session_get_assessment (pair[0]) != pair[1];
}

static gboolean
is_in_view (gpointer data)
{
  gpointer *pair = data;   /* widget, scroller */
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (pair[0], pair[1], &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (pair[1]);
}

/* Opens the decision drop-down of the control shown and picks @status: the keys a
 * person presses (Home first: the list remembers where it was last time). */
static void
choose_decision (Fixture               *fixture,
                 PostureDecisionStatus  status)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (find (fixture, "scroller")));

  /* The Decision group is the last of the detail: in view, as Tab would bring it (a
   * drop-down opened from a row scrolled out of view would pop up off the screen). */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  {
    gpointer pair[2] = { find (fixture, "decision_row"), find (fixture, "scroller") };

    posture_test_spin_until (is_in_view, pair, 10);
  }
  gtk_widget_grab_focus (find (fixture, "decision_row"));
  posture_test_press (window, "Return", "Home", NULL);
  for (guint i = 0; i < status; i++)
    posture_test_press (window, "Down", NULL);
  posture_test_press (window, "Return", NULL);
}

static PostureDecision *
stored (const char *control_id)
{
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new (POSTURE_DEMO_TENANT_ID);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  PostureDecision *decision;

  g_assert_true (posture_decision_store_load (store, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  decision = posture_decision_store_lookup (store, control_id, NULL);
  return decision != NULL ? g_object_ref (decision) : NULL;
}

static gboolean
is_stored (gpointer data)
{
  const char * const *expected = data;   /* control id, status nick */
  g_autoptr(PostureDecision) decision = stored (expected[0]);

  return decision != NULL &&
         g_strcmp0 (posture_decision_status_to_string (posture_decision_get_status (decision)),
                    expected [1]) == 0;
}

/* Decides on the control shown with the keyboard; waits for the store and the view. */
static char *
decide (Fixture               *fixture,
        PostureDecisionStatus  status)
{
  gpointer pair[2] = { fixture->session, posture_session_get_assessment (fixture->session) };
  g_autofree char *id = g_strdup (posture_control_result_get_id (shown (fixture)));
  const char *expected[2] = { id, posture_decision_status_to_string (status) };
  PostureDecision *current = posture_control_result_get_decision (shown (fixture));
  PostureDecisionStatus from =
      current != NULL ? posture_decision_get_status (current) : POSTURE_DECISION_TO_ADDRESS;

  g_assert_cmpint (status, !=, from);
  choose_decision (fixture, status);

  if (status == POSTURE_DECISION_RISK_ACCEPTED)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      GtkWindow *dialog;

      /* It asks why, who owns it and when to look again; the focus is on the note. */
      while ((dialog = posture_test_find_window (POSTURE_TYPE_RISK_DIALOG, NULL)) == NULL &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (posture_risk_dialog_get_control_id (POSTURE_RISK_DIALOG (dialog)), ==, id);
      posture_test_type (dialog, NOTE);
      posture_test_press (dialog, "Tab", NULL);
      posture_test_type (dialog, OWNER);
      posture_test_press (dialog, "Return", NULL);
    }

  posture_test_spin_until (assessment_changed, pair, 30);
  posture_test_spin_until (is_stored, expected, 10);
  posture_test_spin_a_little ();

  /* It stuck: the control shown is the one decided, and the drop-down says so. */
  g_assert_cmpstr (posture_control_result_get_id (shown (fixture)), ==, id);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, "decision_row"))), ==,
                    status);
  g_assert_nonnull (posture_control_result_get_decision (shown (fixture)));
  g_assert_cmpint (posture_decision_get_status (
                       posture_control_result_get_decision (shown (fixture))),
                   ==, status);

  return g_steal_pointer (&id);
}

static gboolean
file_has_text (gpointer data)
{
  const char * const *args = data;   /* path, text */
  g_autofree char *contents = NULL;

  return g_file_get_contents (args[0], &contents, NULL, NULL) && strstr (contents, args[1]) != NULL;
}

static void
test_decisions_by_keyboard (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const PostureDecisionStatus statuses[] = {
    POSTURE_DECISION_PLANNED, POSTURE_DECISION_RISK_ACCEPTED,
    POSTURE_DECISION_ALTERNATE_MITIGATION, POSTURE_DECISION_THIRD_PARTY,
  };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PostureDecision) risk = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkWindow *window = GTK_WINDOW (fixture->window);

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("Key presses need xdotool and an X display (Xvfb), and there is none here");
      return;
    }

  /* Alt+2: Recommendations, the top one shown. Ctrl+N moves on: every decision goes to
   * the control on screen, never to another. */
  posture_test_press (window, "alt+2", NULL);
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "recommendations");
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_ptr_array_add (ids, decide (fixture, statuses[i]));
      posture_test_press (window, "ctrl+n", NULL);
      for (guint k = 0; k <= i; k++)
        g_assert_cmpstr (posture_control_result_get_id (shown (fixture)), !=,
                         g_ptr_array_index (ids, k));
    }

  /* Risk accepted kept its note, its owner and a review date. */
  risk = stored (g_ptr_array_index (ids, 1));
  g_assert_cmpstr (posture_decision_get_note (risk), ==, NOTE);
  g_assert_cmpstr (posture_decision_get_owner (risk), ==, OWNER);
  g_assert_nonnull (posture_decision_get_due (risk));

  /* Back to "to address", with the keyboard too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-recommendation", "s",
                                             g_ptr_array_index (ids, 0)));
  g_free (decide (fixture, POSTURE_DECISION_TO_ADDRESS));
  /* ...and Planned again, for the restart below. */
  g_free (decide (fixture, POSTURE_DECISION_PLANNED));

  /* A restart: a new session and window on the same files show every decision. */
  close_window (fixture);
  open_window (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      PostureDecision *decision;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.show-recommendation", "s",
                                                 g_ptr_array_index (ids, i)));
      decision = posture_control_result_get_decision (shown (fixture));
      g_assert_nonnull (decision);
      g_assert_cmpint (posture_decision_get_status (decision), ==, statuses[i]);
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, "decision_row"))),
                        ==, statuses [i]);
    }

  /* The exported report carries them. */
  dir = g_dir_make_tmp ("posture-decisions-XXXXXX", NULL);
  path = g_build_filename (dir, "report.json", NULL);
  file = g_file_new_for_path (path);
  posture_export_save (GTK_WINDOW (fixture->window),
                       posture_session_get_assessment (fixture->session),
                       posture_session_get_snapshot (fixture->session), NULL,
                       POSTURE_REPORT_FORMAT_JSON, file);
  {
    const char *has_note[2] = { path, NOTE };
    const char *has_third_party[2] = { path, "third-party" };
    const char *has_mitigation[2] = { path, "alternate-mitigation" };
    const char *has_planned[2] = { path, "planned" };

    posture_test_spin_until (file_has_text, has_note, 20);
    g_assert_true (file_has_text (has_third_party));
    g_assert_true (file_has_text (has_mitigation));
    g_assert_true (file_has_text (has_planned));
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("posture-test-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  int status;

  /* The decision store and the history go to a private data folder. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/posture/ui/decisions/keyboard", Fixture, NULL,
              fixture_set_up, test_decisions_by_keyboard, fixture_tear_down);

  status = g_test_run ();

  if (g_str_has_prefix (home, g_get_tmp_dir ()) && strstr (home, "posture-test-") != NULL)
    {
      const char *rm[] = { "rm", "-rf", "--", home, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
    }

  return status;
}
