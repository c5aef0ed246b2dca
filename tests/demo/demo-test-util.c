/* demo-test-util.c: a real libsoup client for the demo tenant's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-test-util.h"
#include "posture-json.h"

void
response_free (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("Test timed out");
  return G_SOURCE_REMOVE;
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = posture_demo_server_new ();
  g_assert_true (posture_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  f->base = posture_demo_server_get_base_uri (f->server);
  f->session = soup_session_new_with_options ("timeout", 20, "max-conns-per-host", 8, NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  posture_demo_server_stop (f->server);
  g_assert_finalize_object (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Response *r = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &r->error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->done = TRUE;
}

Response *
request_full (Fixture    *f,
              const char *method,
              const char *path_or_uri,
              const char *token,
              const char *content_type,
              const char *body)
{
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  Response *r = g_new0 (Response, 1);
  guint watchdog;

  uri = g_str_has_prefix (path_or_uri, "http") ? g_strdup (path_or_uri)
                                               : g_strconcat (f->base, path_or_uri, NULL);
  msg = soup_message_new (method, uri);
  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  /* libsoup silently re-sends a request whose reused connection was dropped;
   * a fresh connection per request lets a dropped connection show. */
  if (f->prefer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Prefer", f->prefer);
  if (f->close_connections)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg,
                                                content_type ? content_type : "application/json",
                                                bytes);
    }

  watchdog = g_timeout_add_seconds (30, timeout_cb, NULL);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);

  if (!f->raw && r->body != NULL && g_bytes_get_size (r->body) > 0)
    r->json = posture_json_parse_bytes (r->body, 64, NULL);

  return r;
}

Response *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *token,
         const char *body)
{
  return request_full (f, method, path, token, NULL, body);
}

JsonObject *
obj (Response *r)
{
  g_assert_no_error (r->error);
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

char *
form_token_request (const char *grant,
                    const char *scope,
                    const char *secret)
{
  return soup_form_encode ("grant_type", grant, "client_id", POSTURE_DEMO_CLIENT_ID,
                           "client_secret", secret, "scope", scope, NULL);
}

char *
get_token (Fixture    *f,
           const char *scope)
{
  g_autofree char *form =
      form_token_request ("client_credentials", scope, POSTURE_DEMO_CLIENT_SECRET);
  g_autoptr (Response) r = request_full (f, "POST", "/" POSTURE_DEMO_TENANT_ID "/oauth2/v2.0/token",
                                         NULL, "application/x-www-form-urlencoded", form);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (json_object_get_string_member (obj (r), "access_token"));
}

char *
bap_token (Fixture *f)
{
  return get_token (f, BAP "/.default");
}

JsonNode *
decode_claims (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(GString) payload = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;
  JsonNode *node;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  payload = g_string_new (parts[1]);
  g_strdelimit (payload->str, "-", '+');
  g_strdelimit (payload->str, "_", '/');
  while (payload->len % 4)
    g_string_append_c (payload, '=');
  raw = g_base64_decode (payload->str, &len);
  node = posture_json_parse ((const char *) raw, len, 8, NULL);
  g_assert_nonnull (node);
  return node;
}

void
assert_token_error (Response   *r,
                    guint       status,
                    const char *error,
                    gint64      code)
{
  JsonObject *o = obj (r);
  JsonArray *codes;
  g_autofree char *prefix = g_strdup_printf ("AADSTS%" G_GINT64_FORMAT ": ", code);
  g_autofree char *uri =
      g_strdup_printf ("https://login.microsoftonline.com/error?code=%" G_GINT64_FORMAT, code);

  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, error);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "error_description"), prefix));
  g_assert_nonnull (
      strstr (json_object_get_string_member (o, "error_description"), "\r\nTrace ID: "));
  g_assert_nonnull (
      strstr (json_object_get_string_member (o, "error_description"), "\r\nCorrelation ID: "));
  g_assert_nonnull (
      strstr (json_object_get_string_member (o, "error_description"), "\r\nTimestamp: "));
  codes = json_object_get_array_member (o, "error_codes");
  g_assert_cmpuint (json_array_get_length (codes), ==, 1);
  g_assert_cmpint (json_array_get_int_element (codes, 0), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "timestamp")), ==, 20);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "trace_id")), ==, 36);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "correlation_id")), ==, 36);
  g_assert_cmpstr (json_object_get_string_member (o, "error_uri"), ==, uri);
}

void
assert_bap_error (Response   *r,
                  guint       status,
                  const char *code)
{
  JsonObject *err;

  g_assert_cmpuint (r->status, ==, status);
  err = json_object_get_object_member (obj (r), "error");
  g_assert_nonnull (err);
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (err, "message")), >, 10);
}

void
assert_environment_shape (JsonObject *env,
                          const char *base)
{
  JsonObject *props = json_object_get_object_member (env, "properties");
  JsonNode *linked = json_object_get_member (props, "linkedEnvironmentMetadata");
  g_autofree char *id =
      g_strconcat (ENVS_PATH "/", json_object_get_string_member (env, "name"), NULL);
  static const char *const skus [] = { "Production", "Sandbox", "Trial",
                                       "Developer",  "Default", NULL };
  const char *protection;

  g_assert_cmpstr (json_object_get_string_member (env, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (env, "type"), ==,
                   "Microsoft.BusinessAppPlatform/scopes/environments");
  g_assert_nonnull (json_object_get_string_member (env, "location"));
  g_assert_cmpstr (json_object_get_string_member (props, "tenantId"), ==, POSTURE_DEMO_TENANT_ID);
  g_assert_nonnull (json_object_get_string_member (props, "azureRegion"));
  g_assert_cmpuint (strlen (json_object_get_string_member (props, "displayName")), >, 0);
  g_assert_nonnull (json_object_get_string_member (props, "description"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (props, "createdTime"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (props,
                                                                                 "createdBy"),
                                                  "type"),
                   ==, "User");
  g_assert_cmpstr (json_object_get_string_member (props, "provisioningState"), ==, "Succeeded");
  g_assert_true (g_strv_contains (skus, json_object_get_string_member (props, "environmentSku")));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (props, "isDefault")));
  g_assert_nonnull (json_object_get_object_member (props, "clientUris"));
  g_assert_nonnull (
      json_object_get_string_member (json_object_get_object_member (props, "runtimeEndpoints"),
                                     "microsoft.BusinessAppPlatform"));
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_object_get_object_member (props,
                                                                                     "states"),
                                                      "management"),
                       "id"),
                   ==, "Ready");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_object_get_object_member (props,
                                                                                     "states"),
                                                      "runtime"),
                       "id"),
                   ==, "Enabled");
  g_assert_nonnull (json_object_get_object_member (props, "updateCadence"));
  g_assert_nonnull (json_object_get_object_member (props, "retentionDetails"));
  g_assert_nonnull (json_object_get_object_member (props, "protectionStatus"));
  g_assert_nonnull (json_object_get_object_member (props, "enterprisePolicies"));
  g_assert_nonnull (json_object_get_object_member (props, "cluster"));
  g_assert_nonnull (json_object_get_array_member (props, "connectedGroups"));
  g_assert_nonnull (
      posture_json_get_path (props, "lifecycleOperationsEnforcement.allowedOperations"));
  g_assert_nonnull (
      posture_json_get_path (props, "copilotPolicies.crossGeoCopilotDataMovementEnabled"));
  protection =
      json_object_get_string_member (json_object_get_object_member (props,
                                                                    "governanceConfiguration"),
                                     "protectionLevel");
  g_assert_true (g_strcmp0 (protection, "Standard") == 0 || g_strcmp0 (protection, "Basic") == 0);

  g_assert_nonnull (linked);
  if (JSON_NODE_HOLDS_OBJECT (linked))
    {
      JsonObject *l = json_node_get_object (linked);
      g_autofree char *instance =
          g_strdup_printf ("%s/dataverse/%s/", base, json_object_get_string_member (env, "name"));

      g_assert_cmpstr (json_object_get_string_member (props, "databaseType"), ==,
                       "CommonDataService");
      g_assert_cmpstr (json_object_get_string_member (l, "instanceUrl"), ==, instance);
      g_assert_nonnull (json_object_get_string_member (l, "resourceId"));
      g_assert_nonnull (json_object_get_string_member (l, "uniqueName"));
      g_assert_nonnull (json_object_get_string_member (l, "domainName"));
      g_assert_nonnull (json_object_get_string_member (l, "version"));
      g_assert_cmpstr (json_object_get_string_member (l, "instanceState"), ==, "Ready");
      g_assert_cmpint (json_object_get_int_member (l, "baseLanguage"), ==, 1033);
    }
  else
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (linked));
      g_assert_cmpstr (json_object_get_string_member (props, "databaseType"), ==, "None");
    }
}

/* Follows nextLink to the end; returns every environment (refs held by the array). */
GPtrArray *
list_all_environments (Fixture    *f,
                       const char *token,
                       guint      *out_pages)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *next = g_strdup (
      ENVS_PATH
      "?api-version=2023-06-01&$expand=properties/billingPolicy,properties/copilotPolicies");
  guint pages = 0;

  while (next != NULL)
    {
      g_autoptr(Response) r = request (f, "GET", next, token, NULL);
      JsonObject *o = obj (r);
      JsonArray *value = json_object_get_array_member (o, "value");
      const char *link = json_object_get_string_member_with_default (o, "nextLink", NULL);

      g_assert_cmpuint (r->status, ==, 200);
      for (guint i = 0; i < json_array_get_length (value); i++)
        g_ptr_array_add (all, json_node_ref (json_array_get_element (value, i)));

      g_free (next);
      next = NULL;
      if (link != NULL)
        {
          g_assert_true (g_str_has_prefix (link, f->base));
          g_assert_nonnull (strstr (link, "api-version=2023-06-01"));
          g_assert_nonnull (strstr (link, "$expand="));
          next = g_strdup (link);
        }
      pages++;
      g_assert_cmpuint (pages, <, 20000);
    }

  if (out_pages)
    *out_pages = pages;
  return all;
}


char *
dv_token (Fixture *f)
{
  g_autofree char *scope = g_strconcat (f->base, "/.default", NULL);

  return get_token (f, scope);
}

char *
graph_token (Fixture *f)
{
  return get_token (f, GRAPH "/.default");
}

const char *
error_code (Response *r)
{
  return posture_json_get_path_string (obj (r), "error.code");
}

const char *
error_message (Response *r)
{
  return posture_json_get_path_string (obj (r), "error.message");
}

JsonObject *
get_environment (Fixture     *f,
                 const char  *token,
                 const char  *name,
                 Response   **out)
{
  g_autofree char *path = g_strdup_printf (ENVS_PATH "/%s?api-version=2023-06-01", name);

  *out = request (f, "GET", path, token, NULL);
  g_assert_cmpuint ((*out)->status, ==, 200);
  return obj (*out);
}

/* The organizations row of env ($select may be NULL); *out keeps the response. */
JsonObject *
get_org_row (Fixture     *f,
             const char  *token,
             const char  *env,
             const char  *select,
             Response   **out)
{
  g_autofree char *path = NULL;
  JsonArray *value;

  path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations%s%s", env,
                          select ? "?$select=" : "", select ? select : "");
  *out = request (f, "GET", path, token, NULL);
  g_assert_cmpuint ((*out)->status, ==, 200);
  value = json_object_get_array_member (obj (*out), "value");
  g_assert_cmpuint (json_array_get_length (value), ==, 1);
  return json_array_get_object_element (value, 0);
}

/* PATCH organizations({id}) of env, reading the id first. */
Response *
patch_org (Fixture    *f,
           const char *token,
           const char *env,
           const char *body)
{
  g_autoptr(Response) read = NULL;
  JsonObject *row = get_org_row (f, token, env, "organizationid", &read);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations(%s)", env,
                          json_object_get_string_member (row, "organizationid"));
  return request (f, "PATCH", path, token, body);
}

/* Polls a long-running operation until it is no longer running; returns the last
 * answer and how many answers said it was still running. */
Response *
poll_operation (Fixture    *f,
                const char *token,
                const char *location,
                guint      *out_running)
{
  guint running = 0;

  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, f->base));
  for (;;)
    {
      Response *r = request (f, "GET", location, token, NULL);
      const char *state = NULL;

      if (r->status == 200 && r->json != NULL)
        {
          state = posture_json_get_path_string (obj (r), "state.id");
          if (state == NULL)
            state = posture_json_get_string (obj (r), "status");
        }
      if (r->status == 200 && g_strcmp0 (state, "Running") != 0)
        {
          if (out_running != NULL)
            *out_running = running;
          return r;
        }
      g_assert_true (r->status == 200 || r->status == 202);
      g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
      response_free (r);
      running++;
      g_assert_cmpuint (running, <, 50);
    }
}

/* Follows @odata.nextLink to the end; returns every item (refs held by the array). */
GPtrArray *
collect_pages (Fixture    *f,
               const char *token,
               const char *path,
               guint      *out_pages)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *next = g_strdup (path);
  guint pages = 0;

  while (next != NULL)
    {
      g_autoptr(Response) r = request (f, "GET", next, token, NULL);
      JsonObject *o;
      JsonArray *value;
      const char *link;

      g_assert_cmpuint (r->status, ==, 200);
      o = obj (r);
      value = json_object_get_array_member (o, "value");
      for (guint i = 0; i < json_array_get_length (value); i++)
        g_ptr_array_add (all, json_node_ref (json_array_get_element (value, i)));
      link = posture_json_get_string (o, "@odata.nextLink");
      g_free (next);
      next = NULL;
      if (link != NULL)
        {
          g_assert_true (g_str_has_prefix (link, f->base));
          next = g_strdup (link);
        }
      pages++;
      g_assert_cmpuint (pages, <, 1000);
    }

  if (out_pages)
    *out_pages = pages;
  return all;
}
