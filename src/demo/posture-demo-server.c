/* posture-demo-server.c: the embedded demo tenant, served on a loopback port
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP plumbing, authentication, faults and the knobs. Every service (login, BAP,
 * Graph and each Dataverse instance) lives under the one origin B = http://127.0.0.1:PORT
 * with the real services' paths (DESIGN.md "custom base URL"); the API families
 * (posture-demo-bap.c and its siblings) compute the answers from the scenario.
 */

#define G_LOG_DOMAIN "posture-demo-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "posture-demo-private.h"
#include "posture-demo-server.h"

#define MAX_BODY_SIZE            (4 * 1024 * 1024)
#define DEFAULT_PAGE_SIZE        10
#define DEFAULT_ODATA_PAGE_SIZE  4
#define DEFAULT_OPERATION_POLLS  2
#define DEFAULT_RETRY_AFTER      1
#define DEFAULT_OPERATION_MS     30000
#define DEFAULT_ISOLATION_EVERY  2
#define DEFAULT_CALLER_ADDRESS   "198.51.100.23"
#define DEFAULT_SEED             20261128

G_DEFINE_QUARK (posture-demo-error-quark, posture_demo_error)

typedef struct
{
  PostureDemoServer *self;      /* unowned; the server outlives its pending list */
  SoupServerMessage *msg;       /* owned */
  guint              source_id;
  gboolean           drop;      /* close the connection instead of answering */
} Delayed;

struct _PostureDemoServer
{
  GObject              parent_instance;

  /* Owned */
  SoupServer          *server;
  char                *base_uri;
  PostureDemoScenario *scenario;
  PostureDemoTokens   *tokens;
  PostureDemoFaults   *faults;        /* NULL: no faults */
  GRand               *fault_rand;
  GPtrArray           *delayed;       /* Delayed: answers waiting out their latency */
  PostureDemoConfig    config;

  /* Configuration */
  guint64              seed;
  guint                n_environments;
  guint                port;
  guint                request_count;
};

G_DEFINE_FINAL_TYPE (PostureDemoServer, posture_demo_server, G_TYPE_OBJECT)

/* ---- Helpers -------------------------------------------------------------------------- */

static void
reseed_faults (PostureDemoServer *self)
{
  guint32 words[2] = { (guint32) self->seed, (guint32) (self->seed >> 32) ^ 0x7f4a7c15u };

  g_clear_pointer (&self->fault_rand, g_rand_free);
  self->fault_rand = g_rand_new_with_seed_array (words, 2);
}

static void
rebuild_scenario (PostureDemoServer *self)
{
  g_clear_object (&self->scenario);
  self->scenario = posture_demo_scenario_new (self->seed, self->n_environments);
}

static PostureDemoReply *
not_found (PostureDemoService  service,
           const char         *path)
{
  g_autofree char *msg = g_strdup_printf ("No resource was found at '%.200s'.", path);

  return _posture_demo_reply_new_service_error (service, 404, "NotFound", msg);
}

static GHashTable *
parse_form (GBytes *body)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return soup_form_decode (text);
}

/* ---- Authentication ------------------------------------------------------------------- */

static PostureDemoReply *
check_bearer (PostureDemoServer  *self,
              SoupServerMessage  *msg,
              PostureDemoService  service,
              const char         *audience)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  gboolean graph = service == POSTURE_DEMO_SERVICE_GRAPH;
  g_autofree char *audience_message = NULL;
  const char *code;
  const char *message;
  PostureDemoReply *reply;

  switch (_posture_demo_tokens_check (self->tokens, authorization, audience))
    {
    case POSTURE_DEMO_TOKEN_VALID:
      return NULL;

    case POSTURE_DEMO_TOKEN_MISSING:
      code = graph ? "InvalidAuthenticationToken" : "AuthenticationFailed";
      message = graph ? "Access token is empty."
                      : "Authentication failed. The 'Authorization' header is missing.";
      break;

    case POSTURE_DEMO_TOKEN_EXPIRED:
      code = graph ? "InvalidAuthenticationToken" : "ExpiredAuthenticationToken";
      message = graph ? "Access token has expired or is not yet valid."
                      : "The access token has expired. Acquire a new access token and try again.";
      break;

    case POSTURE_DEMO_TOKEN_WRONG_AUDIENCE:
      code = graph ? "InvalidAuthenticationToken" : "InvalidAuthenticationTokenAudience";
      audience_message = g_strdup_printf ("The access token has been obtained for wrong audience "
                                          "or resource. It should exactly match with one of the "
                                          "allowed audiences '%s'.", audience);
      message = graph ? "Invalid audience." : audience_message;
      break;

    case POSTURE_DEMO_TOKEN_MALFORMED:
    default:
      code = "InvalidAuthenticationToken";
      message = graph ? "Invalid JWT token. The token is malformed or was not issued by this "
                        "tenant."
                      : "The access token is invalid.";
      break;
    }

  reply = _posture_demo_reply_new_service_error (service, 401, code, message);
  reply->www_authenticate = g_strdup_printf ("Bearer authorization_uri=\"%s/%s/oauth2/authorize\", "
                                             "error=\"invalid_token\", resource_id=\"%s\"",
                                             self->base_uri, POSTURE_DEMO_TENANT_ID, audience);
  return reply;
}

/* ---- Routes --------------------------------------------------------------------------- */

static PostureDemoReply *
route_login (PostureDemoServer  *self,
             PostureDemoRequest *req)
{
  char **segs = req->segs;
  guint n = req->n_segs;
  g_autoptr(GHashTable) form = NULL;

  /* {tenant}/oauth2/v2.0/{token,devicecode} */
  if (n == 4 && g_str_equal (segs[1], "oauth2") && g_str_equal (segs[2], "v2.0") &&
      (g_str_equal (segs[3], "token") || g_str_equal (segs[3], "devicecode")))
    {
      if (!_posture_demo_request_is (req, "POST"))
        return _posture_demo_token_error (405, "invalid_request", 900561,
                                          "The endpoint only accepts POST, OPTIONS requests. "
                                          "Received a GET request.");

      form = parse_form (req->body);
      if (form == NULL)
        form = g_hash_table_new (g_str_hash, g_str_equal);

      if (g_str_equal (segs[3], "token"))
        return _posture_demo_tokens_handle_token (self->tokens, self->base_uri, segs[0], form);
      return _posture_demo_tokens_handle_devicecode (self->tokens, self->base_uri, segs[0], form);
    }

  /* {tenant}/v2.0/.well-known/openid-configuration */
  if (n == 4 && g_str_equal (segs[1], "v2.0") && g_str_equal (segs[2], ".well-known") &&
      g_str_equal (segs[3], "openid-configuration"))
    {
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autofree char *token = NULL;
      g_autofree char *device = NULL;
      g_autofree char *issuer = NULL;

      if (!_posture_demo_tokens_tenant_matches (segs[0]))
        return _posture_demo_token_error (400, "invalid_tenant", 90002, "Tenant not found.");
      token = g_strdup_printf ("%s/%s/oauth2/v2.0/token", self->base_uri, POSTURE_DEMO_TENANT_ID);
      device = g_strdup_printf ("%s/%s/oauth2/v2.0/devicecode", self->base_uri,
                                POSTURE_DEMO_TENANT_ID);
      issuer = g_strdup_printf ("%s/%s/v2.0", self->base_uri, POSTURE_DEMO_TENANT_ID);
      json_object_set_string_member (obj, "token_endpoint", token);
      json_object_set_string_member (obj, "device_authorization_endpoint", device);
      json_object_set_string_member (obj, "issuer", issuer);
      json_object_set_string_member (obj, "tenant_region_scope", "NA");
      return _posture_demo_reply_new_object (200, obj);
    }

  return NULL;
}

static PostureDemoService
classify (char  **segs,
          guint   n)
{
  if (n == 0)
    return POSTURE_DEMO_SERVICE_NONE;
  if (g_str_equal (segs[0], "providers"))
    return POSTURE_DEMO_SERVICE_BAP;
  if (g_str_equal (segs[0], "v1.0"))
    return POSTURE_DEMO_SERVICE_GRAPH;
  if (g_str_equal (segs[0], "dataverse") && n >= 2)
    return POSTURE_DEMO_SERVICE_DATAVERSE;
  if (n >= 2 && (g_str_equal (segs[1], "oauth2") || g_str_equal (segs[1], "v2.0")))
    return POSTURE_DEMO_SERVICE_LOGIN;
  return POSTURE_DEMO_SERVICE_NONE;
}

static PostureDemoReply *
dispatch (PostureDemoServer  *self,
          SoupServerMessage  *msg,
          PostureDemoRequest *req,
          PostureDemoService  service)
{
  PostureDemoReply *reply = NULL;

  switch (service)
    {
    case POSTURE_DEMO_SERVICE_LOGIN:
      return route_login (self, req);

    case POSTURE_DEMO_SERVICE_BAP:
      if ((reply = check_bearer (self, msg, service, POSTURE_DEMO_RESOURCE_BAP)))
        return reply;
      if ((reply = _posture_demo_operations_route (req)) ||
          (reply = _posture_demo_bap_route (req)) ||
          (reply = _posture_demo_dlp_route (req)) ||
          (reply = _posture_demo_isolation_route (req)))
        return reply;
      return NULL;

    case POSTURE_DEMO_SERVICE_GRAPH:
      if ((reply = check_bearer (self, msg, service, POSTURE_DEMO_RESOURCE_GRAPH)))
        return reply;
      return _posture_demo_graph_route (req);

    case POSTURE_DEMO_SERVICE_DATAVERSE:
      /* The IP firewall works before authentication. */
      if ((reply = _posture_demo_dataverse_firewall (req)) ||
          (reply = check_bearer (self, msg, service, self->base_uri)))
        return reply;
      return _posture_demo_dataverse_route (req);

    case POSTURE_DEMO_SERVICE_NONE:
    default:
      return NULL;
    }
}

static PostureDemoReply *
route (PostureDemoServer  *self,
       SoupServerMessage  *msg,
       const char         *path,
       GHashTable         *query,
       PostureDemoService  service)
{
  g_auto(GStrv) raw = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) segs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  PostureDemoRequest req = { 0 };
  PostureDemoReply *reply;

  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *seg;

      if (raw[i][0] == '\0')
        continue;
      if ((seg = g_uri_unescape_string (raw[i], NULL)) == NULL)
        return not_found (POSTURE_DEMO_SERVICE_NONE, path);
      g_ptr_array_add (segs, seg);
    }
  g_ptr_array_add (segs, NULL);

  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.segs = (char **) segs->pdata;
  req.n_segs = segs->len - 1;
  req.query = query;
  req.headers = soup_server_message_get_request_headers (msg);
  req.body = body;
  req.base_uri = self->base_uri;
  req.scenario = self->scenario;
  req.config = &self->config;

  /* Operations nobody polled complete in time, before anything reads their target. */
  _posture_demo_operations_tick (self->scenario);

  reply = dispatch (self, msg, &req, service);
  return reply != NULL ? reply : not_found (service, path);
}

/* ---- Faults --------------------------------------------------------------------------- */

static PostureDemoReply *
fault_reply (PostureDemoServer  *self,
             PostureDemoService  service,
             guint               status)
{
  guint retry_after = _posture_demo_faults_get_retry_after (self->faults);
  gboolean dataverse = service == POSTURE_DEMO_SERVICE_DATAVERSE;
  g_autofree char *message = NULL;
  const char *code;

  switch (status)
    {
    case 429:
      code = dataverse ? "0x80072322" : "TooManyRequests";
      message = dataverse ? g_strdup ("Number of requests exceeded the limit of 6000 over time "
                                      "window of 300 seconds.")
                          : g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.",
                                             retry_after);
      break;
    case 500:
      code = "InternalServerError";
      message = g_strdup ("An internal server error occurred. Try again later.");
      break;
    case 502:
      code = "BadGateway";
      message = g_strdup ("The gateway did not receive a valid response from the backend.");
      break;
    case 503:
      code = "ServiceUnavailable";
      message = g_strdup ("The service is temporarily unavailable. Try again later.");
      break;
    case 504:
      code = "GatewayTimeout";
      message = g_strdup ("The gateway did not receive a response from the backend in time.");
      break;
    default:
      code = "Error";
      message = g_strdup_printf ("The service answered with HTTP status %u.", status);
      break;
    }

  /* BAP has been seen answering 409 with an empty body (reference §3.1). */
  if (status == 409 && service == POSTURE_DEMO_SERVICE_BAP)
    return _posture_demo_reply_new (409, NULL);
  if (service == POSTURE_DEMO_SERVICE_LOGIN)
    return _posture_demo_token_error (status, "temporarily_unavailable", 90033,
                                      "A transient error has occurred. Please try again.");
  return _posture_demo_reply_new_service_error (service, status, code, message);
}

/* ---- Sending -------------------------------------------------------------------------- */

static void
send_reply (SoupServerMessage  *msg,
            PostureDemoReply   *reply,
            PostureDemoService  service,
            guint               fault_retry_after,
            gboolean            truncate)
{
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gboolean graph = service == POSTURE_DEMO_SERVICE_GRAPH;
  g_autofree char *request_id = g_uuid_string_random ();
  const char *client_request_id;
  int retry_after = reply->retry_after;

  client_request_id = soup_message_headers_get_one (req_headers, "x-ms-client-request-id");
  if (client_request_id == NULL)
    client_request_id = soup_message_headers_get_one (req_headers, "client-request-id");

  soup_message_headers_replace (headers, graph ? "request-id" : "x-ms-request-id", request_id);
  if (client_request_id != NULL && strlen (client_request_id) <= 128)
    soup_message_headers_replace (headers, graph ? "client-request-id" : "x-ms-client-request-id",
                                  client_request_id);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache, no-store");

  if (reply->location != NULL)
    soup_message_headers_replace (headers, "Location", reply->location);
  if (reply->www_authenticate != NULL)
    soup_message_headers_replace (headers, "WWW-Authenticate", reply->www_authenticate);
  if (reply->preference_applied != NULL)
    soup_message_headers_replace (headers, "Preference-Applied", reply->preference_applied);
  if (retry_after < 0 && (reply->status == 429 || reply->status == 503))
    retry_after = (int) fault_retry_after;
  if (retry_after >= 0)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%d", retry_after);
      soup_message_headers_replace (headers, "Retry-After", value);
    }

  soup_server_message_set_status (msg, reply->status, NULL);
  if (reply->body != NULL)
    {
      gsize len = strlen (reply->body);
      const char *type = reply->content_type ? reply->content_type
                       : service == POSTURE_DEMO_SERVICE_DATAVERSE
                       ? "application/json; odata.metadata=minimal"
                       : "application/json; charset=utf-8";

      if (service == POSTURE_DEMO_SERVICE_DATAVERSE)
        soup_message_headers_replace (headers, "OData-Version", "4.0");
      if (truncate)
        len /= 2;
      soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, reply->body, len);
    }
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
delayed_free (gpointer data)
{
  Delayed *d = data;

  g_clear_handle_id (&d->source_id, g_source_remove);
  g_clear_object (&d->msg);
  g_free (d);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *d = user_data;

  d->source_id = 0;
  if (d->drop)
    drop_connection (d->msg);
  else
    soup_server_message_unpause (d->msg);
  g_ptr_array_remove_fast (d->self->delayed, d);

  return G_SOURCE_REMOVE;
}

static void
delay (PostureDemoServer *self,
       SoupServerMessage *msg,
       guint              ms,
       gboolean           drop)
{
  Delayed *d = g_new0 (Delayed, 1);

  d->self = self;
  d->msg = g_object_ref (msg);
  d->drop = drop;
  soup_server_message_pause (msg);
  d->source_id = g_timeout_add (ms, delayed_cb, d);
  g_ptr_array_add (self->delayed, d);
}

static void
send_page (SoupServerMessage *msg,
           guint              status,
           const char        *title,
           const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>"
                          "</head><body style=\"font-family:sans-serif;max-width:32em;margin:3em "
                          "auto\"><h1>%s</h1>%s</body></html>\n",
                          escaped_title, escaped_title, body_html);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page,
                                    strlen (page));
}

/* The demo's verification page: enter the user code to approve the device code at
 * once (otherwise it is approved after the configured number of polls). */
static void
handle_devicelogin (PostureDemoServer *self,
                    SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *form_html = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *label = NULL;
  g_autofree char *button = NULL;

  intro = g_markup_printf_escaped ("<p>%s</p>", _("This is Posture’s demo tenant. Enter the code "
                                                  "shown by the app to sign in at once, or just "
                                                  "wait: the app signs in by itself after a few "
                                                  "seconds."));
  label = g_markup_escape_text (_("Code"), -1);
  button = g_markup_escape_text (_("Sign in"), -1);
  form_html = g_strdup_printf ("%s<form method=\"post\"><label>%s <input name=\"code\" autofocus "
                               "autocomplete=\"off\" maxlength=\"16\"></label> "
                               "<button type=\"submit\">%s</button></form>", intro, label, button);

  if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
      g_autoptr(GHashTable) form = parse_form (body);
      const char *code = form ? g_hash_table_lookup (form, "code") : NULL;
      g_autofree char *stripped = code ? g_strstrip (g_strdup (code)) : NULL;

      if (stripped != NULL && posture_demo_server_approve_device_code (self, stripped))
        {
          g_autofree char *done = NULL;

          done = g_markup_printf_escaped ("<p>%s</p>", _("You have signed in to the demo tenant. "
                                                         "You can close this window."));
          send_page (msg, 200, POSTURE_DEMO_TENANT_NAME, done);
        }
      else
        {
          g_autofree char *notice = NULL;
          g_autofree char *again = NULL;

          notice = g_markup_printf_escaped ("<p><strong>%s</strong></p>",
                                            _("That code is not valid or has expired. Check it "
                                              "and try again."));
          again = g_strconcat (notice, form_html, NULL);
          send_page (msg, 400, POSTURE_DEMO_TENANT_NAME, again);
        }
      return;
    }

  send_page (msg, 200, POSTURE_DEMO_TENANT_NAME, form_html);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  PostureDemoServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(PostureDemoReply) reply = NULL;
  g_auto(GStrv) parts = NULL;
  PostureDemoFault fault = { 0 };
  PostureDemoService service;

  self->request_count++;

  /* Demo controls: outside every imitated service, never faulted. */
  if (g_str_equal (path, "/posture-demo/reset"))
    {
      if (!g_str_equal (method, "POST"))
        {
          soup_server_message_set_status (msg, 405, NULL);
          return;
        }
      posture_demo_server_reset (self);
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }
  if (g_str_equal (path, "/devicelogin"))
    {
      handle_devicelogin (self, msg);
      return;
    }

  if (self->faults != NULL)
    _posture_demo_faults_draw (self->faults, self->fault_rand, &fault);

  parts = g_strsplit (path + (path[0] == '/'), "/", 3);
  service = classify (parts, g_strv_length (parts));

  if (soup_server_message_get_request_body (msg)->length > MAX_BODY_SIZE)
    reply = _posture_demo_reply_new_service_error (service, 413, "RequestEntityTooLarge",
                                                   "The request content is larger than 4 MiB.");
  else if (fault.kind == POSTURE_DEMO_FAULT_RESET)
    {
      /* A faulted request changes nothing. */
      g_debug ("Fault: dropping the connection of %s %s", method, path);
      drop_connection (msg);
      return;
    }
  else if (fault.kind == POSTURE_DEMO_FAULT_STATUS)
    {
      g_debug ("Fault: answering %s %s with %u", method, path, fault.status);
      reply = fault_reply (self, service, fault.status);
    }
  else
    reply = route (self, msg, path, query, service);

  if (reply->lost)
    {
      g_debug ("The answer to %s %s is lost", method, path);
      if (self->config.dlp_lost_hold_ms == 0)
        drop_connection (msg);
      else
        delay (self, msg, self->config.dlp_lost_hold_ms, TRUE);
      return;
    }

  send_reply (msg, reply, service, _posture_demo_faults_get_retry_after (self->faults),
              fault.kind == POSTURE_DEMO_FAULT_TRUNCATE);
  if (fault.latency_ms > 0)
    delay (self, msg, fault.latency_ms, FALSE);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
posture_demo_server_dispose (GObject *object)
{
  PostureDemoServer *self = (PostureDemoServer *) object;

  posture_demo_server_stop (self);

  G_OBJECT_CLASS (posture_demo_server_parent_class)->dispose (object);
}

static void
posture_demo_server_finalize (GObject *object)
{
  PostureDemoServer *self = (PostureDemoServer *) object;

  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->tokens, _posture_demo_tokens_free);
  g_clear_pointer (&self->faults, _posture_demo_faults_free);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->config.caller_address, g_free);

  G_OBJECT_CLASS (posture_demo_server_parent_class)->finalize (object);
}

static void
posture_demo_server_class_init (PostureDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_demo_server_dispose;
  object_class->finalize = posture_demo_server_finalize;
}

static void
posture_demo_server_init (PostureDemoServer *self)
{
  self->seed = DEFAULT_SEED;
  self->config.page_size = DEFAULT_PAGE_SIZE;
  self->config.odata_page_size = DEFAULT_ODATA_PAGE_SIZE;
  self->config.operation_polls = DEFAULT_OPERATION_POLLS;
  self->config.operation_retry_after = DEFAULT_RETRY_AFTER;
  self->config.operation_timeout_ms = DEFAULT_OPERATION_MS;
  self->config.isolation_async_every = DEFAULT_ISOLATION_EVERY;
  self->config.caller_address = g_strdup (DEFAULT_CALLER_ADDRESS);
  self->config.graph_policy_read = TRUE;
  self->config.graph_role_read = TRUE;
  self->tokens = _posture_demo_tokens_new ();
  self->delayed = g_ptr_array_new_with_free_func (delayed_free);
  self->base_uri = g_strdup ("http://127.0.0.1:0");
  reseed_faults (self);
  rebuild_scenario (self);
}

/* ---- Public API ----------------------------------------------------------------------- */

/**
 * posture_demo_server_new:
 *
 * Creates the demo tenant with the seeded "Contoso (demo)" scenario, no faults, and the
 * defaults listed in posture-demo-server.h. Call posture_demo_server_start() to serve it.
 *
 * Returns: (transfer full): a new #PostureDemoServer
 */
PostureDemoServer *
posture_demo_server_new (void)
{
  return g_object_new (POSTURE_TYPE_DEMO_SERVER, NULL);
}

/**
 * posture_demo_server_set_environments:
 * @n_environments: 0 for the seeded scenario, else the number of environments
 *
 * Replaces the tenant with a generated one of @n_environments environments
 * (deterministic from the seed; the default environment is the first), or with the
 * seeded scenario for 0. Resets the state.
 */
void
posture_demo_server_set_environments (PostureDemoServer *self,
                                      guint              n_environments)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->n_environments = n_environments;
  rebuild_scenario (self);
}

/**
 * posture_demo_server_set_faults:
 * @spec: (nullable): e.g. "429=0.1,500=0.05,latency=200ms,reset=0.01,truncate=0.01";
 *   NULL, "" or "none" for no faults
 *
 * Returns: %FALSE with @error naming the bad item; the faults are then unchanged
 */
gboolean
posture_demo_server_set_faults (PostureDemoServer  *self,
                                const char         *spec,
                                GError            **error)
{
  g_autoptr(PostureDemoFaults) faults = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  faults = _posture_demo_faults_parse (spec, error);
  if (faults == NULL)
    return FALSE;

  g_clear_pointer (&self->faults, _posture_demo_faults_free);
  canonical = _posture_demo_faults_to_string (faults);
  if (canonical[0] != '\0')
    self->faults = g_steal_pointer (&faults);
  reseed_faults (self);

  return TRUE;
}

void
posture_demo_server_set_seed (PostureDemoServer *self,
                              guint64            seed)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->seed = seed;
  reseed_faults (self);
  rebuild_scenario (self);
}

/**
 * posture_demo_server_set_page_size:
 * @page_size: environments per page of the admin list; 0 for a single page
 */
void
posture_demo_server_set_page_size (PostureDemoServer *self,
                                   guint              page_size)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->config.page_size = page_size;
}

/**
 * posture_demo_server_set_odata_page_size:
 * @page_size: items per page of the Graph lists and of Dataverse's expanded
 *   collections; 0 for a single page
 */
void
posture_demo_server_set_odata_page_size (PostureDemoServer *self,
                                         guint              page_size)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->config.odata_page_size = page_size;
}

/**
 * posture_demo_server_set_device_code_polls:
 * @n_pending: how many polls answer authorization_pending before the code is approved
 */
void
posture_demo_server_set_device_code_polls (PostureDemoServer *self,
                                           guint              n_pending)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  _posture_demo_tokens_set_pending_polls (self->tokens, n_pending);
}

/**
 * posture_demo_server_set_device_code_interval:
 * @seconds: the `interval` the devicecode endpoint announces (default 5)
 */
void
posture_demo_server_set_device_code_interval (PostureDemoServer *self,
                                              guint              seconds)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  _posture_demo_tokens_set_interval (self->tokens, seconds);
}

/**
 * posture_demo_server_set_token_lifetime:
 * @seconds: `expires_in` of the access tokens issued from now on (default 3599)
 */
void
posture_demo_server_set_token_lifetime (PostureDemoServer *self,
                                        guint              seconds)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  _posture_demo_tokens_set_lifetime (self->tokens, seconds);
}

/**
 * posture_demo_server_set_operation_polls:
 * @n_running: how many polls of a long-running operation answer Running before it
 *   completes (default 2); 0 completes it on its first poll
 * @retry_after: the Retry-After, in seconds, of the 202 and of each Running answer
 *   (default 1)
 * @timeout_ms: when nobody polls, the operation completes this long after it started
 *   (default 30000)
 */
void
posture_demo_server_set_operation_polls (PostureDemoServer *self,
                                         guint              n_running,
                                         guint              retry_after,
                                         guint              timeout_ms)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->config.operation_polls = n_running;
  self->config.operation_retry_after = retry_after;
  self->config.operation_timeout_ms = timeout_ms;
}

/**
 * posture_demo_server_get_operation_polls:
 * @out_n_running: (out) (optional): see posture_demo_server_set_operation_polls()
 * @out_retry_after: (out) (optional): seconds
 * @out_timeout_ms: (out) (optional): milliseconds
 *
 * The long-running operations' knobs as they are set (the defaults unless changed).
 */
void
posture_demo_server_get_operation_polls (PostureDemoServer *self,
                                         guint             *out_n_running,
                                         guint             *out_retry_after,
                                         guint             *out_timeout_ms)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  if (out_n_running != NULL)
    *out_n_running = self->config.operation_polls;
  if (out_retry_after != NULL)
    *out_retry_after = self->config.operation_retry_after;
  if (out_timeout_ms != NULL)
    *out_timeout_ms = self->config.operation_timeout_ms;
}

/**
 * posture_demo_server_set_isolation_async_every:
 * @every: the first tenant isolation write and every @every-th after it answer 202 with
 *   an operation, the others 200 (default 2: every other write); 0 for never
 */
void
posture_demo_server_set_isolation_async_every (PostureDemoServer *self,
                                               guint              every)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->config.isolation_async_every = every;
}

/**
 * posture_demo_server_set_caller_address:
 * @address: the IPv4 or IPv6 address the IP firewall sees the caller at (default
 *   198.51.100.23, in Contoso's head office range 198.51.100.0/24); 127.0.0.1 always
 *   counts as the caller too
 *
 * Returns: %FALSE, changing nothing, when @address is not an IP address
 */
gboolean
posture_demo_server_set_caller_address (PostureDemoServer *self,
                                        const char        *address)
{
  g_autoptr(GInetAddress) parsed = NULL;

  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if ((parsed = g_inet_address_new_from_string (address)) == NULL)
    return FALSE;
  g_free (self->config.caller_address);
  self->config.caller_address = g_inet_address_to_string (parsed);
  return TRUE;
}

/**
 * posture_demo_server_set_graph_permission:
 * @permission: "Policy.Read.All" (Conditional Access, security defaults) or
 *   "RoleManagement.Read.Directory" (role assignments, group members)
 * @granted: %FALSE makes Graph answer 403 Authorization_RequestDenied for what needs it
 *
 * Returns: %FALSE for a permission the demo does not know
 */
gboolean
posture_demo_server_set_graph_permission (PostureDemoServer *self,
                                          const char        *permission,
                                          gboolean           granted)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (permission != NULL, FALSE);

  if (g_ascii_strcasecmp (permission, "Policy.Read.All") == 0)
    self->config.graph_policy_read = granted;
  else if (g_ascii_strcasecmp (permission, "RoleManagement.Read.Directory") == 0)
    self->config.graph_role_read = granted;
  else
    return FALSE;
  return TRUE;
}

/**
 * posture_demo_server_set_dlp_create_timeouts:
 * @n_creates: the next @n_creates data policy creates land, but their answer is lost
 * @hold_ms: how long the lost answer hangs before the connection is closed without
 *   one; 0 closes it at once
 *
 * A fault for tests: the policy exists, the client never hears so, and a blind retry
 * creates a duplicate.
 */
void
posture_demo_server_set_dlp_create_timeouts (PostureDemoServer *self,
                                             guint              n_creates,
                                             guint              hold_ms)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->config.dlp_creates_lost = n_creates;
  self->config.dlp_lost_hold_ms = hold_ms;
}

/**
 * posture_demo_server_start:
 * @port: the port on 127.0.0.1, or 0 for any free one
 *
 * Listens on the loopback interface only, on the thread-default main context.
 */
gboolean
posture_demo_server_start (PostureDemoServer  *self,
                           guint               port,
                           GError            **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  server = soup_server_new ("server-header", "Posture-Demo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (server, address, 0, &local_error))
    {
      g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_LISTEN,
                   "Cannot listen on 127.0.0.1:%u: %s", port, local_error->message);
      return FALSE;
    }

  /* The port from the listening socket itself (soup_server_get_uris() leaks the
   * listener's cached address in libsoup 3.2). */
  listeners = soup_server_get_listeners (server);
  g_assert (listeners != NULL);
  bound = g_socket_get_local_address (listeners->data, &local_error);
  g_slist_free (listeners);
  if (bound == NULL)
    {
      g_set_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_LISTEN,
                   "Cannot read the address of 127.0.0.1:%u: %s", port, local_error->message);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  g_free (self->base_uri);
  self->base_uri = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);

  g_debug ("Demo tenant listening on %s", self->base_uri);
  return TRUE;
}

void
posture_demo_server_stop (PostureDemoServer *self)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  if (self->delayed != NULL)
    g_ptr_array_set_size (self->delayed, 0);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  self->port = 0;
}

/**
 * posture_demo_server_get_base_uri:
 *
 * Returns: (nullable): "http://127.0.0.1:PORT" without trailing slash, or %NULL
 *   when the server is not started
 */
const char *
posture_demo_server_get_base_uri (PostureDemoServer *self)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), NULL);

  return self->server != NULL ? self->base_uri : NULL;
}

guint
posture_demo_server_get_port (PostureDemoServer *self)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), 0);

  return self->port;
}

/**
 * posture_demo_server_reset:
 *
 * Returns the tenant to its seed: the scenario (or generated tenant), with every write
 * undone and every long-running operation cancelled (polling one answers 404); a
 * locked-out Dataverse opens again; pending device codes are forgotten and the fault
 * generator starts over. Issued tokens and the knobs stay.
 */
void
posture_demo_server_reset (PostureDemoServer *self)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  rebuild_scenario (self);
  reseed_faults (self);
  _posture_demo_tokens_forget_device_codes (self->tokens);
}

gboolean
posture_demo_server_approve_device_code (PostureDemoServer *self,
                                         const char        *user_code)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);

  return _posture_demo_tokens_set_device_code_state (self->tokens, user_code,
                                                     POSTURE_DEMO_DEVICE_CODE_APPROVED);
}

gboolean
posture_demo_server_decline_device_code (PostureDemoServer *self,
                                         const char        *user_code)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);

  return _posture_demo_tokens_set_device_code_state (self->tokens, user_code,
                                                     POSTURE_DEMO_DEVICE_CODE_DECLINED);
}

gboolean
posture_demo_server_expire_device_code (PostureDemoServer *self,
                                        const char        *user_code)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), FALSE);

  return _posture_demo_tokens_set_device_code_state (self->tokens, user_code,
                                                     POSTURE_DEMO_DEVICE_CODE_EXPIRED);
}

/**
 * posture_demo_server_mint_access_token:
 * @audience: the `aud` claim, e.g. "https://service.powerapps.com" or the base URI
 * @lifetime_seconds: negative for an already expired token
 *
 * For tests: a token signed by this server, as its token endpoint would issue.
 *
 * Returns: (transfer full): the JWT-shaped access token
 */
char *
posture_demo_server_mint_access_token (PostureDemoServer *self,
                                       const char        *audience,
                                       gint64             lifetime_seconds)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  return _posture_demo_tokens_mint (self->tokens, audience, lifetime_seconds, NULL);
}

guint
posture_demo_server_get_request_count (PostureDemoServer *self)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), 0);

  return self->request_count;
}

guint
posture_demo_server_get_n_environments (PostureDemoServer *self)
{
  g_return_val_if_fail (POSTURE_IS_DEMO_SERVER (self), 0);

  return posture_demo_scenario_get_n_environments (self->scenario);
}
