/* posture-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-labels"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "posture-labels.h"
#include "posture-tenant-progress.h"

const char *
posture_severity_label (PostureSeverity severity)
{
  switch (severity)
    {
    case POSTURE_SEVERITY_HIGH:
      return C_("severity", "High");
    case POSTURE_SEVERITY_MEDIUM:
      return C_("severity", "Medium");
    case POSTURE_SEVERITY_LOW:
      return C_("severity", "Low");
    default:
      return "";
    }
}

const char *
posture_status_label (PostureStatus status)
{
  switch (status)
    {
    case POSTURE_STATUS_PASS:
      return C_("status", "Passing");
    case POSTURE_STATUS_FAIL:
      return C_("status", "Failing");
    case POSTURE_STATUS_PARTIAL:
      return C_("status", "Partly passing");
    case POSTURE_STATUS_NOT_APPLICABLE:
      return C_("status", "Not applicable");
    case POSTURE_STATUS_UNKNOWN:
      return C_("status", "Unknown");
    case POSTURE_STATUS_MANUAL:
      return C_("status", "Needs attestation");
    default:
      return "";
    }
}

const char *
posture_result_label (PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_PASS:
      return C_("result", "Pass");
    case POSTURE_RESULT_FAIL:
      return C_("result", "Fail");
    case POSTURE_RESULT_UNKNOWN:
      return C_("result", "Unknown");
    default:
      return "";
    }
}

const char *
posture_category_label (PostureCategory category)
{
  switch (category)
    {
    case POSTURE_CATEGORY_DATA_PROTECTION:
      return _("Data protection");
    case POSTURE_CATEGORY_IDENTITY_ACCESS:
      return _("Identity and access");
    case POSTURE_CATEGORY_NETWORK:
      return _("Network");
    case POSTURE_CATEGORY_COMPLIANCE:
      return _("Compliance");
    case POSTURE_CATEGORY_THREAT_DETECTION:
      return _("Threat detection");
    default:
      return "";
    }
}

const char *
posture_principle_label (PosturePrinciple principle)
{
  switch (principle)
    {
    case POSTURE_PRINCIPLE_VERIFY_EXPLICITLY:
      return _("Verify explicitly");
    case POSTURE_PRINCIPLE_LEAST_PRIVILEGE:
      return _("Use least privilege");
    case POSTURE_PRINCIPLE_ASSUME_BREACH:
      return _("Assume breach");
    default:
      return "";
    }
}

const char *
posture_level_label (PostureLevel level)
{
  switch (level)
    {
    case POSTURE_LEVEL_LOW:
      return C_("score level", "Low");
    case POSTURE_LEVEL_MEDIUM:
      return C_("score level", "Medium");
    case POSTURE_LEVEL_HIGH:
      return C_("score level", "High");
    case POSTURE_LEVEL_UNKNOWN:
      return C_("score level", "No score");
    default:
      return "";
    }
}

const char *
posture_level_css_class (PostureLevel level)
{
  switch (level)
    {
    case POSTURE_LEVEL_LOW:
      return "level-low";
    case POSTURE_LEVEL_MEDIUM:
      return "level-medium";
    case POSTURE_LEVEL_HIGH:
      return "level-high";
    case POSTURE_LEVEL_UNKNOWN:
    default:
      return "level-unknown";
    }
}

const char *
posture_decision_label (PostureDecisionStatus decision)
{
  switch (decision)
    {
    case POSTURE_DECISION_TO_ADDRESS:
      return _("To address");
    case POSTURE_DECISION_PLANNED:
      return _("Planned");
    case POSTURE_DECISION_RISK_ACCEPTED:
      return _("Risk accepted");
    case POSTURE_DECISION_ALTERNATE_MITIGATION:
      return _("Alternate mitigation");
    case POSTURE_DECISION_THIRD_PARTY:
      return _("Third party");
    default:
      return "";
    }
}

const char *
posture_phase_label (guint phase)
{
  switch ((PostureReadPhase) phase)
    {
    case POSTURE_READ_PHASE_IDLE:
      return _("Waiting");
    case POSTURE_READ_PHASE_SIGNING_IN:
      return _("Signing in");
    case POSTURE_READ_PHASE_TENANT:
      return _("Reading tenant settings");
    case POSTURE_READ_PHASE_ENVIRONMENTS:
      return _("Reading environments");
    case POSTURE_READ_PHASE_POLICIES:
      return _("Reading data policies");
    case POSTURE_READ_PHASE_DATAVERSE:
      return _("Reading Dataverse settings");
    case POSTURE_READ_PHASE_DONE:
      return _("Assessing");
    case POSTURE_READ_PHASE_FAILED:
      return _("Reading failed");
    default:
      return "";
    }
}

/* The percent as shown: rounded half up to an integer, as the level is. */
int
posture_round_percent (double percent)
{
  return (int) floor (percent + 0.5);
}

char *
posture_format_percent (double percent)
{
  if (percent < 0)
    return g_strdup ("—");

  /* Translators: a score in percent, e.g. "57 %" */
  return g_strdup_printf (_("%d %%"), posture_round_percent (percent));
}

/* "+6.5 points": a control's potential score increase, in percentage points. */
char *
posture_format_gain (double gain)
{
  /* Translators: a potential score increase in percentage points, e.g. "+6.5 points" */
  return g_strdup_printf (_("+%.1f points"), gain);
}

/* The one way the app writes a date and time: the locale's medium date and the
 * time in hours and minutes, in local time ("2 Dec 2026, 04:58"). */
char *
posture_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (when == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (when);
  /* Translators: a date and time; see g_date_time_format(). Keep the month a word so
   * that the day and the month cannot be confused. */
  text = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  return g_strstrip (text);
}

/* A date alone, as posture_format_date_time() writes it ("2 Dec 2026"). */
char *
posture_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (when == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (when);
  /* Translators: a date; see g_date_time_format() and the date and time above */
  text = g_date_time_format (local, _("%-d %b %Y"));
  return g_strstrip (text);
}
