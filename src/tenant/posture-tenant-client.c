/* posture-tenant-client.c: the request primitive and the object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-payload-private.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant-error.h"

#define ADMIN_APP_HINT \
  "Register the app as a Power Platform admin management application (a Power Platform " \
  "administrator runs: PUT https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/" \
  "adminApplications/{client id}?api-version=2020-10-01, or uses the admin center's " \
  "\"New-PowerAppManagementApp\")"

struct _PostureTenantClient
{
  GObject       parent_instance;

  PostureOAuth *oauth;
};

G_DEFINE_FINAL_TYPE (PostureTenantClient, posture_tenant_client, G_TYPE_OBJECT)

/* Answers from this size on (list pages) are parsed in the worker thread. Smaller ones
 * (a Dataverse row or role list, about 1 KB) cost less to parse than to hand over and
 * back: two thread wake-ups each, measured at a tenth of the read's CPU time. */
#define PARSE_IN_THREAD_BYTES (16 * 1024)

typedef struct
{
  char                *method;
  char                *uri;
  char                *scope;
  char                *shown;      /* origin + path, for messages; made when needed */
  GBytes              *body;
  GBytes              *answer;     /* the response body, until it is parsed */
  GError              *parse_error; /* from the parse worker */
  guint64              parse_seq;   /* its place in the parse worker's queue */
  PostureRequestFlags  flags;
  PostureService       service;
  gboolean             reauthed;
  GPtrArray           *dropped;    /* $select columns the service did not know */
  PostureRequestPeekFunc peek;     /* told the next page of a list before parsing */
  gpointer             peek_data;
  /* results */
  JsonNode            *node;
  guint                status;
  char                *code;
  char                *message;
} RequestData;

static void
request_data_free (gpointer user_data)
{
  RequestData *data = user_data;

  g_free (data->method);
  g_free (data->uri);
  g_free (data->scope);
  g_free (data->shown);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->answer, g_bytes_unref);
  g_clear_error (&data->parse_error);
  g_clear_pointer (&data->node, json_node_unref);
  g_free (data->code);
  g_free (data->message);
  g_clear_pointer (&data->dropped, g_ptr_array_unref);
  g_free (data);
}

static char *
shown_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *shown = NULL;

  if (parsed == NULL)
    return g_strdup ("(invalid URL)");

  /* Origin and path: queries carry nothing secret, but they make messages long. */
  if (g_uri_get_port (parsed) > 0)
    shown = g_strdup_printf ("%s://%s:%d%s", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                             g_uri_get_port (parsed), g_uri_get_path (parsed));
  else
    shown = g_strdup_printf ("%s://%s%s", g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                             g_uri_get_path (parsed));
  return g_utf8_make_valid (shown, MIN (strlen (shown), 300));
}

static void request_send (GTask *task, const char *token);
static void request_start (PostureTenantClient *self, const char *method, const char *uri,
                           JsonNode *body, PostureRequestFlags flags, PostureRequestPeekFunc peek,
                           gpointer peek_data, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);

static const char *
shown (RequestData *data)
{
  if (data->shown == NULL)
    data->shown = shown_uri (data->uri);
  return data->shown;
}

/* @data holds the answer's status and the service's code and message. */
static GError *
map_status (RequestData *data,
            guint        retry_after_ms,
            guint        attempts,
            guint        max_wait_s)
{
  const char *code = data->code;
  const char *message = data->message;
  g_autofree char *detail = NULL;
  guint status = data->status;

  if (code != NULL || message != NULL)
    detail = g_strdup_printf (" (%s%s%s)", code != NULL ? code : "",
                              code != NULL && message != NULL ? ": " : "",
                              message != NULL ? message : "");
  else
    detail = g_strdup ("");

  switch (status)
    {
    case 401:
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH,
                          "%s refused the access token twice (HTTP 401)%s; sign in again",
                          shown (data), detail);

    case 403:
      if (message != NULL &&
          strstr (message, "does not have permission to access the path") != NULL)
        return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN,
                            "%s: access denied (HTTP 403)%s. %s", shown (data), detail,
                            ADMIN_APP_HINT);
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN,
                          "%s: access denied (HTTP 403)%s; the signed-in account or app needs "
                          "the Power Platform administrator role or consent", shown (data), detail);

    case 404:
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_FOUND,
                          "%s was not found (HTTP 404)%s", shown (data), detail);

    case 429:
    case 503:
      if (retry_after_ms > max_wait_s * 1000)
        return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED,
                            "%s is throttling requests (HTTP %u)%s; it asks to wait %u seconds, "
                            "longer than the %u seconds Posture waits; try again then",
                            shown (data), status, detail, (retry_after_ms + 999) / 1000,
                            max_wait_s);
      if (retry_after_ms > 0)
        return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED,
                            "%s is throttling requests (HTTP %u after %u attempts)%s; it asks "
                            "to wait %u seconds, try again then", shown (data), status, attempts,
                            detail, (retry_after_ms + 999) / 1000);
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED,
                          "%s is throttling requests (HTTP %u after %u attempts)%s; wait a "
                          "minute and try again", shown (data), status, attempts, detail);

    default:
      if (status >= 500)
        return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_SERVER,
                            "%s failed (HTTP %u after %u attempts)%s; try again later",
                            shown (data), status, attempts, detail);
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                          "%s rejected the request (HTTP %u)%s", shown (data), status, detail);
    }
}

static void
request_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureSecret) token = NULL;
  GError *error = NULL;

  token = posture_oauth_get_token_finish (POSTURE_OAUTH (object), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  request_send (g_steal_pointer (&task), token);
}

static gint parse_quick = TRUE;

void
_posture_tenant_client_set_parse_quick (gboolean enabled)
{
  g_atomic_int_set (&parse_quick, enabled ? TRUE : FALSE);
}

/* The answer to JSON; nothing else of the request is touched, so this may run in the
 * parse worker. */
static JsonNode *
parse_answer (RequestData  *data,
              GError      **error)
{
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (data->answer, &size);
  JsonNode *node;

  /* Plain answers (nearly all) the quick way; json-glib for the rest, and the errors. */
  node = g_atomic_int_get (&parse_quick)
           ? _posture_payload_parse_quick (text, size, POSTURE_JSON_DEFAULT_MAX_DEPTH) : NULL;
  if (node == NULL)
    node = posture_json_parse_bytes (data->answer, POSTURE_JSON_DEFAULT_MAX_DEPTH, &parse_error);
  g_clear_pointer (&data->answer, g_bytes_unref);
  if (node == NULL)
    g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                 "The answer from %s is not valid JSON (%s); it may have been cut off, try "
                 "again", shown (data), parse_error->message);
  return node;
}

/* Back on the task's main context: the result, then the worker's reference, dropped
 * there so that nothing is left holding the client once its caller has the answer. */
static gboolean
parse_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);

  if (data->node == NULL)
    g_task_return_error (task, g_steal_pointer (&data->parse_error));
  else
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
parse_job (gpointer job,
           gpointer user_data)
{
  GTask *task = job;
  RequestData *data = g_task_get_task_data (task);

  data->node = parse_answer (data, &data->parse_error);
  g_main_context_invoke (g_task_get_context (task), parse_done_cb, task);
}

/* One worker for the answers: parsing them beside the main context, never several at
 * once against the one or two cores that the main context and, on a loopback tenant,
 * the server need. */
/* A page of a list (urgent: more requests wait for what it lists) is parsed before the
 * answers queued ahead of it; otherwise first in, first out. */
static gint
parse_order (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  RequestData *da = g_task_get_task_data ((GTask *) a);
  RequestData *db = g_task_get_task_data ((GTask *) b);
  gboolean ua = (da->flags & POSTURE_REQUEST_URGENT) != 0;
  gboolean ub = (db->flags & POSTURE_REQUEST_URGENT) != 0;

  if (ua != ub)
    return ua ? -1 : 1;
  return da->parse_seq < db->parse_seq ? -1 : da->parse_seq > db->parse_seq ? 1 : 0;
}

static GThreadPool *
parse_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created = g_thread_pool_new (parse_job, NULL, 1, FALSE, NULL);

      g_thread_pool_set_sort_function (created, parse_order, NULL);
      g_once_init_leave (&pool, created);
    }
  return pool;
}

/* Sends with the scope's token: at once when a fresh one is at hand, else after
 * asking for one. Takes the task's ref. */
static void
request_with_token (GTask *task)
{
  PostureTenantClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(PostureSecret) token = _posture_oauth_dup_fresh_token (self->oauth, data->scope);

  if (token != NULL)
    request_send (task, token);
  else
    posture_oauth_get_token_async (self->oauth, data->scope, FALSE, g_task_get_cancellable (task),
                                   request_token_cb, task);
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureTenantClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  GError *error = NULL;

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->status = response->status;
  g_clear_pointer (&data->code, g_free);
  g_clear_pointer (&data->message, g_free);
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    posture_http_parse_error_body (response->body, &data->code, &data->message);

  if (response->status == 401 && !data->reauthed)
    {
      /* The token expired early or was revoked: one new token, one more try. */
      data->reauthed = TRUE;
      g_debug ("%s answered 401; getting a new token", shown (data));
      posture_oauth_get_token_async (self->oauth, data->scope, TRUE, g_task_get_cancellable (task),
                                     request_token_cb, g_object_ref (task));
      return;
    }

  /* One unknown column never makes a whole Dataverse row unknown: read again without
   * it, and say which it was. */
  if (response->status == 400 && data->service == POSTURE_SERVICE_DATAVERSE &&
      g_str_equal (data->method, "GET"))
    {
      g_autofree char *column = NULL;
      g_autofree char *uri = NULL;

      if ((uri = _posture_payload_drop_unknown_column (data->uri, data->message, &column)) != NULL)
        {
          g_debug ("%s does not know the column %s; reading it again without", shown (data),
                   column);
          if (data->dropped == NULL)
            data->dropped = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (data->dropped, g_steal_pointer (&column));
          g_free (data->uri);
          data->uri = g_steal_pointer (&uri);
          request_with_token (g_steal_pointer (&task));
          return;
        }
    }

  if (response->status == 404 && (data->flags & POSTURE_REQUEST_ALLOW_404) != 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, map_status (data, response->retry_after_ms,
                                             response->attempts,
                                             posture_http_get_options (POSTURE_HTTP (object))
                                               ->max_retry_after_s));
      return;
    }

  if (g_bytes_get_size (response->body) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The next page of a list can be asked for before this one is parsed. */
  if (data->peek != NULL)
    {
      gsize size;
      const char *text = g_bytes_get_data (response->body, &size);
      g_autofree char *next_link = _posture_payload_scan_next_link (text, size);

      if (next_link != NULL)
        data->peek (next_link, data->peek_data);
    }

  /* The answer is parsed in a worker thread, so that the main context goes on with the
   * other requests meanwhile. */
  data->answer = g_bytes_ref (response->body);
  if (g_bytes_get_size (data->answer) >= PARSE_IN_THREAD_BYTES)
    {
      static guint64 parse_seq;

      data->parse_seq = ++parse_seq;
      g_thread_pool_push (parse_pool (), g_steal_pointer (&task), NULL);
    }
  else if ((data->node = parse_answer (data, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What the HTTP layer may do with the request: a read, or an idempotent write, may be
 * sent again; a POST only when its caller says that it reads. */
static PostureHttpFlags
http_flags (RequestData *data)
{
  PostureHttpFlags flags = POSTURE_HTTP_NONE;

  if ((data->flags & POSTURE_REQUEST_URGENT) != 0)
    flags |= POSTURE_HTTP_URGENT;
  if ((data->flags & POSTURE_REQUEST_READ) != 0 || g_str_equal (data->method, "GET") ||
      g_str_equal (data->method, "PUT") || g_str_equal (data->method, "PATCH") ||
      g_str_equal (data->method, "DELETE"))
    flags |= POSTURE_HTTP_IDEMPOTENT;
  return flags;
}

static void
request_send (GTask      *task,
              const char *token)
{
  PostureTenantClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);

  posture_http_send_async (_posture_oauth_get_http (self->oauth), data->method, data->uri,
                           "application/json", data->body, token, http_flags (data),
                           g_task_get_cancellable (task), request_sent_cb, task);
}

void
_posture_tenant_client_request_async (PostureTenantClient *self,
                                      const char          *method,
                                      const char          *uri,
                                      JsonNode            *body,
                                      PostureRequestFlags  flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  request_start (self, method, uri, body, flags, NULL, NULL, cancellable, callback, user_data);
}

void
_posture_tenant_client_request_page_async (PostureTenantClient    *self,
                                           const char             *uri,
                                           PostureRequestFlags     flags,
                                           PostureRequestPeekFunc  peek,
                                           gpointer                peek_data,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  request_start (self, "GET", uri, NULL, flags, peek, peek_data, cancellable, callback,
                 user_data);
}

static void
request_start (PostureTenantClient    *self,
               const char             *method,
               const char             *uri,
               JsonNode               *body,
               PostureRequestFlags     flags,
               PostureRequestPeekFunc  peek,
               gpointer                peek_data,
               GCancellable           *cancellable,
               GAsyncReadyCallback     callback,
               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  RequestData *data;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (method != NULL && uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _posture_tenant_client_request_async);

  data = g_new0 (RequestData, 1);
  data->method = g_strdup (method);
  data->uri = g_strdup (uri);
  data->flags = flags;
  data->peek = peek;
  data->peek_data = peek_data;
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      data->body = g_bytes_new_take (text, strlen (text));
    }
  g_task_set_task_data (task, data, request_data_free);

  /* The host rules come first: a refused URL gets no request and no token. */
  data->scope = posture_endpoints_dup_scope_and_service (posture_oauth_get_endpoints (self->oauth),
                                                         uri, &data->service, &error);
  if (data->scope == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  request_with_token (g_steal_pointer (&task));
}

gboolean
_posture_tenant_client_request_finish (PostureTenantClient  *self,
                                       GAsyncResult         *result,
                                       JsonNode            **out_node,
                                       guint                *out_status,
                                       char                **out_code,
                                       char                **out_message,
                                       GError              **error)
{
  RequestData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _posture_tenant_client_request_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = data->status;
  if (out_code != NULL)
    *out_code = g_strdup (data->code);
  if (out_message != NULL)
    *out_message = g_strdup (data->message);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (out_node != NULL)
        *out_node = NULL;
      return FALSE;
    }

  if (out_node != NULL)
    *out_node = g_steal_pointer (&data->node);
  return TRUE;
}

GStrv
_posture_tenant_client_request_dup_dropped (PostureTenantClient *self,
                                            GAsyncResult        *result)
{
  RequestData *data;
  GStrvBuilder *builder;
  GStrv dropped;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _posture_tenant_client_request_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (data->dropped == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < data->dropped->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (data->dropped, i));
  dropped = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return dropped;
}

char *
_posture_tenant_client_bap_uri (PostureTenantClient *self,
                                const char          *path)
{
  return g_strconcat (posture_endpoints_get_bap (posture_oauth_get_endpoints (self->oauth)),
                      path, NULL);
}

char *
_posture_tenant_client_dataverse_uri (const char *instance_url,
                                      const char *select)
{
  gboolean slash = g_str_has_suffix (instance_url, "/");

  return g_strconcat (instance_url, slash ? "" : "/", "api/data/v9.2/organizations?$select=",
                      select, NULL);
}

static void
posture_tenant_client_dispose (GObject *object)
{
  PostureTenantClient *self = (PostureTenantClient *) object;

  g_clear_object (&self->oauth);

  G_OBJECT_CLASS (posture_tenant_client_parent_class)->dispose (object);
}

static void
posture_tenant_client_class_init (PostureTenantClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = posture_tenant_client_dispose;
}

static void
posture_tenant_client_init (PostureTenantClient *self)
{
}

PostureTenantClient *
posture_tenant_client_new (PostureOAuth *oauth)
{
  PostureTenantClient *self;

  g_return_val_if_fail (POSTURE_IS_OAUTH (oauth), NULL);

  self = g_object_new (POSTURE_TYPE_TENANT_CLIENT, NULL);
  self->oauth = g_object_ref (oauth);
  return self;
}

PostureOAuth *
posture_tenant_client_get_oauth (PostureTenantClient *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (self), NULL);
  return self->oauth;
}
