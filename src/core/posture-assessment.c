/* posture-assessment.c: the result of assessing a snapshot
 *
 * Holds the three result classes (PostureResourceResult, PostureControlResult,
 * PostureAssessment): they are one immutable value built by the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-assessment"

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-assessment-private.h"
#include "posture-enums.h"

/* ------------------------------------------------------------------------- */
/* PostureResourceResult                                                     */
/* ------------------------------------------------------------------------- */

enum {
  RES_PROP_0,
  RES_PROP_ID,
  RES_PROP_NAME,
  RES_PROP_STATUS,
  RES_PROP_REASON,
  RES_PROP_ENVIRONMENT_TYPE,
  RES_N_PROPS
};

static GParamSpec *resource_properties [RES_N_PROPS];

G_DEFINE_FINAL_TYPE (PostureResourceResult, posture_resource_result, G_TYPE_OBJECT)

static void
posture_resource_result_finalize (GObject *object)
{
  PostureResourceResult *self = (PostureResourceResult *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->environment_type, g_free);

  G_OBJECT_CLASS (posture_resource_result_parent_class)->finalize (object);
}

static void
posture_resource_result_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureResourceResult *self = POSTURE_RESOURCE_RESULT (object);

  switch (prop_id)
    {
    case RES_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case RES_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case RES_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case RES_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case RES_PROP_ENVIRONMENT_TYPE:
      g_value_set_string (value, self->environment_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_resource_result_class_init (PostureResourceResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_resource_result_finalize;
  object_class->get_property = posture_resource_result_get_property;

  resource_properties [RES_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, POSTURE_TYPE_RESULT, POSTURE_RESULT_UNKNOWN, flags);
  resource_properties [RES_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_ENVIRONMENT_TYPE] =
    g_param_spec_string ("environment-type", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, RES_N_PROPS, resource_properties);
}

static void
posture_resource_result_init (PostureResourceResult *self)
{
}

/* Takes @reason. */
PostureResourceResult *
_posture_resource_result_new (const char    *id,
                              const char    *name,
                              const char    *environment_type,
                              PostureResult  status,
                              char          *reason)
{
  PostureResourceResult *self = g_object_new (POSTURE_TYPE_RESOURCE_RESULT, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->environment_type = g_strdup (environment_type);
  self->status = status;
  self->reason = reason;
  self->credited = status == POSTURE_RESULT_PASS;

  return self;
}

const char *
posture_resource_result_get_id (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->id;
}

const char *
posture_resource_result_get_name (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->name;
}

PostureResult
posture_resource_result_get_status (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), POSTURE_RESULT_UNKNOWN);
  return self->status;
}

const char *
posture_resource_result_get_reason (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->reason;
}

const char *
posture_resource_result_get_environment_type (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->environment_type;
}

/* ------------------------------------------------------------------------- */
/* PostureControlResult                                                      */
/* ------------------------------------------------------------------------- */

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

/* ------------------------------------------------------------------------- */
/* PostureAssessment                                                         */
/* ------------------------------------------------------------------------- */

enum {
  A_PROP_0,
  A_PROP_TENANT_ID,
  A_PROP_TENANT_NAME,
  A_PROP_PROFILE,
  A_PROP_ASSESSED_AT,
  A_PROP_CAPTURED_AT,
  A_PROP_EARNED,
  A_PROP_POSSIBLE,
  A_PROP_PERCENT,
  A_PROP_LEVEL,
  A_PROP_PLANNED_PERCENT,
  A_PROP_PLANNED_LEVEL,
  A_PROP_CONTROLS,
  A_PROP_RECOMMENDATIONS,
  A_PROP_WARNINGS,
  A_N_PROPS
};

static GParamSpec *assessment_properties [A_N_PROPS];

G_DEFINE_FINAL_TYPE (PostureAssessment, posture_assessment, G_TYPE_OBJECT)

static void
posture_assessment_dispose (GObject *object)
{
  PostureAssessment *self = (PostureAssessment *)object;

  g_clear_object (&self->controls);
  g_clear_object (&self->recommendations);
  g_clear_pointer (&self->recommendation_array, g_ptr_array_unref);
  g_clear_pointer (&self->control_array, g_ptr_array_unref);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_assessment_parent_class)->dispose (object);
}

static void
posture_assessment_finalize (GObject *object)
{
  PostureAssessment *self = (PostureAssessment *)object;

  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->tenant_name, g_free);
  g_clear_pointer (&self->assessed_at, g_date_time_unref);
  g_clear_pointer (&self->captured_at, g_date_time_unref);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (posture_assessment_parent_class)->finalize (object);
}

static void
posture_assessment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureAssessment *self = POSTURE_ASSESSMENT (object);

  switch (prop_id)
    {
    case A_PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;
    case A_PROP_TENANT_NAME:
      g_value_set_string (value, self->tenant_name);
      break;
    case A_PROP_PROFILE:
      g_value_set_enum (value, self->profile);
      break;
    case A_PROP_ASSESSED_AT:
      g_value_set_boxed (value, self->assessed_at);
      break;
    case A_PROP_CAPTURED_AT:
      g_value_set_boxed (value, self->captured_at);
      break;
    case A_PROP_EARNED:
      g_value_set_uint (value, self->score.earned);
      break;
    case A_PROP_POSSIBLE:
      g_value_set_uint (value, self->score.possible);
      break;
    case A_PROP_PERCENT:
      g_value_set_double (value, self->score.percent);
      break;
    case A_PROP_LEVEL:
      g_value_set_enum (value, self->score.level);
      break;
    case A_PROP_PLANNED_PERCENT:
      g_value_set_double (value, self->planned.percent);
      break;
    case A_PROP_PLANNED_LEVEL:
      g_value_set_enum (value, self->planned.level);
      break;
    case A_PROP_CONTROLS:
      g_value_set_object (value, posture_assessment_get_controls (self));
      break;
    case A_PROP_RECOMMENDATIONS:
      g_value_set_object (value, posture_assessment_get_recommendations (self));
      break;
    case A_PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_assessment_class_init (PostureAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = posture_assessment_dispose;
  object_class->finalize = posture_assessment_finalize;
  object_class->get_property = posture_assessment_get_property;

  assessment_properties [A_PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL, flags);
  assessment_properties [A_PROP_TENANT_NAME] =
    g_param_spec_string ("tenant-name", NULL, NULL, NULL, flags);
  assessment_properties [A_PROP_PROFILE] =
    g_param_spec_enum ("profile", NULL, NULL, POSTURE_TYPE_PROFILE, POSTURE_PROFILE_ALL, flags);
  assessment_properties [A_PROP_ASSESSED_AT] =
    g_param_spec_boxed ("assessed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  assessment_properties [A_PROP_CAPTURED_AT] =
    g_param_spec_boxed ("captured-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  assessment_properties [A_PROP_EARNED] =
    g_param_spec_uint ("earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  assessment_properties [A_PROP_POSSIBLE] =
    g_param_spec_uint ("possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  assessment_properties [A_PROP_PERCENT] =
    g_param_spec_double ("percent", NULL, NULL, -1, 100, -1, flags);
  assessment_properties [A_PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, POSTURE_TYPE_LEVEL, POSTURE_LEVEL_UNKNOWN, flags);
  assessment_properties [A_PROP_PLANNED_PERCENT] =
    g_param_spec_double ("planned-percent", NULL, NULL, -1, 100, -1, flags);
  assessment_properties [A_PROP_PLANNED_LEVEL] =
    g_param_spec_enum ("planned-level", NULL, NULL, POSTURE_TYPE_LEVEL, POSTURE_LEVEL_UNKNOWN,
                       flags);
  assessment_properties [A_PROP_CONTROLS] =
    g_param_spec_object ("controls", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  assessment_properties [A_PROP_RECOMMENDATIONS] =
    g_param_spec_object ("recommendations", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  assessment_properties [A_PROP_WARNINGS] =
    g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, A_N_PROPS, assessment_properties);
}

static void
posture_assessment_init (PostureAssessment *self)
{
  self->control_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->recommendation_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->decisions = g_ptr_array_new_with_free_func (g_object_unref);
  _posture_score_init (&self->score, 0, 0);
  _posture_score_init (&self->planned, 0, 0);
}

PostureAssessment *
_posture_assessment_new (void)
{
  return g_object_new (POSTURE_TYPE_ASSESSMENT, NULL);
}

void
_posture_score_init (PostureScore *score,
                     guint         earned,
                     guint         possible)
{
  score->earned = earned;
  score->possible = possible;
  /* Multiply first: 100 × earned is exact, so an exact half stays exact. */
  score->percent = possible > 0 ? (100.0 * (double) earned) / (double) possible : -1;
  score->level = posture_level_for_percent (score->percent);
}

const char *
posture_assessment_get_tenant_id (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return self->tenant_id;
}

const char *
posture_assessment_get_tenant_name (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return self->tenant_name;
}

PostureProfile
posture_assessment_get_profile (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), POSTURE_PROFILE_ALL);
  return self->profile;
}

GDateTime *
posture_assessment_get_assessed_at (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return self->assessed_at;
}

GDateTime *
posture_assessment_get_captured_at (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return self->captured_at;
}

void
posture_assessment_get_score (PostureAssessment *self,
                              PostureScore      *score)
{
  g_return_if_fail (POSTURE_IS_ASSESSMENT (self));
  g_return_if_fail (score != NULL);
  *score = self->score;
}

void
posture_assessment_get_planned_score (PostureAssessment *self,
                                      PostureScore      *score)
{
  g_return_if_fail (POSTURE_IS_ASSESSMENT (self));
  g_return_if_fail (score != NULL);
  *score = self->planned;
}

static GListStore *
store_from_array (GPtrArray *array)
{
  GListStore *store = g_list_store_new (POSTURE_TYPE_CONTROL_RESULT);

  g_list_store_splice (store, 0, 0, array->pdata, array->len);
  return store;
}

/**
 * posture_assessment_get_controls:
 *
 * Returns: (transfer none): a #GListModel of #PostureControlResult in catalog order
 */
GListModel *
posture_assessment_get_controls (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  if (self->controls == NULL)
    self->controls = store_from_array (self->control_array);

  return G_LIST_MODEL (self->controls);
}

/**
 * posture_assessment_get_recommendations:
 *
 * Returns: (transfer none): a #GListModel of #PostureControlResult in priority order
 */
GListModel *
posture_assessment_get_recommendations (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  if (self->recommendations == NULL)
    self->recommendations = store_from_array (self->recommendation_array);

  return G_LIST_MODEL (self->recommendations);
}

const char * const *
posture_assessment_get_warnings (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return (const char * const *) self->warnings;
}

/**
 * posture_assessment_lookup:
 *
 * Returns: (transfer none) (nullable): the result of @control_id, if assessed
 */
PostureControlResult *
posture_assessment_lookup (PostureAssessment *self,
                           const char        *control_id)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  if (control_id == NULL)
    return NULL;

  for (guint i = 0; i < self->control_array->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (self->control_array, i);

      if (g_str_equal (posture_control_get_id (result->control), control_id))
        return result;
    }

  return NULL;
}

/**
 * posture_assessment_get_decisions:
 *
 * Returns: (transfer none) (element-type PostureDecision): every decision that was
 *   applied to this assessment (control-level and resource-level)
 */
GPtrArray *
posture_assessment_get_decisions (PostureAssessment *self)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);
  return self->decisions;
}

static gboolean
strv_contains (const char * const *strv,
               const char         *text)
{
  return strv != NULL && g_strv_contains (strv, text);
}

static gboolean
resource_key_listed (const char * const *keys,
                     const char         *control_id,
                     const char         *resource_id)
{
  gsize control_len = strlen (control_id);

  if (keys == NULL)
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (strncmp (keys[i], control_id, control_len) == 0 &&
          keys[i][control_len] == '/' &&
          g_str_equal (keys[i] + control_len + 1, resource_id))
        return TRUE;
    }

  return FALSE;
}

/* The earned points of @result if @control_ids and @resource_keys passed. */
static guint
what_if_earned (PostureControlResult *result,
                const char * const   *control_ids,
                const char * const   *resource_keys)
{
  const char *id = posture_control_get_id (result->control);
  guint earned = result->earned;

  if (strv_contains (control_ids, id))
    return result->possible;

  if (resource_keys == NULL || earned == result->possible)
    return earned;

  for (guint i = 0; i < result->resource_array->len; i++)
    {
      PostureResourceResult *resource = g_ptr_array_index (result->resource_array, i);

      if (resource->status != POSTURE_RESULT_UNKNOWN && !resource->credited &&
          resource_key_listed (resource_keys, id, resource->id))
        earned += resource->points;
    }

  return MIN (earned, result->possible);
}

/**
 * posture_assessment_what_if:
 * @control_ids: (nullable) (array zero-terminated=1): controls that would pass everywhere
 * @resource_keys: (nullable) (array zero-terminated=1): "control-id/resource-id" that would pass
 * @score: (out caller-allocates): the projected score
 *
 * Projects the score if these fixes were made; unknown resources stay unknown (they
 * count neither way). Pure: the assessment is unchanged.
 */
void
posture_assessment_what_if (PostureAssessment  *self,
                            const char * const *control_ids,
                            const char * const *resource_keys,
                            PostureScore       *score)
{
  guint earned = 0;

  g_return_if_fail (POSTURE_IS_ASSESSMENT (self));
  g_return_if_fail (score != NULL);

  for (guint i = 0; i < self->control_array->len; i++)
    earned += what_if_earned (g_ptr_array_index (self->control_array, i),
                              control_ids, resource_keys);

  _posture_score_init (score, earned, self->score.possible);
}

/* ------------------------------------------------------------------------- */
/* JSON                                                                      */
/* ------------------------------------------------------------------------- */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *member,
          GDateTime   *value)
{
  g_autofree char *text = value ? g_date_time_format_iso8601 (value) : NULL;

  add_nullable_string (builder, member, text);
}

/* Percent to two decimals (56.666… → 56.67), or null when nothing is possible. */
static void
add_score (JsonBuilder        *builder,
           const PostureScore *score)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "percent");
  if (score->possible > 0)
    json_builder_add_double_value (builder, round (score->percent * 100.0) / 100.0);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, posture_level_to_string (score->level));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, score->earned);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, score->possible);
  json_builder_end_object (builder);
}

static void
add_decision (JsonBuilder     *builder,
              PostureDecision *decision)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "control");
  json_builder_add_string_value (builder, posture_decision_get_control_id (decision));
  add_nullable_string (builder, "resource", posture_decision_get_resource_id (decision));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 posture_decision_status_to_string (posture_decision_get_status (decision)));
  add_nullable_string (builder, "note", posture_decision_get_note (decision));
  add_nullable_string (builder, "author", posture_decision_get_author (decision));
  add_date (builder, "updated_at", posture_decision_get_updated_at (decision));
  add_nullable_string (builder, "owner", posture_decision_get_owner (decision));
  add_date (builder, "due", posture_decision_get_due (decision));
  json_builder_end_object (builder);
}

static void
add_control (JsonBuilder          *builder,
             PostureControlResult *result)
{
  PostureControl *control = result->control;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, posture_control_get_id (control));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, posture_control_get_title (control));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder,
                                 posture_scope_to_string (posture_control_get_scope (control)));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder,
                                 posture_severity_to_string (posture_control_get_severity (control)));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, posture_status_to_string (result->status));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, result->earned);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, result->possible);
  json_builder_set_member_name (builder, "raw_earned");
  json_builder_add_int_value (builder, result->raw_earned);
  json_builder_set_member_name (builder, "gain");
  json_builder_add_double_value (builder, round (result->gain * 100.0) / 100.0);
  add_nullable_string (builder, "decision",
                       result->decision
                       ? posture_decision_status_to_string (posture_decision_get_status (result->decision))
                       : NULL);

  json_builder_set_member_name (builder, "references");
  json_builder_begin_object (builder);
  add_nullable_string (builder, "scuba", posture_control_get_scuba_id (control));
  add_nullable_string (builder, "scuba_requirement",
                       posture_control_get_scuba_requirement (control));
  add_nullable_string (builder, "ppac", posture_control_get_ppac_name (control));
  add_nullable_string (builder, "zero_trust",
                       posture_principle_to_string (posture_control_get_principle (control)));
  add_nullable_string (builder, "waf", posture_control_get_waf_code (control));
  json_builder_end_object (builder);

  if (result->evidence != NULL)
    add_nullable_string (builder, "evidence", result->evidence);

  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->resource_array->len; i++)
    {
      PostureResourceResult *resource = g_ptr_array_index (result->resource_array, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, resource->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, resource->name);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, posture_result_to_string (resource->status));
      add_nullable_string (builder, "reason", resource->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/**
 * posture_assessment_to_json:
 *
 * Returns: (transfer full): DESIGN.md's `assess --format json` object, with
 *   "planned_score" and "decisions" added when decisions were applied
 */
JsonNode *
posture_assessment_to_json (PostureAssessment *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "tenant");
  json_builder_begin_object (builder);
  add_nullable_string (builder, "id", self->tenant_id);
  add_nullable_string (builder, "display_name", self->tenant_name);
  json_builder_end_object (builder);

  add_date (builder, "assessed_at", self->assessed_at);
  add_date (builder, "captured_at", self->captured_at);
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, posture_profile_to_string (self->profile));

  json_builder_set_member_name (builder, "score");
  add_score (builder, &self->score);

  json_builder_set_member_name (builder, "controls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->control_array->len; i++)
    add_control (builder, g_ptr_array_index (self->control_array, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "recommendations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->recommendation_array->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (self->recommendation_array, i);

      json_builder_add_string_value (builder, posture_control_get_id (result->control));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; self->warnings != NULL && self->warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, self->warnings[i]);
  json_builder_end_array (builder);

  if (self->decisions->len > 0)
    {
      json_builder_set_member_name (builder, "planned_score");
      add_score (builder, &self->planned);

      json_builder_set_member_name (builder, "decisions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->decisions->len; i++)
        add_decision (builder, g_ptr_array_index (self->decisions, i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* json-glib prints doubles with 17 significant digits (56.670000000000002); the
 * contract shows 56.67. This writer prints the shortest form that reads back. */
static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buffer, sizeof buffer, precision == 15 ? "%.15g" : "%.17g", value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_indent (GString *out,
              gboolean pretty,
              guint    depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        /* In insertion order: the contract's member order. */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_indent (out, pretty, depth + 1);
            write_string (out, name);
            g_string_append (out, pretty ? ": " : ":");
            write_node (out, member, pretty, depth + 1);
          }
        if (!first)
          write_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, pretty, depth + 1);
            write_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          write_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE)
          write_double (out, json_node_get_double (node));
        else
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      }
      break;

    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * posture_assessment_to_json_data:
 * @pretty: indent with two spaces
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): posture_assessment_to_json() as text, numbers in their
 *   shortest form (56.67, not 56.670000000000002), ending with a newline
 */
char *
posture_assessment_to_json_data (PostureAssessment *self,
                                 gboolean           pretty,
                                 gsize             *length)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  root = posture_assessment_to_json (self);
  out = g_string_sized_new (4096);
  write_node (out, root, pretty, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
