/* posture-training-store.h: training progress or reviews, kept in $XDG_DATA_HOME/posture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "posture-state-store.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_TRAINING_STORE_PROGRESS,  /* training-progress.json, "posture_training_progress": 1 */
  POSTURE_TRAINING_STORE_REVIEWS,   /* training-reviews.json, "posture_training_reviews": 1 */
} PostureTrainingStoreKind;

#define POSTURE_TYPE_TRAINING_STORE (posture_training_store_get_type ())

/* One of the two training files, a store of the one pattern (PostureStateStore). Its
 * contents are the file's "modules" object: module id → that module's entry
 * (posture-training-state.c reads and writes the entries). */
G_DECLARE_FINAL_TYPE (PostureTrainingStore, posture_training_store, POSTURE, TRAINING_STORE,
                      PostureStateStore)

PostureTrainingStore *posture_training_store_new         (PostureTrainingStoreKind  kind);
/* The entries after a load or an edit (transfer none); never NULL. */
JsonObject           *posture_training_store_get_modules (PostureTrainingStore     *self);
/* Sets or replaces the entry of @module_id under the lock. @entry_func builds it from
 * the current entry (nullable) on the worker thread; @now is the store's clock. */
typedef JsonObject *(*PostureTrainingEntryFunc) (JsonObject  *current,
                                                 gpointer     user_data,
                                                 GDateTime   *now);
gboolean              posture_training_store_set_entry   (PostureTrainingStore     *self,
                                                          const char               *module_id,
                                                          PostureTrainingEntryFunc  entry_func,
                                                          gpointer                  user_data,
                                                          GError                  **recovered,
                                                          GError                  **error);

G_END_DECLS
