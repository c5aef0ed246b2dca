/* test-export.c: the Export… flow: the save dialog with its format choice, the write,
 * and what the user is told (a toast, or a message dialog on failure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "posture-engine.h"
#include "posture-export.h"

typedef struct
{
  PostureSnapshot   *snapshot;
  PostureAssessment *assessment;
  char              *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "report",
                                                 "hostile-snapshot.json", NULL);
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;

  fixture->snapshot = posture_snapshot_new_from_file (path, &error);
  g_assert_no_error (error);
  fixture->assessment = posture_engine_assess (fixture->snapshot, &options, &error);
  g_assert_no_error (error);
  fixture->tmpdir = g_dir_make_tmp ("test-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_assert_finalize_object (fixture->assessment);
  g_assert_finalize_object (fixture->snapshot);
}

static GtkWindow *
make_window (gboolean with_overlay)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("content");

  if (with_overlay)
    {
      GtkWidget *overlay = adw_toast_overlay_new ();

      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), label);
      gtk_window_set_child (GTK_WINDOW (window), overlay);
    }
  else
    gtk_window_set_child (GTK_WINDOW (window), label);

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_present (GTK_WINDOW (window));
  return g_object_ref_sink (GTK_WINDOW (window));
}

static gboolean
file_has_prefix (const char *path,
                 const char *prefix)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && g_str_has_prefix (contents, prefix);
}

/* The first toplevel (other than @except) of @type, waiting up to 10 s for it. */
static GtkWindow *
wait_for_toplevel (GType      type,
                   GtkWindow *except)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type))
            return window;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  return NULL;
}

static GtkWindow *
wait_for_toplevel_now (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
wait_for_file (const char *path,
               const char *prefix)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!file_has_prefix (path, prefix) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (file_has_prefix (path, prefix));
}

/* The export holds the window until it has told the user; wait for that. */
static void
wait_for_export (GtkWindow *window,
                 guint      baseline)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (G_OBJECT (window)->ref_count > baseline && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (G_OBJECT (window)->ref_count, <=, baseline);
}

static guint
count_toplevels (void)
{
  /* Let pending idles (a dialog being presented) run first. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return g_list_model_get_n_items (gtk_window_get_toplevels ());
}

static void
test_export_save_toast (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = make_window (TRUE);
  guint before = count_toplevels ();
  guint refs = G_OBJECT (window)->ref_count;

  posture_export_save (window, fixture->assessment, fixture->snapshot, NULL,
                       POSTURE_REPORT_FORMAT_JSON, file);
  wait_for_file (path, "{");
  wait_for_export (window, refs);

  /* Success is a toast in the window, not another window. */
  g_assert_cmpuint (count_toplevels (), ==, before);

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

static void
test_export_save_message (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "plan.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = make_window (FALSE);
  GtkWindow *dialog;

  posture_export_save (window, fixture->assessment, NULL, NULL,
                       POSTURE_REPORT_FORMAT_ACTION_PLAN, file);
  wait_for_file (path, "control_id,");

  /* Without a toast overlay, a message dialog says where the report went. */
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Report Exported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "plan.csv"));
  g_assert_true (gtk_window_get_transient_for (dialog) == window);
  gtk_window_destroy (dialog);

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

static void
test_export_save_error (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "missing", "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = make_window (TRUE);
  GtkWindow *dialog;
  const char *body;

  posture_export_save (window, fixture->assessment, fixture->snapshot, NULL,
                       POSTURE_REPORT_FORMAT_HTML, file);

  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Export the Report");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "report.html"));
  g_assert_nonnull (strstr (body, "Choose another folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (dialog);

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

/* Closing the window while the report is written: the file is still written, and
 * nothing pops up afterwards. */
static void
test_export_save_closed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "late.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = make_window (FALSE);

  posture_export_save (window, fixture->assessment, fixture->snapshot, NULL,
                       POSTURE_REPORT_FORMAT_HTML, file);
  gtk_window_destroy (window);
  wait_for_file (path, "<!DOCTYPE html>");
  wait_for_export (window, 1);
  g_assert_null (wait_for_toplevel_now (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_finalize_object (window);
}

/* The real flow up to the user: the save dialog offers the formats with HTML first and a
 * safe suggested name; cancelling it writes nothing and says nothing. (Accepting runs
 * posture_export_save(), tested above.) */
static void
test_export_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  GtkWindow *window = make_window (TRUE);
  GtkWindow *dialog;

  posture_export_run (window, fixture->assessment, fixture->snapshot);

  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, window);
  if (dialog == NULL)
    {
      /* A portal answered instead of GTK's own dialog: nothing to drive here. */
      g_test_skip ("the file chooser is provided by a portal");
      gtk_window_destroy (window);
      g_assert_finalize_object (window);
      return;
    }

  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == window);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format"), ==, "html");
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  expected = posture_report_suggest_file_name (fixture->assessment, POSTURE_REPORT_FORMAT_HTML);
  g_assert_cmpstr (name, ==, expected);
  g_assert_true (g_str_has_suffix (name, ".html"));
  g_assert_null (strchr (name, '/'));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  count_toplevels ();
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Nothing else opens: no message saying anything was saved or failed. */
  g_assert_null (wait_for_toplevel_now (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/posture/ui/export/save-toast", Fixture, NULL, fixture_setup,
              test_export_save_toast, fixture_teardown);
  g_test_add ("/posture/ui/export/save-message", Fixture, NULL, fixture_setup,
              test_export_save_message, fixture_teardown);
  g_test_add ("/posture/ui/export/save-error", Fixture, NULL, fixture_setup,
              test_export_save_error, fixture_teardown);
  g_test_add ("/posture/ui/export/save-closed", Fixture, NULL, fixture_setup,
              test_export_save_closed, fixture_teardown);
  g_test_add ("/posture/ui/export/dialog", Fixture, NULL, fixture_setup,
              test_export_dialog, fixture_teardown);

  return g_test_run ();
}
