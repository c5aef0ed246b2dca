/* test-demo-server.c: the demo tenant, read and written by a real libsoup client over loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "demo-test-util.h"
#include "posture-demo-server.h"
#include "posture-json.h"

/* ---- Listening -------------------------------------------------------------- */

static void
test_loopback_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse (f->base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(PostureDemoServer) second = posture_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) r = NULL;
  guint port = posture_demo_server_get_port (f->server);

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (uri), ==, (int) port);
  g_assert_cmpuint (port, >, 0);
  g_assert_false (g_str_has_suffix (f->base, "/"));

  /* The port is taken: a second server on it fails with a clear error. */
  g_assert_false (posture_demo_server_start (second, port, &error));
  g_assert_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_LISTEN);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));

  /* Unknown paths answer 404 with a JSON error, not a crash. */
  r = request (f, "GET", "/nothing/here", NULL, NULL);
  g_assert_cmpuint (r->status, ==, 404);
  g_assert_nonnull (r->json);
}

/* ---- Tokens ------------------------------------------------------------------ */

static void
test_token_client_credentials (Fixture       *f,
                               gconstpointer  data)
{
  const char *tenants[] = { POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_TENANT_DOMAIN };
  g_autofree char *dataverse_scope = g_strconcat (f->base, "/.default", NULL);
  struct { const char *scope; const char *aud; } cases[] = {
    { BAP "/.default", BAP },
    { BAP "//.default", BAP },
    { GRAPH "/.default", GRAPH },
    { dataverse_scope, f->base },
  };

  for (guint t = 0; t < G_N_ELEMENTS (tenants); t++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *form =
            form_token_request ("client_credentials", cases [i].scope, POSTURE_DEMO_CLIENT_SECRET);
        g_autofree char *path = g_strdup_printf ("/%s/oauth2/v2.0/token", tenants[t]);
        g_autoptr (Response) r =
            request_full (f, "POST", path, NULL, "application/x-www-form-urlencoded", form);
        g_autoptr(JsonNode) claims = NULL;
        JsonObject *o = obj (r);
        JsonObject *c;
        gint64 now = g_get_real_time () / G_USEC_PER_SEC;

        g_assert_cmpuint (r->status, ==, 200);
        g_assert_cmpstr (json_object_get_string_member (o, "token_type"), ==, "Bearer");
        g_assert_cmpint (json_object_get_int_member (o, "expires_in"), ==, 3599);
        g_assert_cmpint (json_object_get_int_member (o, "ext_expires_in"), ==, 3599);
        g_assert_false (json_object_has_member (o, "refresh_token"));
        g_assert_false (json_object_has_member (o, "id_token"));

        claims = decode_claims (json_object_get_string_member (o, "access_token"));
        c = json_node_get_object (claims);
        g_assert_cmpstr (json_object_get_string_member (c, "aud"), ==, cases[i].aud);
        g_assert_cmpstr (json_object_get_string_member (c, "tid"), ==, POSTURE_DEMO_TENANT_ID);
        g_assert_cmpstr (json_object_get_string_member (c, "appid"), ==, POSTURE_DEMO_CLIENT_ID);
        g_assert_cmpint (json_object_get_int_member (c, "iat"), <=, now + 1);
        g_assert_cmpint (json_object_get_int_member (c, "exp"), >=, now + 3500);
      }
}

static void
test_token_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *token_path = "/" POSTURE_DEMO_TENANT_ID "/oauth2/v2.0/token";
  const char *ct = "application/x-www-form-urlencoded";
  g_autofree char *wrong_secret =
      form_token_request ("client_credentials", BAP "/.default", "not-the-secret");
  g_autofree char *two_resources =
      form_token_request ("client_credentials", BAP "/.default " GRAPH "/.default",
                          POSTURE_DEMO_CLIENT_SECRET);
  g_autofree char *foreign =
      form_token_request ("client_credentials", "https://evil.example.com/.default",
                          POSTURE_DEMO_CLIENT_SECRET);
  g_autofree char *not_default =
      form_token_request ("client_credentials", BAP "/user_impersonation",
                          POSTURE_DEMO_CLIENT_SECRET);
  g_autofree char *grant =
      form_token_request ("password", BAP "/.default", POSTURE_DEMO_CLIENT_SECRET);
  g_autofree char *unknown_client =
      soup_form_encode ("grant_type", "client_credentials", "client_id",
                        "11111111-2222-3333-4444-555555555555", "client_secret", "x", "scope",
                        BAP "/.default", NULL);
  g_autofree char *no_secret =
      soup_form_encode ("grant_type", "client_credentials", "client_id", POSTURE_DEMO_CLIENT_ID,
                        "scope", BAP "/.default", NULL);
  g_autoptr(Response) r1 = request_full (f, "POST", token_path, NULL, ct, wrong_secret);
  g_autoptr(Response) r2 = request_full (f, "POST", token_path, NULL, ct, two_resources);
  g_autoptr(Response) r3 = request_full (f, "POST", token_path, NULL, ct, foreign);
  g_autoptr(Response) r4 = request_full (f, "POST", token_path, NULL, ct, not_default);
  g_autoptr(Response) r5 = request_full (f, "POST", token_path, NULL, ct, grant);
  g_autoptr(Response) r6 = request_full (f, "POST", token_path, NULL, ct, unknown_client);
  g_autoptr(Response) r7 = request_full (f, "POST", token_path, NULL, ct, no_secret);
  g_autoptr (Response) r8 = request_full (f, "POST", "/fabrikam.onmicrosoft.com/oauth2/v2.0/token",
                                          NULL, ct, wrong_secret);
  g_autoptr(Response) r9 = request_full (f, "POST", token_path, NULL, ct, "");
  g_autoptr(Response) r10 = request (f, "GET", token_path, NULL, NULL);

  assert_token_error (r1, 401, "invalid_client", 7000215);
  g_assert_null (
      strstr (json_object_get_string_member (obj (r1), "error_description"), "not-the-secret"));
  assert_token_error (r2, 400, "invalid_scope", 28000);
  assert_token_error (r3, 400, "invalid_resource", 500011);
  assert_token_error (r4, 400, "invalid_scope", 1002012);
  assert_token_error (r5, 400, "unsupported_grant_type", 70003);
  assert_token_error (r6, 400, "unauthorized_client", 700016);
  assert_token_error (r7, 401, "invalid_client", 7000218);
  assert_token_error (r8, 400, "invalid_request", 90002);
  assert_token_error (r9, 400, "invalid_request", 900144);
  assert_token_error (r10, 405, "invalid_request", 900561);
}

static Response *
start_device_flow (Fixture    *f,
                   const char *scope)
{
  g_autofree char *form =
      soup_form_encode ("client_id", POSTURE_DEMO_CLIENT_ID, "scope", scope, NULL);

  return request_full (f, "POST", "/" POSTURE_DEMO_TENANT_DOMAIN "/oauth2/v2.0/devicecode", NULL,
                       "application/x-www-form-urlencoded", form);
}

static Response *
poll_device (Fixture    *f,
             const char *device_code)
{
  g_autofree char *form =
      soup_form_encode ("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id",
                        POSTURE_DEMO_CLIENT_ID, "device_code", device_code, NULL);

  return request_full (f, "POST", "/" POSTURE_DEMO_TENANT_DOMAIN "/oauth2/v2.0/token", NULL,
                       "application/x-www-form-urlencoded", form);
}

static void
test_token_device_code (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Response) start = NULL;
  g_autoptr(Response) done = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_autofree char *device_code = NULL;
  g_autofree char *expected_uri = g_strconcat (f->base, "/devicelogin", NULL);
  const char *user_code;
  JsonObject *o;

  posture_demo_server_set_device_code_polls (f->server, 3);
  posture_demo_server_set_device_code_interval (f->server, 1);
  start = start_device_flow (f, BAP "/.default offline_access openid profile");
  g_assert_cmpuint (start->status, ==, 200);
  o = obj (start);
  user_code = json_object_get_string_member (o, "user_code");
  g_assert_cmpuint (strlen (user_code), ==, 8);
  device_code = g_strdup (json_object_get_string_member (o, "device_code"));
  g_assert_cmpuint (strlen (device_code), >, 32);
  g_assert_cmpstr (json_object_get_string_member (o, "verification_uri"), ==, expected_uri);
  g_assert_cmpint (json_object_get_int_member (o, "expires_in"), ==, 900);
  g_assert_cmpint (json_object_get_int_member (o, "interval"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), user_code));
  g_assert_false (json_object_has_member (o, "verification_uri_complete"));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) pending = poll_device (f, device_code);

      assert_token_error (pending, 400, "authorization_pending", 70016);
    }

  done = poll_device (f, device_code);
  g_assert_cmpuint (done->status, ==, 200);
  o = obj (done);
  g_assert_cmpstr (json_object_get_string_member (o, "token_type"), ==, "Bearer");
  g_assert_nonnull (json_object_get_string_member (o, "scope"));
  g_assert_nonnull (json_object_get_string_member (o, "refresh_token"));
  g_assert_nonnull (json_object_get_string_member (o, "id_token"));
  claims = decode_claims (json_object_get_string_member (o, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "aud"), ==, BAP);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "tid"), ==,
                   POSTURE_DEMO_TENANT_ID);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "scp"), ==,
                   "user_impersonation");

  /* A device code is redeemed once. */
  again = poll_device (f, device_code);
  assert_token_error (again, 400, "bad_verification_code", 70018);
}

static void
test_token_device_code_outcomes (Fixture       *f,
                                 gconstpointer  data)
{
  struct { int action; const char *error; gint64 code; } cases[] = {
    { 0, NULL, 0 },                              /* approved at once */
    { 1, "authorization_declined", 65004 },
    { 2, "expired_token", 70019 },
  };
  g_autoptr(Response) bad = poll_device (f, "not-a-device-code");
  g_autoptr(Response) no_scope = start_device_flow (f, "");

  assert_token_error (bad, 400, "bad_verification_code", 70018);
  assert_token_error (no_scope, 400, "invalid_request", 900144);
  g_assert_false (posture_demo_server_approve_device_code (f->server, "NOSUCHCD"));

  posture_demo_server_set_device_code_polls (f->server, 100);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) start = start_device_flow (f, GRAPH "/.default offline_access");
      g_autoptr(Response) poll = NULL;
      const char *user_code = json_object_get_string_member (obj (start), "user_code");
      const char *device_code = json_object_get_string_member (obj (start), "device_code");

      if (cases[i].action == 0)
        g_assert_true (posture_demo_server_approve_device_code (f->server, user_code));
      else if (cases[i].action == 1)
        g_assert_true (posture_demo_server_decline_device_code (f->server, user_code));
      else
        g_assert_true (posture_demo_server_expire_device_code (f->server, user_code));

      poll = poll_device (f, device_code);
      if (cases[i].error == NULL)
        g_assert_cmpuint (poll->status, ==, 200);
      else
        assert_token_error (poll, 400, cases[i].error, cases[i].code);
    }
}

static void
test_token_device_code_page (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Response) page = request (f, "GET", "/devicelogin", NULL, NULL);
  g_autoptr(Response) start = NULL;
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) right = NULL;
  g_autoptr(Response) poll = NULL;
  g_autofree char *form = NULL;
  g_autofree char *html = NULL;
  const char *ct = "application/x-www-form-urlencoded";

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_content_type (page->headers, NULL), "text/html"));
  html = g_strndup (g_bytes_get_data (page->body, NULL), g_bytes_get_size (page->body));
  g_assert_nonnull (strstr (html, "<form"));

  posture_demo_server_set_device_code_polls (f->server, 1000);
  start = start_device_flow (f, BAP "/.default");

  wrong = request_full (f, "POST", "/devicelogin", NULL, ct,
                        "code=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  g_assert_cmpuint (wrong->status, ==, 400);
  g_clear_pointer (&html, g_free);
  html = g_strndup (g_bytes_get_data (wrong->body, NULL), g_bytes_get_size (wrong->body));
  g_assert_null (strstr (html, "<script>"));

  form = soup_form_encode ("code", json_object_get_string_member (obj (start), "user_code"), NULL);
  right = request_full (f, "POST", "/devicelogin", NULL, ct, form);
  g_assert_cmpuint (right->status, ==, 200);

  /* Approved: the very next poll succeeds. */
  poll = poll_device (f, json_object_get_string_member (obj (start), "device_code"));
  g_assert_cmpuint (poll->status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (obj (poll), "access_token"));
}

static void
test_token_refresh (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) start = NULL;
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) third = NULL;
  g_autoptr(Response) bad = NULL;
  g_autoptr(Response) use = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_autofree char *rt1 = NULL;
  g_autofree char *form = NULL;
  const char *rt2;
  const char *token_path = "/" POSTURE_DEMO_TENANT_ID "/oauth2/v2.0/token";
  const char *ct = "application/x-www-form-urlencoded";

  posture_demo_server_set_device_code_polls (f->server, 0);
  start = start_device_flow (f, BAP "/.default offline_access");
  first = poll_device (f, json_object_get_string_member (obj (start), "device_code"));
  g_assert_cmpuint (first->status, ==, 200);
  rt1 = g_strdup (json_object_get_string_member (obj (first), "refresh_token"));

  /* Redeem for Graph: a new access token for that resource and a rotated refresh token. */
  form = soup_form_encode ("grant_type", "refresh_token", "client_id", POSTURE_DEMO_CLIENT_ID,
                           "refresh_token", rt1, "scope", GRAPH "/.default offline_access", NULL);
  second = request_full (f, "POST", token_path, NULL, ct, form);
  g_assert_cmpuint (second->status, ==, 200);
  rt2 = json_object_get_string_member (obj (second), "refresh_token");
  g_assert_nonnull (rt2);
  g_assert_cmpstr (rt2, !=, rt1);
  claims = decode_claims (json_object_get_string_member (obj (second), "access_token"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (claims), "aud"), ==, GRAPH);

  use = request (f, "GET", "/v1.0/organization",
                 json_object_get_string_member (obj (second), "access_token"), NULL);
  g_assert_cmpuint (use->status, ==, 200);

  /* The new refresh token works too. */
  g_free (form);
  form = soup_form_encode ("grant_type", "refresh_token", "client_id", POSTURE_DEMO_CLIENT_ID,
                           "refresh_token", rt2, "scope", BAP "/.default", NULL);
  third = request_full (f, "POST", token_path, NULL, ct, form);
  g_assert_cmpuint (third->status, ==, 200);

  g_free (form);
  form = soup_form_encode ("grant_type", "refresh_token", "client_id", POSTURE_DEMO_CLIENT_ID,
                           "refresh_token", "forged-refresh-token", "scope", BAP "/.default", NULL);
  bad = request_full (f, "POST", token_path, NULL, ct, form);
  assert_token_error (bad, 400, "invalid_grant", 9002313);
}

/* ---- Authorization on the resource endpoints -------------------------------------- */

static void
test_auth_enforced (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bap = bap_token (f);
  g_autofree char *graph = get_token (f, GRAPH "/.default");
  g_autofree char *expired = posture_demo_server_mint_access_token (f->server, BAP, -10);
  g_autofree char *forged = g_strconcat (bap, "x", NULL);
  g_autofree char *dv_path =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=isauditenabled", SALES);
  const char *envs = ENVS_PATH "?api-version=2023-06-01";
  struct { const char *path; const char *token; const char *code; } cases[] = {
    { envs, NULL, "AuthenticationFailed" },
    { envs, graph, "InvalidAuthenticationTokenAudience" },
    { envs, expired, "ExpiredAuthenticationToken" },
    { envs, forged, "InvalidAuthenticationToken" },
    { envs, "not.a.jwt", "InvalidAuthenticationToken" },
    { dv_path, bap, "InvalidAuthenticationTokenAudience" },
    { dv_path, NULL, "AuthenticationFailed" },
    { "/v1.0/organization", bap, "InvalidAuthenticationToken" },
    { "/v1.0/organization", NULL, "InvalidAuthenticationToken" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = request (f, "GET", cases[i].path, cases[i].token, NULL);
      const char *www = soup_message_headers_get_one (r->headers, "WWW-Authenticate");

      assert_bap_error (r, 401, cases[i].code);
      g_assert_nonnull (www);
      g_assert_true (g_str_has_prefix (www, "Bearer "));
    }

  {
    g_autoptr(Response) ok = request (f, "GET", envs, bap, NULL);

    g_assert_cmpuint (ok->status, ==, 200);
  }
}

/* ---- Environments ---------------------------------------------------------------- */

static void
test_environments_paging (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) skus = g_hash_table_new (g_str_hash, g_str_equal);
  guint pages = 0;
  guint without_dataverse = 0;

  posture_demo_server_set_page_size (f->server, 5);
  all = list_all_environments (f, token, &pages);
  g_assert_cmpuint (all->len, ==, 12);
  g_assert_cmpuint (pages, ==, 3);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *env = json_node_get_object (g_ptr_array_index (all, i));
      JsonObject *props = json_object_get_object_member (env, "properties");
      const char *sku = json_object_get_string_member (props, "environmentSku");

      assert_environment_shape (env, f->base);
      g_assert_true (
          g_hash_table_add (names, (gpointer) json_object_get_string_member (env, "name")));
      g_hash_table_replace (skus, (gpointer) sku,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (skus, sku)) +
                                              1));
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (props, "linkedEnvironmentMetadata")))
        without_dataverse++;
      if (i == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (env, "name"), ==, DEFAULT_ENV);
          g_assert_true (json_object_get_boolean_member (props, "isDefault"));
          g_assert_cmpstr (json_object_get_string_member (props, "creationType"), ==,
                           "DefaultTenant");
        }
      else
        g_assert_false (json_object_get_boolean_member (props, "isDefault"));
    }

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (skus, "Default")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (skus, "Production")), ==, 5);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (skus, "Sandbox")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (skus, "Trial")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (skus, "Developer")), ==, 2);
  g_assert_cmpuint (without_dataverse, ==, 3);

  /* One page when the page size covers everything. */
  posture_demo_server_set_page_size (f->server, 0);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = list_all_environments (f, token, &pages);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (all->len, ==, 12);
}

static void
test_environments_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) missing = request (f, "GET", ENVS_PATH, token, NULL);
  g_autoptr (Response) unknown =
      request (f, "GET", ENVS_PATH "?api-version=2099-01-01", token, NULL);
  g_autoptr (Response) skip =
      request (f, "GET", ENVS_PATH "?api-version=2023-06-01&$skiptoken=abc", token, NULL);
  g_autoptr (Response) one =
      request (f, "GET", ENVS_PATH "/" SALES "?api-version=2023-06-01", token, NULL);
  g_autoptr (Response) none =
      request (f, "GET", ENVS_PATH "/00000000-1111-2222-3333-444444444444?api-version=2023-06-01",
               token, NULL);
  g_autoptr(Response) post = request (f, "POST", ENVS_PATH "?api-version=2023-06-01", token, "{}");

  assert_bap_error (missing, 400, "MissingApiVersionParameter");
  assert_bap_error (unknown, 400, "InvalidApiVersionParameter");
  assert_bap_error (skip, 400, "InvalidSkipToken");
  g_assert_cmpuint (one->status, ==, 200);
  assert_environment_shape (obj (one), f->base);
  g_assert_cmpstr (json_object_get_string_member (obj (one), "name"), ==, SALES);
  assert_bap_error (none, 404, "EnvironmentNotFound");
  assert_bap_error (post, 405, "MethodNotAllowed");
}

/* The environment's lifecycleOperationsEnforcement refuses operation, for this reason type. */
static void
assert_disallowed (JsonObject *props,
                   const char *operation,
                   const char *reason_type)
{
  JsonArray *disallowed =
      posture_json_get_array (posture_json_get_object (props, "lifecycleOperationsEnforcement"),
                              "disallowedOperations");

  for (guint i = 0; i < json_array_get_length (disallowed); i++)
    {
      JsonObject *op = json_array_get_object_element (disallowed, i);

      if (g_strcmp0 (posture_json_get_path_string (op, "type.id"), operation) != 0)
        continue;
      g_assert_cmpstr (posture_json_get_path_string (op, "reason.type"), ==, reason_type);
      g_assert_true (
          g_str_has_prefix (posture_json_get_path_string (op, "reason.message"), operation));
      return;
    }
  g_assert_not_reached ();
}

static void
test_environments_seeded_fields (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) sales_r = NULL;
  g_autoptr(Response) hr_r = NULL;
  g_autoptr(Response) field_r = NULL;
  g_autoptr(Response) intranet_r = NULL;
  g_autoptr(Response) default_r = NULL;
  g_autoptr(Response) uat_r = NULL;
  g_autoptr(Response) trial_r = NULL;
  g_autoptr(Response) dev_r = NULL;
  JsonObject *p;

  /* Contoso Sales: the model environment. */
  p = json_object_get_object_member (get_environment (f, token, SALES, &sales_r), "properties");
  g_assert_cmpstr (json_object_get_string_member (p, "displayName"), ==, "Contoso Sales");
  g_assert_cmpstr (json_object_get_string_member (p, "environmentSku"), ==, "Production");
  g_assert_cmpstr (posture_json_get_path_string (p, "governanceConfiguration.protectionLevel"), ==,
                   "Standard");
  g_assert_cmpstr (posture_json_get_path_string (
                       p, "governanceConfiguration.settings.extendedSettings.limitSharingMode"),
                   ==, "excludeSharingToSecurityGroups");
  g_assert_cmpstr (posture_json_get_path_string (
                       p, "governanceConfiguration.settings.extendedSettings.maxLimitUserSharing"),
                   ==, "20");
  g_assert_cmpstr (
      posture_json_get_path_string (p, "enterprisePolicies.customerManagedKeys.linkStatus"), ==,
      "Linked");
  g_assert_cmpstr (posture_json_get_path_string (p, "enterprisePolicies.vNets.linkStatus"), ==,
                   "Linked");
  g_assert_cmpstr (posture_json_get_path_string (p, "protectionStatus.keyManagedBy"), ==,
                   "Customer");
  g_assert_cmpuint (strlen (
                        posture_json_get_path_string (p,
                                                      "linkedEnvironmentMetadata.securityGroupId")),
                    ==, 36);
  g_assert_null (posture_json_get_path_string (p, "parentEnvironmentGroup.id"));
  {
    JsonArray *disallowed =
        posture_json_get_array (posture_json_get_object (p, "lifecycleOperationsEnforcement"),
                                "disallowedOperations");

    g_assert_cmpuint (json_array_get_length (disallowed), ==, 1);
    g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (disallowed, 0),
                                                   "reason.type"),
                     ==, "CdsLink");
  }

  /* Contoso HR: unmanaged, an empty security group, a virtual network but no customer key. */
  p = json_object_get_object_member (get_environment (f, token,
                                                      "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03",
                                                      &hr_r),
                                     "properties");
  g_assert_cmpstr (posture_json_get_path_string (p, "governanceConfiguration.protectionLevel"), ==,
                   "Basic");
  g_assert_null (posture_json_get_path_object (p, "governanceConfiguration.settings"));
  g_assert_cmpstr (posture_json_get_path_string (p, "linkedEnvironmentMetadata.securityGroupId"),
                   ==, "");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (p, "enterprisePolicies")),
                    ==, 1);
  g_assert_cmpstr (posture_json_get_path_string (p, "enterprisePolicies.vNets.linkStatus"), ==,
                   "Linked");
  g_assert_cmpstr (posture_json_get_path_string (p, "protectionStatus.keyManagedBy"), ==,
                   "Microsoft");

  /* Field Service: the all-zero security group (its Dataverse denies the caller). */
  p = json_object_get_object_member (get_environment (f, token, FIELDSVC, &field_r), "properties");
  g_assert_cmpstr (posture_json_get_path_string (p, "linkedEnvironmentMetadata.securityGroupId"),
                   ==, "00000000-0000-0000-0000-000000000000");

  /* Contoso Intranet: no Dataverse, so it cannot be managed (BAP says why). */
  p = json_object_get_object_member (get_environment (f, token, INTRANET, &intranet_r),
                                     "properties");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (p, "linkedEnvironmentMetadata")));
  g_assert_cmpstr (posture_json_get_path_string (p, "governanceConfiguration.protectionLevel"), ==,
                   "Basic");
  assert_disallowed (p, "EnableGovernanceConfiguration", "CdsLink");

  /* Sales UAT: managed by its environment group, which governs its settings. */
  p = json_object_get_object_member (get_environment (f, token, UAT, &uat_r), "properties");
  g_assert_cmpstr (posture_json_get_path_string (p, "governanceConfiguration.protectionLevel"), ==,
                   "Standard");
  g_assert_null (posture_json_get_path_object (p, "governanceConfiguration.settings"));
  g_assert_cmpstr (posture_json_get_path_string (p, "parentEnvironmentGroup.id"), ==,
                   "2b7c9d1e-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
  assert_disallowed (p, "UpdateGovernanceConfiguration", "GovernanceConfig");

  /* Trial and Developer environments cannot be managed. */
  p = json_object_get_object_member (get_environment (f, token, MKTTRIAL, &trial_r), "properties");
  g_assert_cmpstr (json_object_get_string_member (p, "environmentSku"), ==, "Trial");
  assert_disallowed (p, "EnableGovernanceConfiguration", "EnvironmentSkuType");
  p = json_object_get_object_member (get_environment (f, token, ALEXDEV, &dev_r), "properties");
  g_assert_cmpstr (json_object_get_string_member (p, "environmentSku"), ==, "Developer");
  assert_disallowed (p, "EnableGovernanceConfiguration", "EnvironmentSkuType");

  /* The default environment. */
  p = json_object_get_object_member (get_environment (f, token, DEFAULT_ENV, &default_r),
                                     "properties");
  g_assert_cmpstr (json_object_get_string_member (p, "environmentSku"), ==, "Default");
  g_assert_true (json_object_get_boolean_member (p, "isDefault"));
  g_assert_cmpstr (posture_json_get_path_string (p, "governanceConfiguration.protectionLevel"), ==,
                   "Basic");
}

/* ---- Tenant settings ------------------------------------------------------------ */

static void
test_tenant_settings (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *list_path =
      "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01";
  const char *update_path = "/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                            "updateTenantSettings?api-version=2023-06-01";
  g_autoptr(Response) list = request (f, "POST", list_path, token, NULL);
  g_autoptr(Response) update = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) wrong_type = NULL;
  g_autoptr(Response) get = request (f, "GET", list_path, token, NULL);
  JsonObject *o = obj (list);
  gboolean b = TRUE;

  g_assert_cmpuint (list->status, ==, 200);
  g_assert_false (json_object_has_member (o, "value"));
  g_assert_true (json_object_get_boolean_member (o, "disableEnvironmentCreationByNonAdminUsers"));
  g_assert_false (
      json_object_get_boolean_member (o, "disableTrialEnvironmentCreationByNonAdminUsers"));
  g_assert_false (json_object_get_boolean_member (o, "disablePortalsCreationByNonAdminUsers"));
  g_assert_true (posture_json_get_path_boolean (
      o, "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers", &b));
  g_assert_false (b);
  g_assert_true (
      posture_json_get_path_boolean (o, "powerPlatform.powerApps.disableShareWithEveryone", &b));
  g_assert_false (b);
  g_assert_true (
      posture_json_get_path_boolean (o, "powerPlatform.powerApps.enableGuestsToMake", &b));
  g_assert_false (b);
  g_assert_nonnull (posture_json_get_path_object (o, "powerPlatform.search"));
  g_assert_nonnull (posture_json_get_path_object (o, "powerPlatform.teamsIntegration"));
  g_assert_nonnull (posture_json_get_path_object (o, "powerPlatform.intelligence"));
  g_assert_nonnull (posture_json_get_path_object (o, "powerPlatform.licensing"));
  g_assert_nonnull (posture_json_get_path_object (o, "powerPlatform.catalogSettings"));
  assert_bap_error (get, 405, "MethodNotAllowed");

  update = request (f, "POST", update_path, token,
                    "{\"disableTrialEnvironmentCreationByNonAdminUsers\":true,"
                    "\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":true}}}");
  g_assert_cmpuint (update->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (obj (update),
                                                 "disableTrialEnvironmentCreationByNonAdminUsers"));

  again = request (f, "POST", list_path, token, NULL);
  o = obj (again);
  g_assert_true (
      json_object_get_boolean_member (o, "disableTrialEnvironmentCreationByNonAdminUsers"));
  g_assert_true (json_object_get_boolean_member (o, "disableEnvironmentCreationByNonAdminUsers"));
  g_assert_true (
      posture_json_get_path_boolean (o, "powerPlatform.powerApps.disableShareWithEveryone", &b));
  g_assert_true (b);
  g_assert_true (
      posture_json_get_path_boolean (o, "powerPlatform.powerApps.enableGuestsToMake", &b));
  g_assert_false (b);

  /* Microsoft's provider sends only what changes; the rest stays as it was, and the
   * answer is the whole object. Member names match case-insensitively (Json.NET). */
  {
    g_autoptr(Response) partial = NULL;
    g_autoptr(Response) cased = NULL;
    g_autoptr(Response) read = NULL;
    JsonObject *gov;
    JsonObject *apps;

    partial =
        request (f, "POST", update_path, token,
                 "{\"powerPlatform\":{\"governance\":{\"enableDefaultEnvironmentRouting\":true}}}");
    g_assert_cmpuint (partial->status, ==, 200);
    gov = posture_json_get_path_object (obj (partial), "powerPlatform.governance");
    g_assert_true (json_object_get_boolean_member (gov, "enableDefaultEnvironmentRouting"));
    g_assert_false (
        json_object_get_boolean_member (gov, "disableDeveloperEnvironmentCreationByNonAdminUsers"));
    g_assert_cmpstr (json_object_get_string_member (gov, "environmentRoutingTargetSecurityGroupId"),
                     ==, "00000000-0000-0000-0000-000000000000");
    g_assert_nonnull (posture_json_get_path_object (obj (partial), "powerPlatform.licensing"));
    g_assert_true (
        json_object_get_boolean_member (obj (partial),
                                        "disableTrialEnvironmentCreationByNonAdminUsers"));

    cased = request (
        f, "POST", update_path, token,
        "{\"PowerPlatform\":{\"POWERAPPS\":{\"disableconnectionsharingwitheveryone\":true}}}");
    g_assert_cmpuint (cased->status, ==, 200);
    read = request (f, "POST", list_path, token, NULL);
    apps = posture_json_get_path_object (obj (read), "powerPlatform.powerApps");
    g_assert_true (json_object_get_boolean_member (apps, "disableConnectionSharingWithEveryone"));
    g_assert_false (json_object_has_member (apps, "disableconnectionsharingwitheveryone"));
    g_assert_false (json_object_has_member (obj (read), "PowerPlatform"));
    g_assert_cmpuint (json_object_get_size (apps), ==, 8);
  }

  unknown = request (f, "POST", update_path, token, "{\"powerPlatform\":{\"noSuchSetting\":true}}");
  assert_bap_error (unknown, 400, "InvalidRequestContent");
  g_assert_nonnull (
      strstr (json_object_get_string_member (json_object_get_object_member (obj (unknown), "error"),
                                             "message"),
              "Could not find member 'noSuchSetting'"));
  g_assert_nonnull (
      strstr (json_object_get_string_member (json_object_get_object_member (obj (unknown), "error"),
                                             "message"),
              "Path 'powerPlatform.noSuchSetting'"));
  wrong_type = request (f, "POST", update_path, token,
                        "{\"disablePortalsCreationByNonAdminUsers\":\"yes\"}");
  assert_bap_error (wrong_type, 400, "InvalidRequestContent");
}

/* ---- DLP ------------------------------------------------------------------------- */

static void
test_dlp_policies (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *base = "/providers/PowerPlatform.Governance/v2/policies";
  g_autoptr(Response) list = request (f, "GET", base, token, NULL);
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) patched = NULL;
  g_autoptr(Response) listed = NULL;
  g_autoptr(Response) deleted = NULL;
  g_autoptr(Response) gone = NULL;
  g_autoptr(Response) bad = NULL;
  g_autoptr(Response) bad_env = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  JsonArray *value;
  JsonObject *def;

  g_assert_cmpuint (list->status, ==, 200);
  value = json_object_get_array_member (obj (list), "value");
  g_assert_cmpuint (json_array_get_length (value), ==, 3);

  for (guint i = 0; i < json_array_get_length (value); i++)
    {
      JsonObject *summary = json_object_get_object_member (json_array_get_object_element (value, i),
                                                           "policyDefinition");
      g_autofree char *one_path =
          g_strdup_printf ("%s/%s", base, json_object_get_string_member (summary, "name"));
      g_autoptr(Response) one = request (f, "GET", one_path, token, NULL);
      JsonObject *full;
      JsonArray *groups;

      g_assert_false (json_object_has_member (summary, "connectorGroups"));
      g_assert_cmpstr (json_object_get_string_member (summary, "environmentType"), ==,
                       i < 2 ? "OnlyEnvironments" : "SingleEnvironment");
      g_assert_nonnull (json_object_get_string_member (summary, "displayName"));
      g_assert_nonnull (json_object_get_string_member (summary, "etag"));
      g_assert_nonnull (json_object_get_string_member (summary, "createdTime"));

      g_assert_cmpuint (one->status, ==, 200);
      full = json_object_get_object_member (obj (one), "policyDefinition");
      groups = json_object_get_array_member (full, "connectorGroups");
      g_assert_cmpuint (json_array_get_length (groups), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0),
                                                      "classification"),
                       ==, "Confidential");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 1),
                                                      "classification"),
                       ==, "General");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 2),
                                                      "classification"),
                       ==, "Blocked");
      g_assert_cmpstr (json_object_get_string_member (full, "defaultConnectorsClassification"), ==,
                       "General");
      g_assert_false (json_object_get_boolean_member (full, "isLegacySchemaVersion"));
      g_assert_nonnull (
          json_object_get_object_member (obj (one), "connectorConfigurationsDefinition"));
      g_assert_nonnull (
          json_object_get_object_member (obj (one), "customConnectorUrlPatternsDefinition"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (full, "environments")),
                        ==, i == 0 ? 4 : 1);
    }

  created = request (
      f, "POST", base, token,
      "{\"displayName\":\"Tenant-wide baseline\",\"environmentType\":\"ExceptEnvironments\","
      "\"defaultConnectorsClassification\":\"Blocked\","
      "\"environments\":[{\"name\":\"" INTRANET "\"}],"
      "\"connectorGroups\":[{\"classification\":\"Confidential\",\"connectors\":[{\"id\":"
      "\"/providers/Microsoft.PowerApps/apis/shared_sharepointonline\",\"name\":\"SharePoint\","
      "\"type\":\"Microsoft.PowerApps/apis\"}]}]}");
  g_assert_cmpuint (created->status, ==, 201);
  def = json_object_get_object_member (obj (created), "policyDefinition");
  name = g_strdup (json_object_get_string_member (def, "name"));
  g_assert_cmpuint (strlen (name), ==, 36);
  g_assert_cmpstr (json_object_get_string_member (def, "environmentType"), ==,
                   "ExceptEnvironments");
  g_assert_cmpstr (json_object_get_string_member (def, "defaultConnectorsClassification"), ==,
                   "Blocked");
  g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_object_get_array_member (def,
                                                                                    "environments"),
                                                      0),
                       "id"),
                   ==, ENVS_PATH "/" INTRANET);

  path = g_strdup_printf ("%s/%s", base, name);
  patched =
      request (f, "PATCH", path, token,
               "{\"displayName\":\"Tenant baseline\",\"environmentType\":\"AllEnvironments\"}");
  g_assert_cmpuint (patched->status, ==, 200);
  def = json_object_get_object_member (obj (patched), "policyDefinition");
  g_assert_cmpstr (json_object_get_string_member (def, "displayName"), ==, "Tenant baseline");
  g_assert_cmpstr (json_object_get_string_member (def, "environmentType"), ==, "AllEnvironments");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (def, "environments")), ==,
                    0);

  listed = request (f, "GET", base, token, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (listed), "value")),
                    ==, 4);

  deleted = request (f, "DELETE", path, token, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  gone = request (f, "GET", path, token, NULL);
  assert_bap_error (gone, 404, "PolicyNotFound");

  bad = request (f, "POST", base, token,
                 "{\"displayName\":\"x\",\"environmentType\":\"SomeEnvironments\"}");
  assert_bap_error (bad, 400, "InvalidRequestContent");
  bad_env = request (f, "POST", base, token,
                     "{\"displayName\":\"x\",\"environmentType\":\"OnlyEnvironments\","
                     "\"environments\":[{\"name\":\"nope\"}]}");
  assert_bap_error (bad_env, 400, "InvalidRequestContent");
}

/* ---- Tenant isolation -------------------------------------------------------------- */

static void
test_tenant_isolation (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) never = request (f, "GET", ISOLATION_PATH, token, NULL);
  g_autoptr(Response) put = NULL;
  g_autoptr(Response) get = NULL;
  g_autoptr(Response) bad = NULL;
  g_autoptr(Response) other = NULL;
  JsonObject *props;
  JsonObject *allowed;

  assert_bap_error (never, 404, "TenantIsolationPolicyNotFound");

  /* Every write synchronous here; posture-demo-operations tests the 202s. */
  posture_demo_server_set_isolation_async_every (f->server, 0);
  put =
      request (f, "PUT", ISOLATION_PATH, token,
               "{\"properties\":{\"tenantId\":\"" POSTURE_DEMO_TENANT_ID "\",\"isDisabled\":false,"
               "\"allowedTenants\":[{\"tenantId\":\"11111111-2222-4333-8444-555555555555\","
               "\"direction\":{\"inbound\":true,\"outbound\":false}}]}}");
  g_assert_cmpuint (put->status, ==, 200);

  get = request (f, "GET", ISOLATION_PATH, token, NULL);
  g_assert_cmpuint (get->status, ==, 200);
  props = json_object_get_object_member (obj (get), "properties");
  g_assert_cmpstr (json_object_get_string_member (props, "tenantId"), ==, POSTURE_DEMO_TENANT_ID);
  g_assert_false (json_object_get_boolean_member (props, "isDisabled"));
  allowed =
      json_array_get_object_element (json_object_get_array_member (props, "allowedTenants"), 0);
  g_assert_cmpstr (json_object_get_string_member (allowed, "tenantId"), ==,
                   "11111111-2222-4333-8444-555555555555");
  g_assert_true (
      posture_json_get_path_boolean (allowed, "direction.inbound", &(gboolean){ FALSE }));

  /* The disabled form seen in the wild keeps its empty-string allow-list. */
  {
    g_autoptr (Response) off =
        request (f, "PUT", ISOLATION_PATH, token,
                 "{\"properties\":{\"isDisabled\":true,\"allowedTenants\":\"\"}}");
    g_autoptr(Response) read = request (f, "GET", ISOLATION_PATH, token, NULL);

    g_assert_cmpuint (off->status, ==, 200);
    g_assert_true (
        posture_json_get_path_boolean (obj (read), "properties.isDisabled", &(gboolean){ FALSE }));
    g_assert_cmpstr (posture_json_get_path_string (obj (read), "properties.allowedTenants"), ==,
                     "");
  }

  bad = request (f, "PUT", ISOLATION_PATH, token, "{\"properties\":{\"isDisabled\":\"no\"}}");
  assert_bap_error (bad, 400, "BadRequest");
  other =
      request (f, "GET",
               "/providers/PowerPlatform.Governance/v1/tenants/11111111-2222-4333-8444-555555555555"
               "/tenantIsolationPolicy?api-version=2020-06-01",
               token, NULL);
  assert_bap_error (other, 403, "Forbidden");
}

/* ---- Dataverse --------------------------------------------------------------------- */

static void
test_dataverse (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dv_scope = g_strconcat (f->base, "/.default", NULL);
  g_autofree char *token = get_token (f, dv_scope);
  const char *select =
      "enableipbasedfirewallrule,enableipbasedfirewallruleinauditmode,enableipbasedcookiebinding,"
      "isauditenabled,iscontentsecuritypolicyenabled,iscontentsecuritypolicyenabledforcanvas";
  g_autofree char *path =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=%s", SALES, select);
  g_autofree char *context =
      g_strdup_printf ("%s/dataverse/%s/api/data/v9.2/$metadata#organizations(%s)", f->base, SALES,
                       select);
  g_autofree char *forbidden_path =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=isauditenabled",
                       FIELDSVC);
  g_autofree char *none_path =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations", INTRANET);
  g_autofree char *bad_select =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=nosuchfield", SALES);
  g_autofree char *finance_path =
      g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=isauditenabled,"
                       "enableipbasedcookiebinding",
                       FINANCE);
  g_autoptr(Response) r = request (f, "GET", path, token, NULL);
  g_autoptr(Response) forbidden = request (f, "GET", forbidden_path, token, NULL);
  g_autoptr(Response) none = request (f, "GET", none_path, token, NULL);
  g_autoptr(Response) bad = request (f, "GET", bad_select, token, NULL);
  g_autoptr(Response) before = request (f, "GET", finance_path, token, NULL);
  g_autoptr(Response) patch = NULL;
  g_autoptr(Response) wrong_id = NULL;
  g_autoptr(Response) wrong_type = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) full = NULL;
  g_autofree char *patch_path = NULL;
  g_auto(GStrv) fields = g_strsplit (select, ",", -1);
  JsonObject *row;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "@odata.context"), ==, context);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "value")), ==, 1);
  row = json_array_get_object_element (json_object_get_array_member (obj (r), "value"), 0);
  /* $select honoured: the selected fields, the key and the etag, nothing else. */
  g_assert_cmpuint (json_object_get_size (row), ==, g_strv_length (fields) + 2);
  for (guint i = 0; fields[i] != NULL; i++)
    g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (row, fields[i])));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (row, "@odata.etag"), "W/\""));
  g_assert_cmpuint (strlen (json_object_get_string_member (row, "organizationid")), ==, 36);
  g_assert_true (json_object_get_boolean_member (row, "enableipbasedfirewallrule"));
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedfirewallruleinauditmode"));
  g_assert_true (json_object_get_boolean_member (row, "isauditenabled"));

  assert_bap_error (forbidden, 403, "0x80072560");
  g_assert_cmpuint (none->status, ==, 404);
  assert_bap_error (bad, 400, "0x80060888");

  /* PATCH round-trips. */
  g_assert_cmpuint (before->status, ==, 200);
  row = json_array_get_object_element (json_object_get_array_member (obj (before), "value"), 0);
  g_assert_false (json_object_get_boolean_member (row, "enableipbasedcookiebinding"));
  patch_path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations(%s)", FINANCE,
                                json_object_get_string_member (row, "organizationid"));
  patch = request (
      f, "PATCH", patch_path, token,
      "{\"enableipbasedcookiebinding\":true,\"enableipbasedfirewallruleinauditmode\":false}");
  g_assert_cmpuint (patch->status, ==, 204);
  after = request (f, "GET", finance_path, token, NULL);
  row = json_array_get_object_element (json_object_get_array_member (obj (after), "value"), 0);
  g_assert_true (json_object_get_boolean_member (row, "enableipbasedcookiebinding"));

  wrong_type = request (f, "PATCH", patch_path, token, "{\"isauditenabled\":\"yes\"}");
  g_assert_cmpuint (wrong_type->status, ==, 400);
  g_clear_pointer (&patch_path, g_free);
  patch_path = g_strdup_printf (
      "/dataverse/%s/api/data/v9.2/organizations(00000000-1111-2222-3333-444444444444)", FINANCE);
  wrong_id = request (f, "PATCH", patch_path, token, "{\"isauditenabled\":true}");
  assert_bap_error (wrong_id, 404, "0x80040217");

  /* Formatted values on request, as Dataverse does with the Prefer header. */
  {
    g_autoptr(Response) formatted = NULL;

    f->prefer = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";
    formatted = request (f, "GET", finance_path, token, NULL);
    f->prefer = NULL;
    row =
        json_array_get_object_element (json_object_get_array_member (obj (formatted), "value"), 0);
    g_assert_cmpstr (json_object_get_string_member (
                         row, "isauditenabled@OData.Community.Display.V1.FormattedValue"),
                     ==, "Yes");
    g_assert_cmpstr (json_object_get_string_member (
                         row,
                         "enableipbasedcookiebinding@OData.Community.Display.V1.FormattedValue"),
                     ==, "Yes");
    g_assert_nonnull (soup_message_headers_get_one (formatted->headers, "Preference-Applied"));
  }

  /* Without $select, the whole row. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations", SALES);
  full = request (f, "GET", path, token, NULL);
  row = json_array_get_object_element (json_object_get_array_member (obj (full), "value"), 0);
  g_assert_true (json_object_has_member (row, "auditretentionperiodv2"));
  g_assert_true (json_object_has_member (row, "isuseraccessauditenabled"));
  g_assert_true (json_object_has_member (row, "allowediprangeforfirewall"));
  g_assert_true (json_object_has_member (row, "sessiontimeoutenabled"));
}

/* ---- Hostile input ----------------------------------------------------------------- */

static void
test_hostile_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *update_path = "/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                            "updateTenantSettings?api-version=2023-06-01";
  const char *dlp_path = "/providers/PowerPlatform.Governance/v2/policies";
  g_autoptr(GString) huge = g_string_new ("{\"walkMeOptOut\":\"");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) long_name = g_string_new ("{\"displayName\":\"");
  g_autoptr(GString) long_auth = g_string_new (NULL);
  g_autoptr(Response) r_huge = NULL;
  g_autoptr(Response) r_deep = NULL;
  g_autoptr(Response) r_utf8 = NULL;
  g_autoptr(Response) r_long = NULL;
  g_autoptr(Response) r_hostile = NULL;
  g_autoptr(Response) r_traversal = NULL;
  g_autoptr(Response) r_auth = NULL;
  g_autoptr(Response) r_array = NULL;
  const char *hostile =
      "<script>alert(1)</script> \"quoted\" \\ back\001slash \303\251\344\270\255";

  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (huge, 'a');
  g_string_append (huge, "\"}");
  r_huge = request (f, "POST", update_path, token, huge->str);
  assert_bap_error (r_huge, 413, "RequestEntityTooLarge");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  r_deep = request (f, "POST", update_path, token, deep->str);
  assert_bap_error (r_deep, 400, "InvalidRequestContent");
  g_assert_nonnull (
      strstr (json_object_get_string_member (json_object_get_object_member (obj (r_deep), "error"),
                                             "message"),
              "deep"));

  r_utf8 = request (f, "POST", update_path, token, "{\"walkMeOptOut\":\"\xff\xfe\"}");
  assert_bap_error (r_utf8, 400, "InvalidRequestContent");

  r_array = request (f, "POST", update_path, token, "[true]");
  assert_bap_error (r_array, 400, "InvalidRequestContent");

  for (guint i = 0; i < 300; i++)
    g_string_append_c (long_name, 'x');
  g_string_append (long_name, "\",\"environmentType\":\"AllEnvironments\"}");
  r_long = request (f, "POST", dlp_path, token, long_name->str);
  assert_bap_error (r_long, 400, "InvalidRequestContent");

  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *body = NULL;
    JsonObject *def;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "displayName");
    json_builder_add_string_value (b, hostile);
    json_builder_set_member_name (b, "environmentType");
    json_builder_add_string_value (b, "allenvironments");
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    body = json_to_string (root, FALSE);
    r_hostile = request (f, "POST", dlp_path, token, body);
    g_assert_cmpuint (r_hostile->status, ==, 201);
    def = json_object_get_object_member (obj (r_hostile), "policyDefinition");
    g_assert_cmpstr (json_object_get_string_member (def, "displayName"), ==, hostile);
    g_assert_cmpstr (json_object_get_string_member (def, "environmentType"), ==, "AllEnvironments");
  }

  /* libsoup refuses encoded slashes itself (400); nothing reaches the routes. */
  r_traversal =
      request (f, "GET", ENVS_PATH "/..%2F..%2Fetc%2Fpasswd?api-version=2023-06-01", token, NULL);
  g_assert_cmpuint (r_traversal->status, ==, 400);
  g_clear_pointer (&r_traversal, response_free);
  r_traversal =
      request (f, "GET", ENVS_PATH "/%3Cscript%3E%00?api-version=2023-06-01", token, NULL);
  g_assert_true (r_traversal->status == 400 || r_traversal->status == 404);

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (long_auth, 'A');
  r_auth = request (f, "GET", ENVS_PATH "?api-version=2023-06-01", long_auth->str, NULL);
  assert_bap_error (r_auth, 401, "InvalidAuthenticationToken");
}

/* ---- Graph ---------------------------------------------------------------------------- */

static void
test_graph_organization (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *token = get_token (f, GRAPH "/.default");
  g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);
  JsonObject *org;
  JsonObject *domain;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (obj (r), "@odata.context"));
  org = json_array_get_object_element (json_object_get_array_member (obj (r), "value"), 0);
  g_assert_cmpstr (json_object_get_string_member (org, "id"), ==, POSTURE_DEMO_TENANT_ID);
  g_assert_cmpstr (json_object_get_string_member (org, "displayName"), ==,
                   POSTURE_DEMO_TENANT_NAME);
  domain = json_array_get_object_element (json_object_get_array_member (org, "verifiedDomains"), 0);
  g_assert_cmpstr (json_object_get_string_member (domain, "name"), ==, POSTURE_DEMO_TENANT_DOMAIN);
  g_assert_true (json_object_get_boolean_member (domain, "isInitial"));
  g_assert_true (json_object_get_boolean_member (domain, "isDefault"));

  /* $select honoured; an unknown property is a Graph-style 400. */
  {
    g_autoptr (Response) picked =
        request (f, "GET", "/v1.0/organization?$select=id,displayName", token, NULL);
    g_autoptr (Response) unknown =
        request (f, "GET", "/v1.0/organization?$select=id,nope", token, NULL);

    g_assert_cmpuint (picked->status, ==, 200);
    org = json_array_get_object_element (json_object_get_array_member (obj (picked), "value"), 0);
    g_assert_cmpuint (json_object_get_size (org), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (org, "displayName"), ==,
                     POSTURE_DEMO_TENANT_NAME);
    assert_bap_error (unknown, 400, "BadRequest");
    g_assert_nonnull (
        json_object_get_object_member (json_object_get_object_member (obj (unknown), "error"),
                                       "innerError"));
  }
}

/* ---- Reset ------------------------------------------------------------------------------- */

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(Response) put = NULL;
  g_autoptr(Response) after_put = NULL;
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) after_reset = NULL;
  g_autoptr(Response) put2 = NULL;
  g_autoptr(Response) after_api_reset = NULL;
  g_autoptr(Response) get_reset = NULL;

  posture_demo_server_set_isolation_async_every (f->server, 0);
  put = request (f, "PUT", ISOLATION_PATH, token,
                 "{\"properties\":{\"isDisabled\":false,\"allowedTenants\":[]}}");
  after_put = request (f, "GET", ISOLATION_PATH, token, NULL);
  reset = request (f, "POST", "/posture-demo/reset", NULL, NULL);
  after_reset = request (f, "GET", ISOLATION_PATH, token, NULL);
  put2 = request (f, "PUT", ISOLATION_PATH, token,
                  "{\"properties\":{\"isDisabled\":false,\"allowedTenants\":\"\"}}");

  g_assert_cmpuint (put->status, ==, 200);
  g_assert_cmpuint (after_put->status, ==, 200);
  g_assert_cmpuint (reset->status, ==, 204);
  g_assert_cmpuint (after_reset->status, ==, 404);
  g_assert_cmpuint (put2->status, ==, 200);
  posture_demo_server_reset (f->server);
  after_api_reset = request (f, "GET", ISOLATION_PATH, token, NULL);
  g_assert_cmpuint (after_api_reset->status, ==, 404);

  /* The reset control takes POST only, and no token. */
  get_reset = request (f, "GET", "/posture-demo/reset", NULL, NULL);
  g_assert_cmpuint (get_reset->status, ==, 405);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/posture/demo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("listen/loopback-only", test_loopback_only);
  ADD ("token/client-credentials", test_token_client_credentials);
  ADD ("token/errors", test_token_errors);
  ADD ("token/device-code", test_token_device_code);
  ADD ("token/device-code-outcomes", test_token_device_code_outcomes);
  ADD ("token/device-code-page", test_token_device_code_page);
  ADD ("token/refresh", test_token_refresh);
  ADD ("auth/enforced", test_auth_enforced);
  ADD ("environments/paging", test_environments_paging);
  ADD ("environments/errors", test_environments_errors);
  ADD ("environments/seeded-fields", test_environments_seeded_fields);
  ADD ("tenant-settings/read-write", test_tenant_settings);
  ADD ("dlp/list-get-create-patch-delete", test_dlp_policies);
  ADD ("tenant-isolation/get-put", test_tenant_isolation);
  ADD ("dataverse/select-patch-forbidden", test_dataverse);
  ADD ("graph/organization", test_graph_organization);
  ADD ("hostile-input", test_hostile_input);
  ADD ("reset", test_reset);
#undef ADD

  return g_test_run ();
}
