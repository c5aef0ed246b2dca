/* posture-training-module.h: one training module, parsed and validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-enums.h"

G_BEGIN_DECLS

/* Bounds on what a module file may hold (data/training/README.md). */
#define POSTURE_TRAINING_MODULE_MAX_SIZE   (256 * 1024)
#define POSTURE_TRAINING_MODULE_MAX_ID_LEN 64

typedef enum
{
  POSTURE_TRAINING_ORIGIN_BUILTIN,
  POSTURE_TRAINING_ORIGIN_ORGANIZATION,
} PostureTrainingOrigin;

typedef enum
{
  POSTURE_TRAINING_PROGRESS_NOT_STARTED,
  POSTURE_TRAINING_PROGRESS_IN_PROGRESS,
  POSTURE_TRAINING_PROGRESS_COMPLETED,
} PostureTrainingProgress;

typedef enum
{
  POSTURE_TRAINING_REVIEW_DRAFT,
  POSTURE_TRAINING_REVIEW_IN_REVIEW,
  POSTURE_TRAINING_REVIEW_APPROVED,
  POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
  POSTURE_TRAINING_REVIEW_RETIRED,
} PostureTrainingReviewState;

/* Why a module is in the "Needs review" queue. */
typedef enum
{
  POSTURE_TRAINING_STALE_NONE,             /* approved and current, or retired */
  POSTURE_TRAINING_STALE_NEVER_REVIEWED,   /* draft */
  POSTURE_TRAINING_STALE_IN_REVIEW,
  POSTURE_TRAINING_STALE_CHANGES_REQUESTED,
  POSTURE_TRAINING_STALE_CONTENT_CHANGED,  /* approved, but the file changed since */
  POSTURE_TRAINING_STALE_INTERVAL_PASSED,  /* approved longer ago than the review interval */
} PostureTrainingStaleReason;

/* Their GTypes (POSTURE_TYPE_TRAINING_PROGRESS, …) are in posture-enums.h. */

/* Stable identifiers used on disk and on the command line ("in-progress", "changes-requested"). */
const char *posture_training_progress_to_string      (PostureTrainingProgress     progress);
gboolean    posture_training_progress_from_string    (const char                 *text,
                                                      PostureTrainingProgress    *out_progress);
const char *posture_training_review_state_to_string  (PostureTrainingReviewState  state);
gboolean    posture_training_review_state_from_string (const char                *text,
                                                      PostureTrainingReviewState *out_state);
const char *posture_training_stale_reason_to_string  (PostureTrainingStaleReason  reason);
const char *posture_training_origin_to_string        (PostureTrainingOrigin       origin);

/* The vocabularies of the header fields. */
extern const char * const posture_training_audiences[];   /* NULL-terminated */
extern const char * const posture_training_phases[];
extern const char * const posture_training_principles[];

typedef struct
{
  char   *text;
  char  **options;   /* NULL-terminated, at least two */
  guint   correct;   /* index into options */
  char   *why;
} PostureTrainingQuestion;

typedef struct
{
  char *title;
  char *url;         /* always https:// */
} PostureTrainingReference;

#define POSTURE_TYPE_TRAINING_QUESTION  (posture_training_question_get_type ())
#define POSTURE_TYPE_TRAINING_REFERENCE (posture_training_reference_get_type ())

GType                     posture_training_question_get_type  (void) G_GNUC_CONST;
PostureTrainingQuestion *posture_training_question_copy (const PostureTrainingQuestion *question);
void posture_training_question_free (PostureTrainingQuestion *question);
GType                     posture_training_reference_get_type (void) G_GNUC_CONST;
PostureTrainingReference *
posture_training_reference_copy (const PostureTrainingReference *reference);
void posture_training_reference_free (PostureTrainingReference *reference);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureTrainingQuestion, posture_training_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureTrainingReference, posture_training_reference_free)

#define POSTURE_TYPE_TRAINING_MODULE (posture_training_module_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureTrainingModule, posture_training_module, POSTURE, TRAINING_MODULE, GObject)

gboolean               posture_training_module_id_is_valid       (const char             *id);
PostureTrainingModule *posture_training_module_new_from_bytes (const char *id,
                                                               GBytes *contents,
                                                               PostureTrainingOrigin origin,
                                                               const char *source,
                                                               GHashTable *known_controls,
                                                               GError **error);
PostureTrainingModule *posture_training_module_new_from_file (const char *path,
                                                              PostureTrainingOrigin origin,
                                                              GHashTable *known_controls,
                                                              GError **error);

const char            *posture_training_module_get_id            (PostureTrainingModule  *self);
const char            *posture_training_module_get_title         (PostureTrainingModule  *self);
const char            *posture_training_module_get_summary       (PostureTrainingModule  *self);
const char * const    *posture_training_module_get_audience      (PostureTrainingModule  *self);
const char            *posture_training_module_get_phase         (PostureTrainingModule  *self);
const char            *posture_training_module_get_principle     (PostureTrainingModule  *self);
guint                  posture_training_module_get_duration      (PostureTrainingModule  *self);
const char * const    *posture_training_module_get_tags          (PostureTrainingModule  *self);
const char * const    *posture_training_module_get_controls      (PostureTrainingModule  *self);
const char * const    *posture_training_module_get_objectives    (PostureTrainingModule  *self);
const char            *posture_training_module_get_body          (PostureTrainingModule  *self);
const char            *posture_training_module_get_lesson        (PostureTrainingModule  *self);
const char            *posture_training_module_get_exercise      (PostureTrainingModule  *self);
GPtrArray             *posture_training_module_get_questions     (PostureTrainingModule  *self);
GPtrArray             *posture_training_module_get_references    (PostureTrainingModule  *self);
const char            *posture_training_module_get_content_version (PostureTrainingModule *self);
PostureTrainingOrigin  posture_training_module_get_origin        (PostureTrainingModule  *self);
const char            *posture_training_module_get_source        (PostureTrainingModule  *self);

gboolean               posture_training_module_has_audience      (PostureTrainingModule  *self,
                                                                  const char             *audience);
gboolean posture_training_module_has_control (PostureTrainingModule *self, const char *control_id);
gboolean               posture_training_module_matches_text      (PostureTrainingModule  *self,
                                                                  const char             *query);
gboolean posture_training_module_matches (PostureTrainingModule *self,
                                          const char *query,
                                          const char *audience,
                                          const char *phase,
                                          const char *principle,
                                          const char *control_id);
guint posture_training_module_grade_quiz (PostureTrainingModule *self,
                                          const int *answers,
                                          gsize n_answers);

/* Learner and reviewer state, kept current by PostureTrainingLibrary. */
PostureTrainingProgress    posture_training_module_get_progress      (PostureTrainingModule *self);
int                        posture_training_module_get_quiz_correct  (PostureTrainingModule *self);
int                        posture_training_module_get_quiz_total    (PostureTrainingModule *self);
PostureTrainingReviewState posture_training_module_get_review_state  (PostureTrainingModule *self);
const char                *posture_training_module_get_reviewer      (PostureTrainingModule *self);
GDateTime                 *posture_training_module_get_reviewed_at   (PostureTrainingModule *self);
const char                *posture_training_module_get_review_notes  (PostureTrainingModule *self);
const char *posture_training_module_get_reviewed_version (PostureTrainingModule *self);
PostureTrainingStaleReason posture_training_module_get_stale_reason  (PostureTrainingModule *self);
gboolean                   posture_training_module_get_needs_review  (PostureTrainingModule *self);
GDateTime *posture_training_module_dup_review_due (PostureTrainingModule *self,
                                                   guint interval_days);
gboolean posture_training_module_can_record_review (PostureTrainingModule *self,
                                                    PostureTrainingReviewState state);

G_END_DECLS
