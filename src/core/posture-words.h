/* posture-words.h: the one vocabulary of posture-cli's text output and the reports
 *
 * Issue 16: one medium date format in the user's locale (the time zone said once), the
 * score as a whole percent rounded half up (as its level is, and as the app shows it),
 * gains in points with one decimal, and the same words for every status everywhere.
 * JSON and CSV stay machine formats (ISO 8601 dates, two decimals).
 *
 * The words of the model's values, the score and the date and time are core's labels
 * (posture-labels.h); these are the few that posture-labels does not have yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

const char *posture_words_profile    (PostureProfile         profile);
/* A snapshot's cloud ("public", "gcc", …, "custom") in words; an unknown one as it is. */
const char *posture_words_cloud      (const char            *cloud);

/* A potential score increase: "+6.7 points" (percentage points, one decimal). */
char       *posture_words_gain       (double                 gain);
/* "15 Dec 2026"; "—" for NULL. */
char       *posture_words_date       (GDateTime             *when);
/* The local time zone @when is shown in: "CET, UTC+01:00". */
char       *posture_words_time_zone  (GDateTime             *when);

G_END_DECLS
