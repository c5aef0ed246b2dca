/* posture-training-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-labels.h"
#include "posture-training-labels.h"

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

char *
posture_training_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  /* Translators: a medium date, e.g. "2 Dec 2026"; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}
