/* posture-words.h: the one vocabulary of posture-cli's text output and the reports
 *
 * Issue 16: one medium date format in the user's locale (the time zone said once), the
 * score as a whole percent rounded half up (as its level is, and as the app shows it),
 * gains in points with one decimal, and the same words for every status everywhere.
 * JSON and CSV stay machine formats (ISO 8601 dates, two decimals).
 *
 * Until core's labels (posture-labels.h: posture_*_label(), posture_format_percent(),
 * posture_format_date_time(), posture_percent_round()) are on main, this file is the
 * one place the CLI and the reports take their words from; then each function here
 * calls its owner (or goes, and its callers call the owner).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

const char *posture_words_status     (PostureStatus          status);
const char *posture_words_result     (PostureResult          result);
const char *posture_words_severity   (PostureSeverity        severity);
const char *posture_words_level      (PostureLevel           level);
const char *posture_words_decision   (PostureDecisionStatus  decision);
const char *posture_words_profile    (PostureProfile         profile);
const char *posture_words_principle  (PosturePrinciple       principle);
/* A snapshot's cloud ("public", "gcc", …, "custom") in words; an unknown one as it is. */
const char *posture_words_cloud      (const char            *cloud);

/* The score: "57 %" (half up, as the level is); "—" when @percent < 0 (no score). */
char       *posture_words_percent    (double                 percent);
/* A potential score increase: "+6.7 points" (percentage points, one decimal). */
char       *posture_words_gain       (double                 gain);
/* "2 Dec 2026, 04:58" in the local time zone; "—" for NULL. */
char       *posture_words_date_time  (GDateTime             *when);
/* "15 Dec 2026"; "—" for NULL. */
char       *posture_words_date       (GDateTime             *when);
/* The local time zone @when is shown in: "CET, UTC+01:00". */
char       *posture_words_time_zone  (GDateTime             *when);

G_END_DECLS
