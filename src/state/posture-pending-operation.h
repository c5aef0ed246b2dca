/* posture-pending-operation.h: a fix the service accepted and is still carrying out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_PENDING_OPERATION (posture_pending_operation_get_type ())

/* Immutable. Properties (read-only): control-id, resource-id (the environment name, or
 * the tenant id for a tenant control), resource-name (nullable: its display name when the
 * fix was made), operation-url (where to poll: the Location or
 * Operation-Location the service answered), started-at (GDateTime). */
G_DECLARE_FINAL_TYPE (PosturePendingOperation, posture_pending_operation, POSTURE,
                      PENDING_OPERATION, GObject)

PosturePendingOperation *posture_pending_operation_new (const char *control_id,
                                                        const char *resource_id,
                                                        const char *resource_name,
                                                        const char *operation_url,
                                                        GDateTime  *started_at);
const char *posture_pending_operation_get_control_id    (PosturePendingOperation *self);
const char *posture_pending_operation_get_resource_id   (PosturePendingOperation *self);
const char *posture_pending_operation_get_resource_name (PosturePendingOperation *self);
const char *posture_pending_operation_get_operation_url (PosturePendingOperation *self);
GDateTime  *posture_pending_operation_get_started_at    (PosturePendingOperation *self);

G_END_DECLS
