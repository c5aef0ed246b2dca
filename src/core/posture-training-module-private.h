/* posture-training-module-private.h: the module's instance, shared by its parser, and the
 * state setters used by PostureTrainingLibrary
 *
 * posture-training-module.c holds the class and its public API;
 * posture-training-module-parse.c parses a module's file into a new instance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-training-module.h"

G_BEGIN_DECLS

struct _PostureTrainingModule
{
  GObject                     parent_instance;

  /* Content (immutable after parsing) */
  char                       *id;
  char                       *title;
  char                       *summary;
  char                      **audience;
  char                       *phase;
  char                       *principle;
  guint                       duration;
  char                      **tags;
  char                      **controls;
  char                      **objectives;
  char                       *body;
  char                       *lesson;
  char                       *exercise;
  GPtrArray                  *questions;       /* PostureTrainingQuestion */
  GPtrArray                  *references;      /* PostureTrainingReference */
  char                       *content_version; /* SHA-256 of the file, hex */
  PostureTrainingOrigin       origin;
  char                       *source;
  char                       *search_text;     /* case-folded title, summary, tags, body */

  /* Learner state */
  PostureTrainingProgress     progress;
  int                         quiz_correct;
  int                         quiz_total;

  /* Review state */
  PostureTrainingReviewState  review_state;
  char                       *reviewer;
  GDateTime                  *reviewed_at;
  char                       *review_notes;
  char                       *reviewed_version;
  PostureTrainingStaleReason  stale_reason;
};

/* posture-training-module.c: builds the search text once the content is parsed. */
void _posture_training_module_index        (PostureTrainingModule      *self);

void _posture_training_module_set_progress (PostureTrainingModule      *self,
                                            PostureTrainingProgress     progress,
                                            int                         quiz_correct,
                                            int                         quiz_total);
void _posture_training_module_set_review   (PostureTrainingModule      *self,
                                            PostureTrainingReviewState  state,
                                            const char                 *reviewer,
                                            GDateTime                  *reviewed_at,
                                            const char                 *notes,
                                            const char                 *reviewed_version);
void _posture_training_module_update_stale (PostureTrainingModule      *self,
                                            guint                       interval_days,
                                            GDateTime                  *now);

G_END_DECLS
