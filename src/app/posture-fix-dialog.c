/* posture-fix-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-fix-dialog.h"

/* Environments named in the dialog; the rest are counted. */
#define MAX_LISTED 12

AdwMessageDialog *
posture_fix_dialog_new (GtkWindow      *parent,
                        PostureSession *session,
                        const char     *control_id)
{
  g_autofree char *change = NULL;
  g_auto(GStrv) environments = NULL;
  g_autofree char *heading = NULL;
  PostureAssessment *assessment;
  PostureControlResult *result;
  GString *body;
  GtkWidget *dialog;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (POSTURE_IS_SESSION (session), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  change = posture_session_describe_fix (session, control_id, &environments);
  assessment = posture_session_get_assessment (session);
  if (change == NULL || assessment == NULL ||
      (result = posture_assessment_lookup (assessment, control_id)) == NULL)
    return NULL;

  /* Translators: %s is a control's title */
  heading = g_strdup_printf (_("Fix “%s”?"), posture_control_get_title (posture_control_result_get_control (result)));

  body = g_string_new (change);
  n = environments != NULL ? g_strv_length (environments) : 0;
  if (n > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, g_dngettext (GETTEXT_PACKAGE, "Environment changed:", "Environments changed:", n));
      for (guint i = 0; i < n && i < MAX_LISTED; i++)
        g_string_append_printf (body, "\n• %s", environments[i]);
      if (n > MAX_LISTED)
        {
          g_string_append (body, "\n");
          /* Translators: after a list of environment names */
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                     n - MAX_LISTED),
                                  n - MAX_LISTED);
        }
    }
  if (posture_session_get_demo (session))
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("This is the demo tenant: nothing outside Posture changes."));
    }
  else
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("The change applies to your tenant at once. Posture reads the tenant "
                               "again afterwards to check it."));
    }

  dialog = adw_message_dialog_new (parent, heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  g_string_free (body, TRUE);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    POSTURE_FIX_RESPONSE_CANCEL, _("_Cancel"),
                                    POSTURE_FIX_RESPONSE_FIX, _("_Fix"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), POSTURE_FIX_RESPONSE_FIX,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), POSTURE_FIX_RESPONSE_CANCEL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), POSTURE_FIX_RESPONSE_CANCEL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  return ADW_MESSAGE_DIALOG (dialog);
}
