/* posture-labels.c: the words every face shows for the assessment model's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-labels.h"

const char *
posture_fix_outcome_label (PostureFixOutcome outcome)
{
  switch (outcome)
    {
    case POSTURE_FIX_OUTCOME_VERIFIED:
      return C_("fix outcome", "Verified");
    case POSTURE_FIX_OUTCOME_PENDING:
      return C_("fix outcome", "Pending");
    case POSTURE_FIX_OUTCOME_FAILED:
      return C_("fix outcome", "Failed");
    case POSTURE_FIX_OUTCOME_SKIPPED:
      return C_("fix outcome", "Skipped");
    case POSTURE_FIX_OUTCOME_NONE:
    default:
      return C_("fix outcome", "Not carried out");
    }
}

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

char *
posture_format_percent (double percent)
{
  if (percent < 0)
    return g_strdup ("—");

  /* Translators: a score in percent, e.g. "57 %" */
  return g_strdup_printf (_("%d %%"), posture_percent_round (percent));
}

char *
posture_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (date_time);
  /* Translators: a medium date and time, "2 Dec 2026, 04:58"; see the format codes of
   * g_date_time_format(). Put the parts in your locale's order; keep %H:%M or use
   * %l:%M %p where a 12-hour clock is usual. */
  return g_date_time_format (local, C_("date and time format", "%-d %b %Y, %H:%M"));
}
