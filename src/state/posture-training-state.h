/* posture-training-state.h: training progress and reviews on disk, for the library
 *
 * The content library is core's (posture-training-library.h); what learners and
 * champions did with it is state, kept by two PostureTrainingStore files. These are the
 * library's persistence methods, kept here so that core writes no files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-training-library.h"

G_BEGIN_DECLS

/* Reads the progress and the reviews and applies them to the library's modules, with
 * their review histories (posture_training_library_dup_review_history()). @recovered
 * receives the report of a damaged state file that was moved aside (the load still
 * succeeds). The _async form reads on worker threads and applies in _finish, on the
 * caller's thread. */
gboolean    posture_training_library_load_state         (PostureTrainingLibrary      *self,
                                                         GError                     **recovered,
                                                         GError                     **error);
void        posture_training_library_load_state_async   (PostureTrainingLibrary      *self,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
gboolean    posture_training_library_load_state_finish  (PostureTrainingLibrary      *self,
                                                         GAsyncResult                *result,
                                                         GError                     **recovered,
                                                         GError                     **error);
/* Each stores under the lock, merging what another process stored, then updates the
 * module. Errors: POSTURE_TRAINING_ERROR_NOT_FOUND (no such module),
 * POSTURE_TRAINING_ERROR_INVALID (a quiz result or review that does not fit),
 * POSTURE_STORE_ERROR_IO. */
gboolean    posture_training_library_set_progress       (PostureTrainingLibrary      *self,
                                                         const char                  *id,
                                                         PostureTrainingProgress      progress,
                                                         GError                     **error);
/* A quiz answered completely right completes the module; otherwise it is in progress. */
gboolean    posture_training_library_record_quiz        (PostureTrainingLibrary      *self,
                                                         const char                  *id,
                                                         guint                        correct,
                                                         guint                        total,
                                                         GError                     **error);
/* @when (nullable): the library's clock when NULL. */
gboolean    posture_training_library_record_review      (PostureTrainingLibrary      *self,
                                                         const char                  *id,
                                                         PostureTrainingReviewState   state,
                                                         const char                  *reviewer,
                                                         const char                  *notes,
                                                         GDateTime                   *when,
                                                         GError                     **error);
G_END_DECLS
