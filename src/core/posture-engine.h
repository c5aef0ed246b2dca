/* posture-engine.h: snapshot in, assessment out (pure: no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-assessment.h"
#include "posture-catalog.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  PostureProfile       profile;      /* POSTURE_PROFILE_ALL by default */
  const char * const  *control_ids;  /* when set, exactly these controls (overrides profile) */
  GHashTable          *decisions;    /* control id → PostureDecision (nullable) */
  GDateTime           *now;          /* assessed-at; NULL means now */
} PostureAssessOptions;

#define POSTURE_ASSESS_OPTIONS_INIT { POSTURE_PROFILE_ALL, NULL, NULL, NULL }

/* Errors: POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL when control_ids names no control. */
PostureAssessment *posture_engine_assess        (PostureSnapshot             *snapshot,
                                                 const PostureAssessOptions  *options,
                                                 GError                     **error);
/* The same on a worker thread (the snapshot is immutable); options are copied. */
void               posture_engine_assess_async  (PostureSnapshot             *snapshot,
                                                 const PostureAssessOptions  *options,
                                                 GCancellable                *cancellable,
                                                 GAsyncReadyCallback          callback,
                                                 gpointer                     user_data);
PostureAssessment *posture_engine_assess_finish (GAsyncResult                *result,
                                                 GError                     **error);

G_END_DECLS
