/* posture-demo-server.c: the embedded demo tenant, served on a loopback port
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routing, authentication and faults. Every service (login, BAP, Graph and each
 * Dataverse instance) lives under the one origin B = http://127.0.0.1:PORT, with
 * the real services' paths (DESIGN.md "custom base URL").
 */

#define G_LOG_DOMAIN "posture-demo-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "posture-demo-private.h"
#include "posture-demo-server.h"
#include "posture-json.h"

#define RESOURCE_BAP       "https://service.powerapps.com"
#define RESOURCE_GRAPH     "https://graph.microsoft.com"
#define MAX_BODY_SIZE      (4 * 1024 * 1024)
#define MAX_BODY_DEPTH     64
#define DEFAULT_PAGE_SIZE  10
#define DEFAULT_SEED       20261128

G_DEFINE_QUARK (posture-demo-error-quark, posture_demo_error)

typedef enum
{
  SERVICE_NONE,
  SERVICE_LOGIN,
  SERVICE_BAP,
  SERVICE_GRAPH,
  SERVICE_DATAVERSE,
} Service;

typedef struct
{
  PostureDemoServer *self;      /* unowned; the server outlives its pending list */
  SoupServerMessage *msg;       /* owned */
  guint              source_id;
} Delayed;

struct _PostureDemoServer
{
  GObject             parent_instance;

  /* Owned */
  SoupServer         *server;
  char               *base_uri;
  PostureDemoTenant  *tenant;
  PostureDemoTokens  *tokens;
  PostureDemoFaults  *faults;        /* NULL: no faults */
  GRand              *fault_rand;
  GPtrArray          *delayed;       /* Delayed, answers waiting out their latency */

  /* Configuration */
  guint64             seed;
  guint               n_environments;
  guint               page_size;
  guint               port;
  guint               request_count;
};

G_DEFINE_FINAL_TYPE (PostureDemoServer, posture_demo_server, G_TYPE_OBJECT)

static const char * const bap_api_versions[] = {
  "2016-11-01", "2018-01-01", "2018-10-01", "2019-05-01", "2019-10-01", "2020-04-01",
  "2020-06-01", "2020-08-01", "2020-09-01", "2020-10-01", "2021-03-01", "2021-04-01",
  "2022-05-01", "2023-06-01", NULL
};
static const char * const isolation_api_versions[] = { "2016-11-01", "2020-06-01", NULL };

/* ---- Helpers --------------------------------------------------------------- */

static void
reseed_faults (PostureDemoServer *self)
{
  guint32 words[2] = { (guint32) self->seed, (guint32) (self->seed >> 32) ^ 0x7f4a7c15u };

  g_clear_pointer (&self->fault_rand, g_rand_free);
  self->fault_rand = g_rand_new_with_seed_array (words, 2);
}

static void
rebuild_tenant (PostureDemoServer *self)
{
  g_clear_pointer (&self->tenant, _posture_demo_tenant_free);
  self->tenant = _posture_demo_tenant_new (self->seed, self->n_environments);
}

static char *
new_request_id (void)
{
  return g_uuid_string_random ();
}

static PostureDemoReply *
graph_error (guint       status,
             const char *code,
             const char *message,
             const char *client_request_id)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *err = json_object_new ();
  JsonObject *inner = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *request_id = new_request_id ();

  json_object_set_string_member (err, "code", code);
  json_object_set_string_member (err, "message", message);
  json_object_set_string_member (inner, "date", date);
  json_object_set_string_member (inner, "request-id", request_id);
  json_object_set_string_member (inner, "client-request-id",
                                 client_request_id ? client_request_id : request_id);
  json_object_set_object_member (err, "innerError", inner);
  json_object_set_object_member (root, "error", err);

  return _posture_demo_reply_new_object (status, root);
}

static PostureDemoReply *
service_error (Service     service,
               guint       status,
               const char *code,
               const char *message)
{
  if (service == SERVICE_GRAPH)
    return graph_error (status, code, message, NULL);
  return _posture_demo_reply_new_error (status, code, message);
}

static gboolean
in_list (const char         *value,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (value, list[i]))
      return TRUE;
  return FALSE;
}

/* NULL when the api-version is acceptable; otherwise the 400 to send. */
static PostureDemoReply *
check_api_version (GHashTable         *query,
                   const char * const *allowed,
                   gboolean            required)
{
  const char *version = query ? g_hash_table_lookup (query, "api-version") : NULL;

  if (version == NULL || version[0] == '\0')
    {
      if (!required)
        return NULL;
      return _posture_demo_reply_new_error (400, "MissingApiVersionParameter",
                                            "The api-version query parameter (?api-version=) is "
                                            "required for all requests.");
    }

  if (!in_list (version, allowed))
    {
      g_autofree char *joined = g_strjoinv ("', '", (char **) allowed);
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("The api-version '%.40s' is invalid. The supported versions are '%s'.",
                             version, joined);
      return _posture_demo_reply_new_error (400, "InvalidApiVersionParameter", msg);
    }

  return NULL;
}

static PostureDemoReply *
method_not_allowed (Service     service,
                    const char *method)
{
  g_autofree char *msg = g_strdup_printf ("The requested resource does not support http method '%s'.",
                                          method);

  return service_error (service, 405, "MethodNotAllowed", msg);
}

static PostureDemoReply *
not_found (Service     service,
           const char *path)
{
  g_autofree char *msg = g_strdup_printf ("No resource was found at '%.200s'.", path);

  return service_error (service, 404, "NotFound", msg);
}

/* Parses a JSON request body with the shared bounded parser. An empty body gives
 * NULL with no error. */
static JsonNode *
parse_body (SoupServerMessage  *msg,
            PostureDemoReply  **out_reply)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  *out_reply = NULL;
  bytes = soup_message_body_flatten (body);
  if (g_bytes_get_size (bytes) == 0)
    return NULL;

  node = posture_json_parse_bytes (bytes, MAX_BODY_DEPTH, &error);
  if (node == NULL)
    {
      g_autofree char *msg_text = g_strdup_printf ("The request content was invalid and could not be "
                                                   "deserialized: %s", error->message);

      *out_reply = _posture_demo_reply_new_error (400, "InvalidRequestContent", msg_text);
    }
  return node;
}

static GHashTable *
parse_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/* ---- Authentication --------------------------------------------------------- */

static PostureDemoReply *
check_bearer (PostureDemoServer *self,
              SoupServerMessage *msg,
              Service            service,
              const char        *audience)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  PostureDemoTokenCheck check;
  const char *code;
  const char *message;
  g_autofree char *audience_message = NULL;
  PostureDemoReply *reply;

  check = _posture_demo_tokens_check (self->tokens, authorization, audience);
  switch (check)
    {
    case POSTURE_DEMO_TOKEN_VALID:
      return NULL;

    case POSTURE_DEMO_TOKEN_MISSING:
      code = service == SERVICE_GRAPH ? "InvalidAuthenticationToken" : "AuthenticationFailed";
      message = service == SERVICE_GRAPH ? "Access token is empty."
                                         : "Authentication failed. The 'Authorization' header is missing.";
      break;

    case POSTURE_DEMO_TOKEN_EXPIRED:
      code = service == SERVICE_GRAPH ? "InvalidAuthenticationToken" : "ExpiredAuthenticationToken";
      message = service == SERVICE_GRAPH ? "Access token has expired or is not yet valid."
                                         : "The access token has expired. Acquire a new access token "
                                           "and try again.";
      break;

    case POSTURE_DEMO_TOKEN_WRONG_AUDIENCE:
      code = service == SERVICE_GRAPH ? "InvalidAuthenticationToken" : "InvalidAuthenticationTokenAudience";
      audience_message = g_strdup_printf ("The access token has been obtained for wrong audience or "
                                          "resource. It should exactly match with one of the allowed "
                                          "audiences '%s'.", audience);
      message = service == SERVICE_GRAPH ? "Invalid audience." : audience_message;
      break;

    case POSTURE_DEMO_TOKEN_MALFORMED:
    default:
      code = "InvalidAuthenticationToken";
      message = service == SERVICE_GRAPH ? "Invalid JWT token. The token is malformed or was not "
                                           "issued by this tenant."
                                         : "The access token is invalid.";
      break;
    }

  reply = service_error (service, 401, code, message);
  reply->www_authenticate = g_strdup_printf ("Bearer authorization_uri=\"%s/%s/oauth2/authorize\", "
                                             "error=\"invalid_token\", resource_id=\"%s\"",
                                             self->base_uri, POSTURE_DEMO_TENANT_ID, audience);
  return reply;
}

/* ---- Routes ------------------------------------------------------------------- */

static PostureDemoReply *
route_login (PostureDemoServer *self,
             SoupServerMessage *msg,
             const char        *method,
             char             **segs,
             guint              n)
{
  g_autoptr(GHashTable) form = NULL;

  /* {tenant}/oauth2/v2.0/{token,devicecode} */
  if (n == 4 && g_str_equal (segs[1], "oauth2") && g_str_equal (segs[2], "v2.0") &&
      (g_str_equal (segs[3], "token") || g_str_equal (segs[3], "devicecode")))
    {
      if (!g_str_equal (method, "POST"))
        return _posture_demo_token_error (405, "invalid_request", 900561,
                                          "The endpoint only accepts POST, OPTIONS requests. Received a "
                                          "GET request.");

      form = parse_form (msg);
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
      g_autofree char *token = g_strdup_printf ("%s/%s/oauth2/v2.0/token", self->base_uri, POSTURE_DEMO_TENANT_ID);
      g_autofree char *device = g_strdup_printf ("%s/%s/oauth2/v2.0/devicecode", self->base_uri, POSTURE_DEMO_TENANT_ID);
      g_autofree char *issuer = g_strdup_printf ("%s/%s/v2.0", self->base_uri, POSTURE_DEMO_TENANT_ID);

      if (!_posture_demo_tokens_tenant_matches (segs[0]))
        return _posture_demo_token_error (400, "invalid_tenant", 90002, "Tenant not found.");
      json_object_set_string_member (obj, "token_endpoint", token);
      json_object_set_string_member (obj, "device_authorization_endpoint", device);
      json_object_set_string_member (obj, "issuer", issuer);
      json_object_set_string_member (obj, "tenant_region_scope", "NA");
      return _posture_demo_reply_new_object (200, obj);
    }

  return NULL;
}

static PostureDemoReply *
route_bap (PostureDemoServer *self,
           SoupServerMessage *msg,
           const char        *method,
           char             **segs,
           guint              n,
           GHashTable        *query)
{
  g_autoptr(JsonNode) body = NULL;
  PostureDemoReply *reply = NULL;
  gboolean is_get = g_str_equal (method, "GET");
  gboolean is_post = g_str_equal (method, "POST");

  /* segs[0] == "providers" */
  if (n >= 2 && g_str_equal (segs[1], "Microsoft.BusinessAppPlatform"))
    {
      if ((reply = check_api_version (query, bap_api_versions, TRUE)))
        return reply;

      if (n == 3 && g_str_equal (segs[2], "listTenantSettings"))
        return is_post ? _posture_demo_tenant_list_settings (self->tenant) : method_not_allowed (SERVICE_BAP, method);

      if (n == 5 && g_str_equal (segs[2], "scopes") && g_str_equal (segs[3], "admin") &&
          g_str_equal (segs[4], "updateTenantSettings"))
        {
          if (!is_post)
            return method_not_allowed (SERVICE_BAP, method);
          body = parse_body (msg, &reply);
          if (reply != NULL)
            return reply;
          return _posture_demo_tenant_update_settings (self->tenant, body);
        }

      if (n == 5 && g_str_equal (segs[2], "scopes") && g_str_equal (segs[3], "admin") &&
          g_str_equal (segs[4], "environments"))
        {
          const char *skiptoken = g_hash_table_lookup (query, "$skiptoken");
          const char *expand = g_hash_table_lookup (query, "$expand");
          guint64 offset = 0;
          g_autofree char *version = NULL;
          g_autofree char *rest = NULL;

          if (!is_get)
            return method_not_allowed (SERVICE_BAP, method);
          if (skiptoken != NULL &&
              !g_ascii_string_to_unsigned (skiptoken, 10, 0, _posture_demo_tenant_get_n_environments (self->tenant),
                                           &offset, NULL))
            return _posture_demo_reply_new_error (400, "InvalidSkipToken",
                                                  "The $skiptoken query parameter is not valid. Follow the "
                                                  "nextLink of the previous page as given.");

          version = g_uri_escape_string (g_hash_table_lookup (query, "api-version"), NULL, FALSE);
          if (expand != NULL)
            {
              g_autofree char *e = g_uri_escape_string (expand, ",/.", FALSE);

              rest = g_strdup_printf ("api-version=%s&$expand=%s", version, e);
            }
          else
            rest = g_strdup_printf ("api-version=%s", version);

          return _posture_demo_tenant_list_environments (self->tenant, self->base_uri, rest,
                                                         (guint) offset, self->page_size);
        }

      if (n == 6 && g_str_equal (segs[2], "scopes") && g_str_equal (segs[3], "admin") &&
          g_str_equal (segs[4], "environments"))
        return is_get ? _posture_demo_tenant_get_environment (self->tenant, self->base_uri, segs[5])
                      : method_not_allowed (SERVICE_BAP, method);

      if (n == 5 && g_str_equal (segs[2], "environments") && g_str_equal (segs[4], "governanceConfiguration"))
        {
          if (!is_post)
            return method_not_allowed (SERVICE_BAP, method);
          body = parse_body (msg, &reply);
          if (reply != NULL)
            return reply;
          reply = _posture_demo_tenant_set_governance (self->tenant, segs[3], body);
          if (reply->location != NULL)
            {
              char *absolute = g_strconcat (self->base_uri, reply->location, NULL);

              g_free (reply->location);
              reply->location = absolute;
            }
          return reply;
        }

      if (n == 4 && g_str_equal (segs[2], "lifecycleOperations"))
        return is_get ? _posture_demo_tenant_get_operation (self->tenant, segs[3])
                      : method_not_allowed (SERVICE_BAP, method);

      return NULL;
    }

  if (n >= 2 && g_str_equal (segs[1], "PowerPlatform.Governance"))
    {
      /* DLP v2: called without api-version by Microsoft's own tools. */
      if (n >= 4 && g_str_equal (segs[2], "v2") && g_str_equal (segs[3], "policies"))
        {
          if (n == 4)
            {
              if (is_get)
                return _posture_demo_tenant_list_policies (self->tenant);
              if (!is_post)
                return method_not_allowed (SERVICE_BAP, method);
              body = parse_body (msg, &reply);
              if (reply != NULL)
                return reply;
              return _posture_demo_tenant_create_policy (self->tenant, body);
            }
          if (n == 5)
            {
              if (is_get)
                return _posture_demo_tenant_get_policy (self->tenant, segs[4]);
              if (g_str_equal (method, "DELETE"))
                return _posture_demo_tenant_delete_policy (self->tenant, segs[4]);
              if (!g_str_equal (method, "PATCH"))
                return method_not_allowed (SERVICE_BAP, method);
              body = parse_body (msg, &reply);
              if (reply != NULL)
                return reply;
              return _posture_demo_tenant_update_policy (self->tenant, segs[4], body);
            }
          return NULL;
        }

      if (n == 6 && g_str_equal (segs[2], "v1") && g_str_equal (segs[3], "tenants") &&
          g_str_equal (segs[5], "tenantIsolationPolicy"))
        {
          if ((reply = check_api_version (query, isolation_api_versions, FALSE)))
            return reply;
          if (g_ascii_strcasecmp (segs[4], POSTURE_DEMO_TENANT_ID) != 0)
            {
              g_autofree char *text = g_strdup_printf ("The caller does not have permission to access the "
                                                       "tenant '%.64s'.", segs[4]);

              return _posture_demo_reply_new_error (403, "Forbidden", text);
            }
          if (is_get)
            return _posture_demo_tenant_get_isolation (self->tenant);
          if (!g_str_equal (method, "PUT"))
            return method_not_allowed (SERVICE_BAP, method);
          body = parse_body (msg, &reply);
          if (reply != NULL)
            return reply;
          return _posture_demo_tenant_put_isolation (self->tenant, body);
        }
    }

  return NULL;
}

static PostureDemoReply *
route_dataverse (PostureDemoServer *self,
                 SoupServerMessage *msg,
                 const char        *method,
                 char             **segs,
                 guint              n,
                 GHashTable        *query)
{
  g_autoptr(JsonNode) body = NULL;
  PostureDemoReply *reply = NULL;
  const char *entity;

  /* dataverse/{env}/api/data/v9.x/organizations[(id)] */
  if (n != 6 || !g_str_equal (segs[2], "api") || !g_str_equal (segs[3], "data") ||
      !(g_str_equal (segs[4], "v9.0") || g_str_equal (segs[4], "v9.1") || g_str_equal (segs[4], "v9.2")))
    return NULL;

  if (!_posture_demo_tenant_has_dataverse (self->tenant, segs[1]))
    return NULL;

  entity = segs[5];
  if (g_str_equal (entity, "organizations"))
    {
      if (!g_str_equal (method, "GET"))
        return method_not_allowed (SERVICE_DATAVERSE, method);
      {
        const char *prefer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "Prefer");
        gboolean formatted = prefer != NULL && strstr (prefer, "OData.Community.Display.V1.FormattedValue") != NULL;

        if (formatted)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Preference-Applied",
                                        "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
        return _posture_demo_tenant_get_organization (self->tenant, self->base_uri, segs[1], segs[4],
                                                      query ? g_hash_table_lookup (query, "$select") : NULL,
                                                      formatted);
      }
    }

  if (g_str_has_prefix (entity, "organizations(") && g_str_has_suffix (entity, ")"))
    {
      g_autofree char *id = g_strndup (entity + strlen ("organizations("),
                                       strlen (entity) - strlen ("organizations(") - 1);

      if (!g_str_equal (method, "PATCH"))
        return method_not_allowed (SERVICE_DATAVERSE, method);
      body = parse_body (msg, &reply);
      if (reply != NULL)
        return reply;
      return _posture_demo_tenant_patch_organization (self->tenant, segs[1], id, body);
    }

  return NULL;
}

static PostureDemoReply *
route (PostureDemoServer *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query,
       Service           *out_service)
{
  g_auto(GStrv) raw = NULL;
  g_autoptr(GPtrArray) segs = g_ptr_array_new_with_free_func (g_free);
  PostureDemoReply *reply = NULL;
  Service service = SERVICE_NONE;
  char **s;
  guint n;

  raw = g_strsplit (path, "/", -1);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *seg;

      if (raw[i][0] == '\0')
        continue;
      seg = g_uri_unescape_string (raw[i], NULL);
      if (seg == NULL)
        return not_found (SERVICE_NONE, path);
      g_ptr_array_add (segs, seg);
    }
  g_ptr_array_add (segs, NULL);
  s = (char **) segs->pdata;
  n = segs->len - 1;

  if (n == 0)
    return not_found (SERVICE_NONE, path);

  if (g_str_equal (s[0], "providers"))
    service = SERVICE_BAP;
  else if (g_str_equal (s[0], "v1.0"))
    service = SERVICE_GRAPH;
  else if (g_str_equal (s[0], "dataverse") && n >= 2)
    service = SERVICE_DATAVERSE;
  else if (n >= 2 && (g_str_equal (s[1], "oauth2") || g_str_equal (s[1], "v2.0")))
    service = SERVICE_LOGIN;

  *out_service = service;

  switch (service)
    {
    case SERVICE_LOGIN:
      reply = route_login (self, msg, method, s, n);
      break;

    case SERVICE_BAP:
      if ((reply = check_bearer (self, msg, service, RESOURCE_BAP)))
        return reply;
      reply = route_bap (self, msg, method, s, n, query);
      break;

    case SERVICE_GRAPH:
      if ((reply = check_bearer (self, msg, service, RESOURCE_GRAPH)))
        return reply;
      if (n == 2 && g_str_equal (s[1], "organization"))
        reply = g_str_equal (method, "GET")
                  ? _posture_demo_tenant_get_graph_organization (self->tenant, self->base_uri,
                                                                 query ? g_hash_table_lookup (query, "$select") : NULL)
                  : method_not_allowed (service, method);
      break;

    case SERVICE_DATAVERSE:
      if ((reply = check_bearer (self, msg, service, self->base_uri)))
        return reply;
      reply = route_dataverse (self, msg, method, s, n, query);
      break;

    case SERVICE_NONE:
    default:
      break;
    }

  if (reply == NULL)
    reply = not_found (service, path);
  return reply;
}

/* ---- Faults ------------------------------------------------------------------- */

static PostureDemoReply *
fault_reply (PostureDemoServer *self,
             Service            service,
             guint              status)
{
  guint retry_after = _posture_demo_faults_get_retry_after (self->faults);
  g_autofree char *message = NULL;
  const char *code;
  PostureDemoReply *reply;

  switch (status)
    {
    case 429:
      code = service == SERVICE_DATAVERSE ? "0x80072322" : "TooManyRequests";
      message = service == SERVICE_DATAVERSE
                  ? g_strdup ("Number of requests exceeded the limit of 6000 over time window of 300 seconds.")
                  : g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.", retry_after);
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
  if (status == 409 && service == SERVICE_BAP)
    return _posture_demo_reply_new (409, NULL);

  if (service == SERVICE_LOGIN)
    reply = _posture_demo_token_error (status, "temporarily_unavailable", 90033,
                                       "A transient error has occurred. Please try again.");
  else
    reply = service_error (service, status, code, message);

  return reply;
}

/* ---- Sending -------------------------------------------------------------------- */

static void
send_reply (SoupServerMessage *msg,
            PostureDemoReply  *reply,
            Service            service,
            guint              retry_after,
            gboolean           truncate)
{
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *client_request_id;
  g_autofree char *request_id = new_request_id ();

  client_request_id = soup_message_headers_get_one (req_headers, "x-ms-client-request-id");
  if (client_request_id == NULL)
    client_request_id = soup_message_headers_get_one (req_headers, "client-request-id");

  soup_message_headers_replace (headers, service == SERVICE_GRAPH ? "request-id" : "x-ms-request-id",
                                request_id);
  if (client_request_id != NULL && strlen (client_request_id) <= 128)
    soup_message_headers_replace (headers, service == SERVICE_GRAPH ? "client-request-id"
                                                                     : "x-ms-client-request-id",
                                  client_request_id);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache, no-store");

  if (reply->location != NULL)
    soup_message_headers_replace (headers, "Location", reply->location);
  if (reply->www_authenticate != NULL)
    soup_message_headers_replace (headers, "WWW-Authenticate", reply->www_authenticate);
  if (reply->status == 429 || reply->status == 503)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%u", retry_after);
      soup_message_headers_replace (headers, "Retry-After", value);
    }

  soup_server_message_set_status (msg, reply->status, NULL);
  if (reply->body != NULL)
    {
      gsize len = strlen (reply->body);
      const char *type = reply->content_type ? reply->content_type
                       : service == SERVICE_DATAVERSE ? "application/json; odata.metadata=minimal"
                       : "application/json; charset=utf-8";

      if (service == SERVICE_DATAVERSE)
        soup_message_headers_replace (headers, "OData-Version", "4.0");
      if (truncate)
        len /= 2;
      soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, reply->body, len);
    }
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
  soup_server_message_unpause (d->msg);
  g_ptr_array_remove_fast (d->self->delayed, d);

  return G_SOURCE_REMOVE;
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
send_page (SoupServerMessage *msg,
           guint              status,
           const char        *title,
           const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                          "<body style=\"font-family:sans-serif;max-width:32em;margin:3em auto\">"
                          "<h1>%s</h1>%s</body></html>\n",
                          escaped_title, escaped_title, body_html);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page, strlen (page));
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

  intro = g_markup_printf_escaped ("<p>%s</p>", _("This is Posture’s demo tenant. Enter the code shown by the "
                                                  "app to sign in at once, or just wait: the app signs in by "
                                                  "itself after a few seconds."));
  label = g_markup_escape_text (_("Code"), -1);
  button = g_markup_escape_text (_("Sign in"), -1);
  form_html = g_strdup_printf ("%s<form method=\"post\"><label>%s <input name=\"code\" autofocus "
                               "autocomplete=\"off\" maxlength=\"16\"></label> "
                               "<button type=\"submit\">%s</button></form>", intro, label, button);

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GHashTable) form = parse_form (msg);
      const char *code = form ? g_hash_table_lookup (form, "code") : NULL;
      g_autofree char *stripped = code ? g_strstrip (g_strdup (code)) : NULL;

      if (stripped != NULL && posture_demo_server_approve_device_code (self, stripped))
        {
          g_autofree char *done = g_markup_printf_escaped ("<p>%s</p>", _("You have signed in to the demo "
                                                                          "tenant. You can close this window."));

          send_page (msg, 200, POSTURE_DEMO_TENANT_NAME, done);
        }
      else
        {
          g_autofree char *notice = NULL;
          g_autofree char *again = NULL;

          notice = g_markup_printf_escaped ("<p><strong>%s</strong></p>", _("That code is not valid or has "
                                                                            "expired. Check it and try again."));
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
  PostureDemoFault fault = { 0 };
  Service service = SERVICE_NONE;
  goffset length;

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

  length = soup_server_message_get_request_body (msg)->length;
  if (length > MAX_BODY_SIZE)
    reply = _posture_demo_reply_new_error (413, "RequestEntityTooLarge",
                                           "The request content is larger than 4 MiB.");
  else
    {
      Service routed = SERVICE_NONE;

      /* Route first (so the service is known for the fault's body style); a
       * faulted request must not change the state, so writes are re-routed
       * only when no fault replaces them. */
      if (fault.kind == POSTURE_DEMO_FAULT_STATUS || fault.kind == POSTURE_DEMO_FAULT_RESET)
        {
          g_auto(GStrv) parts = g_strsplit (path, "/", 4);
          guint n = g_strv_length (parts);

          if (n > 1 && g_str_equal (parts[1], "providers"))
            routed = SERVICE_BAP;
          else if (n > 1 && g_str_equal (parts[1], "v1.0"))
            routed = SERVICE_GRAPH;
          else if (n > 1 && g_str_equal (parts[1], "dataverse"))
            routed = SERVICE_DATAVERSE;
          else if (n > 2 && (g_str_equal (parts[2], "oauth2") || g_str_equal (parts[2], "v2.0")))
            routed = SERVICE_LOGIN;
          service = routed;

          if (fault.kind == POSTURE_DEMO_FAULT_RESET)
            {
              g_debug ("Fault: dropping the connection of %s %s", method, path);
              drop_connection (msg);
              return;
            }
          g_debug ("Fault: answering %s %s with %u", method, path, fault.status);
          reply = fault_reply (self, service, fault.status);
        }
      else
        reply = route (self, msg, method, path, query, &service);
    }

  send_reply (msg, reply, service, _posture_demo_faults_get_retry_after (self->faults),
              fault.kind == POSTURE_DEMO_FAULT_TRUNCATE);

  if (fault.latency_ms > 0)
    {
      Delayed *d = g_new0 (Delayed, 1);

      d->self = self;
      d->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      d->source_id = g_timeout_add (fault.latency_ms, delayed_cb, d);
      g_ptr_array_add (self->delayed, d);
    }
}

/* ---- GObject -------------------------------------------------------------------- */

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
  g_clear_pointer (&self->tenant, _posture_demo_tenant_free);
  g_clear_pointer (&self->tokens, _posture_demo_tokens_free);
  g_clear_pointer (&self->faults, _posture_demo_faults_free);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->base_uri, g_free);

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
  self->page_size = DEFAULT_PAGE_SIZE;
  self->tokens = _posture_demo_tokens_new ();
  self->delayed = g_ptr_array_new_with_free_func (delayed_free);
  reseed_faults (self);
  rebuild_tenant (self);
}

/* ---- Public API ------------------------------------------------------------------ */

/**
 * posture_demo_server_new:
 *
 * Creates the demo tenant with the seeded "Contoso (demo)" scenario, no faults,
 * and a page size of 10 environments. Call posture_demo_server_start() to serve it.
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
 * (deterministic from the seed; the default environment is the first), or with
 * the seeded scenario for 0. Resets the state.
 */
void
posture_demo_server_set_environments (PostureDemoServer *self,
                                      guint              n_environments)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  self->n_environments = n_environments;
  rebuild_tenant (self);
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
  rebuild_tenant (self);
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

  self->page_size = page_size;
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
 * Returns the tenant to its seed: the scenario (or generated tenant), with every
 * write undone; pending device codes are forgotten and the fault generator
 * starts over. Issued tokens stay valid.
 */
void
posture_demo_server_reset (PostureDemoServer *self)
{
  g_return_if_fail (POSTURE_IS_DEMO_SERVER (self));

  rebuild_tenant (self);
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

  return _posture_demo_tenant_get_n_environments (self->tenant);
}
