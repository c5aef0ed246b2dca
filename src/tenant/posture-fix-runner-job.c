/* posture-fix-runner-job.c: one step of a plan, carried out
 *
 * Each of the step's requests in turn: the write, then what its answer leads to (a
 * success is read back; a 202 is followed; a 409 or an answer that is not sure is
 * checked again before anything is sent twice; a refusal ends the step with the
 * service's words). The step ends verified once every request reads back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-fix-runner-private.h"
#include "posture-json.h"
#include "posture-tenant-error.h"

static void
job_clear_wait (PostureFixJob *job)
{
  if (job->timer != NULL)
    {
      g_source_destroy (job->timer);
      g_clear_pointer (&job->timer, g_source_unref);
    }
  if (job->cancel_source != NULL)
    {
      g_source_destroy (job->cancel_source);
      g_clear_pointer (&job->cancel_source, g_source_unref);
    }
}

static void
job_free (gpointer user_data)
{
  PostureFixJob *job = user_data;

  job_clear_wait (job);
  g_clear_object (&job->step);
  g_clear_object (&job->request);
  g_free (job->url);
  g_free (job->operation_url);
  g_free (job->policy_name);
  g_free (job);
}

gboolean
_posture_fix_job_is_kind (PostureFixJob  *job,
                          PostureFixKind  kind)
{
  return posture_fix_request_get_kind (job->request) == kind;
}

void
_posture_fix_job_finish (GTask             *task,
                         PostureFixOutcome  outcome,
                         const char        *message)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);

  g_debug ("%s: %s (%s)", posture_fix_step_get_resource_id (job->step),
           posture_fix_outcome_to_string (outcome), message != NULL ? message : "");
  if (outcome == POSTURE_FIX_OUTCOME_PENDING)
    posture_fix_step_set_operation_url (job->step, job->operation_url);
  posture_fix_step_set_outcome (job->step, outcome, message);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
_posture_fix_job_fail_error (GTask      *task,
                             GError     *error,
                             const char *context)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  message = context != NULL ? g_strdup_printf ("%s: %s", context, error->message)
                            : g_strdup (error->message);
  g_error_free (error);
  _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
}

/* ------------------------------------------------------------------------- */
/* Waiting                                                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  GTask             *task;
  PostureFixJobFunc  next;
} WaitData;

static gboolean
job_wait_done_cb (gpointer user_data)
{
  WaitData *wait = user_data;
  GTask *task = wait->task;

  job_clear_wait (_posture_fix_job_get_data (task));
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  wait->next (task);
  return G_SOURCE_REMOVE;
}

static gboolean
job_wait_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  return job_wait_done_cb (user_data);
}

/* The task's ref travels with the wait. */
void
_posture_fix_job_wait (GTask             *task,
                       guint              ms,
                       PostureFixJobFunc  next)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);
  WaitData *wait = g_new0 (WaitData, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  wait->task = task;
  wait->next = next;
  job->timer = g_timeout_source_new (ms);
  g_source_set_callback (job->timer, job_wait_done_cb, wait, g_free);
  g_source_attach (job->timer, g_task_get_context (task));
  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (job_wait_cancelled_cb), wait,
                             NULL);
      g_source_attach (job->cancel_source, g_task_get_context (task));
    }
}

void
_posture_fix_job_retry_after (GTask             *task,
                              guint              ms,
                              PostureFixJobFunc  next,
                              const char        *problem)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  g_autofree char *message = NULL;

  if ((gint64) ms * 1000 >= _posture_fix_runner_time_left_us (self))
    {
      /* TRANSLATORS: %s is the last problem */
      message = g_strdup_printf (_("The time limit ran out before it could be tried again: %s"),
                                 problem);
      _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  _posture_fix_job_wait (task, ms, next);
}

/* ------------------------------------------------------------------------- */
/* The write                                                                 */
/* ------------------------------------------------------------------------- */

/* A created DLP policy's name, from the create's answer: the read-back needs it. */
static void
job_keep_policy_name (PostureFixJob       *job,
                      PostureHttpResponse *response)
{
  g_autoptr(JsonNode) node = _posture_fix_runner_response_json (response);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? json_node_get_object (node) : NULL;
  const char *name = posture_json_get_path_string (object, "policyDefinition.name");

  if (name == NULL)
    name = posture_json_get_string (object, "name");
  g_free (job->policy_name);
  job->policy_name = g_strdup (name);
}

static void
job_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autofree char *words = NULL;
  GError *error = NULL;
  guint status;

  response = _posture_fix_runner_send_finish (self, result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK) ||
          g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL))
        {
          g_autofree char *problem = g_strdup (error->message);

          g_error_free (error);
          _posture_fix_job_uncertain (task, 0, problem);
          return;
        }
      _posture_fix_job_fail_error (task, error, NULL);
      return;
    }

  status = response->status;
  g_debug ("%s %s -> %u", posture_fix_request_get_method (job->request), job->url, status);

  if (status == 202)
    {
      _posture_fix_job_follow_operation (task, response);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (_posture_fix_job_is_kind (job, POSTURE_FIX_KIND_DLP_CREATE))
        job_keep_policy_name (job, response);
      _posture_fix_job_read_back (task);
      return;
    }

  if (status == 409)
    {
      _posture_fix_job_conflict (task, response);
      return;
    }

  words = _posture_fix_runner_service_words (response);
  if (status == 408 || status == 425 || status == 429 || status >= 500)
    _posture_fix_job_uncertain (task, _posture_fix_runner_retry_after_ms (response), words);
  else
    _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, words);
}

void
_posture_fix_job_write (GTask *task)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);

  _posture_fix_runner_send_async (_posture_fix_job_get_runner (task),
                                  posture_fix_request_get_method (job->request), job->url,
                                  posture_fix_request_get_body (job->request),
                                  g_task_get_cancellable (task), job_written_cb, task);
}

/* ------------------------------------------------------------------------- */
/* The step's requests                                                       */
/* ------------------------------------------------------------------------- */

static gboolean
job_start_request (GTask *task,
                   guint  index)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  GListModel *requests = posture_fix_step_get_requests (job->step);

  if (index >= g_list_model_get_n_items (requests))
    return FALSE;

  g_clear_object (&job->request);
  job->request = g_list_model_get_item (requests, index);
  job->request_index = index;
  g_free (job->url);
  job->url = posture_fix_runner_dup_url (self, job->request);
  g_clear_pointer (&job->operation_url, g_free);
  job->uncertain = 0;
  job->conflicts = 0;
  job->reads = 0;
  if (_posture_fix_job_is_kind (job, POSTURE_FIX_KIND_DLP_UPDATE))
    {
      JsonNode *body = posture_fix_request_get_body (job->request);

      g_free (job->policy_name);
      job->policy_name = g_strdup (posture_json_get_path_string (json_node_get_object (body),
                                                                 "policyDefinition.name"));
    }

  _posture_fix_job_write (task);
  return TRUE;
}

void
_posture_fix_job_next_request (GTask *task)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);

  if (job_start_request (task, job->request_index + 1))
    return;

  _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_VERIFIED,
                           _("Verified: reading the resource back shows the change"));
}

void
_posture_fix_job_start (PostureFixRunner    *self,
                        PostureFixStep      *step,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PostureFixJob *job = g_new0 (PostureFixJob, 1);

  g_task_set_source_tag (task, _posture_fix_job_start);
  job->step = g_object_ref (step);
  g_task_set_task_data (task, job, job_free);
  job_start_request (task, 0);   /* the task's ref travels with the job */
}
