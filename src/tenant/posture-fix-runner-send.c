/* posture-fix-runner-send.c: one attempt of a write or an operation poll
 *
 * Writes go through an HTTP session of their own that never retries by itself: the
 * shared one retries any method, and a DLP create sent twice makes two policies. The
 * host rules come first, then a token for the URL's audience; a 401 (a token that
 * expired early or was revoked: nothing was done) gets one new token, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "posture-fix-runner-private.h"
#include "posture-json.h"

typedef struct
{
  char     *method;
  char     *url;
  GBytes   *body;
  char     *scope;
  gboolean  reauthed;
} SendData;

static void
send_data_free (gpointer user_data)
{
  SendData *data = user_data;

  g_free (data->method);
  g_free (data->url);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->scope);
  g_free (data);
}

static void send_token_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
send_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  GError *error = NULL;

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A token that expired early or was revoked: nothing was done; one new token, once. */
  if (response->status == 401 && !data->reauthed)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->reauthed = TRUE;
      posture_oauth_get_token_async (_posture_fix_runner_get_oauth (self), data->scope, TRUE,
                                     cancellable, send_token_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) posture_http_response_free);
}

static void
send_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(PostureSecret) token = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = posture_oauth_get_token_finish (POSTURE_OAUTH (object), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  /* Never sent again here: the job checks whether a write landed before repeating it. */
  posture_http_send_async (self->writes, data->method, data->url, "application/json", data->body,
                           token, POSTURE_HTTP_NONE, cancellable, send_sent_cb,
                           g_steal_pointer (&task));
}

void
_posture_fix_runner_send_async (PostureFixRunner    *self,
                                const char          *method,
                                const char          *url,
                                JsonNode            *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PostureOAuth *oauth = _posture_fix_runner_get_oauth (self);
  SendData *data = g_new0 (SendData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, _posture_fix_runner_send_async);
  g_task_set_task_data (task, data, send_data_free);
  data->method = g_strdup (method);
  data->url = g_strdup (url);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      data->body = g_bytes_new_take (text, strlen (text));
    }

  /* The host rules come first: a refused URL gets no request and no token. */
  data->scope = posture_endpoints_dup_scope_for_uri (posture_oauth_get_endpoints (oauth), url,
                                                     &error);
  if (data->scope == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  posture_oauth_get_token_async (oauth, data->scope, FALSE, cancellable, send_token_cb,
                                 g_steal_pointer (&task));
}

PostureHttpResponse *
_posture_fix_runner_send_finish (PostureFixRunner  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _posture_fix_runner_send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
_posture_fix_runner_retry_after_ms (PostureHttpResponse *response)
{
  gint64 ms;

  if (response->retry_after_ms > 0)
    return response->retry_after_ms;
  ms = posture_http_parse_retry_after (soup_message_headers_get_one (response->headers,
                                                                     "Retry-After"), NULL);
  return ms > 0 ? (guint) MIN (ms, G_MAXUINT) : 0;
}

char *
_posture_fix_runner_service_words (PostureHttpResponse *response)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  posture_http_parse_error_body (response->body, &code, &message);
  if (message != NULL && code != NULL)
    return g_strdup_printf ("%s (%s, HTTP %u)", message, code, response->status);
  if (message != NULL || code != NULL)
    return g_strdup_printf ("%s (HTTP %u)", message != NULL ? message : code, response->status);
  /* TRANSLATORS: %u is an HTTP status */
  return g_strdup_printf (_("HTTP %u, with no explanation"), response->status);
}

JsonNode *
_posture_fix_runner_response_json (PostureHttpResponse *response)
{
  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    return NULL;
  return posture_json_parse_bytes (response->body, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL);
}
