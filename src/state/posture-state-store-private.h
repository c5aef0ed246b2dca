/* posture-state-store-private.h: what the stores of src/state build on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-state-store.h"

G_BEGIN_DECLS

/* Runs on a worker thread (or the caller's, for the synchronous form) with the file's
 * lock held, on contents just read from disk that no other thread sees: change them in
 * place. @now is the store's clock. Return FALSE with @error to leave the file as it
 * was. */
typedef gboolean (*PostureStateEditFunc) (PostureStateStore  *self,
                                          gpointer            contents,
                                          gpointer            edit_data,
                                          GDateTime          *now,
                                          GError            **error);

/* Read-modify-write under the lock (merging what another process stored meanwhile);
 * then @apply. */
gboolean _posture_state_store_edit        (PostureStateStore     *self,
                                           PostureStateEditFunc   func,
                                           gpointer               edit_data,
                                           GError               **recovered,
                                           GError               **error);
void     _posture_state_store_edit_async  (PostureStateStore     *self,
                                           PostureStateEditFunc   func,
                                           gpointer               edit_data,
                                           GDestroyNotify         edit_data_free,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean _posture_state_store_edit_finish (PostureStateStore     *self,
                                           GAsyncResult          *result,
                                           GError               **recovered,
                                           GError               **error);
/* Writes @contents (transfer full) in place of what is stored, without reading it. */
gboolean _posture_state_store_save        (PostureStateStore     *self,
                                           gpointer               contents,
                                           GError               **error);
void     _posture_state_store_save_async  (PostureStateStore     *self,
                                           gpointer               contents,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean _posture_state_store_save_finish (PostureStateStore     *self,
                                           GAsyncResult          *result,
                                           GError               **error);

/* The file's document for @contents, as the default writing stores it. */
JsonNode *_posture_state_store_to_json    (PostureStateStore     *self,
                                           gpointer               contents);

G_END_DECLS
