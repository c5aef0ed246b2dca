/* posture-session-demo.c: a workshop starts again from scratch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-session-private.h"

static void
posture_session_reset_read_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
posture_session_reset_history_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) read = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An empty history in place of the last workshop's, then the seed read again: its
   * record is the first of the new history. */
  _posture_session_open_history (self);
  read = g_task_new (self, g_task_get_cancellable (task), posture_session_reset_read_cb,
                     g_object_ref (task));
  _posture_session_read (self, read);
}

/**
 * posture_session_reset_demo_async:
 *
 * Puts the demo tenant back in its weak initial state, forgets the decisions, the
 * simulated fixes and the score history of the demo, and reads it again.
 */
void
posture_session_reset_demo_async (PostureSession      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_reset_demo_async);

  if (self->demo_server == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Only the demo tenant can be reset");
      return;
    }

  posture_demo_server_reset (self->demo_server);
  _posture_session_forget_decisions (self);
  _posture_session_forget_what_if (self);
  _posture_session_project (self);

  path = posture_history_dup_path (self->history);
  file = g_file_new_for_path (path);
  g_file_delete_async (file, G_PRIORITY_DEFAULT, cancellable,
                       posture_session_reset_history_cb, g_steal_pointer (&task));
}

gboolean
posture_session_reset_demo_finish (PostureSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_reset_demo_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
