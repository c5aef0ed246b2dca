/* posture-breakdown.c: the score of one category or one Zero Trust principle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-assessment"

#include "config.h"

#include "posture-assessment-private.h"
#include "posture-enums.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_EARNED,
  PROP_POSSIBLE,
  PROP_PERCENT,
  PROP_LEVEL,
  PROP_N_CONTROLS,
  PROP_N_FAILING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureBreakdown, posture_breakdown, G_TYPE_OBJECT)

static void
posture_breakdown_finalize (GObject *object)
{
  PostureBreakdown *self = (PostureBreakdown *)object;

  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (posture_breakdown_parent_class)->finalize (object);
}

/* Computed as the overall score is (_posture_score_init()): one arithmetic everywhere. */
static double
breakdown_percent (PostureBreakdown *self)
{
  PostureScore score;

  _posture_score_init (&score, self->earned, self->possible);
  return score.percent;
}

static PostureLevel
breakdown_level (PostureBreakdown *self)
{
  PostureScore score;

  _posture_score_init (&score, self->earned, self->possible);
  return score.level;
}

static void
posture_breakdown_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PostureBreakdown *self = POSTURE_BREAKDOWN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_EARNED:
      g_value_set_uint (value, self->earned);
      break;
    case PROP_POSSIBLE:
      g_value_set_uint (value, self->possible);
      break;
    case PROP_PERCENT:
      g_value_set_double (value, breakdown_percent (self));
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, breakdown_level (self));
      break;
    case PROP_N_CONTROLS:
      g_value_set_uint (value, self->n_controls);
      break;
    case PROP_N_FAILING:
      g_value_set_uint (value, self->n_failing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_breakdown_class_init (PostureBreakdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_breakdown_finalize;
  object_class->get_property = posture_breakdown_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties [PROP_EARNED] = g_param_spec_uint ("earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_POSSIBLE] = g_param_spec_uint ("possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_PERCENT] = g_param_spec_double ("percent", NULL, NULL, -1, 100, -1, flags);
  properties [PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL, POSTURE_TYPE_LEVEL,
                                               POSTURE_LEVEL_UNKNOWN, flags);
  properties [PROP_N_CONTROLS] = g_param_spec_uint ("n-controls", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties [PROP_N_FAILING] = g_param_spec_uint ("n-failing", NULL, NULL, 0, G_MAXUINT, 0,
                                                   flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_breakdown_init (PostureBreakdown *self)
{
}

PostureBreakdown *
_posture_breakdown_new (const char *id,
                        const char *label)
{
  PostureBreakdown *self = g_object_new (POSTURE_TYPE_BREAKDOWN, NULL);

  self->id = g_strdup (id);
  self->label = label;
  return self;
}
