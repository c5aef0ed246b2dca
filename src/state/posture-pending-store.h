/* posture-pending-store.h: fixes still being carried out, per tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-fix-plan.h"
#include "posture-pending-fix.h"
#include "posture-pending-operation.h"
#include "posture-state-list.h"

G_BEGIN_DECLS

#define POSTURE_PENDING_FORMAT_KEY     "posture_pending"
#define POSTURE_PENDING_FORMAT_VERSION 1

#define POSTURE_TYPE_PENDING_STORE (posture_pending_store_get_type ())

/* A fix that ended `pending` (DESIGN.md, Remediation) leaves its operation URL here; the
 * next reading of the tenant polls each one first, reports the outcome and removes it.
 * A GListModel of PosturePendingOperation (by control id, then resource id; at most one
 * per control and resource), stored in $XDG_DATA_HOME/posture/pending/<tenant>.json;
 * a store of the one pattern: load it with posture_state_store_load[_async]().
 * Properties: tenant-id (construct-only). */
G_DECLARE_FINAL_TYPE (PosturePendingStore, posture_pending_store, POSTURE, PENDING_STORE,
                      PostureStateList)

PosturePendingStore     *posture_pending_store_new           (const char           *tenant_id);
const char              *posture_pending_store_get_tenant_id (PosturePendingStore  *self);
/* (transfer none) (nullable) */
PosturePendingOperation *posture_pending_store_lookup        (PosturePendingStore  *self,
                                                              const char           *control_id,
                                                              const char           *resource_id);
/* Keeps an operation under the lock, replacing the one of the same control and resource.
 * @started_at NULL is the store's clock. Errors: G_IO_ERROR_INVALID_ARGUMENT (an empty or
 * overlong id, not UTF-8, or a URL that is not absolute http(s)); POSTURE_STORE_ERROR_IO. */
gboolean                 posture_pending_store_add           (PosturePendingStore  *self,
                                                              const char           *control_id,
                                                              const char           *resource_id,
                                                              const char           *operation_url,
                                                              GDateTime            *started_at,
                                                              GError              **error);
void                     posture_pending_store_add_async     (PosturePendingStore  *self,
                                                              const char           *control_id,
                                                              const char           *resource_id,
                                                              const char           *operation_url,
                                                              GDateTime            *started_at,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean                 posture_pending_store_add_finish    (PosturePendingStore  *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
/* Forgets the operation of @control_id and @resource_id (its outcome is known). None
 * there is not an error. */
gboolean                 posture_pending_store_remove        (PosturePendingStore  *self,
                                                              const char           *control_id,
                                                              const char           *resource_id,
                                                              GError              **error);
void                     posture_pending_store_remove_async  (PosturePendingStore  *self,
                                                              const char           *control_id,
                                                              const char           *resource_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean                 posture_pending_store_remove_finish (PosturePendingStore  *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* After a fix: keeps the operation of each step of @plan that ended pending (with the
 * resource's display name), in one write. Errors: as posture_pending_store_add(). */
gboolean                 posture_pending_store_keep_plan     (PosturePendingStore  *self,
                                                              PostureFixPlan       *plan,
                                                              GError              **error);
void                     posture_pending_store_keep_plan_async (PosturePendingStore *self,
                                                              PostureFixPlan       *plan,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean                 posture_pending_store_keep_plan_finish (PosturePendingStore *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* For the fix runner: the operations to poll (transfer full: PosturePendingFix, outcome
 * PENDING), then, with the outcomes it filled in, forget those settled in one write. */
GPtrArray               *posture_pending_store_dup_fixes     (PosturePendingStore  *self);
gboolean                 posture_pending_store_forget_settled (PosturePendingStore *self,
                                                               GPtrArray           *fixes,
                                                               GError             **error);
void                     posture_pending_store_forget_settled_async (PosturePendingStore *self,
                                                               GPtrArray           *fixes,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean                 posture_pending_store_forget_settled_finish (PosturePendingStore *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
