/* posture-labels.c: the words every face shows for the model's values
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

const char *
posture_profile_label (PostureProfile profile)
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
posture_cloud_label (const char *cloud)
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
posture_format_gain (double gain)
{
  /* Tenths rounded half up, as the score is rounded. */
  double tenths = posture_round_half_up (gain, 1);

  /* Translators: a potential score increase in percentage points, e.g. "+6.7 points" */
  return g_strdup_printf (_("+%.1f points"), tenths);
}

char *
posture_format_date (GDateTime *when)
{
  if (when == NULL)
    return g_strdup ("—");

  /* Translators: a medium date, "15 Dec 2026"; see the format codes of g_date_time_format() */
  return g_date_time_format (when, C_("date format", "%-d %b %Y"));
}

char *
posture_format_local_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;

  return posture_format_date (local);
}

char *
posture_format_time_zone (GDateTime *when)
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

/* ------------------------------------------------------------------------- */
/* The training library                                                      */
/* ------------------------------------------------------------------------- */

const char *
posture_training_audience_label (const char *audience)
{
  if (audience == NULL || audience[0] == '\0')
    return _("Everyone");
  if (g_str_equal (audience, "maker"))
    return _("Makers");
  if (g_str_equal (audience, "pro-developer"))
    return _("Pro developers");
  if (g_str_equal (audience, "admin"))
    return _("Admins");
  return audience;
}

const char *
posture_training_phase_label (const char *phase)
{
  if (phase == NULL || phase[0] == '\0')
    return _("All phases");
  if (g_str_equal (phase, "plan"))
    return _("Plan");
  if (g_str_equal (phase, "build"))
    return _("Build");
  if (g_str_equal (phase, "test"))
    return _("Test");
  if (g_str_equal (phase, "deploy"))
    return _("Deploy");
  if (g_str_equal (phase, "operate"))
    return _("Operate");
  return phase;
}

/* The catalog's principles and the modules' share one vocabulary and one label. */
const char *
posture_training_principle_label (const char *principle)
{
  PosturePrinciple value;

  if (principle == NULL || principle[0] == '\0')
    return _("All principles");
  if (posture_principle_from_string (principle, &value))
    return posture_principle_label (value);
  return principle;
}

const char *
posture_training_progress_label (PostureTrainingProgress progress)
{
  switch (progress)
    {
    case POSTURE_TRAINING_PROGRESS_IN_PROGRESS:
      return _("In progress");
    case POSTURE_TRAINING_PROGRESS_COMPLETED:
      return _("Completed");
    case POSTURE_TRAINING_PROGRESS_NOT_STARTED:
    default:
      return _("Not started");
    }
}

const char *
posture_training_review_state_label (PostureTrainingReviewState state)
{
  switch (state)
    {
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:
      return _("In review");
    case POSTURE_TRAINING_REVIEW_APPROVED:
      return _("Approved");
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED:
      return _("Changes requested");
    case POSTURE_TRAINING_REVIEW_RETIRED:
      return _("Retired");
    case POSTURE_TRAINING_REVIEW_DRAFT:
    default:
      return _("Draft");
    }
}

const char *
posture_training_stale_reason_label (PostureTrainingStaleReason reason)
{
  switch (reason)
    {
    case POSTURE_TRAINING_STALE_NEVER_REVIEWED:
      return _("Never reviewed");
    case POSTURE_TRAINING_STALE_IN_REVIEW:
      return _("Review in progress");
    case POSTURE_TRAINING_STALE_CHANGES_REQUESTED:
      return _("Waiting for the requested changes");
    case POSTURE_TRAINING_STALE_CONTENT_CHANGED:
      return _("The content changed since it was approved");
    case POSTURE_TRAINING_STALE_INTERVAL_PASSED:
      return _("The review interval has passed");
    case POSTURE_TRAINING_STALE_NONE:
    default:
      return NULL;
    }
}

const char *
posture_training_review_filter_label (const char *filter)
{
  PostureTrainingReviewState state;

  if (filter == NULL || filter[0] == '\0')
    return _("Any review state");
  if (g_str_equal (filter, "needs-review"))
    return _("Needs review");
  if (posture_training_review_state_from_string (filter, &state))
    return posture_training_review_state_label (state);
  return filter;
}
