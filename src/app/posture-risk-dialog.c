/* posture-risk-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-risk-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-decision-store.h"
#include "posture-risk-dialog.h"

/* The review date offered: a quarter ahead, when acceptances are usually looked at again. */
#define REVIEW_AFTER_DAYS 90

struct _PostureRiskDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned */
  char             *control_id;

  /* Template children */
  AdwEntryRow      *note_row;
  AdwEntryRow      *owner_row;
  AdwEntryRow      *review_row;
  GtkCalendar      *calendar;
  GtkMenuButton    *calendar_button;
};

enum {
  PROP_0,
  PROP_CONTROL_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureRiskDialog, posture_risk_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
review_is_valid (PostureRiskDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->review_row));
  g_autoptr(GDateTime) date = NULL;

  if (text[0] == '\0')
    return TRUE;

  date = posture_decision_store_parse_date (text);
  return date != NULL;
}

static void
on_fields_changed_cb (PostureRiskDialog *self)
{
  g_autofree char *note =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  gboolean review_ok = review_is_valid (self);

  if (review_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->review_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->review_row), "error");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self),
                                           POSTURE_RISK_DIALOG_RESPONSE_ACCEPT,
                                           note [0] != '\0' && review_ok);
}

static void
on_calendar_day_selected_cb (PostureRiskDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->review_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
posture_risk_dialog_dispose (GObject *object)
{
  PostureRiskDialog *self = (PostureRiskDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_RISK_DIALOG);

  G_OBJECT_CLASS (posture_risk_dialog_parent_class)->dispose (object);
}

static void
posture_risk_dialog_finalize (GObject *object)
{
  PostureRiskDialog *self = (PostureRiskDialog *) object;

  g_clear_pointer (&self->control_id, g_free);

  G_OBJECT_CLASS (posture_risk_dialog_parent_class)->finalize (object);
}

static void
posture_risk_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureRiskDialog *self = POSTURE_RISK_DIALOG (object);

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
posture_risk_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PostureRiskDialog *self = POSTURE_RISK_DIALOG (object);

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
posture_risk_dialog_class_init (PostureRiskDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_risk_dialog_dispose;
  object_class->finalize = posture_risk_dialog_finalize;
  object_class->get_property = posture_risk_dialog_get_property;
  object_class->set_property = posture_risk_dialog_set_property;

  properties [PROP_CONTROL_ID] =
    g_param_spec_string ("control-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-risk-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureRiskDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRiskDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRiskDialog, review_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRiskDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, PostureRiskDialog, calendar_button);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
posture_risk_dialog_init (PostureRiskDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * posture_risk_dialog_new:
 * @control_id: the control the decision is for
 * @control_title: its title, for the heading
 * @current: (nullable): the decision recorded so far (its note, owner and review date
 *   are offered again)
 */
PostureRiskDialog *
posture_risk_dialog_new (GtkWindow       *parent,
                         const char      *control_id,
                         const char      *control_title,
                         PostureDecision *current)
{
  PostureRiskDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) review = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *review_text = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (control_title != NULL, NULL);
  g_return_val_if_fail (!current || POSTURE_IS_DECISION (current), NULL);

  /* Translators: the heading of the risk acceptance dialog; %s is a control's title */
  heading = g_strdup_printf (_("Accept the Risk of “%s”?"), control_title);
  self = g_object_new (POSTURE_TYPE_RISK_DIALOG,
                       "control-id", control_id,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       NULL);

  if (current != NULL)
    {
      if (posture_decision_get_note (current) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->note_row), posture_decision_get_note (current));
      if (posture_decision_get_owner (current) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                               posture_decision_get_owner (current));
      if (posture_decision_get_due (current) != NULL)
        review = g_date_time_ref (posture_decision_get_due (current));
    }
  if (review == NULL)
    review = g_date_time_add_days (now, REVIEW_AFTER_DAYS);

  review_text = g_date_time_format (review, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->review_row), review_text);
  gtk_calendar_select_day (self->calendar, review);
  on_fields_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));

  return self;
}

const char *
posture_risk_dialog_get_control_id (PostureRiskDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_RISK_DIALOG (self), NULL);

  return self->control_id;
}

const char *
posture_risk_dialog_get_note (PostureRiskDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_RISK_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->note_row));
}

const char *
posture_risk_dialog_get_owner (PostureRiskDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_RISK_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->owner_row));
}

GDateTime *
posture_risk_dialog_dup_review (PostureRiskDialog *self)
{
  const char *text;

  g_return_val_if_fail (POSTURE_IS_RISK_DIALOG (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->review_row));
  return text[0] != '\0' ? posture_decision_store_parse_date (text) : NULL;
}
