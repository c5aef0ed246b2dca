/* posture-training-library.h: the training modules, their progress and their reviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-training-module.h"

G_BEGIN_DECLS

#define POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS 180

typedef enum
{
  POSTURE_TRAINING_REPORT_CSV,
  POSTURE_TRAINING_REPORT_MARKDOWN,
} PostureTrainingReportFormat;

/* One entry of a module's review history. */
typedef struct
{
  PostureTrainingReviewState  state;
  char                       *reviewer;
  GDateTime                  *at;
  char                       *notes;
  char                       *content_version;
} PostureTrainingReview;

#define POSTURE_TYPE_TRAINING_REVIEW (posture_training_review_get_type ())

GType                  posture_training_review_get_type (void) G_GNUC_CONST;
PostureTrainingReview *posture_training_review_copy     (const PostureTrainingReview *review);
void                   posture_training_review_free     (PostureTrainingReview       *review);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureTrainingReview, posture_training_review_free)

#define POSTURE_TYPE_TRAINING_LIBRARY (posture_training_library_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureTrainingLibrary, posture_training_library, POSTURE, TRAINING_LIBRARY, GObject)

PostureTrainingLibrary *posture_training_library_new                 (void);

/* Loading. Built-in modules come from the data GResource; a broken one is a build
 * problem and fails the load. An organization folder is scanned for *.md: invalid
 * files are skipped and listed by get_problems(), so one bad file hides nothing else. */
gboolean posture_training_library_load_builtin (PostureTrainingLibrary *self, GError **error);
gboolean posture_training_library_load_directory (PostureTrainingLibrary *self,
                                                  const char *directory,
                                                  GError **error);
void posture_training_library_clear_directory (PostureTrainingLibrary *self);
GPtrArray *posture_training_library_get_problems (PostureTrainingLibrary *self);
const char *posture_training_library_get_directory (PostureTrainingLibrary *self);
GHashTable             *posture_training_library_dup_known_controls  (void);

PostureTrainingModule  *posture_training_library_lookup              (PostureTrainingLibrary  *self,
                                                                      const char              *id);
GListModel *posture_training_library_search (PostureTrainingLibrary *self,
                                             const char *query,
                                             const char *audience,
                                             const char *phase,
                                             const char *principle,
                                             const char *control_id);

void posture_training_library_set_review_interval_days (PostureTrainingLibrary *self, guint days);
/* The clock used for staleness; NULL means the real time. For tests and reports. */
void                    posture_training_library_set_now             (PostureTrainingLibrary  *self,
                                                                      GDateTime               *now);
void posture_training_library_refresh_staleness (PostureTrainingLibrary *self);

/* For the state library, which keeps progress and reviews on disk
 * (posture-training-state.h: load_state, set_progress, record_quiz, record_review). */
void posture_training_library_apply_progress (PostureTrainingLibrary *self,
                                              const char *id,
                                              PostureTrainingProgress progress,
                                              int quiz_correct,
                                              int quiz_total);
void posture_training_library_apply_review (PostureTrainingLibrary *self,
                                            const char *id,
                                            PostureTrainingReviewState state,
                                            const char *reviewer,
                                            GDateTime *at,
                                            const char *notes,
                                            const char *content_version);
void posture_training_library_apply_review_history (PostureTrainingLibrary *self,
                                                    const char *id,
                                                    GPtrArray *history);
GDateTime *posture_training_library_dup_now (PostureTrainingLibrary *self);
/* The module's reviews, oldest first, as the state on disk last said (transfer full:
 * PostureTrainingReview). */
GPtrArray              *posture_training_library_dup_review_history  (PostureTrainingLibrary  *self,
                                                                      const char              *id);

char *posture_training_library_review_report (PostureTrainingLibrary *self,
                                              PostureTrainingReportFormat format);

G_END_DECLS
