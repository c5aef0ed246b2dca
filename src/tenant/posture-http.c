/* posture-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-http-private.h"
#include "posture-json.h"
#include "posture-tenant-error.h"

typedef struct
{
  guint  active;
  GQueue waiters;   /* of GTask, each holding a ref */
} HostSlot;

struct _PostureHttp
{
  GObject             parent_instance;

  PostureHttpOptions  options;
  SoupSession        *session;
  GHashTable         *hosts;     /* host key -> HostSlot */
};

typedef struct
{
  PostureHttp         *http;
  char                *method;
  char                *uri;
  char                *content_type;
  GBytes              *body;
  char                *bearer;
  char                *host_key;
  gboolean             holds_slot;
  gboolean             queued;
  gboolean             urgent;
  guint                attempt;
  guint64              waited_ms;
  gint64               started_us;
  GSource             *wait_source;
  GSource             *cancel_source;
} SendData;

G_DEFINE_FINAL_TYPE (PostureHttp, posture_http, G_TYPE_OBJECT)

/* No admin API answer comes near this; a larger one is refused, not parsed. */
#define MAX_BODY_SIZE ((gsize) 256 * 1024 * 1024)

static void start_attempt (GTask *task);
static void acquire_slot  (GTask *task);

void
posture_http_response_free (PostureHttpResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

static void
host_slot_free (gpointer data)
{
  HostSlot *slot = data;

  /* Every waiter holds a ref on the task, which holds a ref on us: none is left
   * when we are finalized. */
  g_assert (g_queue_is_empty (&slot->waiters));
  g_free (slot);
}

static void
clear_sources (SendData *data)
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
send_data_free (gpointer user_data)
{
  SendData *data = user_data;

  clear_sources (data);
  g_clear_object (&data->http);
  g_free (data->method);
  g_free (data->uri);
  g_free (data->content_type);
  g_clear_pointer (&data->body, g_bytes_unref);
  posture_secret_free (data->bearer);
  g_free (data->host_key);
  g_free (data);
}

/* Per-host bound */

static void
release_slot (SendData *data)
{
  HostSlot *slot;
  GTask *next;

  if (!data->holds_slot)
    return;

  data->holds_slot = FALSE;
  slot = g_hash_table_lookup (data->http->hosts, data->host_key);
  g_assert (slot != NULL && slot->active > 0);

  if ((next = g_queue_pop_head (&slot->waiters)) != NULL)
    {
      SendData *next_data = g_task_get_task_data (next);

      /* The slot passes straight to the next waiter. */
      next_data->queued = FALSE;
      next_data->holds_slot = TRUE;
      clear_sources (next_data);
      start_attempt (next);   /* takes the queue's ref */
      return;
    }

  slot->active--;
}

static gboolean
queued_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  HostSlot *slot = g_hash_table_lookup (data->http->hosts, data->host_key);

  if (data->queued && slot != NULL && g_queue_remove (&slot->waiters, task))
    {
      data->queued = FALSE;
      clear_sources (data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      g_object_unref (task);   /* the queue's ref */
    }

  return G_SOURCE_REMOVE;
}

static void
acquire_slot (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  HostSlot *slot;
  GCancellable *cancellable = g_task_get_cancellable (task);

  slot = g_hash_table_lookup (data->http->hosts, data->host_key);
  if (slot == NULL)
    {
      slot = g_new0 (HostSlot, 1);
      g_queue_init (&slot->waiters);
      g_hash_table_insert (data->http->hosts, g_strdup (data->host_key), slot);
    }

  if (slot->active < MAX (1, data->http->options.max_per_host))
    {
      slot->active++;
      data->holds_slot = TRUE;
      start_attempt (task);
      return;
    }

  data->queued = TRUE;
  /* adopts the caller's ref */
  if (data->urgent)
    g_queue_push_head (&slot->waiters, task);
  else
    g_queue_push_tail (&slot->waiters, task);
  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (queued_cancelled_cb), task, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }
}

/* Retry-After */

gint64
posture_http_parse_retry_after (const char *value,
                                GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0' || seconds > 86400 * 7)
        return -1;
      return (gint64) seconds * 1000;
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  return MAX (0, g_date_time_difference (when, now) / 1000);
}

/* Errors */

void
posture_http_parse_error_body (GBytes  *body,
                               char   **out_code,
                               char   **out_message)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *error_object;
  const char *code = NULL;
  const char *message = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return;

  node = posture_json_parse_bytes (body, 32, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  root = json_node_get_object (node);
  if ((error_object = posture_json_get_object (root, "error")) != NULL)
    {
      code = posture_json_get_string (error_object, "code");
      message = posture_json_get_string (error_object, "message");
    }
  else
    {
      code = posture_json_get_string (root, "error");
      message = posture_json_get_string (root, "error_description");
    }

  if (out_code != NULL && code != NULL)
    *out_code = g_utf8_make_valid (code, MIN (strlen (code), 200));
  if (out_message != NULL && message != NULL)
    *out_message = g_utf8_make_valid (message, MIN (strlen (message), 2000));
}

/* Sending */

static gboolean
status_is_retryable (guint status)
{
  switch (status)
    {
    case 408: case 425: case 429: case 500: case 502: case 503: case 504:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
error_is_retryable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_NOT_SUPPORTED &&
           error->code != G_IO_ERROR_INVALID_ARGUMENT;
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;
  return FALSE;
}

static char *
origin_of (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup ("(invalid URL)");
  if (g_uri_get_port (parsed) > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                            g_uri_get_port (parsed));
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (parsed), g_uri_get_host (parsed));
}

static guint
backoff_ms (SendData *data)
{
  const PostureHttpOptions *o = &data->http->options;
  guint64 delay = o->base_delay_ms;

  for (guint i = 1; i < data->attempt && delay < o->max_delay_ms; i++)
    delay *= 2;
  if (delay > 0)
    delay += g_random_int_range (0, (gint32) MIN (delay / 2 + 1, G_MAXINT32));
  return (guint) MIN (delay, o->max_delay_ms);
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  clear_sources (data);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  acquire_slot (task);   /* takes our ref */
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  return wait_done_cb (user_data);
}

/* Returns TRUE when a retry was scheduled (the task ref is taken). */
static gboolean
schedule_retry (GTask *task,
                guint  delay_ms)
{
  SendData *data = g_task_get_task_data (task);
  const PostureHttpOptions *o = &data->http->options;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (data->attempt >= MAX (1, o->max_attempts) || delay_ms > o->max_delay_ms ||
      data->waited_ms + delay_ms > o->max_total_wait_ms)
    return FALSE;

  data->waited_ms += delay_ms;
  g_debug ("Retrying %s %s in %u ms (attempt %u of %u)", data->method, data->uri, delay_ms,
           data->attempt + 1, o->max_attempts);

  data->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (data->wait_source, wait_done_cb, task, NULL);
  g_source_attach (data->wait_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg_ref = NULL;
  double elapsed_ms = (g_get_monotonic_time () - data->started_us) / 1000.0;
  guint status;

  msg_ref = msg != NULL ? g_object_ref (msg) : NULL;
  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  release_slot (data);

  /* libsoup hands over what arrived when the peer closes early; a body shorter
   * than its Content-Length is a transport failure, not an answer. */
  if (body != NULL && msg_ref != NULL)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg_ref);

      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_content_length (headers) != (goffset) g_bytes_get_size (body))
        {
          g_clear_pointer (&body, g_bytes_unref);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                       "The connection closed before the whole answer arrived");
        }
    }

  if (body == NULL)
    {
      g_debug ("%s %s -> failed after %.0f ms: %s", data->method, data->uri, elapsed_ms,
               error->message);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }

      if (error_is_retryable (error) && schedule_retry (task, backoff_ms (data)))
        return;

      {
        g_autofree char *origin = origin_of (data->uri);

        if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
          g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                   "No answer from %s within %u seconds (%u attempts); "
                                   "check the network and try again",
                                   origin, data->http->options.request_timeout_s, data->attempt);
        else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
          g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                   "The connection to %s closed before the whole answer "
                                   "arrived (%u attempts); try again", origin, data->attempt);
        else
          g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                   "Cannot reach %s: %s (%u attempts); check the network "
                                   "and try again", origin, error->message, data->attempt);
      }
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (msg_ref);
  g_debug ("%s %s -> %u in %.0f ms", data->method, data->uri, status, elapsed_ms);

  if (g_bytes_get_size (body) > MAX_BODY_SIZE)
    {
      g_autofree char *origin = origin_of (data->uri);

      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The answer from %s is larger than %" G_GSIZE_FORMAT " MiB; "
                               "it was refused", origin, MAX_BODY_SIZE / (1024 * 1024));
      g_object_unref (task);
      return;
    }

  if (status_is_retryable (status))
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg_ref);
      gint64 retry_after = posture_http_parse_retry_after (
          soup_message_headers_get_one (headers, "Retry-After"), NULL);
      guint delay = retry_after >= 0 ? (guint) MIN (retry_after, G_MAXUINT) : backoff_ms (data);

      if (schedule_retry (task, delay))
        return;

      {
        PostureHttpResponse *response = g_new0 (PostureHttpResponse, 1);

        response->status = status;
        response->body = g_steal_pointer (&body);
        response->headers = soup_message_headers_ref (headers);
        response->retry_after_ms = retry_after >= 0 ? (guint) MIN (retry_after, G_MAXUINT) : 0;
        response->attempts = data->attempt;
        g_task_return_pointer (task, response, (GDestroyNotify) posture_http_response_free);
        g_object_unref (task);
        return;
      }
    }

  {
    PostureHttpResponse *response = g_new0 (PostureHttpResponse, 1);

    response->status = status;
    response->body = g_steal_pointer (&body);
    response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg_ref));
    response->attempts = data->attempt;
    g_task_return_pointer (task, response, (GDestroyNotify) posture_http_response_free);
    g_object_unref (task);
  }
}

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *request_id = NULL;
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    {
      release_slot (data);
      g_object_unref (task);
      return;
    }

  data->attempt++;
  msg = soup_message_new (data->method, data->uri);
  if (msg == NULL)
    {
      release_slot (data);
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "Cannot build a request for an invalid URL");
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  request_id = g_uuid_string_random ();
  soup_message_headers_replace (headers, "x-ms-client-request-id", request_id);
  if (data->bearer != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", data->bearer, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      memset (value, 0, strlen (value));
    }

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (msg, data->content_type, data->body);
  else if (g_str_equal (data->method, "POST") || g_str_equal (data->method, "PUT") ||
           g_str_equal (data->method, "PATCH"))
    soup_message_headers_set_content_length (headers, 0);

  data->started_us = g_get_monotonic_time ();
  soup_session_send_and_read_async (data->http->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, task);
}

void
posture_http_send_async (PostureHttp         *self,
                         const char          *method,
                         const char          *uri,
                         const char          *content_type,
                         GBytes              *body,
                         const char          *bearer,
                         gboolean             urgent,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GUri) parsed = NULL;
  GTask *task;
  SendData *data;

  g_return_if_fail (POSTURE_IS_HTTP (self));
  g_return_if_fail (method != NULL && uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_http_send_async);

  data = g_new0 (SendData, 1);
  data->http = g_object_ref (self);
  data->method = g_strdup (method);
  data->uri = g_strdup (uri);
  data->content_type = g_strdup (content_type != NULL ? content_type : "application/json");
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->bearer = g_strdup (bearer);
  data->urgent = urgent;
  g_task_set_task_data (task, data, send_data_free);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "Cannot send a request to an invalid URL");
      g_object_unref (task);
      return;
    }
  data->host_key = g_strdup_printf ("%s:%d", g_uri_get_host (parsed), g_uri_get_port (parsed));

  acquire_slot (task);   /* the task's one ref travels with the request */
}

PostureHttpResponse *
posture_http_send_finish (PostureHttp   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_http_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Header-level logging (POSTURE_HTTP_DEBUG=1) */

static SoupLoggerLogLevel
logger_filter_cb (SoupLogger  *logger,
                  SoupMessage *msg,
                  gpointer     user_data)
{
  GUri *uri = soup_message_get_uri (msg);

  /* Token and device-code requests: the request line only, never their headers. */
  if (uri != NULL && strstr (g_uri_get_path (uri), "/oauth2/") != NULL)
    return SOUP_LOGGER_LOG_MINIMAL;
  return SOUP_LOGGER_LOG_HEADERS;
}

static void
logger_printer_cb (SoupLogger         *logger,
                   SoupLoggerLogLevel  level,
                   char                direction,
                   const char         *line,
                   gpointer            user_data)
{
  static const char *redacted[] = {
    "authorization:", "cookie:", "set-cookie:", "proxy-authorization:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (redacted); i++)
    {
      if (g_ascii_strncasecmp (line, redacted[i], strlen (redacted[i])) == 0)
        {
          g_message ("%c %.*s [redacted]", direction, (int) strlen (redacted[i]), line);
          return;
        }
    }

  g_message ("%c %s", direction, line);
}

static void
posture_http_dispose (GObject *object)
{
  PostureHttp *self = (PostureHttp *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (posture_http_parent_class)->dispose (object);
}

static void
posture_http_finalize (GObject *object)
{
  PostureHttp *self = (PostureHttp *) object;

  g_clear_pointer (&self->hosts, g_hash_table_unref);

  G_OBJECT_CLASS (posture_http_parent_class)->finalize (object);
}

static void
posture_http_class_init (PostureHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_http_dispose;
  object_class->finalize = posture_http_finalize;
}

static void
posture_http_init (PostureHttp *self)
{
  posture_http_options_init_default (&self->options);
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, host_slot_free);
}

PostureHttp *
posture_http_new (const PostureHttpOptions *options)
{
  PostureHttp *self = g_object_new (POSTURE_TYPE_HTTP, NULL);
  guint per_host;

  if (options != NULL)
    self->options = *options;

  per_host = MAX (1, self->options.max_per_host);
  self->session = soup_session_new_with_options ("user-agent", "Posture/" PACKAGE_VERSION " ",
                                                 "timeout", self->options.request_timeout_s,
                                                 "idle-timeout", 60,
                                                 "max-conns", MAX (16, per_host * 4),
                                                 "max-conns-per-host", per_host,
                                                 NULL);

  if (g_strcmp0 (g_getenv ("POSTURE_HTTP_DEBUG"), "1") == 0)
    {
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_request_filter (logger, logger_filter_cb, NULL, NULL);
      soup_logger_set_response_filter (logger, logger_filter_cb, NULL, NULL);
      soup_logger_set_printer (logger, logger_printer_cb, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }

  return self;
}

SoupSession *
posture_http_get_session (PostureHttp *self)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), NULL);
  return self->session;
}

const PostureHttpOptions *
posture_http_get_options (PostureHttp *self)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), NULL);
  return &self->options;
}
