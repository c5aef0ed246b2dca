/* posture-history.h: one record per assessment, kept per tenant in $XDG_DATA_HOME/posture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_HISTORY_FORMAT_KEY     "posture_history"
#define POSTURE_HISTORY_FORMAT_VERSION 1

/* One control in a record. Statuses are kept as their stable strings (DESIGN.md) so that
 * a record written by a later catalog still reads. */
typedef struct
{
  char   *id;
  char   *status;       /* pass, fail, partial, not-applicable, unknown, manual */
  guint   earned;
  guint   possible;
  GStrv   failing;      /* ids of the resources that failed (never NULL) */
} PostureHistoryControl;

#define POSTURE_TYPE_HISTORY_RECORD (posture_history_record_get_type ())

G_DECLARE_FINAL_TYPE (PostureHistoryRecord, posture_history_record, POSTURE, HISTORY_RECORD, GObject)

/* Properties (read-only): assessed-at (GDateTime), profile (string), percent (double, -1
 * when nothing was possible), level (string: low, medium, high, unknown), earned,
 * possible (guint), n-controls (guint). */
PostureHistoryRecord *posture_history_record_new_from_json      (JsonNode              *node,
                                                                 GError               **error);
/* From DESIGN.md's `assess --format json` object. */
PostureHistoryRecord *posture_history_record_new_from_assessment_json (JsonNode        *node,
                                                                 GError               **error);
PostureHistoryRecord *posture_history_record_new_from_assessment (PostureAssessment    *assessment);
JsonNode             *posture_history_record_to_json            (PostureHistoryRecord  *self);
GDateTime            *posture_history_record_get_assessed_at    (PostureHistoryRecord  *self);
const char           *posture_history_record_get_profile        (PostureHistoryRecord  *self);
double                posture_history_record_get_percent        (PostureHistoryRecord  *self);
PostureLevel          posture_history_record_get_level          (PostureHistoryRecord  *self);
guint                 posture_history_record_get_earned         (PostureHistoryRecord  *self);
guint                 posture_history_record_get_possible       (PostureHistoryRecord  *self);
guint                 posture_history_record_get_n_controls     (PostureHistoryRecord  *self);
const PostureHistoryControl *posture_history_record_get_control (PostureHistoryRecord  *self,
                                                                 guint                  position);
/* Every resource (environment) id the assessment covered, sorted. */
const char * const   *posture_history_record_get_resources      (PostureHistoryRecord  *self);
const PostureHistoryControl *posture_history_record_lookup_control (PostureHistoryRecord *self,
                                                                 const char            *control_id);

#define POSTURE_TYPE_HISTORY (posture_history_get_type ())

/* A tenant's history: a GListModel of PostureHistoryRecord, oldest first.
 * Properties: tenant-id (construct-only), retention-days (guint: records older than this
 * are dropped on the next append; 0 keeps all). */
G_DECLARE_FINAL_TYPE (PostureHistory, posture_history, POSTURE, HISTORY, GObject)

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
/* Reads the file. A damaged or newer file is moved aside: the call then succeeds with an
 * empty history and @recovered says what happened (report it once). */
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
/* Adds a record under the file lock, merging what another process wrote meanwhile,
 * applies the retention, saves atomically and updates the model. An identical record
 * (same time and profile) is not added twice. */
gboolean              posture_history_append             (PostureHistory        *self,
                                                          PostureHistoryRecord  *record,
                                                          GError               **recovered,
                                                          GError               **error);
void                  posture_history_append_async       (PostureHistory        *self,
                                                          PostureHistoryRecord  *record,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              posture_history_append_finish      (PostureHistory        *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);
/* transfer none; NULL when there are fewer records. */
PostureHistoryRecord *posture_history_get_latest         (PostureHistory        *self);
PostureHistoryRecord *posture_history_get_previous       (PostureHistory        *self);
/* The whole history as text (a table), JSON (the file's own format) or CSV (one row per
 * record, then the controls' statuses as columns). */
char                 *posture_history_format             (PostureHistory        *self,
                                                          PostureHistoryFormat   format);
gboolean              posture_history_format_from_string (const char            *text,
                                                          PostureHistoryFormat  *format);

G_END_DECLS
