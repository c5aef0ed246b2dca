/* posture-overview-page.h: the score, its breakdowns and the top recommendations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_OVERVIEW_PAGE (posture_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (PostureOverviewPage, posture_overview_page, POSTURE, OVERVIEW_PAGE, AdwBin)

/* Properties: session (PostureSession, nullable).
 * Signals: recommendation-activated (control id) when a top recommendation is activated. */
GtkWidget      *posture_overview_page_new                (void);
PostureSession *posture_overview_page_get_session        (PostureOverviewPage *self);
void            posture_overview_page_set_session        (PostureOverviewPage *self,
                                                          PostureSession      *session);
/* What the page shows, for tests: "57 %", "Medium", the projected line. */
const char     *posture_overview_page_get_score_text     (PostureOverviewPage *self);
const char     *posture_overview_page_get_level_text     (PostureOverviewPage *self);
const char     *posture_overview_page_get_projected_text (PostureOverviewPage *self);
/* "loading", "error" or "content", and the error page's title. */
const char     *posture_overview_page_get_state          (PostureOverviewPage *self);
const char     *posture_overview_page_get_error_title    (PostureOverviewPage *self);
/* The slot for the score-history chart (hidden until a child is added). */
GtkBox         *posture_overview_page_get_history_slot   (PostureOverviewPage *self);

G_END_DECLS
