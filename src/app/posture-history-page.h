/* posture-history-page.h: the assessments of a tenant and what changed between two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-diff.h"
#include "posture-session.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_HISTORY_PAGE (posture_history_page_get_type ())

/* Properties: session (PostureSession, nullable: the window binds it; the page's
 * history and snapshot follow it), diff (PostureDiff, read-only: what the page shows
 * as changed), history (GListModel of PostureHistoryRecord, oldest first, e.g. a
 * PostureHistory; nullable), snapshot (PostureSnapshot, nullable: gives environments
 * their display names in the changes). */
G_DECLARE_FINAL_TYPE (PostureHistoryPage, posture_history_page, POSTURE, HISTORY_PAGE, AdwBin)

GtkWidget      *posture_history_page_new          (void);
PostureSession *posture_history_page_get_session  (PostureHistoryPage *self);
void            posture_history_page_set_session  (PostureHistoryPage *self,
                                                   PostureSession     *session);
GListModel     *posture_history_page_get_history  (PostureHistoryPage *self);
void            posture_history_page_set_history  (PostureHistoryPage *self,
                                                   GListModel         *history);
void            posture_history_page_set_snapshot (PostureHistoryPage *self,
                                                   PostureSnapshot    *snapshot);
/* Shows what changed from record @older to record @newer (positions in the history).
 * By default, and after the history changes, the latest against the one before. */
void            posture_history_page_compare      (PostureHistoryPage *self,
                                                   guint               older,
                                                   guint               newer);
PostureDiff    *posture_history_page_get_diff     (PostureHistoryPage *self);

G_END_DECLS
