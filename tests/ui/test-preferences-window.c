/* test-preferences-window.c: every preference row is bound to its GSettings key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "posture-preferences-window.h"

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget),
                                                   POSTURE_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
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
test_preferences_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.posture.Posture");
  PosturePreferencesWindow *window;
  AdwComboRow *cloud_row;
  AdwComboRow *profile_row;
  GtkSwitch *refresh_switch;
  GtkSpinButton *retention_spin;
  GtkSpinButton *review_spin;
  g_autofree char *str = NULL;

  g_settings_set_string (settings, "cloud", "gcc-high");
  g_settings_set_string (settings, "profile", "scuba");
  g_settings_set_boolean (settings, "refresh-on-start", FALSE);
  g_settings_set_uint (settings, "history-retention-days", 90);
  g_settings_set_uint (settings, "review-interval-days", 30);

  window = posture_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);
  g_assert_true (posture_preferences_window_get_settings (window) == settings);
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing in it is wider than 360 px (libadwaita's own minimum for the window's
   * content; the window's frame comes on top). */
  {
    int minimum;

    gtk_widget_measure (adw_window_get_content (ADW_WINDOW (window)), GTK_ORIENTATION_HORIZONTAL,
                        -1, &minimum, NULL, NULL, NULL);
    g_test_message ("minimum width of the content %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  wait_for_map (GTK_WIDGET (window));

  cloud_row = child (window, "cloud_row");
  profile_row = child (window, "profile_row");
  refresh_switch = child (window, "refresh_switch");
  retention_spin = child (window, "retention_spin");
  review_spin = child (window, "review_spin");

  /* Settings → widgets. */
  g_assert_cmpuint (adw_combo_row_get_selected (cloud_row), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (profile_row), ==, 1);
  g_assert_false (gtk_switch_get_active (refresh_switch));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (retention_spin), ==, 90);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (review_spin), ==, 30);

  g_settings_set_string (settings, "cloud", "china");
  g_assert_cmpuint (adw_combo_row_get_selected (cloud_row), ==, 4);
  g_settings_set_uint (settings, "history-retention-days", 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (retention_spin), ==, 0);

  /* Widgets → settings. */
  adw_combo_row_set_selected (cloud_row, 0);
  str = g_settings_get_string (settings, "cloud");
  g_assert_cmpstr (str, ==, "public");
  g_clear_pointer (&str, g_free);

  adw_combo_row_set_selected (cloud_row, 3);
  str = g_settings_get_string (settings, "cloud");
  g_assert_cmpstr (str, ==, "dod");
  g_clear_pointer (&str, g_free);

  adw_combo_row_set_selected (profile_row, 2);
  str = g_settings_get_string (settings, "profile");
  g_assert_cmpstr (str, ==, "ppac");
  g_clear_pointer (&str, g_free);

  gtk_switch_set_active (refresh_switch, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "refresh-on-start"));

  gtk_spin_button_set_value (retention_spin, 365);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-retention-days"), ==, 365);
  gtk_spin_button_set_value (review_spin, 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "review-interval-days"), ==, 7);

  /* The spin buttons keep to the schema's ranges. */
  gtk_spin_button_set_value (review_spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "review-interval-days"), ==, 1);
  gtk_spin_button_set_value (retention_spin, 1e9);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-retention-days"), ==, 36500);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* The bindings went with the window: changing a key now touches nothing. */
  g_settings_set_string (settings, "cloud", "gcc");
}

static void
test_preferences_training_dir (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.posture.Posture");
  PosturePreferencesWindow *window;
  AdwActionRow *row;
  const char *hostile = "/tmp/<b>Training & \"Co\"</b>";

  g_settings_reset (settings, "training-dir");

  window = posture_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);
  row = child (window, "training_dir_row");

  /* Nothing to clear: the clear button's action is disabled. */
  g_assert_false (gtk_widget_get_sensitive (child (window, "clear_training_dir_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), !=, "");

  /* A path with markup characters is shown as it is, not as markup. */
  g_settings_set_string (settings, "training-dir", hostile);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, hostile);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_true (gtk_widget_get_sensitive (child (window, "clear_training_dir_button")));

  gtk_window_present (GTK_WINDOW (window));
  wait_for_map (GTK_WIDGET (window));

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "prefs.clear-training-dir", NULL));
  {
    g_autofree char *dir = g_settings_get_string (settings, "training-dir");
    g_assert_cmpstr (dir, ==, "");
  }
  g_assert_cmpstr (adw_action_row_get_subtitle (row), !=, hostile);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/posture/ui/preferences/training-dir", test_preferences_training_dir);

  return g_test_run ();
}
