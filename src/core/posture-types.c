/* posture-types.c: string forms of the assessment model's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-types"

#include "config.h"

#include <math.h>

#include "posture-types.h"

/* The string forms are the stable contract (DESIGN.md, JSON output, state files):
 * never translated, never renamed. */
static const char * const severity_names[] = { "low", "medium", "high" };
static const char * const scope_names[] = { "tenant", "environment" };
static const char * const principle_names[] = {
  "verify-explicitly", "least-privilege", "assume-breach",
};
static const char * const category_names[] = {
  "data-protection", "identity-access", "network", "compliance", "threat-detection",
};
static const char * const result_names[] = { "pass", "fail", "unknown" };
static const char * const status_names[] = {
  "pass", "fail", "partial", "not-applicable", "unknown", "manual",
};
static const char * const level_names[] = { "unknown", "low", "medium", "high" };
static const char * const decision_names[] = {
  "to-address", "planned", "risk-accepted", "alternate-mitigation", "third-party",
};
static const char * const profile_names[] = { "all", "scuba", "ppac" };

static const char *
name_of (const char * const *names,
         guint               n_names,
         guint               value)
{
  g_return_val_if_fail (value < n_names, NULL);

  return names[value];
}

static gboolean
value_of (const char * const *names,
          guint               n_names,
          const char         *text,
          guint              *value)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], text) == 0)
        {
          if (value != NULL)
            *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, names)                               \
  const char *                                                                 \
  prefix##_to_string (Type value)                                              \
  {                                                                            \
    return name_of (names, G_N_ELEMENTS (names), (guint) value);               \
  }                                                                            \
                                                                               \
  gboolean                                                                     \
  prefix##_from_string (const char *text,                                      \
                        Type       *value)                                     \
  {                                                                            \
    guint v = 0;                                                               \
                                                                               \
    if (!value_of (names, G_N_ELEMENTS (names), text, &v))                     \
      return FALSE;                                                            \
    if (value != NULL)                                                         \
      *value = (Type) v;                                                       \
    return TRUE;                                                               \
  }

DEFINE_ENUM_STRINGS (PostureSeverity, posture_severity, severity_names)
DEFINE_ENUM_STRINGS (PostureScope, posture_scope, scope_names)
DEFINE_ENUM_STRINGS (PosturePrinciple, posture_principle, principle_names)
DEFINE_ENUM_STRINGS (PostureCategory, posture_category, category_names)
DEFINE_ENUM_STRINGS (PostureResult, posture_result, result_names)
DEFINE_ENUM_STRINGS (PostureStatus, posture_status, status_names)
DEFINE_ENUM_STRINGS (PostureLevel, posture_level, level_names)
DEFINE_ENUM_STRINGS (PostureDecisionStatus, posture_decision_status, decision_names)
DEFINE_ENUM_STRINGS (PostureProfile, posture_profile, profile_names)

/* The admin center's scale: the percent rounded half up to an integer, then
 * low 0–50, medium 51–80, high 81–100. 50.0 → low, 50.5 → medium, 80.4 → medium,
 * 80.5 → high. The percent is computed as 100.0 × earned / possible, so an exact
 * half is represented exactly; the small epsilon only absorbs a caller's own
 * rounding (50.49999999999 from a sum of parts). */
PostureLevel
posture_level_for_percent (double percent)
{
  double rounded;

  if (percent < 0 || isnan (percent))
    return POSTURE_LEVEL_UNKNOWN;

  rounded = floor (percent + 0.5 + 1e-9);

  if (rounded <= 50)
    return POSTURE_LEVEL_LOW;
  if (rounded <= 80)
    return POSTURE_LEVEL_MEDIUM;
  return POSTURE_LEVEL_HIGH;
}
