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

struct _PostureFixDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned */
  char             *control_id;
};

enum {
  PROP_0,
  PROP_CONTROL_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixDialog, posture_fix_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
posture_fix_dialog_finalize (GObject *object)
{
  PostureFixDialog *self = (PostureFixDialog *) object;

  g_clear_pointer (&self->control_id, g_free);

  G_OBJECT_CLASS (posture_fix_dialog_parent_class)->finalize (object);
}

static void
posture_fix_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PostureFixDialog *self = POSTURE_FIX_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      self->control_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_dialog_class_init (PostureFixDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_fix_dialog_finalize;
  object_class->get_property = posture_fix_dialog_get_property;
  object_class->set_property = posture_fix_dialog_set_property;

  properties [PROP_CONTROL_ID] =
    g_param_spec_string ("control-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_dialog_init (PostureFixDialog *self)
{
}

const char *
posture_fix_dialog_get_control_id (PostureFixDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_DIALOG (self), NULL);

  return self->control_id;
}

PostureFixDialog *
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

  dialog = g_object_new (POSTURE_TYPE_FIX_DIALOG,
                         "control-id", control_id,
                         "transient-for", parent,
                         "heading", heading,
                         "body", body->str,
                         NULL);
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

  return POSTURE_FIX_DIALOG (dialog);
}
