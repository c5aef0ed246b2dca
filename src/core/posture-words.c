/* posture-words.c: the one vocabulary of posture-cli's text output and the reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-words"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "posture-words.h"

const char *
posture_words_status (PostureStatus status)
{
  switch (status)
    {
    case POSTURE_STATUS_PASS:           return C_("status", "Passing");
    case POSTURE_STATUS_FAIL:           return C_("status", "Failing");
    case POSTURE_STATUS_PARTIAL:        return C_("status", "Partly passing");
    case POSTURE_STATUS_NOT_APPLICABLE: return C_("status", "Not applicable");
    case POSTURE_STATUS_MANUAL:         return C_("status", "Needs attestation");
    case POSTURE_STATUS_UNKNOWN:
    default:                            return C_("status", "Unknown");
    }
}

const char *
posture_words_result (PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_PASS:    return C_("result", "Pass");
    case POSTURE_RESULT_FAIL:    return C_("result", "Fail");
    case POSTURE_RESULT_UNKNOWN:
    default:                     return C_("result", "Unknown");
    }
}

const char *
posture_words_severity (PostureSeverity severity)
{
  switch (severity)
    {
    case POSTURE_SEVERITY_HIGH:   return C_("severity", "High");
    case POSTURE_SEVERITY_MEDIUM: return C_("severity", "Medium");
    case POSTURE_SEVERITY_LOW:
    default:                      return C_("severity", "Low");
    }
}

const char *
posture_words_level (PostureLevel level)
{
  switch (level)
    {
    case POSTURE_LEVEL_HIGH:    return C_("score level", "High");
    case POSTURE_LEVEL_MEDIUM:  return C_("score level", "Medium");
    case POSTURE_LEVEL_LOW:     return C_("score level", "Low");
    case POSTURE_LEVEL_UNKNOWN:
    default:                    return C_("score level", "No score");
    }
}

const char *
posture_words_decision (PostureDecisionStatus decision)
{
  switch (decision)
    {
    case POSTURE_DECISION_PLANNED:              return _("Planned");
    case POSTURE_DECISION_RISK_ACCEPTED:        return _("Risk accepted");
    case POSTURE_DECISION_ALTERNATE_MITIGATION: return _("Alternate mitigation");
    case POSTURE_DECISION_THIRD_PARTY:          return _("Third party");
    case POSTURE_DECISION_TO_ADDRESS:
    default:                                    return _("To address");
    }
}

const char *
posture_words_profile (PostureProfile profile)
{
  switch (profile)
    {
    case POSTURE_PROFILE_SCUBA: return _("CISA SCuBA baseline");
    case POSTURE_PROFILE_PPAC:  return _("Admin center recommendations");
    case POSTURE_PROFILE_ALL:
    default:                    return _("All controls");
    }
}

const char *
posture_words_principle (PosturePrinciple principle)
{
  switch (principle)
    {
    case POSTURE_PRINCIPLE_LEAST_PRIVILEGE:   return _("Use least privilege");
    case POSTURE_PRINCIPLE_ASSUME_BREACH:     return _("Assume breach");
    case POSTURE_PRINCIPLE_VERIFY_EXPLICITLY:
    default:                                  return _("Verify explicitly");
    }
}

const char *
posture_words_cloud (const char *cloud)
{
  static const struct { const char *id; const char *label; } clouds[] = {
    { "public",   N_("Commercial (public cloud)") },
    { "gcc",      N_("US Government (GCC)") },
    { "gcc-high", N_("US Government (GCC High)") },
    { "dod",      N_("US Department of Defense (DoD)") },
    { "china",    N_("China (operated by 21Vianet)") },
    { "custom",   N_("Custom service address") },
  };

  for (guint i = 0; cloud != NULL && i < G_N_ELEMENTS (clouds); i++)
    {
      if (g_str_equal (cloud, clouds[i].id))
        return _(clouds[i].label);
    }
  return cloud;
}

char *
posture_words_percent (double percent)
{
  if (percent < 0)
    return g_strdup ("—");

  /* Translators: a score in percent, e.g. "57 %" */
  return g_strdup_printf (_("%d %%"), (int) floor (percent + 0.5));
}

char *
posture_words_gain (double gain)
{
  /* Tenths rounded half up, as the score is rounded. */
  double tenths = floor (gain * 10.0 + 0.5) / 10.0;

  /* Translators: a potential score increase in percentage points, e.g. "+6.7 points" */
  return g_strdup_printf (_("+%.1f points"), tenths);
}

char *
posture_words_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (when);
  /* Translators: a medium date and time, "2 Dec 2026, 04:58"; see the format codes of
   * g_date_time_format() */
  return g_date_time_format (local, C_("date and time format", "%-d %b %Y, %H:%M"));
}

char *
posture_words_date (GDateTime *when)
{
  if (when == NULL)
    return g_strdup ("—");

  /* Translators: a medium date, "15 Dec 2026"; see the format codes of g_date_time_format() */
  return g_date_time_format (when, C_("date format", "%-d %b %Y"));
}

char *
posture_words_time_zone (GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *offset = NULL;
  const char *abbreviation;

  if (when == NULL)
    when = now = g_date_time_new_now_utc ();

  local = g_date_time_to_local (when);
  abbreviation = g_date_time_get_timezone_abbreviation (local);
  offset = g_date_time_format (local, "%:z");

  /* A zone without a name of its own ("+01") or UTC itself: the offset says it all. */
  if (abbreviation[0] == '+' || abbreviation[0] == '-' || g_str_equal (abbreviation, "UTC") ||
      g_str_equal (abbreviation, "GMT"))
    return g_str_equal (offset, "+00:00") ? g_strdup ("UTC") : g_strdup_printf ("UTC%s", offset);

  /* Translators: a time zone: its abbreviation, then its offset, "CET, UTC+01:00" */
  return g_strdup_printf (_("%s, UTC%s"), abbreviation, offset);
}
