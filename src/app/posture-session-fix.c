/* posture-session-fix.c: fixes through the API, as core plans them and the tenant
 * client's runner carries them out, then a read to show what the service reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-remediation.h"
#include "posture-session-private.h"

/* The demo tenant answers at once: no need to wait between polls as on a real one. */
#define DEMO_POLL_INTERVAL_MS 200

PostureFixRunner *
posture_session_get_fix_runner (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  if (self->runner == NULL)
    {
      self->runner = posture_fix_runner_new (self->client);
      if (self->demo_server != NULL)
        g_object_set (self->runner,
                      "poll-interval", DEMO_POLL_INTERVAL_MS,
                      "retry-delay", DEMO_POLL_INTERVAL_MS,
                      "read-back-interval", DEMO_POLL_INTERVAL_MS,
                      NULL);
    }

  return self->runner;
}

/**
 * posture_session_can_fix:
 *
 * Returns: whether @control_id has a fix through the API and something left to fix
 *   in the current assessment
 */
gboolean
posture_session_can_fix (PostureSession *self,
                         const char     *control_id)
{
  PostureControlResult *result;
  PostureStatus status;

  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (control_id != NULL, FALSE);

  if (self->assessment == NULL || self->snapshot == NULL ||
      !posture_remediation_has_api_fix (control_id) ||
      (result = posture_assessment_lookup (self->assessment, control_id)) == NULL)
    return FALSE;

  status = posture_control_result_get_status (result);
  return status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL;
}

/**
 * posture_session_plan_fix:
 * @options: (nullable): the admin's inputs (the allow-list, the sharing limit, …)
 *
 * Returns: (transfer full): core's plan for @control_id on the reading shown, or
 *   %NULL with @error (POSTURE_FIX_ERROR_*: an input missing or refused, nothing to
 *   fix through the API)
 */
PostureFixPlan *
posture_session_plan_fix (PostureSession           *self,
                          const char               *control_id,
                          const PostureFixOptions  *options,
                          GError                  **error)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->assessment == NULL || self->snapshot == NULL)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NOT_ASSESSED,
                   "The tenant has not been read yet");
      return NULL;
    }

  return posture_remediation_plan (self->snapshot, self->assessment, control_id, options, error);
}

static void
posture_session_fix_reread_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  PostureFixPlan *plan = g_task_get_task_data (task);
  PostureControlResult *control;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  control =
      self->assessment != NULL ?
          posture_assessment_lookup (self->assessment, posture_fix_plan_get_control_id (plan)) :
          NULL;
  g_task_return_int (task, control != NULL ? (gssize) posture_control_result_get_status (control)
                                           : (gssize) POSTURE_STATUS_UNKNOWN);
}

static void
posture_session_fix_reread (GTask *task)
{
  PostureSession *self = g_task_get_source_object (task);
  g_autoptr(GTask) reread = NULL;

  /* Read again, so that what is shown is what the service reports. */
  reread = g_task_new (self, g_task_get_cancellable (task), posture_session_fix_reread_cb,
                       g_object_ref (task));
  _posture_session_read (self, reread);
}

static void
posture_session_fix_kept_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_pending_store_keep_plan_finish (POSTURE_PENDING_STORE (object), result, &error))
    g_warning ("The changes still being carried out were not kept for the next reading: %s",
               error->message);
  posture_session_fix_reread (task);
}

static void
posture_session_fix_run_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  PostureFixPlan *plan = g_task_get_task_data (task);
  PosturePendingStore *store;

  _posture_session_release (self);

  if (!posture_fix_runner_run_finish (POSTURE_FIX_RUNNER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What the service is still carrying out is followed on the next reading: kept with
   * the tenant's state, or, for the demo (whose changes end with it), in memory. */
  if ((store = _posture_session_get_pending_store (self)) != NULL)
    {
      posture_pending_store_keep_plan_async (store, plan, NULL, posture_session_fix_kept_cb,
                                             g_steal_pointer (&task));
      return;
    }
  pending = posture_fix_plan_dup_pending (plan);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    g_ptr_array_add (self->pending, posture_pending_fix_copy (g_ptr_array_index (pending, i)));
  posture_session_fix_reread (task);
}

/**
 * posture_session_fix_async:
 * @plan: a plan from posture_session_plan_fix()
 *
 * Carries @plan out (every step gets its outcome: the dialog shows them), then reads
 * the tenant again. Finishes with the control's status after that reading.
 */
void
posture_session_fix_async (PostureSession      *self,
                           PostureFixPlan      *plan,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (POSTURE_IS_FIX_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_fix_async);
  g_task_set_task_data (task, g_object_ref (plan), g_object_unref);

  _posture_session_hold (self);
  posture_fix_runner_run_async (posture_session_get_fix_runner (self), plan, cancellable,
                                posture_session_fix_run_cb, g_steal_pointer (&task));
}

gboolean
posture_session_fix_finish (PostureSession  *self,
                            GAsyncResult    *result,
                            PostureStatus   *out_status,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize status;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_fix_async,
                        FALSE);

  status = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_status != NULL)
    *out_status = (PostureStatus) status;

  return TRUE;
}

/* Before a reading: one poll of each change the service was still carrying out, so
 * that the reading shows it if it has landed. Failures leave it for the next time. The
 * store is loaded again each time: a `posture-cli fix` may have added to it. */

PosturePendingStore *
_posture_session_get_pending_store (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  if (self->demo_server != NULL || self->tenant_key == NULL)
    return NULL;
  if (self->pending_store == NULL)
    self->pending_store = posture_pending_store_new (self->tenant_key);
  return self->pending_store;
}

gboolean
_posture_session_has_pending (PostureSession *self)
{
  return _posture_session_get_pending_store (self) != NULL || self->pending->len > 0;
}

static void
posture_session_pending_forgotten_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_pending_store_forget_settled_finish (POSTURE_PENDING_STORE (object), result,
                                                    &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The ended changes are still listed as pending: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
posture_session_poll_pending_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  PosturePendingStore *store = _posture_session_get_pending_store (self);
  GCancellable *cancellable;

  left = posture_fix_runner_poll_pending_finish (POSTURE_FIX_RUNNER (object), result, &error);
  if (left == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Cannot follow the pending changes: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_set_size (self->pending, 0);
  for (guint i = 0; i < left->len; i++)
    {
      PosturePendingFix *fix = g_ptr_array_index (left, i);

      if (fix->outcome == POSTURE_FIX_OUTCOME_PENDING)
        {
          if (store == NULL)
            g_ptr_array_add (self->pending, posture_pending_fix_copy (fix));
        }
      else
        g_debug ("The change of %s on %s ended %s%s%s", fix->control_id, fix->resource_id,
                 posture_fix_outcome_to_string (fix->outcome),
                 fix->message != NULL ? ": " : "", fix->message != NULL ? fix->message : "");
    }

  if (store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  posture_pending_store_forget_settled_async (store, left, cancellable,
                                              posture_session_pending_forgotten_cb,
                                              g_steal_pointer (&task));
}

static void
posture_session_poll (PostureSession *self,
                      GPtrArray      *pending,
                      GTask          *task)
{
  if (pending->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  posture_fix_runner_poll_pending_async (posture_session_get_fix_runner (self), pending,
                                         g_task_get_cancellable (task),
                                         posture_session_poll_pending_cb, g_object_ref (task));
}

static void
posture_session_pending_loaded_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);

  if (!posture_state_store_load_finish (POSTURE_STATE_STORE (object), result, &recovered,
                                        &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_warning ("The changes still being carried out cannot be read: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (recovered != NULL)
    g_warning ("%s", recovered->message);

  pending = posture_pending_store_dup_fixes (POSTURE_PENDING_STORE (object));
  posture_session_poll (self, pending, task);
}

void
_posture_session_poll_pending (PostureSession *self,
                               GTask          *task)
{
  g_autoptr(GPtrArray) pending = NULL;
  PosturePendingStore *store = _posture_session_get_pending_store (self);

  if (store != NULL)
    {
      posture_state_store_load_async (POSTURE_STATE_STORE (store), g_task_get_cancellable (task),
                                      posture_session_pending_loaded_cb, g_object_ref (task));
      return;
    }

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_pending_fix_free);
  for (guint i = 0; i < self->pending->len; i++)
    g_ptr_array_add (pending, posture_pending_fix_copy (g_ptr_array_index (self->pending, i)));
  posture_session_poll (self, pending, task);
}
