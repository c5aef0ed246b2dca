/* posture-assessment.c: the result of assessing a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-assessment"

#include "config.h"

#include <string.h>

#include "posture-assessment-private.h"
#include "posture-enums.h"
#include "posture-labels.h"

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
  A_PROP_CATEGORIES,
  A_PROP_PRINCIPLES,
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
  g_clear_object (&self->categories);
  g_clear_object (&self->principles);
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
    case A_PROP_CATEGORIES:
      g_value_set_object (value, self->categories);
      break;
    case A_PROP_PRINCIPLES:
      g_value_set_object (value, self->principles);
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
  assessment_properties [A_PROP_CATEGORIES] =
    g_param_spec_object ("categories", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  assessment_properties [A_PROP_PRINCIPLES] =
    g_param_spec_object ("principles", NULL, NULL, G_TYPE_LIST_MODEL, flags);
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
  self->categories = g_list_store_new (POSTURE_TYPE_BREAKDOWN);
  self->principles = g_list_store_new (POSTURE_TYPE_BREAKDOWN);
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

/* Sums the control results into one breakdown per category and principle. */
void
_posture_assessment_add_breakdowns (PostureAssessment *self)
{
  PostureBreakdown *categories[POSTURE_CATEGORY_THREAT_DETECTION + 1] = { NULL, };
  PostureBreakdown *principles[POSTURE_PRINCIPLE_ASSUME_BREACH + 1] = { NULL, };

  for (guint i = 0; i < self->control_array->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (self->control_array, i);
      PostureCategory category = posture_control_get_category (result->control);
      PosturePrinciple principle = posture_control_get_principle (result->control);
      gboolean failing = result->status == POSTURE_STATUS_FAIL ||
                         result->status == POSTURE_STATUS_PARTIAL;
      PostureBreakdown *groups[2];

      if (categories[category] == NULL)
        categories[category] = _posture_breakdown_new (posture_category_to_string (category),
                                                       posture_category_label (category));
      if (principles[principle] == NULL)
        principles[principle] = _posture_breakdown_new (posture_principle_to_string (principle),
                                                        posture_principle_label (principle));

      groups[0] = categories[category];
      groups[1] = principles[principle];
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          groups[g]->earned += result->earned;
          groups[g]->possible += result->possible;
          groups[g]->n_controls++;
          groups[g]->n_failing += failing;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (categories[i] != NULL)
      {
        g_list_store_append (self->categories, categories[i]);
        g_object_unref (categories[i]);
      }

  for (guint i = 0; i < G_N_ELEMENTS (principles); i++)
    if (principles[i] != NULL)
      {
        g_list_store_append (self->principles, principles[i]);
        g_object_unref (principles[i]);
      }
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

