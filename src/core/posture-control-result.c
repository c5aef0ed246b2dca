/* posture-control-result.c: one control's status, points and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-assessment"

#include "config.h"

#include "posture-assessment-private.h"
#include "posture-enums.h"

enum {
  CR_PROP_0,
  CR_PROP_CONTROL,
  CR_PROP_ID,
  CR_PROP_TITLE,
  CR_PROP_SEVERITY,
  CR_PROP_STATUS,
  CR_PROP_EARNED,
  CR_PROP_POSSIBLE,
  CR_PROP_RAW_EARNED,
  CR_PROP_GAIN,
  CR_PROP_DECISION,
  CR_PROP_RESOURCES,
  CR_PROP_N_PASS,
  CR_PROP_N_FAIL,
  CR_PROP_N_UNKNOWN,
  CR_PROP_EVIDENCE,
  CR_PROP_RECOMMENDED,
  CR_PROP_RANK,
  CR_N_PROPS
};

static GParamSpec *control_properties [CR_N_PROPS];

G_DEFINE_FINAL_TYPE (PostureControlResult, posture_control_result, G_TYPE_OBJECT)

static void
posture_control_result_dispose (GObject *object)
{
  PostureControlResult *self = (PostureControlResult *)object;

  g_clear_object (&self->control);
  g_clear_object (&self->decision);
  g_clear_object (&self->resources);
  g_clear_pointer (&self->resource_array, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_control_result_parent_class)->dispose (object);
}

static void
posture_control_result_finalize (GObject *object)
{
  PostureControlResult *self = (PostureControlResult *)object;

  g_clear_pointer (&self->evidence, g_free);

  G_OBJECT_CLASS (posture_control_result_parent_class)->finalize (object);
}

static void
posture_control_result_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PostureControlResult *self = POSTURE_CONTROL_RESULT (object);

  switch (prop_id)
    {
    case CR_PROP_CONTROL:
      g_value_set_object (value, self->control);
      break;
    case CR_PROP_ID:
      g_value_set_string (value, posture_control_get_id (self->control));
      break;
    case CR_PROP_TITLE:
      g_value_set_string (value, posture_control_get_title (self->control));
      break;
    case CR_PROP_SEVERITY:
      g_value_set_enum (value, posture_control_get_severity (self->control));
      break;
    case CR_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case CR_PROP_EARNED:
      g_value_set_uint (value, self->earned);
      break;
    case CR_PROP_POSSIBLE:
      g_value_set_uint (value, self->possible);
      break;
    case CR_PROP_RAW_EARNED:
      g_value_set_uint (value, self->raw_earned);
      break;
    case CR_PROP_GAIN:
      g_value_set_double (value, self->gain);
      break;
    case CR_PROP_DECISION:
      g_value_set_object (value, self->decision);
      break;
    case CR_PROP_RESOURCES:
      g_value_set_object (value, posture_control_result_get_resources (self));
      break;
    case CR_PROP_N_PASS:
      g_value_set_uint (value, self->n_pass);
      break;
    case CR_PROP_N_FAIL:
      g_value_set_uint (value, self->n_fail);
      break;
    case CR_PROP_N_UNKNOWN:
      g_value_set_uint (value, self->n_unknown);
      break;
    case CR_PROP_EVIDENCE:
      g_value_set_string (value, self->evidence);
      break;
    case CR_PROP_RECOMMENDED:
      g_value_set_boolean (value, self->recommended);
      break;
    case CR_PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_control_result_class_init (PostureControlResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = posture_control_result_dispose;
  object_class->finalize = posture_control_result_finalize;
  object_class->get_property = posture_control_result_get_property;

  control_properties [CR_PROP_CONTROL] =
    g_param_spec_object ("control", NULL, NULL, POSTURE_TYPE_CONTROL, flags);
  control_properties [CR_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  control_properties [CR_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  control_properties [CR_PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, POSTURE_TYPE_SEVERITY, POSTURE_SEVERITY_LOW, flags);
  control_properties [CR_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, POSTURE_TYPE_STATUS, POSTURE_STATUS_UNKNOWN, flags);
  control_properties [CR_PROP_EARNED] =
    g_param_spec_uint ("earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_POSSIBLE] =
    g_param_spec_uint ("possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_RAW_EARNED] =
    g_param_spec_uint ("raw-earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_GAIN] =
    g_param_spec_double ("gain", NULL, NULL, 0, 100, 0, flags);
  control_properties [CR_PROP_DECISION] =
    g_param_spec_object ("decision", NULL, NULL, POSTURE_TYPE_DECISION, flags);
  control_properties [CR_PROP_RESOURCES] =
    g_param_spec_object ("resources", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  control_properties [CR_PROP_N_PASS] =
    g_param_spec_uint ("n-pass", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_N_FAIL] =
    g_param_spec_uint ("n-fail", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_N_UNKNOWN] =
    g_param_spec_uint ("n-unknown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  control_properties [CR_PROP_EVIDENCE] =
    g_param_spec_string ("evidence", NULL, NULL, NULL, flags);
  control_properties [CR_PROP_RECOMMENDED] =
    g_param_spec_boolean ("recommended", NULL, NULL, FALSE, flags);
  control_properties [CR_PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, CR_N_PROPS, control_properties);
}

static void
posture_control_result_init (PostureControlResult *self)
{
  self->resource_array = g_ptr_array_new_with_free_func (g_object_unref);
}

PostureControlResult *
_posture_control_result_new (PostureControl *control)
{
  PostureControlResult *self = g_object_new (POSTURE_TYPE_CONTROL_RESULT, NULL);

  self->control = g_object_ref (control);

  return self;
}

/**
 * posture_control_result_get_control:
 *
 * Returns: (transfer none): the catalog control
 */
PostureControl *
posture_control_result_get_control (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);
  return self->control;
}

const char *
posture_control_result_get_id (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);
  return posture_control_get_id (self->control);
}

PostureStatus
posture_control_result_get_status (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), POSTURE_STATUS_UNKNOWN);
  return self->status;
}

guint
posture_control_result_get_earned (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->earned;
}

guint
posture_control_result_get_possible (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->possible;
}

guint
posture_control_result_get_raw_earned (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->raw_earned;
}

double
posture_control_result_get_gain (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->gain;
}

/**
 * posture_control_result_get_decision:
 *
 * Returns: (transfer none) (nullable): the control-level decision that was applied
 */
PostureDecision *
posture_control_result_get_decision (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);
  return self->decision;
}

/**
 * posture_control_result_get_resources:
 *
 * Returns: (transfer none): a #GListModel of #PostureResourceResult
 */
GListModel *
posture_control_result_get_resources (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);

  if (self->resources == NULL)
    {
      self->resources = g_list_store_new (POSTURE_TYPE_RESOURCE_RESULT);
      g_list_store_splice (self->resources, 0, 0, self->resource_array->pdata,
                           self->resource_array->len);
    }

  return G_LIST_MODEL (self->resources);
}

guint
posture_control_result_get_n_pass (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->n_pass;
}

guint
posture_control_result_get_n_fail (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->n_fail;
}

guint
posture_control_result_get_n_unknown (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->n_unknown;
}

const char *
posture_control_result_get_evidence (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);
  return self->evidence;
}

/**
 * posture_control_result_get_n_resources:
 *
 * Returns: the number of resources the control applies to
 */
guint
posture_control_result_get_n_resources (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->resource_array->len;
}

/**
 * posture_control_result_get_resource:
 *
 * Returns: (transfer none): the resource result at @position (same order as the
 *   resources model), without building the list model
 */
PostureResourceResult *
posture_control_result_get_resource (PostureControlResult *self,
                                     guint                 position)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), NULL);
  g_return_val_if_fail (position < self->resource_array->len, NULL);
  return g_ptr_array_index (self->resource_array, position);
}

/**
 * posture_control_result_get_recommended:
 *
 * Returns: whether the control is among the assessment's recommendations (failing or
 *   partial, with something left to do)
 */
gboolean
posture_control_result_get_recommended (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), FALSE);
  return self->recommended;
}

/**
 * posture_control_result_get_rank:
 *
 * Returns: its place in the engine's order of the recommendations, from 1 (do it first),
 *   or 0 when it is not a recommendation
 */
guint
posture_control_result_get_rank (PostureControlResult *self)
{
  g_return_val_if_fail (POSTURE_IS_CONTROL_RESULT (self), 0);
  return self->rank;
}
