/* posture-export.c: the Export… flow
 *
 * GtkFileChooserNative (GTK 4.8; the portal's dialog inside a sandbox) with a format
 * choice, then posture_report_render() on the main thread and
 * g_file_replace_contents_bytes_async(), which writes a temporary file and renames it over
 * the target off the main thread, so a failed export never leaves a partial file nor
 * blocks the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "posture-export.h"

typedef struct
{
  GtkWindow            *parent;       /* owned */
  PostureAssessment    *assessment;   /* owned */
  PostureSnapshot      *snapshot;     /* owned, nullable */
  GListModel           *history;      /* owned, nullable */
  GtkFileChooserNative *chooser;      /* owned while the dialog is open */
  GFile                *file;         /* owned once chosen */
  PostureReportFormat   format;
} ExportState;

static void
export_state_free (ExportState *state)
{
  g_clear_object (&state->parent);
  g_clear_object (&state->assessment);
  g_clear_object (&state->snapshot);
  g_clear_object (&state->history);
  g_clear_object (&state->chooser);
  g_clear_object (&state->file);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportState, export_state_free)

static ExportState *
export_state_new (GtkWindow         *parent,
                  PostureAssessment *assessment,
                  PostureSnapshot   *snapshot,
                  GListModel        *history)
{
  ExportState *state = g_new0 (ExportState, 1);

  state->parent = parent != NULL ? g_object_ref (parent) : NULL;
  state->assessment = g_object_ref (assessment);
  state->snapshot = snapshot != NULL ? g_object_ref (snapshot) : NULL;
  state->history = history != NULL ? g_object_ref (history) : NULL;
  return state;
}

/* The write finishes even if the window was closed meanwhile (the file is what the user
 * asked for), but then nothing is shown: there is no window to show it in. A destroyed
 * window has left the list of toplevels; a hidden one has not. */
static gboolean
parent_is_gone (ExportState *state)
{
  GListModel *toplevels;

  if (state->parent == NULL)
    return FALSE;

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == state->parent)
        return FALSE;
    }

  return TRUE;
}

static const struct
{
  PostureReportFormat  format;
  const char          *label;
} format_choices[] = {
  { POSTURE_REPORT_FORMAT_HTML,        N_("HTML report (to read, print or send)") },
  { POSTURE_REPORT_FORMAT_CSV,         N_("CSV, one row per control and resource") },
  { POSTURE_REPORT_FORMAT_JSON,        N_("JSON (for scripts)") },
  { POSTURE_REPORT_FORMAT_ACTION_PLAN, N_("Action plan (CSV)") },
};

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;

  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_toast_open_clicked_cb (AdwToast *toast,
                          GFile    *file)
{
  GtkWidget *overlay = g_object_get_data (G_OBJECT (toast), "posture-export-parent");
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = overlay != NULL ? gtk_widget_get_root (overlay) : NULL;

  gtk_show_uri (root != NULL ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static char *
display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static void
export_write_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ExportState) state = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (state->file);
  AdwToastOverlay *overlay;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || parent_is_gone (state))
        return;

      g_debug ("Export to %s failed: %s", name, error->message);
      /* Translators: %s is a file name, then the system's reason */
      body = g_strdup_printf (_("“%s” could not be written: %s\n\nChoose another folder, "
                                "or free some space, and export again."),
                              name, error->message);
      show_message (state->parent, _("Could Not Export the Report"), body);
      return;
    }

  if (parent_is_gone (state))
    return;

  overlay = state->parent != NULL ? find_toast_overlay (GTK_WIDGET (state->parent)) : NULL;
  if (overlay != NULL)
    {
      AdwToast *toast;
      g_autofree char *title = NULL;

      /* Translators: %s is a file name */
      title = g_strdup_printf (_("Report saved as “%s”"), name);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_timeout (toast, 8);
      g_object_set_data (G_OBJECT (toast), "posture-export-parent", overlay);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_open_clicked_cb),
                             g_object_ref (state->file), (GClosureNotify) g_object_unref,
                             G_CONNECT_DEFAULT);
      adw_toast_overlay_add_toast (overlay, toast);
    }
  else
    {
      g_autofree char *body = NULL;

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("The report was saved as “%s”."), name);
      show_message (state->parent, _("Report Exported"), body);
    }
}

static void
export_start_write (ExportState *state)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  char *text;
  gsize length = 0;

  text = posture_report_render (state->assessment, state->snapshot, state->history,
                                state->format, &length, &error);
  if (text == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *body = g_strdup_printf (_("The report could not be made: %s"),
                                               error->message);

      show_message (state->parent, _("Could Not Export the Report"), body);
      export_state_free (state);
      return;
    }

  contents = g_bytes_new_take (text, length);
  g_file_replace_contents_bytes_async (state->file, contents, NULL, FALSE,
                                       G_FILE_CREATE_NONE, NULL, export_write_cb, state);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(ExportState) state = user_data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  const char *choice;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (chooser);
  if (file == NULL)
    return;

  choice = gtk_file_chooser_get_choice (chooser, "format");
  if (choice == NULL ||
      !posture_report_format_from_string (choice, &state->format, NULL))
    state->format = POSTURE_REPORT_FORMAT_HTML;

  /* A name typed without an extension gets the format's, unless that file exists
   * (the dialog confirmed overwriting the name as typed, not another one). */
  basename = g_file_get_basename (file);
  if (basename != NULL && strchr (basename, '.') == NULL)
    {
      const char *extension = posture_report_format_get_extension (state->format);
      g_autofree char *with_ext = g_strdup_printf ("%s.%s", basename, extension);
      g_autoptr(GFile) parent_dir = g_file_get_parent (file);
      g_autoptr(GFile) candidate = NULL;

      if (parent_dir != NULL)
        candidate = g_file_get_child (parent_dir, with_ext);

      if (candidate != NULL && !g_file_query_exists (candidate, NULL))
        g_set_object (&file, candidate);
    }

  state->file = g_steal_pointer (&file);
  g_clear_object (&state->chooser);
  export_start_write (g_steal_pointer (&state));
}

void
posture_export_save (GtkWindow           *parent,
                     PostureAssessment   *assessment,
                     PostureSnapshot     *snapshot,
                     GListModel          *history,
                     PostureReportFormat  format,
                     GFile               *file)
{
  ExportState *state;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (POSTURE_IS_ASSESSMENT (assessment));
  g_return_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));
  g_return_if_fail (G_IS_FILE (file));

  state = export_state_new (parent, assessment, snapshot, history);
  state->format = format;
  state->file = g_object_ref (file);
  export_start_write (state);
}

void
posture_export_run_full (GtkWindow         *parent,
                         PostureAssessment *assessment,
                         PostureSnapshot   *snapshot,
                         GListModel        *history)
{
  ExportState *state;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const char *ids[G_N_ELEMENTS (format_choices) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (format_choices) + 1] = { NULL };

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (POSTURE_IS_ASSESSMENT (assessment));
  g_return_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));

  state = export_state_new (parent, assessment, snapshot, history);

  chooser = gtk_file_chooser_native_new (_("Export Report"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (format_choices); i++)
    {
      ids[i] = posture_report_format_to_string (format_choices[i].format);
      labels[i] = _(format_choices[i].label);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "html");

  name = posture_report_suggest_file_name (assessment, POSTURE_REPORT_FORMAT_HTML);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  state->chooser = chooser;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), state);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
posture_export_run (GtkWindow         *parent,
                    PostureAssessment *assessment,
                    PostureSnapshot   *snapshot)
{
  posture_export_run_full (parent, assessment, snapshot, NULL);
}
