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

/* Redirect hops one request may follow. */
#define MAX_REDIRECTS 5
/* One read from the body stream. */
#define READ_CHUNK (64 * 1024)

typedef struct
{
  guint    active;
  gboolean urgent_busy;  /* the one slot above the bound kept for urgent requests */
  GQueue   waiters;      /* of GTask, each holding a ref */
} HostSlot;

struct _PostureHttp
{
  GObject                   parent_instance;

  PostureHttpOptions        options;
  SoupSession              *session;
  GHashTable               *hosts;     /* host key -> HostSlot */
  gint64                    deadline_us;
  guint                     timeout_s;
  double                    time_scale;
  PostureHttpRedirectCheck  redirect_check;
  gpointer                  redirect_data;
  GDestroyNotify            redirect_destroy;
};

typedef struct
{
  PostureHttp         *http;
  char                *method;
  char                *uri;
  GUri                *parsed;     /* @uri as libsoup parses it, when it can take it */
  char                *content_type;
  GBytes              *body;
  char                *bearer;
  char                *host_key;
  gboolean             holds_slot;
  gboolean             holds_urgent_slot;
  gboolean             queued;
  gboolean             urgent;
  gboolean             idempotent;
  guint                attempt;
  guint                hops;
  guint64              waited_ms;
  gint64               started_us;
  gint64               deadline_us;
  gboolean             timed_out;
  /* Ours: the caller's cancellable and the deadline cancel it. Their sources are
   * attached only while the request is under way (arm()), never while it is queued. */
  GCancellable        *cancellable;
  GCancellable        *caller_cancellable;
  GSource             *caller_source;
  GSource             *deadline_source;
  GSource             *wait_source;
  GSource             *cancel_source;
  /* The answer being read */
  SoupMessage         *msg;
  GInputStream        *stream;
  guint8              *buf;
  gsize                len;
  gsize                alloc;
  goffset              declared;
  gboolean             encoded;
} SendData;

enum {
  THROTTLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureHttp, posture_http, G_TYPE_OBJECT)

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
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
clear_wait_sources (SendData *data)
{
  destroy_source (&data->wait_source);
  destroy_source (&data->cancel_source);
}

static void
disarm (SendData *data)
{
  destroy_source (&data->caller_source);
  destroy_source (&data->deadline_source);
}

static void
clear_answer (SendData *data)
{
  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->buf, g_free);
  data->len = 0;
  data->alloc = 0;
}

static void
send_data_free (gpointer user_data)
{
  SendData *data = user_data;

  clear_wait_sources (data);
  disarm (data);
  clear_answer (data);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->http);
  g_free (data->method);
  g_free (data->uri);
  g_clear_pointer (&data->parsed, g_uri_unref);
  g_free (data->content_type);
  g_clear_pointer (&data->body, g_bytes_unref);
  posture_secret_free (data->bearer);
  g_free (data->host_key);
  g_free (data);
}

char *
posture_http_dup_origin (const char *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autofree char *origin = NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup ("(invalid URL)");
  if (g_uri_get_port (parsed) > 0)
    origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                              g_uri_get_port (parsed));
  else
    origin = g_strdup_printf ("%s://%s", g_uri_get_scheme (parsed), g_uri_get_host (parsed));
  return g_utf8_make_valid (origin, MIN (strlen (origin), 300));
}

/* Returning */

static void
return_response (GTask *task,
                 guint  retry_after_ms)
{
  SendData *data = g_task_get_task_data (task);
  PostureHttpResponse *response = g_new0 (PostureHttpResponse, 1);

  response->status = soup_message_get_status (data->msg);
  response->body = g_bytes_new_take (g_steal_pointer (&data->buf), data->len);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (data->msg));
  response->retry_after_ms = retry_after_ms;
  response->attempts = data->attempt;
  clear_answer (data);
  g_task_return_pointer (task, response, (GDestroyNotify) posture_http_response_free);
  g_object_unref (task);
}

static void
return_error (GTask  *task,
              GError *error)
{
  SendData *data = g_task_get_task_data (task);

  clear_answer (data);
  /* The deadline cancelled our cancellable: say so, not "cancelled". */
  if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *origin = posture_http_dup_origin (data->uri);
      guint limit = data->http->timeout_s;

      g_error_free (error);
      if (limit > 0 && data->deadline_us == data->http->deadline_us)
        error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                             "Stopped waiting for %s: the time limit of %u seconds was "
                             "reached; try again later", origin, limit);
      else
        error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                             "No complete answer from %s within %u seconds; try again later",
                             origin, data->http->options.read_deadline_s);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Per-host bound. A queued request holds no timer and no source (tens of thousands
 * may wait, and a main context pays for every source it holds on each iteration): it
 * is checked for cancellation and its deadline when its turn comes, which is soon,
 * since the requests ahead of it are bounded by theirs. */

static gboolean
expired_or_cancelled (SendData *data)
{
  GCancellable *caller = data->caller_cancellable;

  if (caller != NULL && g_cancellable_is_cancelled (caller))
    g_cancellable_cancel (data->cancellable);
  if (data->deadline_us > 0 && g_get_monotonic_time () >= data->deadline_us)
    {
      data->timed_out = TRUE;
      g_cancellable_cancel (data->cancellable);
    }
  return g_cancellable_is_cancelled (data->cancellable);
}

static void arm (GTask *task);

/* Starts waiters while there is room; those whose time is up end here. */
static void
pump (PostureHttp *http,
      const char  *host_key)
{
  HostSlot *slot = g_hash_table_lookup (http->hosts, host_key);
  GTask *next;

  while (slot != NULL && (next = g_queue_peek_head (&slot->waiters)) != NULL)
    {
      SendData *next_data = g_task_get_task_data (next);

      if (slot->active < MAX (1, http->options.max_per_host))
        next_data->holds_slot = TRUE;
      else if (next_data->urgent && !slot->urgent_busy)
        next_data->holds_urgent_slot = TRUE;
      else
        break;

      g_queue_pop_head (&slot->waiters);
      next_data->queued = FALSE;
      if (expired_or_cancelled (next_data))
        {
          next_data->holds_slot = next_data->holds_urgent_slot = FALSE;
          return_error (next, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "Operation was cancelled"));   /* the queue's ref */
          slot = g_hash_table_lookup (http->hosts, host_key);
          continue;
        }
      if (next_data->holds_slot)
        slot->active++;
      else
        slot->urgent_busy = TRUE;
      arm (next);
      start_attempt (next);   /* takes the queue's ref */
      slot = g_hash_table_lookup (http->hosts, host_key);
    }
}

static void
release_slot (SendData *data)
{
  g_autofree char *host_key = NULL;
  g_autoptr(PostureHttp) http = NULL;
  HostSlot *slot;

  if (!data->holds_slot && !data->holds_urgent_slot)
    return;

  slot = g_hash_table_lookup (data->http->hosts, data->host_key);
  if (data->holds_urgent_slot)
    {
      g_assert (slot != NULL && slot->urgent_busy);
      slot->urgent_busy = FALSE;
    }
  else
    {
      g_assert (slot != NULL && slot->active > 0);
      slot->active--;
    }
  data->holds_slot = data->holds_urgent_slot = FALSE;
  /* Copies: starting the next one may end this request, and its data with it. */
  host_key = g_strdup (data->host_key);
  http = g_object_ref (data->http);
  pump (http, host_key);
}

/* The key of @uri's host for the per-host bound, and @uri parsed as libsoup parses a
 * request's URL (kept for the request, so that it is parsed once), or NULL. */
static char *
host_key_of (const char  *uri,
             GUri       **out_parsed)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme;
  char *key;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;
  key = g_strdup_printf ("%s:%d", g_uri_get_host (parsed), g_uri_get_port (parsed));
  /* What soup_message_new () would take (an http or https URL with a host); anything
   * else is left to it, and to its refusal. */
  scheme = g_uri_get_scheme (parsed);
  if (g_uri_get_host (parsed)[0] != '\0' &&
      (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0))
    *out_parsed = g_steal_pointer (&parsed);
  return key;
}

static void
acquire_slot (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  HostSlot *slot;

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
      arm (task);
      start_attempt (task);
      return;
    }
  /* The next page of a list, or a token everything waits for, need not queue behind
   * the requests that the page before started: one slot above the bound is theirs. */
  if (data->urgent && !slot->urgent_busy)
    {
      slot->urgent_busy = TRUE;
      data->holds_urgent_slot = TRUE;
      arm (task);
      start_attempt (task);
      return;
    }

  data->queued = TRUE;
  disarm (data);
  /* adopts the caller's ref */
  if (data->urgent)
    g_queue_push_head (&slot->waiters, task);
  else
    g_queue_push_tail (&slot->waiters, task);
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

  return CLAMP (g_date_time_difference (when, now) / 1000, 0, (gint64) 86400 * 7 * 1000);
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

/* Retries */

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

  clear_wait_sources (data);
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       "Operation was cancelled"));
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

/* Returns TRUE when a retry was scheduled (the task ref is taken). A wait that would
 * end past the deadline is not started: the caller fails now with what it has. */
static gboolean
schedule_retry (GTask    *task,
                guint     delay_ms,
                gboolean  asked)
{
  SendData *data = g_task_get_task_data (task);
  const PostureHttpOptions *o = &data->http->options;
  guint limit_ms = asked ? MIN (o->max_retry_after_s, G_MAXUINT / 1000) * 1000 : o->max_delay_ms;
  gint64 now = g_get_monotonic_time ();
  guint scaled;

  if (data->attempt >= MAX (1, o->max_attempts) || delay_ms > limit_ms ||
      data->waited_ms + delay_ms > o->max_total_wait_ms ||
      (data->deadline_us > 0 &&
       now + (gint64) (delay_ms * data->http->time_scale) * 1000 >= data->deadline_us))
    return FALSE;

  data->waited_ms += delay_ms;
  g_debug ("Retrying %s %s in %u ms (attempt %u of %u)", data->method, data->uri, delay_ms,
           data->attempt + 1, o->max_attempts);
  if (asked && delay_ms >= 1000)
    g_signal_emit (data->http, signals [THROTTLED], 0, (delay_ms + 999) / 1000);

  scaled = (guint) MIN (delay_ms * data->http->time_scale, (double) G_MAXUINT);
  data->wait_source = g_timeout_source_new (scaled);
  g_source_set_callback (data->wait_source, wait_done_cb, task, NULL);
  g_source_attach (data->wait_source, g_task_get_context (task));
  data->cancel_source = g_cancellable_source_new (data->cancellable);
  g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
  g_source_attach (data->cancel_source, g_task_get_context (task));
  return TRUE;
}

/* A transport failure: retried when that may help, else a clear error. */
static void
transport_failed (GTask  *task,
                  GError *error)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *origin = NULL;

  clear_answer (data);
  g_debug ("%s %s -> failed after %.0f ms: %s", data->method, data->uri,
           (g_get_monotonic_time () - data->started_us) / 1000.0, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (data->cancellable))
    {
      g_error_free (error);
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       "Operation was cancelled"));
      return;
    }

  /* A write may have landed before the connection failed: not sent again blindly. */
  if (data->idempotent && error_is_retryable (error) &&
      schedule_retry (task, backoff_ms (data), FALSE))
    {
      g_error_free (error);
      return;
    }

  origin = posture_http_dup_origin (data->uri);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                     "No answer from %s within %u seconds (%u attempts); "
                                     "check the network and try again",
                                     origin, data->http->options.request_timeout_s,
                                     data->attempt));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                     "The connection to %s closed before the whole answer "
                                     "arrived (%u attempts); try again", origin, data->attempt));
  else
    return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK,
                                     "Cannot reach %s: %s (%u attempts); check the network "
                                     "and try again", origin, error->message, data->attempt));
  g_error_free (error);
}

/* The whole answer is in. */
static void
answer_complete (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  guint status = soup_message_get_status (data->msg);

  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes) in %.0f ms", data->method, data->uri,
           status, data->len, (g_get_monotonic_time () - data->started_us) / 1000.0);
  release_slot (data);

  /* A body shorter than its Content-Length is a transport failure, not an answer. */
  if (!data->encoded && data->declared >= 0 && (goffset) data->len != data->declared)
    {
      transport_failed (task, g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                           "The connection closed before the whole answer "
                                           "arrived"));
      return;
    }

  if (status_is_retryable (status))
    {
      gint64 retry_after = posture_http_parse_retry_after (
          soup_message_headers_get_one (headers, "Retry-After"), NULL);
      guint asked = retry_after >= 0 ? (guint) MIN (retry_after, G_MAXUINT) : 0;

      /* A write is sent again only when the service says it did not take it (429). */
      if ((data->idempotent || status == 429) &&
          schedule_retry (task, retry_after >= 0 ? asked : backoff_ms (data), retry_after >= 0))
        {
          clear_answer (data);
          return;
        }
      return_response (task, asked);
      return;
    }

  return_response (task, 0);
}

static void
answer_too_large (GTask *task,
                  gboolean declared)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *origin = posture_http_dup_origin (data->uri);
  gsize cap = data->http->options.max_body_bytes;

  release_slot (data);
  if (declared)
    return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                     "The answer from %s declares %" G_GINT64_FORMAT " bytes, "
                                     "more than the %" G_GSIZE_FORMAT " bytes Posture reads; it "
                                     "was refused before reading", origin,
                                     (gint64) data->declared, cap));
  else
    return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                     "The answer from %s is larger than the %" G_GSIZE_FORMAT
                                     " bytes Posture reads; it was refused", origin, cap));
}

static void read_more (GTask *task);

/* An urgent request's answer is read before the others waiting on the main context. */
static int
io_priority (SendData *data)
{
  return data->urgent ? G_PRIORITY_HIGH : G_PRIORITY_DEFAULT;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      release_slot (data);
      transport_failed (task, error);
      return;
    }
  if (n == 0)
    {
      answer_complete (task);
      return;
    }

  data->len += n;
  if (data->len > data->http->options.max_body_bytes)
    {
      answer_too_large (task, FALSE);
      return;
    }
  read_more (task);
}

static void
read_more (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  gsize cap = data->http->options.max_body_bytes;
  /* One byte past the cap tells "exactly the cap" from "more". */
  gsize want = MIN ((gsize) READ_CHUNK, cap + 1 - data->len);
  gsize room = data->alloc - data->len;

  if (room > 0 && room < want && data->declared >= 0 && !data->encoded)
    want = room;   /* sized for the declared length: its last bytes, then EOF */
  else if (room < want)
    {
      gsize alloc = MAX (data->alloc * 2, data->len + want);

      alloc = MIN (alloc, cap + 1);
      data->buf = g_realloc (data->buf, alloc);
      data->alloc = alloc;
    }

  g_input_stream_read_async (data->stream, data->buf + data->len, want, io_priority (data),
                             data->cancellable, read_cb, task);
}

static gboolean
follow_redirect (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  PostureHttp *http = data->http;
  guint status = soup_message_get_status (data->msg);
  const char *location;
  g_autofree char *target = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *host_key = NULL;
  g_autoptr(GError) error = NULL;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return FALSE;
  location = soup_message_headers_get_one (soup_message_get_response_headers (data->msg),
                                           "Location");
  if (location == NULL)
    return FALSE;

  origin = posture_http_dup_origin (data->uri);
  release_slot (data);
  target = g_uri_resolve_relative (data->uri, location, G_URI_FLAGS_ENCODED, NULL);
  clear_answer (data);

  g_clear_pointer (&data->parsed, g_uri_unref);
  if (target == NULL || (host_key = host_key_of (target, &data->parsed)) == NULL)
    {
      return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                       "%s redirected the request (HTTP %u) to an invalid "
                                       "address; nothing was sent there", origin, status));
      return TRUE;
    }

  if (++data->hops > MAX_REDIRECTS)
    {
      return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                       "%s redirected the request more than %u times; it was "
                                       "stopped", origin, MAX_REDIRECTS));
      return TRUE;
    }

  /* A write is never repeated elsewhere as a read, nor its body sent to a new place
   * except where the service asks for exactly that (307, 308). */
  if (status != 307 && status != 308 && !g_str_equal (data->method, "GET"))
    {
      return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                       "%s answered a %s with a redirect (HTTP %u); Posture "
                                       "does not repeat it elsewhere", origin, data->method,
                                       status));
      return TRUE;
    }

  /* Each hop is held to the host rules before anything is sent to it. */
  if (http->redirect_check == NULL)
    error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST,
                         "%s redirected the request (HTTP %u); redirects are not followed",
                         origin, status);
  else
    http->redirect_check (data->uri, target, http->redirect_data, &error);

  if (error != NULL)
    {
      g_prefix_error (&error, "%s redirected the request (HTTP %u): ", origin, status);
      return_error (task, g_steal_pointer (&error));
      return TRUE;
    }

  g_debug ("%s %s -> %u, following to %s", data->method, data->uri, status, target);
  g_free (data->uri);
  data->uri = g_steal_pointer (&target);
  g_free (data->host_key);
  data->host_key = g_steal_pointer (&host_key);
  /* The hop is not a retry. */
  data->attempt--;
  acquire_slot (task);
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  gsize cap = data->http->options.max_body_bytes;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      release_slot (data);
      transport_failed (task, error);
      return;
    }

  if (follow_redirect (task))
    return;

  headers = soup_message_get_response_headers (data->msg);
  data->encoded = soup_message_headers_get_one (headers, "Content-Encoding") != NULL;
  data->declared = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                   ? soup_message_headers_get_content_length (headers) : -1;

  /* Refused before a byte of the body is read. */
  if (data->declared > 0 && (guint64) data->declared > cap)
    {
      answer_too_large (task, TRUE);
      return;
    }

  if (data->declared >= 0 && !data->encoded)
    {
      /* The exact size, plus the byte that tells a longer body. */
      data->alloc = (gsize) data->declared + 1;
      data->buf = g_malloc (data->alloc);
    }
  read_more (task);
}

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *request_id = NULL;
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      release_slot (data);
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       "Operation was cancelled"));
      return;
    }

  data->attempt++;
  clear_answer (data);
  data->msg = data->parsed != NULL ? soup_message_new_from_uri (data->method, data->parsed)
                                   : soup_message_new (data->method, data->uri);
  if (data->msg == NULL)
    {
      release_slot (data);
      return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                                       "Cannot build a request for an invalid URL"));
      return;
    }

  /* Redirects are ours to follow (follow_redirect), hop by hop under the host rules. A
   * read sent as a POST may go on a kept-alive connection, as a GET does (libsoup gives
   * every other POST a new one). */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT |
                          (data->idempotent ? SOUP_MESSAGE_IDEMPOTENT : 0));

  headers = soup_message_get_request_headers (data->msg);
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
    soup_message_set_request_body_from_bytes (data->msg, data->content_type, data->body);
  else if (g_str_equal (data->method, "POST") || g_str_equal (data->method, "PUT") ||
           g_str_equal (data->method, "PATCH"))
    {
      /* As Microsoft's own clients do: an empty body still says what it is. */
      soup_message_headers_set_content_type (headers, data->content_type, NULL);
      soup_message_headers_set_content_length (headers, 0);
    }

  data->started_us = g_get_monotonic_time ();
  soup_session_send_async (data->http->session, data->msg, io_priority (data),
                           data->cancellable, sent_cb, task);
}

/* Cancellation and the deadline, on the task's own main context */

static gboolean
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  SendData *data = user_data;

  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  SendData *data = user_data;

  g_debug ("%s %s: deadline reached", data->method, data->uri);
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

/* The caller's cancellation and the deadline reach a request under way through two
 * sources on the task's context, attached while it runs or waits to retry. */
static void
arm (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  gint64 now;

  if (data->caller_cancellable != NULL && data->caller_source == NULL)
    {
      data->caller_source = g_cancellable_source_new (data->caller_cancellable);
      g_source_set_callback (data->caller_source, G_SOURCE_FUNC (caller_cancelled_cb), data, NULL);
      g_source_attach (data->caller_source, g_task_get_context (task));
    }
  if (data->deadline_us > 0 && data->deadline_source == NULL)
    {
      now = g_get_monotonic_time ();
      data->deadline_source = g_timeout_source_new ((guint) MIN ((MAX (0, data->deadline_us - now)
                                                                  + 999) / 1000, G_MAXUINT));
      g_source_set_callback (data->deadline_source, deadline_cb, data, NULL);
      g_source_attach (data->deadline_source, g_task_get_context (task));
    }
}

void
posture_http_send_async (PostureHttp         *self,
                         const char          *method,
                         const char          *uri,
                         const char          *content_type,
                         GBytes              *body,
                         const char          *bearer,
                         PostureHttpFlags     flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  SendData *data;
  gint64 now = g_get_monotonic_time ();

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
  data->urgent = (flags & POSTURE_HTTP_URGENT) != 0;
  data->idempotent = (flags & POSTURE_HTTP_IDEMPOTENT) != 0;
  data->cancellable = g_cancellable_new ();
  data->started_us = now;
  g_task_set_task_data (task, data, send_data_free);

  if ((data->host_key = host_key_of (uri, &data->parsed)) == NULL)
    {
      return_error (task, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                                       "Cannot send a request to an invalid URL"));
      return;
    }

  data->caller_cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  /* One bound for the request whatever the server does (a byte every few seconds
   * keeps every I/O timeout happy), and the caller's deadline for everything. */
  if (self->options.read_deadline_s > 0)
    data->deadline_us = now + (gint64) self->options.read_deadline_s * G_USEC_PER_SEC;
  if (self->deadline_us > 0 && (data->deadline_us == 0 || self->deadline_us <= data->deadline_us))
    data->deadline_us = self->deadline_us;
  expired_or_cancelled (data);

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
  if (self->redirect_destroy != NULL)
    g_clear_pointer (&self->redirect_data, self->redirect_destroy);
  self->redirect_check = NULL;

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

  signals [THROTTLED] =
    g_signal_new ("throttled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
posture_http_init (PostureHttp *self)
{
  posture_http_options_init_default (&self->options);
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, host_slot_free);
  self->time_scale = 1.0;
}

PostureHttp *
posture_http_new (const PostureHttpOptions *options)
{
  PostureHttp *self = g_object_new (POSTURE_TYPE_HTTP, NULL);
  guint per_host;

  if (options != NULL)
    self->options = *options;
  if (self->options.max_body_bytes == 0)
    self->options.max_body_bytes = 1;

  per_host = MAX (1, self->options.max_per_host);
  self->session = soup_session_new_with_options ("user-agent", "Posture/" PACKAGE_VERSION " ",
                                                 "timeout", self->options.request_timeout_s,
                                                 "idle-timeout", 60,
                                                 "max-conns", MAX (16, (per_host + 1) * 4),
                                                 "max-conns-per-host", per_host + 1,
                                                 NULL);
  /* Compressed answers are welcome; the cap counts what they decompress to. */
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

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

void
posture_http_set_redirect_check (PostureHttp              *self,
                                 PostureHttpRedirectCheck  check,
                                 gpointer                  user_data,
                                 GDestroyNotify            destroy)
{
  g_return_if_fail (POSTURE_IS_HTTP (self));

  if (self->redirect_destroy != NULL)
    g_clear_pointer (&self->redirect_data, self->redirect_destroy);
  self->redirect_check = check;
  self->redirect_data = user_data;
  self->redirect_destroy = destroy;
}

void
posture_http_set_deadline (PostureHttp *self,
                           gint64       deadline_us,
                           guint        timeout_s)
{
  g_return_if_fail (POSTURE_IS_HTTP (self));

  self->deadline_us = MAX (0, deadline_us);
  self->timeout_s = deadline_us > 0 ? timeout_s : 0;
}

gint64
posture_http_get_deadline (PostureHttp *self)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), 0);
  return self->deadline_us;
}

guint
posture_http_get_timeout (PostureHttp *self)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), 0);
  return self->timeout_s;
}

void
_posture_http_set_time_scale (PostureHttp *self,
                              double       scale)
{
  g_return_if_fail (POSTURE_IS_HTTP (self));
  self->time_scale = scale > 0 ? scale : 1.0;
}

double
_posture_http_get_time_scale (PostureHttp *self)
{
  g_return_val_if_fail (POSTURE_IS_HTTP (self), 1.0);
  return self->time_scale;
}
