/* posture-decision-store.h: decisions and notes per tenant, with their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-decision.h"
#include "posture-state-list.h"

G_BEGIN_DECLS

#define POSTURE_DECISIONS_FORMAT_KEY     "posture_decisions"
#define POSTURE_DECISIONS_FORMAT_VERSION 1
/* Longest note kept, in bytes. */
#define POSTURE_DECISION_NOTE_MAX        8192

#define POSTURE_TYPE_DECISION_STORE (posture_decision_store_get_type ())

/* A GListModel of PostureDecision (by control id, then resource id; the tenant-wide
 * decision of a control before its per-resource ones). Stored in
 * $XDG_DATA_HOME/posture/decisions/<tenant>.json. The PostureDecision objects it hands
 * out are never modified afterwards: a change replaces them, so they may be given to
 * posture_engine_assess_async() on a worker thread. A store of the one pattern
 * (PostureStateStore). Properties: tenant-id (construct-only). */
G_DECLARE_FINAL_TYPE (PostureDecisionStore, posture_decision_store, POSTURE, DECISION_STORE,
                      PostureStateList)

PostureDecisionStore *posture_decision_store_new         (const char            *tenant_id);
const char           *posture_decision_store_get_tenant_id (PostureDecisionStore *self);
char                 *posture_decision_store_dup_path    (PostureDecisionStore  *self);
/* A damaged or newer file is moved aside: the call succeeds with no decisions and
 * @recovered says what happened (report it once). */
gboolean              posture_decision_store_load        (PostureDecisionStore  *self,
                                                          GError               **recovered,
                                                          GError               **error);
void                  posture_decision_store_load_async  (PostureDecisionStore  *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              posture_decision_store_load_finish (PostureDecisionStore  *self,
                                                          GAsyncResult          *result,
                                                          GError               **recovered,
                                                          GError               **error);
/* (transfer none) (nullable) */
PostureDecision      *posture_decision_store_lookup      (PostureDecisionStore  *self,
                                                          const char            *control_id,
                                                          const char            *resource_id);
/* For PostureAssessOptions.decisions: key "control" or "control/resource", value a
 * PostureDecision (transfer full: unref the table). */
GHashTable           *posture_decision_store_dup_table   (PostureDecisionStore  *self);

/* Records a decision under the file lock (merging what another process stored meanwhile):
 * the change (from the current status to @status, with @note, @author and the time) is
 * added to its history. @resource_id NULL decides for the whole control. @owner and @due:
 * NULL keeps what was set, "" / a NULL-date-with-@clear_due clears it. @when NULL is the
 * store's clock (posture_state_store_set_now()).
 * Errors: G_IO_ERROR_INVALID_ARGUMENT for an empty control id or a note too long or not
 * UTF-8; POSTURE_STORE_ERROR_IO when it cannot be saved (the stored decisions are kept). */
typedef struct
{
  const char            *control_id;
  const char            *resource_id;  /* nullable */
  PostureDecisionStatus  status;
  const char            *note;         /* nullable */
  const char            *author;       /* nullable */
  const char            *owner;        /* nullable: keep; "": clear */
  GDateTime             *due;          /* nullable: keep unless clear_due */
  gboolean               clear_due;
  GDateTime             *when;         /* nullable: now */
} PostureDecisionRequest;

gboolean              posture_decision_store_decide      (PostureDecisionStore         *self,
                                                          const PostureDecisionRequest *request,
                                                          GError                      **recovered,
                                                          GError                      **error);
void                  posture_decision_store_decide_async  (PostureDecisionStore         *self,
                                                          const PostureDecisionRequest *request,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);
gboolean              posture_decision_store_decide_finish (PostureDecisionStore         *self,
                                                          GAsyncResult                 *result,
                                                          GError                      **error);

/* A due date as YYYY-MM-DD (strict), as midnight UTC; NULL when invalid. */
GDateTime            *posture_decision_store_parse_date  (const char            *text);

G_END_DECLS
