/* posture-words.c: the one vocabulary of posture-cli's text output and the reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-words"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-words.h"

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
posture_words_gain (double gain)
{
  /* Tenths rounded half up, as the score is rounded. */
  double tenths = posture_round_half_up (gain, 1);

  /* Translators: a potential score increase in percentage points, e.g. "+6.7 points" */
  return g_strdup_printf (_("+%.1f points"), tenths);
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
