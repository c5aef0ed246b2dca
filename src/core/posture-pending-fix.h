/* posture-pending-fix.h: a change the service accepted and is still carrying out
 *
 * A fix that ends pending leaves one of these per resource: the state helper keeps
 * them with the tenant's state, and the next reading hands them to
 * posture_fix_runner_poll_pending_async() first, which fills in the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-fix-step.h"

G_BEGIN_DECLS

typedef struct
{
  char              *control_id;
  char              *resource_id;     /* environment name, or the tenant id */
  char              *operation_url;   /* absolute: where the operation's state is read */
  /* After polling: VERIFIED (the operation succeeded), FAILED (the service's words in
   * message), SKIPPED (its URL is not on this tenant's service), or still PENDING. */
  PostureFixOutcome  outcome;
  char              *message;
} PosturePendingFix;

#define POSTURE_TYPE_PENDING_FIX (posture_pending_fix_get_type ())

GType              posture_pending_fix_get_type (void) G_GNUC_CONST;
PosturePendingFix *posture_pending_fix_new      (const char              *control_id,
                                                 const char              *resource_id,
                                                 const char              *operation_url);
PosturePendingFix *posture_pending_fix_copy     (const PosturePendingFix *self);
void               posture_pending_fix_free     (PosturePendingFix       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosturePendingFix, posture_pending_fix_free)

G_END_DECLS
