/* posture-session.h: the tenant the window shows (a signed-in tenant or the demo),
 * its tenant client, the current snapshot and assessment, decisions, what-if and fixes
 * (one concern per file: see posture-session-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-assessment.h"
#include "posture-fix-runner.h"
#include "posture-remediation.h"
#include "posture-snapshot.h"
#include "posture-tenant.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_SESSION (posture_session_get_type ())

G_DECLARE_FINAL_TYPE (PostureSession, posture_session, POSTURE, SESSION, GObject)

/* Properties (read-only unless stated):
 *   demo (gboolean), title (tenant display name; "Contoso (demo)" for the demo),
 *   busy (gboolean: a read, re-assessment or fix is running),
 *   progress (PostureTenantProgress of the current or last read),
 *   snapshot (PostureSnapshot, nullable), assessment (PostureAssessment, nullable),
 *   profile (PostureProfile as guint, read-write: re-assesses),
 *   projected-percent (double, -1 when unknown), projected-level (PostureLevel as guint):
 *   the score if every planned control and every what-if control were fixed,
 *   what-if (GStrv: the controls simulated as fixed, sorted),
 *   error (GError boxed, nullable: why the last read failed),
 *   history (GListModel of PostureHistoryRecord, oldest first; a new one after
 *   "Reset Demo"). */
PostureSession      *posture_session_new_demo          (guint                  n_environments,
                                                        GError               **error);
PostureSession      *posture_session_new_for_client    (PostureTenantClient   *client,
                                                        const char            *title);
/* Opens a signed-in tenant: finds its credential in @store (the cloud and client id
 * it was signed in with), loads it, and makes a session for it. Nothing is read yet.
 * Errors: POSTURE_TOKEN_STORE_ERROR_NOT_FOUND when nothing is stored for @tenant. */
/* Starts opening a tenant's cached reading before there is a window (NULL drops it). */
void                 posture_session_prefetch          (const char            *tenant,
                                                        PostureProfile         profile);
void                 posture_session_new_for_tenant_async  (PostureTokenStore    *store,
                                                            const char           *tenant,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PostureSession      *posture_session_new_for_tenant_finish (GAsyncResult         *result,
                                                            GError              **error);
gboolean             posture_session_get_demo          (PostureSession        *self);
const char          *posture_session_get_title         (PostureSession        *self);
gboolean             posture_session_get_busy          (PostureSession        *self);
PostureTenantProgress *posture_session_get_progress    (PostureSession        *self);
PostureTenantClient *posture_session_get_client        (PostureSession        *self);
PostureSnapshot     *posture_session_get_snapshot      (PostureSession        *self);
PostureAssessment   *posture_session_get_assessment    (PostureSession        *self);
const GError        *posture_session_get_error         (PostureSession        *self);
PostureProfile       posture_session_get_profile       (PostureSession        *self);
void                 posture_session_set_profile       (PostureSession        *self,
                                                        PostureProfile         profile);
/* The demo server (NULL unless demo), for tests and "Reset demo". */
gpointer             posture_session_get_demo_server   (PostureSession        *self);

/* Shows @snapshot at once (e.g. the cached last reading) and assesses it. */
void                 posture_session_set_snapshot      (PostureSession        *self,
                                                        PostureSnapshot       *snapshot);

/* The score history of this tenant (GListModel of PostureHistoryRecord, oldest first);
 * a record is added after every read. */
GListModel          *posture_session_get_history       (PostureSession        *self);
/* "demo", or the tenant as typed: the key of its cache, history and decisions. */
const char          *posture_session_get_tenant_key    (PostureSession        *self);
/* Opens the last reading of this tenant from the cache and assesses it (offline start).
 * POSTURE_STORE_ERROR_NOT_FOUND when nothing is cached: read the tenant. What the first
 * frame does not need loads once a view has drawn the assessment and said so with
 * posture_session_shown(). */
void                 posture_session_shown             (PostureSession        *self);
void                 posture_session_load_cache_async  (PostureSession        *self,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean             posture_session_load_cache_finish (PostureSession        *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* Reads the tenant through the client, then assesses it; "assessment" changes. */
void                 posture_session_refresh_async     (PostureSession        *self,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean             posture_session_refresh_finish    (PostureSession        *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

/* Decisions: applied and re-assessed at once; for a signed-in tenant also saved in its
 * decisions store (the demo's stay in memory until "Reset demo"). */
PostureDecision     *posture_session_get_decision      (PostureSession        *self,
                                                        const char            *control_id);
void                 posture_session_set_decision      (PostureSession        *self,
                                                        const char            *control_id,
                                                        PostureDecisionStatus  status,
                                                        const char            *note,
                                                        const char            *owner,
                                                        GDateTime             *review);

/* What-if ("Simulate as fixed"); changes the projected score. */
gboolean             posture_session_get_what_if       (PostureSession        *self,
                                                        const char            *control_id);
GStrv                posture_session_dup_what_if       (PostureSession        *self);
void                 posture_session_set_what_if       (PostureSession        *self,
                                                        const char            *control_id,
                                                        gboolean               simulate);
void                 posture_session_get_projected_score (PostureSession      *self,
                                                        PostureScore          *score);

/* Fixes through the API: core plans them (posture-remediation.h), the tenant client's
 * runner carries them out, then the tenant is read again. The runner's properties
 * (n-done, n-total, current) follow a fix in progress. */
gboolean             posture_session_can_fix           (PostureSession        *self,
                                                        const char            *control_id);
PostureFixPlan      *posture_session_plan_fix          (PostureSession          *self,
                                                        const char              *control_id,
                                                        const PostureFixOptions *options,
                                                        GError                 **error);
PostureFixRunner    *posture_session_get_fix_runner    (PostureSession        *self);
void                 posture_session_fix_async         (PostureSession        *self,
                                                        PostureFixPlan        *plan,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean             posture_session_fix_finish        (PostureSession        *self,
                                                        GAsyncResult          *result,
                                                        PostureStatus         *out_status,
                                                        GError               **error);

/* Demo only: puts the demo tenant back in its weak initial state, forgets its
 * decisions, simulated fixes and score history, and reads it again. */
void                 posture_session_reset_demo_async  (PostureSession        *self,
                                                        GCancellable          *cancellable,
                                                        GAsyncReadyCallback    callback,
                                                        gpointer               user_data);
gboolean             posture_session_reset_demo_finish (PostureSession        *self,
                                                        GAsyncResult          *result,
                                                        GError               **error);

G_END_DECLS
