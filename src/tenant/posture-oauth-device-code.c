/* posture-oauth-device-code.c: the device-code sign-in of PostureOAuth (RFC 8628)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-device-code-private.h"
#include "posture-json.h"
#include "posture-oauth-private.h"
#include "posture-payload-private.h"
#include "posture-tenant-error.h"

#define DEVICE_CODE_GRANT "urn:ietf:params:oauth:grant-type:device_code"

static void
device_code_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  PostureOAuth *self = g_task_get_source_object (task);
  PostureDeviceCode *device_code;

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_autofree char *code = NULL;
      g_autofree char *description = NULL;

      posture_http_parse_error_body (response->body, &code, &description);
      g_task_return_error (task,
                           _posture_oauth_map_error (self, response->status, code, description));
      return;
    }

  node = posture_json_parse_bytes (response->body, 16, NULL);
  device_code = _posture_payload_device_code (node, posture_http_get_options (self->http)
                                                      ->device_poll_min_ms, &error);
  if (device_code == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, device_code, g_object_unref);
}

void
posture_oauth_request_device_code_async (PostureOAuth        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *scope = NULL;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_request_device_code_async);

  if (self->client_id == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "A client id is needed for the device-code sign-in");
      return;
    }

  scope = g_strconcat (posture_endpoints_get_bap_scope (self->endpoints), " offline_access", NULL);
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "client_id", self->client_id);
  g_hash_table_insert (form, (gpointer) "scope", scope);

  {
    g_autofree char *uri = _posture_oauth_login_uri (self, "devicecode");
    g_autoptr(GBytes) body = _posture_oauth_encode_form (form);

    /* Asking twice only issues a second code; the first one is never shown. */
    posture_http_send_async (self->http, "POST", uri, "application/x-www-form-urlencoded", body,
                             NULL, POSTURE_HTTP_URGENT | POSTURE_HTTP_IDEMPOTENT, cancellable,
                             device_code_cb, g_steal_pointer (&task));
  }
}

PostureDeviceCode *
posture_oauth_request_device_code_finish (PostureOAuth  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_oauth_request_device_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  PostureDeviceCode *code;
  GSource           *wait_source;
  GSource           *cancel_source;
} PollData;

static void
poll_data_clear_sources (PollData *data)
{
  if (data->wait_source != NULL)
    {
      g_source_destroy (data->wait_source);
      g_clear_pointer (&data->wait_source, g_source_unref);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static void
poll_data_free (gpointer user_data)
{
  PollData *data = user_data;

  poll_data_clear_sources (data);
  g_clear_object (&data->code);
  g_free (data);
}

static void
poll_fail (GTask  *task,
           GError *error)
{
  PollData *data = g_task_get_task_data (task);

  _posture_device_code_set_state (data->code, POSTURE_DEVICE_CODE_STATE_FAILED);
  g_task_return_error (task, error);
}

static void poll_schedule (GTask *task);

static void
poll_store_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!posture_token_store_store_finish (POSTURE_TOKEN_STORE (object), result, &error))
    {
      poll_fail (task, error);
      return;
    }

  _posture_device_code_set_state (data->code, POSTURE_DEVICE_CODE_STATE_SIGNED_IN);
  g_task_return_boolean (task, TRUE);
}

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  PostureOAuth *self = g_task_get_source_object (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autoptr(PostureTokenAnswer) answer = NULL;
  GError *error = NULL;
  const PostureHttpOptions *o = posture_http_get_options (self->http);

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response != NULL)
    answer = _posture_oauth_parse_token_answer (response, &error);
  if (answer == NULL)
    {
      poll_fail (task, error);
      return;
    }

  if (answer->access_token == NULL)
    {
      if (g_strcmp0 (answer->error_code, "authorization_pending") == 0)
        {
          poll_schedule (g_steal_pointer (&task));
          return;
        }
      if (g_strcmp0 (answer->error_code, "slow_down") == 0)
        {
          _posture_device_code_set_interval (data->code,
                                             posture_device_code_get_interval (data->code) +
                                             o->slow_down_increment_ms);
          poll_schedule (g_steal_pointer (&task));
          return;
        }
      poll_fail (task, _posture_oauth_map_error (self, answer->status, answer->error_code,
                                        answer->error_description));
      return;
    }

  _posture_oauth_keep_access_token (self, posture_endpoints_get_bap_scope (self->endpoints),
                     answer->access_token, answer->expires_in);
  if (answer->refresh_token == NULL)
    {
      poll_fail (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                    "The sign-in service sent no refresh token; the app "
                                    "registration must allow offline_access"));
      return;
    }

  _posture_oauth_keep_refresh_token (self, answer->refresh_token, FALSE);

  if (self->store == NULL)
    {
      _posture_device_code_set_state (data->code, POSTURE_DEVICE_CODE_STATE_SIGNED_IN);
      g_task_return_boolean (task, TRUE);
      return;
    }

  {
    PostureCredentialInfo info = {
      POSTURE_SECRET_KIND_REFRESH_TOKEN, self->tenant, self->client_id,
      (char *) posture_endpoints_get_key (self->endpoints)
    };

    posture_token_store_store_async (self->store, &info, answer->refresh_token,
                                     g_task_get_cancellable (task), poll_store_cb,
                                     g_object_ref (task));
  }
}

static gboolean
poll_now_cb (gpointer user_data)
{
  GTask *task = user_data;
  PollData *data = g_task_get_task_data (task);
  PostureOAuth *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) form = NULL;
  gint64 deadline;

  poll_data_clear_sources (data);

  if (g_task_return_error_if_cancelled (task))
    {
      _posture_device_code_set_state (data->code, POSTURE_DEVICE_CODE_STATE_FAILED);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  deadline = posture_http_get_deadline (self->http);
  if (deadline > 0 && g_get_monotonic_time () >= deadline)
    {
      poll_fail (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                                    "Nobody signed in with the code within the time limit "
                                    "of %u seconds; start the sign-in again",
                                    posture_http_get_timeout (self->http)));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () >= _posture_device_code_get_deadline (data->code))
    {
      poll_fail (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_DECLINED,
                                    "The sign-in code expired before it was used; start "
                                    "the sign-in again"));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  _posture_device_code_set_state (data->code, POSTURE_DEVICE_CODE_STATE_POLLING);
  _posture_device_code_add_poll (data->code);

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) DEVICE_CODE_GRANT);
  g_hash_table_insert (form, (gpointer) "client_id", self->client_id);
  g_hash_table_insert (form, (gpointer) "device_code",
                       (gpointer) _posture_device_code_get_secret (data->code));
  _posture_oauth_post_token_request (self, "token", form, g_task_get_cancellable (task), poll_cb,
                                     task);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  return poll_now_cb (user_data);
}

static void
poll_schedule (GTask *task)
{
  PollData *data = g_task_get_task_data (task);
  PostureOAuth *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 deadline = posture_http_get_deadline (self->http);
  guint wait_ms = posture_device_code_get_interval (data->code);

  /* Never wait past the time limit: wake up at it and say so. */
  if (deadline > 0)
    wait_ms = (guint) CLAMP ((deadline - g_get_monotonic_time () + 999) / 1000, 0, wait_ms);

  data->wait_source = g_timeout_source_new (wait_ms);
  g_source_set_callback (data->wait_source, poll_now_cb, task, NULL);
  g_source_attach (data->wait_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (poll_cancelled_cb), task, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }
}

void
posture_oauth_poll_device_code_async (PostureOAuth        *self,
                                      PostureDeviceCode   *code,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  PollData *data;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (POSTURE_IS_DEVICE_CODE (code));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_poll_device_code_async);
  data = g_new0 (PollData, 1);
  data->code = g_object_ref (code);
  g_task_set_task_data (task, data, poll_data_free);

  poll_schedule (task);   /* the task's ref travels through the polls */
}

gboolean
posture_oauth_poll_device_code_finish (PostureOAuth  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_oauth_poll_device_code_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
