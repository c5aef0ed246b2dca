/* posture-training-page.h: the Training view: module list with search and filters,
 * module pages (lesson, exercise, quiz, references), progress, related findings and
 * the champions' review panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_TRAINING_PAGE (posture_training_page_get_type ())

G_DECLARE_FINAL_TYPE (PostureTrainingPage, posture_training_page, POSTURE, TRAINING_PAGE, AdwBin)

/* Properties: library (PostureTrainingLibrary, nullable). Setting a library loads the
 * organization folder of the "training-dir" setting (and follows its changes), binds
 * "review-interval-days", and reads the stored progress and reviews asynchronously. Signal: "show-module" (const char *module_id), an
 * action signal that calls posture_training_page_show_module() (used by win.learn). */
GtkWidget              *posture_training_page_new                   (void);
PostureTrainingLibrary *posture_training_page_get_library           (PostureTrainingPage    *self);
void                    posture_training_page_set_library           (PostureTrainingPage    *self,
                                                                     PostureTrainingLibrary *library);
/* TRUE once the library's stored progress and reviews have been read (they load
 * in the background after set_library and after the training folder changes). */
gboolean                posture_training_page_is_ready              (PostureTrainingPage    *self);
/* Opens @module_id ("Learn how"), clearing filters that hide it. FALSE if unknown. */
gboolean                posture_training_page_show_module           (PostureTrainingPage    *self,
                                                                     const char             *module_id);
PostureTrainingModule  *posture_training_page_get_module            (PostureTrainingPage    *self);
/* The controls that fail in the current tenant (NULL or empty: none known). The module
 * page lists those related to the module under "Related findings in this tenant". */
void                    posture_training_page_set_failing_controls  (PostureTrainingPage    *self,
                                                                     const char * const     *control_ids);
/* (transfer none): the module list as shown (filtered). */
GListModel             *posture_training_page_get_model             (PostureTrainingPage    *self);
void                    posture_training_page_set_search            (PostureTrainingPage    *self,
                                                                     const char             *text);

G_END_DECLS
