/* posture-fix-plan.h: a control's remediation plan (DESIGN.md "Remediation")
 *
 * Made by posture_remediation_plan() from a snapshot and the engine's assessment of it;
 * shown as it is by the Fix dialog and `posture-cli fix`; carried out step by step by
 * the tenant client's PostureFixRunner, which sets each step's outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-fix-step.h"
#include "posture-pending-fix.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_FIX_PLAN (posture_fix_plan_get_type ())

G_DECLARE_FINAL_TYPE (PostureFixPlan, posture_fix_plan, POSTURE, FIX_PLAN, GObject)

/* Properties (read-only):
 *   control-id  the control the plan fixes
 *   summary     translated: one sentence, what the plan does and where
 *   risks       GStrv, translated: what could go wrong
 *   steps       GListModel of PostureFixStep, one per resource
 *   n-changes   steps that write
 *   n-skipped   steps a precondition skips */
const char         *posture_fix_plan_get_control_id    (PostureFixPlan    *self);
const char         *posture_fix_plan_get_summary       (PostureFixPlan    *self);
const char * const *posture_fix_plan_get_risks         (PostureFixPlan    *self);
GListModel         *posture_fix_plan_get_steps         (PostureFixPlan    *self);
guint               posture_fix_plan_get_n_changes     (PostureFixPlan    *self);
guint               posture_fix_plan_get_n_skipped     (PostureFixPlan    *self);
/* How many steps ended with @outcome. */
guint               posture_fix_plan_count_outcome     (PostureFixPlan    *self,
                                                        PostureFixOutcome  outcome);

/* The snapshot as it would read once every change step is verified: each change is
 * applied to a copy of @snapshot's raw JSON, which the core's parser reads again. The
 * engine's assessment of it is the exact what-if, side effects on other controls
 * included. Errors: POSTURE_FIX_ERROR_NEEDS_DOCUMENT (@snapshot has no raw document),
 * POSTURE_FIX_ERROR_PROJECTION (the projected document does not load; a defect), or the
 * parser's. */
PostureSnapshot    *posture_fix_plan_project           (PostureFixPlan    *self,
                                                        PostureSnapshot   *snapshot,
                                                        GError           **error);

/* DESIGN.md's `fix --format json` object: {"control","dry_run","summary","risks",
 * "resources":[{"id","name","action","reason","preconditions","before","after",
 * "requests":[{"method","url","body"}],"result","message","operation_url"}]}.
 * "result" and "message" are null in a dry run. @bap_base, @graph_base: the cloud's
 * base URLs (posture_fix_request_dup_url()). */
JsonNode           *posture_fix_plan_to_json           (PostureFixPlan    *self,
                                                        const char        *bap_base,
                                                        const char        *graph_base,
                                                        gboolean           dry_run);

/* (element-type PosturePendingFix) (transfer full): one entry per step that ended
 * pending, for the state helper to keep until the next reading. */
GPtrArray          *posture_fix_plan_dup_pending       (PostureFixPlan    *self);

G_END_DECLS
