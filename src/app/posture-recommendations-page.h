/* posture-recommendations-page.h: every control, the recommendations first, and one in detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"
#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_RECOMMENDATIONS_PAGE (posture_recommendations_page_get_type ())

/* Properties: session (PostureSession, nullable; the window binds it), library
 * (PostureTrainingLibrary, nullable: titles of related training), result
 * (PostureControlResult, nullable: the control shown in the detail pane).
 * Actions: recommendations.next (the next recommendation after the one shown),
 * recommendations.fix (the Fix dialog for it), recommendations.simulate (toggles
 * "Simulate as Fixed" for it), recommendations.clear-filters, recommendations.search
 * (Ctrl+F through win.search: the list and its search field). */
G_DECLARE_FINAL_TYPE (
    PostureRecommendationsPage, posture_recommendations_page, POSTURE, RECOMMENDATIONS_PAGE, AdwBin)

GtkWidget            *posture_recommendations_page_new                  (void);
PostureSession *posture_recommendations_page_get_session (PostureRecommendationsPage *self);
void posture_recommendations_page_set_session (PostureRecommendationsPage *self,
                                               PostureSession *session);
void posture_recommendations_page_set_training_library (PostureRecommendationsPage *self,
                                                        PostureTrainingLibrary *library);
PostureControlResult *posture_recommendations_page_get_result (PostureRecommendationsPage *self);
gboolean posture_recommendations_page_select_control (PostureRecommendationsPage *self,
                                                      const char *control_id);

G_END_DECLS
