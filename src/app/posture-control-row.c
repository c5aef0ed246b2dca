/* posture-control-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-control-row"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-control-row.h"
#include "posture-labels.h"

struct _PostureControlRow
{
  AdwActionRow          parent_instance;

  /* Owned */
  PostureControlResult *result;
};

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureControlRow, posture_control_row, ADW_TYPE_ACTION_ROW)

/* "High severity · +6.5 points · Planned": the gain while it is a recommendation,
 * otherwise its status; then a decision other than "to address". */
static char *
describe_result (PostureControlResult *result)
{
  PostureDecision *decision;
  GString *text;

  decision = posture_control_result_get_decision (result);
  text = g_string_new (NULL);
  /* Translators: "High severity" in a list row */
  g_string_append_printf (text, _("%s severity"),
                          posture_severity_label (posture_control_get_severity (
                              posture_control_result_get_control (result))));
  g_string_append (text, " · ");
  if (posture_control_result_get_status (result) == POSTURE_STATUS_FAIL ||
      posture_control_result_get_status (result) == POSTURE_STATUS_PARTIAL)
    {
      g_autofree char *gain = posture_format_gain (posture_control_result_get_gain (result));

      g_string_append (text, gain);
      g_string_append (text, " · ");
    }
  g_string_append (text, posture_status_label (posture_control_result_get_status (result)));

  if (decision != NULL && posture_decision_get_status (decision) != POSTURE_DECISION_TO_ADDRESS)
    {
      g_string_append (text, " · ");
      g_string_append (text, posture_decision_label (posture_decision_get_status (decision)));
    }

  return g_string_free (text, FALSE);
}

/* A result never changes (a new reading makes new ones, and new rows): the row is
 * filled once. */
static void
posture_control_row_constructed (GObject *object)
{
  PostureControlRow *self = (PostureControlRow *) object;
  g_autofree char *subtitle = describe_result (self->result);

  G_OBJECT_CLASS (posture_control_row_parent_class)->constructed (object);

  /* Titles come from the catalog, but never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 posture_control_get_title (
                                     posture_control_result_get_control (self->result)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
posture_control_row_dispose (GObject *object)
{
  PostureControlRow *self = (PostureControlRow *) object;

  g_clear_object (&self->result);

  G_OBJECT_CLASS (posture_control_row_parent_class)->dispose (object);
}

static void
posture_control_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureControlRow *self = POSTURE_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PostureControlRow *self = POSTURE_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      self->result = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_row_class_init (PostureControlRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = posture_control_row_constructed;
  object_class->dispose = posture_control_row_dispose;
  object_class->get_property = posture_control_row_get_property;
  object_class->set_property = posture_control_row_set_property;

  properties [PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, POSTURE_TYPE_CONTROL_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_control_row_init (PostureControlRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "control-row");
}

GtkWidget *
posture_control_row_new (PostureControlResult *result)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (result), NULL);

  return g_object_new (POSTURE_TYPE_CONTROL_ROW, "result", result, NULL);
}

PostureControlResult *
posture_control_row_get_result (PostureControlRow *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_ROW (self), NULL);

  return self->result;
}
