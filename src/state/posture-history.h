/* posture-history.h: one record per reading, kept per tenant in $XDG_DATA_HOME/posture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-diff.h"
#include "posture-history-record.h"
#include "posture-state-list.h"

G_BEGIN_DECLS

#define POSTURE_HISTORY_FORMAT_KEY     "posture_history"
#define POSTURE_HISTORY_FORMAT_VERSION 2

#define POSTURE_TYPE_HISTORY (posture_history_get_type ())

/* A tenant's history: a GListModel of PostureHistoryRecord, one per reading, oldest
 * first (by time, then by sequence). Properties: tenant-id (construct-only),
 * retention-days (guint: records older than this are dropped on the next append; 0
 * keeps all). The store's clock (posture_state_store_set_now()) decides the retention. */
G_DECLARE_FINAL_TYPE (PostureHistory, posture_history, POSTURE, HISTORY, PostureStateList)

typedef enum
{
  POSTURE_HISTORY_FORMAT_TEXT,
  POSTURE_HISTORY_FORMAT_JSON,
  POSTURE_HISTORY_FORMAT_CSV,
} PostureHistoryFormat;

PostureHistory       *posture_history_new                (const char            *tenant_id);
const char           *posture_history_get_tenant_id      (PostureHistory        *self);
/* The file: $XDG_DATA_HOME/posture/history/<tenant>.json (transfer full). */
char                 *posture_history_dup_path           (PostureHistory        *self);
guint                 posture_history_get_retention_days (PostureHistory        *self);
void                  posture_history_set_retention_days (PostureHistory        *self,
                                                          guint                  days);
/* Reads the file (posture_state_store_load()). A damaged or newer file is moved aside:
 * the call then succeeds with an empty history and @recovered says what happened
 * (report it once); damaged records among good ones are moved to a side file. Files
 * of format 1 (one record per second, no sequence) are read and numbered in order. */
gboolean              posture_history_load               (PostureHistory        *self,
                                                          GError               **recovered,
                                                          GError               **error);
void                  posture_history_load_async         (PostureHistory        *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              posture_history_load_finish        (PostureHistory        *self,
                                                          GAsyncResult          *result,
                                                          GError               **recovered,
                                                          GError               **error);
/* Adds a reading under the file lock, merging what another process wrote meanwhile: it
 * gets the next sequence number of the tenant. Two readings are never merged, however
 * close in time; only the same reading recorded twice (same time to the microsecond,
 * profile and results: an import repeated) is kept once. Applies the retention, saves
 * atomically and updates the model. */
gboolean              posture_history_append             (PostureHistory        *self,
                                                          PostureHistoryRecord  *record,
                                                          GError               **recovered,
                                                          GError               **error);
void                  posture_history_append_async       (PostureHistory        *self,
                                                          PostureHistoryRecord  *record,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
/* A damaged file found during the append was moved aside: that is reported by the
 * store's "recovered" signal, not failed. */
gboolean              posture_history_append_finish      (PostureHistory        *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
/* transfer none; NULL when there are fewer records. The previous record is the reading
 * before the latest one. */
PostureHistoryRecord *posture_history_get_latest         (PostureHistory        *self);
PostureHistoryRecord *posture_history_get_previous       (PostureHistory        *self);
/* For the app after a refresh: TRUE when the latest record, compared with the one
 * before it, lost score or has a control that regressed (send a GNotification). When
 * @out_diff is given it receives that diff (NULL with fewer than two records). */
gboolean              posture_history_latest_regressed   (PostureHistory        *self,
                                                          PostureDiff          **out_diff);
/* The whole history as text (a table), JSON (the file's own format) or CSV (one row per
 * record, then the controls' statuses as columns). */
char                 *posture_history_format             (PostureHistory        *self,
                                                          PostureHistoryFormat   format);
gboolean              posture_history_format_from_string (const char            *text,
                                                          PostureHistoryFormat  *format);

G_END_DECLS
