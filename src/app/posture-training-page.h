/* posture-training-page.h: the Training view: the module list with search and
 * filters, a module's lesson, exercise, self-check and references, the learner's
 * progress, the related controls in this tenant, and the champions' review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"
#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_TRAINING_PAGE (posture_training_page_get_type ())

G_DECLARE_FINAL_TYPE (PostureTrainingPage, posture_training_page, POSTURE, TRAINING_PAGE, AdwBin)

/* Properties:
 *   library (PostureTrainingLibrary, nullable): the modules. Setting it loads the
 *     organization folder of the "training-dir" setting (and follows its changes),
 *     binds "review-interval-days", and reads the stored progress and reviews in the
 *     background; until they are in, the module pane is insensitive.
 *   session (PostureSession, nullable): its assessment gives the related controls'
 *     results shown with a module; assessment (PostureAssessment, read by the .ui) follows
 *     it, NULL without a session.
 *   module (PostureTrainingModule, nullable): the module shown.
 *   audience, phase, principle (strings: a header value, "" for all) and review
 *     ("", "needs-review" or a review state's string): the list's filters, also the
 *     stateful actions "training.audience", "training.phase", "training.principle"
 *     and "training.review"; "training.clear-filters" resets them and the search.
 * Signal: "show-module" (const char *module_id), an action signal that calls
 * posture_training_page_show_module() (used by win.learn). */
GtkWidget              *posture_training_page_new          (void);
PostureTrainingLibrary *posture_training_page_get_library  (PostureTrainingPage    *self);
void                    posture_training_page_set_library  (PostureTrainingPage    *self,
                                                            PostureTrainingLibrary *library);
PostureSession         *posture_training_page_get_session  (PostureTrainingPage    *self);
void                    posture_training_page_set_session  (PostureTrainingPage    *self,
                                                            PostureSession         *session);
PostureTrainingModule  *posture_training_page_get_module   (PostureTrainingPage    *self);
void                    posture_training_page_set_module   (PostureTrainingPage    *self,
                                                            PostureTrainingModule  *module);
/* "Learn how": shows @module_id, clearing the search and filters that hide it. FALSE
 * (and nothing changes) when the module is unknown or retired: a retired module is
 * never offered to learners. */
gboolean                posture_training_page_show_module  (PostureTrainingPage    *self,
                                                            const char             *module_id);

G_END_DECLS
