/* posture-fix-runner-operation.c: a long-running operation, followed
 *
 * A 202 names its operation in Location (Microsoft's provider's governance and
 * isolation writes) or Operation-Location. It is polled at the pace the service asks
 * (Retry-After; never faster than poll-interval) until it succeeds or fails, within the
 * bounded wait (operation-wait) and the command's time limit: past either, the step is
 * left pending with the operation's URL, for the next reading to poll
 * (posture-fix-runner-pending.c reads its answers the same way).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-fix-runner-private.h"
#include "posture-json.h"

/* ------------------------------------------------------------------------- */
/* What one poll says                                                        */
/* ------------------------------------------------------------------------- */

static const char *
operation_state (JsonNode *node)
{
  JsonObject *object;
  const char *state;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if ((state = posture_json_get_path_string (object, "state.id")) != NULL)
    return state;
  if ((state = posture_json_get_string (object, "status")) != NULL)
    return state;
  return posture_json_get_path_string (object, "properties.provisioningState");
}

static char *
operation_failure (JsonNode   *node,
                   const char *state)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? json_node_get_object (node) : NULL;
  const char *message = posture_json_get_path_string (object, "error.message");
  const char *code = posture_json_get_path_string (object, "error.code");

  if (message != NULL)
    return g_strdup_printf ("%s (%s%s%s)", message, code != NULL ? code : "",
                            code != NULL ? ", " : "", state);
  /* TRANSLATORS: %s is the operation's final state, such as Failed */
  return g_strdup_printf (_("The service's operation ended %s"), state);
}

/* @out_message: for FAILED, how it ended; for REFUSED, the service's words. */
PostureFixOperationState
_posture_fix_runner_read_operation (PostureHttpResponse  *response,
                                    char                **out_message)
{
  g_autoptr(JsonNode) node = NULL;
  guint status = response->status;
  const char *state;

  *out_message = NULL;

  /* Busy, throttled, or a fault of the service's: the operation goes on. */
  if (status == 202 || status == 409 || status == 408 || status == 429 || status >= 500)
    return POSTURE_FIX_OPERATION_RUNNING;

  /* Microsoft's provider takes an operation the service no longer lists as done. */
  if (status == 404)
    return POSTURE_FIX_OPERATION_GONE;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      *out_message = _posture_fix_runner_service_words (response);
      return POSTURE_FIX_OPERATION_REFUSED;
    }

  node = _posture_fix_runner_response_json (response);
  state = operation_state (node);
  if (state == NULL || g_ascii_strcasecmp (state, "Succeeded") == 0)
    return POSTURE_FIX_OPERATION_SUCCEEDED;
  if (g_ascii_strcasecmp (state, "Failed") == 0 || g_ascii_strcasecmp (state, "Canceled") == 0 ||
      g_ascii_strcasecmp (state, "Cancelled") == 0)
    {
      *out_message = operation_failure (node, state);
      return POSTURE_FIX_OPERATION_FAILED;
    }

  return POSTURE_FIX_OPERATION_RUNNING;
}

/* ------------------------------------------------------------------------- */
/* Following it                                                              */
/* ------------------------------------------------------------------------- */

static void job_poll (GTask *task);

static void
job_leave_pending (GTask *task)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);
  guint waited_s = (guint) ((g_get_monotonic_time () - job->operation_started_us) /
                            G_USEC_PER_SEC);
  g_autofree char *message = NULL;

  /* TRANSLATORS: %u is a number of seconds */
  message = g_strdup_printf (_("The service accepted the change and is still carrying it out "
                               "after %u s; the next reading follows it up"), waited_s);
  _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_PENDING, message);
}

/* The next poll, at the pace the service asked for (never faster than poll-interval),
 * unless the bounded wait or the time limit comes first: then the step is pending. */
static void
job_poll_later (GTask *task,
                guint  asked_ms)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  guint ms = MAX (asked_ms, self->poll_interval_ms);
  gint64 end = job->operation_started_us + (gint64) self->operation_wait_s * G_USEC_PER_SEC;
  gint64 now = g_get_monotonic_time ();

  if (now >= end || now + (gint64) ms * 1000 > end ||
      (gint64) ms * 1000 >= _posture_fix_runner_time_left_us (self))
    {
      job_leave_pending (task);
      return;
    }

  _posture_fix_job_wait (task, ms, job_poll);
}

static void
job_polled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;

  response = _posture_fix_runner_send_finish (POSTURE_FIX_RUNNER (object), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _posture_fix_job_fail_error (task, error, NULL);
          return;
        }
      /* A poll that did not get through changes nothing: poll again, within the bound. */
      g_debug ("Polling %s failed: %s", _posture_fix_job_get_data (task)->operation_url,
               error->message);
      g_error_free (error);
      job_poll_later (task, 0);
      return;
    }

  switch (_posture_fix_runner_read_operation (response, &message))
    {
    case POSTURE_FIX_OPERATION_RUNNING:
      job_poll_later (task, _posture_fix_runner_retry_after_ms (response));
      break;

    case POSTURE_FIX_OPERATION_SUCCEEDED:
    case POSTURE_FIX_OPERATION_GONE:
      /* The read-back says how it ended. */
      _posture_fix_job_read_back (task);
      break;

    case POSTURE_FIX_OPERATION_FAILED:
      _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      break;

    case POSTURE_FIX_OPERATION_REFUSED:
    default:
      {
        g_autofree char *failed = NULL;

        /* TRANSLATORS: %s is the service's answer */
        failed = g_strdup_printf (_("The service accepted the change, but following its "
                                    "operation failed: %s"), message);
        _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, failed);
      }
      break;
    }
}

static void
job_poll (GTask *task)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);

  _posture_fix_runner_send_async (_posture_fix_job_get_runner (task), "GET", job->operation_url,
                                  NULL, g_task_get_cancellable (task), job_polled_cb, task);
}

void
_posture_fix_job_follow_operation (GTask               *task,
                                   PostureHttpResponse *response)
{
  PostureFixJob *job = _posture_fix_job_get_data (task);
  const char *location = soup_message_headers_get_one (response->headers, "Location");
  g_autoptr(GError) uri_error = NULL;

  if (location == NULL)
    location = soup_message_headers_get_one (response->headers, "Operation-Location");
  if (location == NULL)
    {
      /* Accepted with nothing to follow: the read-back tells when it shows. */
      _posture_fix_job_read_back (task);
      return;
    }

  g_free (job->operation_url);
  job->operation_url = g_uri_resolve_relative (job->url, location, G_URI_FLAGS_NONE, &uri_error);
  if (job->operation_url == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the service's Location header */
      message = g_strdup_printf (_("The service accepted the change but named its operation "
                                   "with an invalid URL (%.200s)"), location);
      _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  job->operation_started_us = g_get_monotonic_time ();
  job_poll_later (task, _posture_fix_runner_retry_after_ms (response));
}
