/* posture-recommendations-page.h: the controls in priority order, with search, filters
 * and a detail pane (what, why, resources, remediation, references, training, decision,
 * what-if and Fix…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"
#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_RECOMMENDATIONS_PAGE (posture_recommendations_page_get_type ())

G_DECLARE_FINAL_TYPE (PostureRecommendationsPage, posture_recommendations_page, POSTURE, RECOMMENDATIONS_PAGE, AdwBin)

/* Properties: session (PostureSession, nullable), training-library (nullable: module
 * titles for "Learn how"), selected-control (control id shown in the detail, nullable).
 * "Learn how" activates win.learn("module-id"); Fix… activates win.confirm-fix("control-id"). */
GtkWidget      *posture_recommendations_page_new                  (void);
PostureSession *posture_recommendations_page_get_session          (PostureRecommendationsPage *self);
void            posture_recommendations_page_set_session          (PostureRecommendationsPage *self,
                                                                   PostureSession             *session);
void            posture_recommendations_page_set_training_library (PostureRecommendationsPage *self,
                                                                   PostureTrainingLibrary     *library);
/* Shows @control_id in the detail (widening the filters if they hide it). */
gboolean        posture_recommendations_page_select_control       (PostureRecommendationsPage *self,
                                                                   const char                 *control_id);
const char     *posture_recommendations_page_get_selected_control (PostureRecommendationsPage *self);
void            posture_recommendations_page_focus_search         (PostureRecommendationsPage *self);
/* (transfer none): the list as shown (filtered), of PostureControlResult. */
GListModel     *posture_recommendations_page_get_model            (PostureRecommendationsPage *self);
/* (transfer none): the affected resources shown for the selected control. */
GListModel     *posture_recommendations_page_get_resources_model  (PostureRecommendationsPage *self);
GtkWidget      *posture_recommendations_page_get_resources_view   (PostureRecommendationsPage *self);
/* Filters, for tests and actions: index into the "Show" list (0 recommendations,
 * 1 all controls, …) and the search text. */
void            posture_recommendations_page_set_status_filter    (PostureRecommendationsPage *self,
                                                                   guint                       index);
void            posture_recommendations_page_set_search           (PostureRecommendationsPage *self,
                                                                   const char                 *text);

G_END_DECLS
