/* posture-types.c: string forms of the model's enumerations, and rounding
 *
 * The string forms are the stable contract (DESIGN.md, JSON output, state files): the
 * nicks glib-mkenums derives from the value names (POSTURE_STATUS_NOT_APPLICABLE →
 * "not-applicable") or that a value's nick annotation gives, never translated, never
 * renamed. Every enum's conversions go through its GEnumClass here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-types"

#include "config.h"

#include <math.h>

#include "posture-enums.h"
#include "posture-types.h"

/* Enum classes are static and never freed: a reference is taken once and kept. */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
posture_enum_to_string (GType type,
                        int   value)
{
  GEnumValue *found = g_enum_get_value (enum_class (type), value);

  g_return_val_if_fail (found != NULL, NULL);
  return found->value_nick;
}

/* Case-insensitive, as the JSON files written by people may be. */
gboolean
posture_enum_from_string (GType       type,
                          const char *text,
                          int        *value)
{
  GEnumClass *klass;

  if (text == NULL)
    return FALSE;

  klass = enum_class (type);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (g_ascii_strcasecmp (klass->values[i].value_nick, text) == 0)
        {
          *value = klass->values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, TYPE)                                \
  const char *                                                                 \
  prefix##_to_string (Type value)                                              \
  {                                                                            \
    return posture_enum_to_string (TYPE, (int) value);                         \
  }                                                                            \
                                                                               \
  gboolean                                                                     \
  prefix##_from_string (const char *text,                                      \
                        Type       *value)                                     \
  {                                                                            \
    int v = 0;                                                                 \
                                                                               \
    if (!posture_enum_from_string (TYPE, text, &v))                            \
      return FALSE;                                                            \
    if (value != NULL)                                                         \
      *value = (Type) v;                                                       \
    return TRUE;                                                               \
  }

DEFINE_ENUM_STRINGS (PostureSeverity, posture_severity, POSTURE_TYPE_SEVERITY)
DEFINE_ENUM_STRINGS (PostureScope, posture_scope, POSTURE_TYPE_SCOPE)
DEFINE_ENUM_STRINGS (PosturePrinciple, posture_principle, POSTURE_TYPE_PRINCIPLE)
DEFINE_ENUM_STRINGS (PostureCategory, posture_category, POSTURE_TYPE_CATEGORY)
DEFINE_ENUM_STRINGS (PostureResult, posture_result, POSTURE_TYPE_RESULT)
DEFINE_ENUM_STRINGS (PostureStatus, posture_status, POSTURE_TYPE_STATUS)
DEFINE_ENUM_STRINGS (PostureLevel, posture_level, POSTURE_TYPE_LEVEL)
DEFINE_ENUM_STRINGS (PostureDecisionStatus, posture_decision_status, POSTURE_TYPE_DECISION_STATUS)
DEFINE_ENUM_STRINGS (PostureProfile, posture_profile, POSTURE_TYPE_PROFILE)

double
posture_round_half_up (double value,
                       guint  decimals)
{
  double scale = 1;

  if (!isfinite (value))
    return value;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  /* round() rounds halves away from zero: half up for the percents and gains shown. */
  return decimals == 0 ? round (value) : round (value * scale) / scale;
}

int
posture_percent_round (double percent)
{
  if (isnan (percent))
    return 0;
  return (int) posture_round_half_up (CLAMP (percent, -1000.0, 1000.0), 0);
}

/* The highest whole percent of the low and medium levels. */
#define LOW_HIGHEST    50
#define MEDIUM_HIGHEST 80

/* The admin center's scale: the percent rounded half up to an integer, then
 * low 0–50, medium 51–80, high 81–100: 50.0 → low, 50.5 → medium, 80.4 → medium,
 * 80.5 → high. */
PostureLevel
posture_level_for_percent (double percent)
{
  int rounded;

  if (percent < 0 || isnan (percent))
    return POSTURE_LEVEL_UNKNOWN;

  rounded = posture_percent_round (percent);

  if (rounded <= LOW_HIGHEST)
    return POSTURE_LEVEL_LOW;
  if (rounded <= MEDIUM_HIGHEST)
    return POSTURE_LEVEL_MEDIUM;
  return POSTURE_LEVEL_HIGH;
}

gboolean
posture_level_get_range (PostureLevel  level,
                         int          *lowest,
                         int          *highest)
{
  int from, to;

  switch (level)
    {
    case POSTURE_LEVEL_LOW:
      from = 0, to = LOW_HIGHEST;
      break;
    case POSTURE_LEVEL_MEDIUM:
      from = LOW_HIGHEST + 1, to = MEDIUM_HIGHEST;
      break;
    case POSTURE_LEVEL_HIGH:
      from = MEDIUM_HIGHEST + 1, to = 100;
      break;
    case POSTURE_LEVEL_UNKNOWN:
    default:
      return FALSE;
    }

  if (lowest != NULL)
    *lowest = from;
  if (highest != NULL)
    *highest = to;
  return TRUE;
}
