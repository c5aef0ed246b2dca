/* posture-overview-page.h: the score, the reading it comes from, and what to do first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_OVERVIEW_PAGE (posture_overview_page_get_type ())

/* Properties: session (PostureSession, nullable; the window binds it).
 * Signals: recommendation-activated (control id): a top recommendation was chosen. */
G_DECLARE_FINAL_TYPE (PostureOverviewPage, posture_overview_page, POSTURE, OVERVIEW_PAGE, AdwBin)

GtkWidget      *posture_overview_page_new         (void);
PostureSession *posture_overview_page_get_session (PostureOverviewPage *self);
void            posture_overview_page_set_session (PostureOverviewPage *self,
                                                   PostureSession      *session);

G_END_DECLS
