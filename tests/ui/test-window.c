/* test-window.c: the main window builds, has its views and actions, and finalizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-application.h"
#include "posture-session.h"
#include "posture-ui-test.h"
#include "posture-window.h"

/* The narrowest window Posture promises to fit (a phone held upright). */
#define NARROWEST 360

static PostureApplication *
make_application (void)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.posture.Posture.Test%u", ++counter);
  PostureApplication *app;

  /* A distinct id per test: a session bus may exist (xvfb-run autolaunches one). */
  app = posture_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static void
wait_for_map (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (gtk_widget_get_mapped (widget));
}

static void
test_window_views (void)
{
  static const char *views[] = { "overview", "recommendations", "policies", "training", "history" };
  g_autoptr(PostureApplication) app = make_application ();
  PostureWindow *window;

  window = posture_window_new (app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_map (GTK_WIDGET (window));

  g_assert_cmpstr (posture_window_get_view (window), ==, "overview");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      posture_window_set_view (window, views[i]);
      g_assert_cmpstr (posture_window_get_view (window), ==, views[i]);
    }

  /* An unknown view leaves the current one. */
  posture_window_set_view (window, "nonsense");
  g_assert_cmpstr (posture_window_get_view (window), ==, "history");

  /* The view action switches too, as Alt+1 does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "policies"));
  g_assert_cmpstr (posture_window_get_view (window), ==, "policies");

  /* Application actions and their accelerators. */
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "about"));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "quit"));
  {
    g_auto (GStrv) accels =
        gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_assert_cmpstr (accels[0], ==, "<Control>q");
  }
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_size_saved (void)
{
  g_autoptr(PostureApplication) app = make_application ();
  GSettings *settings = posture_application_get_settings (app);
  PostureWindow *window;
  int width = 0;
  int height = 0;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = posture_window_new (app);
  g_object_ref (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_map (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);

  g_assert_finalize_object (window);
}

static gboolean
session_is_ready (PostureSession *session)
{
  return !posture_session_get_busy (session) && posture_session_get_assessment (session) != NULL;
}

/* Names the widgets that ask for more than @limit, deepest last, to say which one
 * makes the window too wide. */
static void
report_too_wide (GtkWidget *widget,
                 int        limit,
                 guint      depth)
{
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= limit)
    return;

  g_test_message ("%*s%s (%s): %d px", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                  gtk_widget_get_name (widget), minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_too_wide (child, limit, depth + 1);
}

static void
test_window_narrow (void)
{
  /* Each view as the screenshots show it: a control in Recommendations, a module in
   * Training, the Fix dialog's plan (build-aux/screenshots.sh). */
  static const char *views[] = { "overview", "recommendations", "recommendation", "policies",
                                 "training", "module", "history" };
  g_autoptr(PostureApplication) app = make_application ();
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  PostureWindow *window;
  GtkWidget *content;

  session = posture_session_new_demo (0, &error);
  g_assert_no_error (error);

  window = posture_window_new (app);
  g_object_ref (window);
  g_object_set (window, "session", session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_map (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!session_is_ready (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (session_is_ready (session));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  /* Every view, with a reading shown, fits the narrowest window. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int minimum = 0;

      posture_test_show_view (GTK_WIDGET (window), views[i]);
      for (guint k = 0; k < 10; k++)
        g_main_context_iteration (NULL, FALSE);
      /* The content: the window adds its shadow, which a maximized window has not. */
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px wide", views[i], minimum);
      if (minimum > NARROWEST)
        report_too_wide (content, NARROWEST, 0);
      g_assert_cmpint (minimum, <=, NARROWEST);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/window/views", test_window_views);
  g_test_add_func ("/posture/ui/window/size-saved", test_window_size_saved);
  g_test_add_func ("/posture/ui/window/narrow", test_window_narrow);

  return g_test_run ();
}
