/* posture-fix-runner-pending.c: the operations a fix left pending, on the next reading
 *
 * One poll of each, in turn, read as the runner reads a poll while it follows an
 * operation (posture-fix-runner-operation.c). The caller's list is left as it is: the
 * answer is a copy with the outcomes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-fix-runner-private.h"
#include "posture-tenant-error.h"

typedef struct
{
  GPtrArray *items;   /* of PosturePendingFix, copies */
  guint      next;
} PollData;

static void
poll_data_free (gpointer user_data)
{
  PollData *data = user_data;

  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static void poll_next (GTask *task);

/* Takes @message. */
static void
poll_set (PosturePendingFix *item,
          PostureFixOutcome  outcome,
          char              *message)
{
  item->outcome = outcome;
  g_free (item->message);
  item->message = message;
}

/* The outcome the operation's answer says. */
static void
poll_set_answer (PosturePendingFix   *item,
                 PostureHttpResponse *response)
{
  char *message = NULL;

  switch (_posture_fix_runner_read_operation (response, &message))
    {
    case POSTURE_FIX_OPERATION_RUNNING:
      poll_set (item, POSTURE_FIX_OUTCOME_PENDING,
                g_strdup (_("The service is still carrying out the change")));
      break;

    case POSTURE_FIX_OPERATION_SUCCEEDED:
      poll_set (item, POSTURE_FIX_OUTCOME_VERIFIED,
                g_strdup (_("The service finished the change (the operation succeeded)")));
      break;

    case POSTURE_FIX_OPERATION_GONE:
      poll_set (item, POSTURE_FIX_OUTCOME_VERIFIED,
                g_strdup (_("The service no longer lists the operation: it is over, and this "
                            "reading shows the result")));
      break;

    case POSTURE_FIX_OPERATION_FAILED:
    case POSTURE_FIX_OPERATION_REFUSED:
    default:
      poll_set (item, POSTURE_FIX_OUTCOME_FAILED, g_steal_pointer (&message));
      break;
    }

  g_free (message);
}

static void
pending_polled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  PosturePendingFix *item = g_ptr_array_index (data->items, data->next);
  g_autoptr(PostureHttpResponse) response = NULL;
  GError *error = NULL;

  response = _posture_fix_runner_send_finish (POSTURE_FIX_RUNNER (object), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      /* Not on this tenant's service (another cloud or base URL, or a URL no fix kept):
       * it can never be read here, so it is not followed any longer. */
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST))
        /* TRANSLATORS: %s says why the operation's URL is refused */
        poll_set (item, POSTURE_FIX_OUTCOME_SKIPPED,
                  g_strdup_printf (_("Not followed any longer: its operation is not on this "
                                     "tenant's service (%s)"), error->message));
      else
        /* TRANSLATORS: %s says why the operation could not be read */
        poll_set (item, POSTURE_FIX_OUTCOME_PENDING,
                  g_strdup_printf (_("Still pending: its operation could not be read (%s)"),
                                   error->message));
      g_error_free (error);
    }
  else
    poll_set_answer (item, response);

  data->next++;
  poll_next (g_steal_pointer (&task));
}

static void
poll_next (GTask *task)
{
  PostureFixRunner *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  PosturePendingFix *item;

  if (data->next >= data->items->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->items),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  item = g_ptr_array_index (data->items, data->next);
  _posture_fix_runner_send_async (self, "GET", item->operation_url, NULL,
                                  g_task_get_cancellable (task), pending_polled_cb, task);
}

void
posture_fix_runner_poll_pending_async (PostureFixRunner    *self,
                                       GPtrArray           *pending,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PollData *data;

  g_return_if_fail (POSTURE_IS_FIX_RUNNER (self));
  g_return_if_fail (pending != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_fix_runner_poll_pending_async);
  data = g_new0 (PollData, 1);
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_pending_fix_free);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (data->items, posture_pending_fix_copy (g_ptr_array_index (pending, i)));
  g_task_set_task_data (task, data, poll_data_free);

  _posture_fix_runner_sync_deadline (self);
  poll_next (g_steal_pointer (&task));
}

GPtrArray *
posture_fix_runner_poll_pending_finish (PostureFixRunner  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_fix_runner_poll_pending_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
