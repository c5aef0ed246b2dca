/* posture-pending-fix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-pending-fix"

#include "config.h"

#include "posture-pending-fix.h"

G_DEFINE_BOXED_TYPE (PosturePendingFix, posture_pending_fix,
                     posture_pending_fix_copy, posture_pending_fix_free)

/**
 * posture_pending_fix_new:
 *
 * Returns: (transfer full): a pending fix, outcome PENDING
 */
PosturePendingFix *
posture_pending_fix_new (const char *control_id,
                         const char *resource_id,
                         const char *operation_url)
{
  PosturePendingFix *self;

  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);
  g_return_val_if_fail (operation_url != NULL, NULL);

  self = g_new0 (PosturePendingFix, 1);
  self->control_id = g_strdup (control_id);
  self->resource_id = g_strdup (resource_id);
  self->operation_url = g_strdup (operation_url);
  self->outcome = POSTURE_FIX_OUTCOME_PENDING;
  return self;
}

PosturePendingFix *
posture_pending_fix_copy (const PosturePendingFix *self)
{
  PosturePendingFix *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = posture_pending_fix_new (self->control_id, self->resource_id, self->operation_url);
  copy->outcome = self->outcome;
  copy->message = g_strdup (self->message);
  return copy;
}

void
posture_pending_fix_free (PosturePendingFix *self)
{
  if (self == NULL)
    return;

  g_free (self->control_id);
  g_free (self->resource_id);
  g_free (self->operation_url);
  g_free (self->message);
  g_free (self);
}
