/* posture-fix-runner.h: carries out a remediation plan as the real service answers
 *
 * Resource by resource (a few at a time), the runner sends each step's write, follows
 * a long-running operation (202 + Location or Operation-Location, polled at the pace
 * Retry-After asks, within a bounded wait), handles 409 (the environment is read again;
 * at most 5 retries, then an explanation), retries only what is safe to send twice
 * (PUT, PATCH, tenant settings; a DLP create or a governance POST is first looked for),
 * and reads the resource back until it holds the change. Each step ends verified,
 * pending (its operation URL kept), failed (the service's words) or skipped (the
 * planner's reason), and its "outcome" and "message" are notified as that happens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-fix-plan.h"
#include "posture-pending-fix.h"
#include "posture-tenant-client.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_FIX_RUNNER (posture_fix_runner_get_type ())

G_DECLARE_FINAL_TYPE (PostureFixRunner, posture_fix_runner, POSTURE, FIX_RUNNER, GObject)

/* Properties:
 *   client              PostureTenantClient (construct-only)
 *   plan                the PostureFixPlan being or last carried out (read-only)
 *   current             the PostureFixStep most recently started (read-only)
 *   running             gboolean (read-only)
 *   n-done, n-total     steps finished, steps in the plan (read-only)
 *   operation-wait      seconds a long-running operation is followed before the step is
 *                       left pending with its operation URL (default 300)
 *   poll-interval       ms between two polls when the service does not say (default 5000;
 *                       a Retry-After asks for longer, never shorter)
 *   retry-delay         ms to wait before retrying after a 409 or a failure the service
 *                       gave no Retry-After for (default 10000)
 *   read-back-interval  ms between two reads of a resource that does not show the change
 *                       yet (default 2000; 5 reads at most)
 * The whole run is bounded by the client's PostureOAuth time limit
 * (posture_oauth_set_timeout(): `--timeout`); a step still waiting on an operation then
 * ends pending, others fail saying the time ran out. */
PostureFixRunner *posture_fix_runner_new                 (PostureTenantClient  *client);
PostureTenantClient *posture_fix_runner_get_client       (PostureFixRunner     *self);
PostureFixPlan   *posture_fix_runner_get_plan            (PostureFixRunner     *self);
PostureFixStep   *posture_fix_runner_get_current         (PostureFixRunner     *self);
gboolean          posture_fix_runner_get_running         (PostureFixRunner     *self);
guint             posture_fix_runner_get_n_done          (PostureFixRunner     *self);
guint             posture_fix_runner_get_n_total         (PostureFixRunner     *self);

/* The absolute URL of @request in this client's cloud (the plan's JSON and the Fix
 * dialog show these). Returns: (transfer full). */
char             *posture_fix_runner_dup_url             (PostureFixRunner     *self,
                                                          PostureFixRequest    *request);
/* posture_fix_plan_to_json() with this client's cloud. Returns: (transfer full). */
JsonNode         *posture_fix_runner_plan_to_json        (PostureFixRunner     *self,
                                                          PostureFixPlan       *plan,
                                                          gboolean              dry_run);

/* Carries @plan out, setting every step's outcome. Finishes TRUE when every step has
 * one (failures are outcomes, not errors); FALSE only when cancelled
 * (G_IO_ERROR_CANCELLED: the steps not finished keep POSTURE_FIX_OUTCOME_NONE) or when
 * the runner is busy with another plan (G_IO_ERROR_BUSY). */
void              posture_fix_runner_run_async           (PostureFixRunner     *self,
                                                          PostureFixPlan       *plan,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          posture_fix_runner_run_finish          (PostureFixRunner     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* The next reading's first step: one poll of each operation left pending
 * (@pending: element-type PosturePendingFix, as posture_fix_plan_dup_pending() gave
 * and the state kept). Returns: (transfer full) (element-type PosturePendingFix): a
 * copy of each with its outcome: VERIFIED (the operation succeeded, or the service no
 * longer lists it; this reading shows the result), FAILED (the service's words),
 * SKIPPED (its URL is not on this tenant's service: it can never be read here), or
 * still PENDING (keep it for the next reading). */
void              posture_fix_runner_poll_pending_async  (PostureFixRunner     *self,
                                                          GPtrArray            *pending,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray        *posture_fix_runner_poll_pending_finish (PostureFixRunner     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
