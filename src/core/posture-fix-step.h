/* posture-fix-step.h: what a remediation plan does to one resource, and how it ended
 *
 * The planner fills in everything but the outcome; the runner (the tenant client) sets
 * the outcome as the service answers, and each change is notified, so the Fix dialog
 * can bind the properties and show progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-fix-request.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_FIX_ACTION_CHANGE,
  POSTURE_FIX_ACTION_SKIP,
} PostureFixAction;

/* DESIGN.md "Remediation": how a resource ended. NONE before the plan is carried out. */
typedef enum
{
  POSTURE_FIX_OUTCOME_NONE,
  POSTURE_FIX_OUTCOME_VERIFIED,   /* read back: the resource holds what was written */
  POSTURE_FIX_OUTCOME_PENDING,    /* accepted, still running: operation-url is kept */
  POSTURE_FIX_OUTCOME_FAILED,     /* the service refused, or the change did not show */
  POSTURE_FIX_OUTCOME_SKIPPED,    /* a precondition did not hold (the reason) */
} PostureFixOutcome;

/* POSTURE_TYPE_FIX_ACTION and POSTURE_TYPE_FIX_OUTCOME are in posture-enums.h. */
#define POSTURE_TYPE_FIX_STEP    (posture_fix_step_get_type ())

/* "change", "skip" */
const char *posture_fix_action_to_string     (PostureFixAction  action);
/* "verified", "pending", "failed", "skipped"; NULL for NONE */
const char *posture_fix_outcome_to_string    (PostureFixOutcome outcome);

G_DECLARE_FINAL_TYPE (PostureFixStep, posture_fix_step, POSTURE, FIX_STEP, GObject)

/* Properties (read-only but outcome, message, operation-url):
 *   resource-id    environment name, or the tenant id for a tenant-wide change
 *   name           display name
 *   action         PostureFixAction
 *   reason         translated: what will change, or which precondition skipped it
 *   preconditions  GStrv, translated: what was checked and found
 *   requests       GListModel of PostureFixRequest (empty for a skip)
 *   before, after  nullable, translated: the value before and after, where it helps
 *                  (the firewall's allow-list)
 *   outcome        PostureFixOutcome
 *   message        nullable: the service's words for failed, what was seen otherwise
 *   operation-url  nullable: the long-running operation to poll for pending */
const char         *posture_fix_step_get_resource_id   (PostureFixStep    *self);
const char         *posture_fix_step_get_name          (PostureFixStep    *self);
PostureFixAction    posture_fix_step_get_action        (PostureFixStep    *self);
const char         *posture_fix_step_get_reason        (PostureFixStep    *self);
const char * const *posture_fix_step_get_preconditions (PostureFixStep    *self);
GListModel         *posture_fix_step_get_requests      (PostureFixStep    *self);
const char         *posture_fix_step_get_before        (PostureFixStep    *self);
const char         *posture_fix_step_get_after         (PostureFixStep    *self);
PostureFixOutcome   posture_fix_step_get_outcome       (PostureFixStep    *self);
const char         *posture_fix_step_get_message       (PostureFixStep    *self);
const char         *posture_fix_step_get_operation_url (PostureFixStep    *self);

/* For the runner: the outcome as the service answered, and the operation a pending
 * change is waiting for. */
void                posture_fix_step_set_outcome       (PostureFixStep    *self,
                                                        PostureFixOutcome  outcome,
                                                        const char        *message);
void                posture_fix_step_set_operation_url (PostureFixStep    *self,
                                                        const char        *url);

G_END_DECLS
