/* test-tenant-client.c: OAuth grants, host rules, resilience and the snapshot read,
 * against a scripted loopback tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fake-tenant.h"
#include "posture-http-private.h"
#include "posture-json.h"
#include "posture-tenant.h"

typedef struct
{
  GAsyncResult *result;
  guint         calls;
} Wait;

static gboolean
watchdog_cb (gpointer data)
{
  g_error ("Test timed out");
  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->calls++;
  g_set_object (&wait->result, result);
}

static void
wait_for (Wait *wait)
{
  guint id = g_timeout_add_seconds (40, watchdog_cb, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  wait->calls = 0;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_options (PostureHttpOptions *o)
{
  posture_http_options_init_default (o);
  o->max_attempts = 3;
  o->base_delay_ms = 5;
  o->max_delay_ms = 3000;
  o->max_total_wait_ms = 6000;
  o->request_timeout_s = 1;
  o->read_deadline_s = 30;
  o->device_poll_min_ms = 0;
  o->slow_down_increment_ms = 40;
}

static PostureOAuth *
make_oauth (FakeTenant        *fake,
            const char        *tenant,
            PostureTokenStore *store,
            const PostureHttpOptions *options)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  PostureHttpOptions o;

  if (options == NULL)
    {
      test_options (&o);
      options = &o;
    }
  endpoints = posture_endpoints_new (NULL, fake->base, &error);
  g_assert_no_error (error);
  return posture_oauth_new (endpoints, tenant, FAKE_CLIENT_ID, store, options);
}

static JsonNode *
read_snapshot (PostureTenantClient    *client,
               PostureTenantProgress  *progress,
               GCancellable           *cancellable,
               char                 ***warnings,
               GError                **error)
{
  return fake_read_snapshot (client, progress, cancellable, warnings, error);
}

/* Clouds and host rules */

static void
test_cloud_hosts (void)
{
  g_autoptr(PostureEndpoints) pub = posture_endpoints_new ("public", NULL, NULL);
  g_autoptr(PostureEndpoints) high = posture_endpoints_new ("gcc-high", NULL, NULL);
  g_autoptr(PostureEndpoints) china = posture_endpoints_new ("china", NULL, NULL);
  g_autoptr(PostureEndpoints) custom = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  PostureService service;

  g_assert_cmpstr (posture_endpoints_get_login (pub), ==, "https://login.microsoftonline.com");
  g_assert_cmpstr (posture_endpoints_get_bap (pub), ==, "https://api.bap.microsoft.com");
  g_assert_cmpstr (posture_endpoints_get_bap_scope (pub), ==,
                   "https://service.powerapps.com/.default");
  g_assert_cmpstr (posture_endpoints_get_login (high), ==, "https://login.microsoftonline.us");
  g_assert_cmpstr (posture_endpoints_get_bap (high), ==, "https://high.api.bap.microsoft.us");
  g_assert_cmpstr (posture_endpoints_get_login (china), ==, "https://login.chinacloudapi.cn");
  g_assert_cmpstr (posture_endpoints_get_cloud_name (china), ==, "china");

  g_assert_true (posture_endpoints_check_uri (pub,
                                              "https://contoso.crm4.dynamics.com/api/data/v9.2/x",
                                              &service, NULL));
  g_assert_cmpint (service, ==, POSTURE_SERVICE_DATAVERSE);
  scope = posture_endpoints_dup_scope_for_uri (pub, "https://Contoso.crm4.dynamics.com/api", NULL);
  g_assert_cmpstr (scope, ==, "https://contoso.crm4.dynamics.com/.default");
  g_assert_true (posture_endpoints_check_uri (pub, "https://graph.microsoft.com/v1.0/organization",
                                              &service, NULL));
  g_assert_cmpint (service, ==, POSTURE_SERVICE_GRAPH);

  /* Look-alikes, other clouds, plain http, other ports */
  g_assert_false (posture_endpoints_check_uri (pub, "https://evildynamics.com/x", NULL, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_assert_nonnull (strstr (error->message, "https://evildynamics.com"));
  g_clear_error (&error);
  g_assert_false (
      posture_endpoints_check_uri (pub, "https://api.bap.microsoft.com.evil.net/x", NULL, NULL));
  g_assert_false (posture_endpoints_check_uri (pub, "http://api.bap.microsoft.com/x", NULL, NULL));
  g_assert_false (
      posture_endpoints_check_uri (pub, "https://api.bap.microsoft.com:8443/x", NULL, NULL));
  g_assert_false (
      posture_endpoints_check_uri (pub, "https://user:pw@api.bap.microsoft.com/x", NULL, NULL));
  g_assert_false (
      posture_endpoints_check_uri (high, "https://contoso.crm4.dynamics.com/x", NULL, NULL));
  g_assert_true (
      posture_endpoints_check_uri (high, "https://contoso.crm.microsoftdynamics.us/x", NULL, NULL));
  g_assert_false (posture_endpoints_check_uri (pub, "not a url", NULL, NULL));

  /* Custom base: only its origin; http only to loopback */
  custom = posture_endpoints_new (NULL, "http://127.0.0.1:41234/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (posture_endpoints_get_key (custom), ==, "http://127.0.0.1:41234");
  g_assert_true (posture_endpoints_check_uri (custom, "http://127.0.0.1:41234/dataverse/e/api",
                                              &service, NULL));
  g_assert_cmpint (service, ==, POSTURE_SERVICE_DATAVERSE);
  g_assert_false (posture_endpoints_check_uri (custom, "http://127.0.0.1:41235/x", NULL, NULL));
  g_assert_false (posture_endpoints_check_uri (custom, "https://127.0.0.1:41234/x", NULL, NULL));
  g_free (scope);
  scope = posture_endpoints_dup_scope_for_uri (custom, "http://127.0.0.1:41234/dataverse/e/", NULL);
  g_assert_cmpstr (scope, ==, "http://127.0.0.1:41234/.default");

  g_assert_null (posture_endpoints_new (NULL, "http://example.com", &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_clear_error (&error);
  g_assert_null (posture_endpoints_new (NULL, "http://10.1.2.3:80", &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_clear_error (&error);
  g_assert_null (posture_endpoints_new (NULL, "https://example.com/path", &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (posture_endpoints_new ("mars", NULL, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_assert_true (posture_uri_is_loopback_host ("localhost"));
  g_assert_true (posture_uri_is_loopback_host ("127.3.4.5"));
  g_assert_true (posture_uri_is_loopback_host ("[::1]"));
  g_assert_false (posture_uri_is_loopback_host ("localhost.evil.net"));
  g_assert_false (posture_uri_is_loopback_host ("128.0.0.1"));
}

/* The endpoint table of every cloud (DESIGN.md "Token scopes" and "Clouds") */
static void
test_cloud_table (void)
{
  static const struct
  {
    const char *name;
    const char *login;
    const char *bap;
    const char *graph;
    const char *bap_scope;
    const char *dataverse;      /* an instance of this cloud */
    const char *regional_bap;   /* a regional BAP host of this cloud */
    const char *foreign;        /* another cloud's Dataverse instance */
  } table[] = {
    { "public", "https://login.microsoftonline.com", "https://api.bap.microsoft.com",
      "https://graph.microsoft.com", "https://service.powerapps.com/.default",
      "https://contoso.crm4.dynamics.com", "https://europe.api.bap.microsoft.com",
      "https://contoso.crm.microsoftdynamics.us" },
    { "gcc", "https://login.microsoftonline.com", "https://gov.api.bap.microsoft.us",
      "https://graph.microsoft.com", "https://gov.service.powerapps.us/.default",
      "https://contoso.crm9.dynamics.com", "https://usgov.gov.api.bap.microsoft.us",
      "https://contoso.crm4.dynamics.com" },
    { "gcc-high", "https://login.microsoftonline.us", "https://high.api.bap.microsoft.us",
      "https://graph.microsoft.us", "https://high.service.powerapps.us/.default",
      "https://contoso.crm.microsoftdynamics.us", "https://usgovhigh.high.api.bap.microsoft.us",
      "https://contoso.crm.appsplatform.us" },
    { "dod", "https://login.microsoftonline.us", "https://api.bap.appsplatform.us",
      "https://dod-graph.microsoft.us", "https://service.apps.appsplatform.us/.default",
      "https://contoso.crm.appsplatform.us", "https://usdod.api.bap.appsplatform.us",
      "https://contoso.crm.microsoftdynamics.us" },
    { "china", "https://login.chinacloudapi.cn", "https://api.bap.partner.microsoftonline.cn",
      "https://microsoftgraph.chinacloudapi.cn", "https://service.powerapps.cn/.default",
      "https://contoso.crm.dynamics.cn", "https://china.api.bap.partner.microsoftonline.cn",
      "https://contoso.crm.dynamics.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(PostureEndpoints) endpoints = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *graph_scope = g_strconcat (table[i].graph, "/.default", NULL);
      g_autofree char *dv_uri =
          g_strconcat (table [i].dataverse, "/api/data/v9.2/organizations", NULL);
      g_autofree char *dv_scope = g_strconcat (table[i].dataverse, "/.default", NULL);
      g_autofree char *regional = g_strconcat (table[i].regional_bap, "/providers/x?page=2", NULL);
      g_autofree char *foreign =
          g_strconcat (table [i].foreign, "/api/data/v9.2/organizations", NULL);
      g_autofree char *scope = NULL;
      g_autofree char *lookalike = g_strconcat ("https://evil", table[i].bap + strlen ("https://"),
                                                "/x", NULL);
      g_autofree char *suffixed = g_strconcat (table[i].bap, ".evil.net/x", NULL);
      PostureService service;

      g_test_message ("cloud %s", table[i].name);
      endpoints = posture_endpoints_new (table[i].name, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (posture_endpoints_get_cloud_name (endpoints), ==, table[i].name);
      g_assert_cmpstr (posture_endpoints_get_login (endpoints), ==, table[i].login);
      g_assert_cmpstr (posture_endpoints_get_bap (endpoints), ==, table[i].bap);
      g_assert_cmpstr (posture_endpoints_get_graph (endpoints), ==, table[i].graph);
      g_assert_cmpstr (posture_endpoints_get_bap_scope (endpoints), ==, table[i].bap_scope);
      g_assert_cmpstr (posture_endpoints_get_graph_scope (endpoints), ==, graph_scope);

      /* Dataverse: this cloud's CRM domain, the instance's own audience */
      g_assert_true (posture_endpoints_check_uri (endpoints, dv_uri, &service, NULL));
      g_assert_cmpint (service, ==, POSTURE_SERVICE_DATAVERSE);
      scope = posture_endpoints_dup_scope_for_uri (endpoints, dv_uri, NULL);
      g_assert_cmpstr (scope, ==, dv_scope);
      g_clear_pointer (&scope, g_free);
      g_assert_false (posture_endpoints_check_uri (endpoints, foreign, NULL, NULL));

      /* A regional BAP host is the same service: BAP's scope */
      g_assert_true (posture_endpoints_check_uri (endpoints, regional, &service, NULL));
      g_assert_cmpint (service, ==, POSTURE_SERVICE_BAP);
      scope = posture_endpoints_dup_scope_for_uri (endpoints, regional, NULL);
      g_assert_cmpstr (scope, ==, table[i].bap_scope);
      g_assert_false (posture_endpoints_check_uri (endpoints, lookalike, NULL, NULL));
      g_assert_false (posture_endpoints_check_uri (endpoints, suffixed, NULL, NULL));

      /* Redirects: within a resource, yes; to another resource or cloud, no */
      g_assert_true (posture_endpoints_check_redirect (endpoints, regional, table[i].bap, NULL));
      g_assert_false (posture_endpoints_check_redirect (endpoints, table[i].bap, table[i].graph,
                                                        &error));
      g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
      g_clear_error (&error);
      g_assert_false (posture_endpoints_check_redirect (endpoints, dv_uri, foreign, NULL));
    }

  /* A custom base URL serves every service from one origin with the public scopes */
  {
    g_autoptr(PostureEndpoints) custom = posture_endpoints_new ("custom", "https://127.0.0.1:8443",
                                                                NULL);

    g_assert_cmpstr (posture_endpoints_get_bap_scope (custom), ==,
                     "https://service.powerapps.com/.default");
    g_assert_cmpstr (posture_endpoints_get_graph_scope (custom), ==,
                     "https://graph.microsoft.com/.default");
  }
}

/* Grants */

static void
test_client_credentials (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_DOMAIN, store, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) token = NULL;
  Wait wait = { 0 };

  g_assert_false (posture_oauth_get_signed_in (oauth));
  g_assert_null (posture_oauth_get_tenant_id (oauth));

  /* A wrong secret: invalid_client, sign in again; nothing stored */
  posture_oauth_sign_in_with_secret_async (oauth, "wrong", NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_false (posture_oauth_sign_in_with_secret_finish (oauth, wait.result, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH);
  g_assert_nonnull (strstr (error->message, "invalid_client"));
  g_assert_null (strstr (error->message, "wrong"));
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==,
                    0);
  g_clear_error (&error);
  wait_clear (&wait);

  posture_oauth_sign_in_with_secret_async (oauth, FAKE_SECRET, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_oauth_sign_in_with_secret_finish (oauth, wait.result, &error));
  g_assert_no_error (error);
  wait_clear (&wait);
  g_assert_true (posture_oauth_get_signed_in (oauth));
  /* The domain was resolved to the GUID through the token's tid claim */
  g_assert_cmpstr (posture_oauth_get_tenant_id (oauth), ==, FAKE_TENANT_ID);
  g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)), ==,
                    1);

  /* A second request for the same scope comes from memory */
  posture_oauth_get_token_async (oauth, "https://service.powerapps.com/.default", FALSE, NULL,
                                 wait_cb, &wait);
  wait_for (&wait);
  token = posture_oauth_get_token_finish (oauth, wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  wait_clear (&wait);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://service.powerapps.com/.default"), ==,
                    1);

  /* A Graph token is its own request */
  posture_oauth_get_token_async (oauth, "https://graph.microsoft.com/.default", FALSE, NULL,
                                 wait_cb, &wait);
  wait_for (&wait);
  g_clear_pointer (&token, posture_secret_free);
  token = posture_oauth_get_token_finish (oauth, wait.result, &error);
  g_assert_no_error (error);
  wait_clear (&wait);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://graph.microsoft.com/.default"), ==, 1);

  /* A new object loads the stored secret */
  {
    g_autoptr(PostureOAuth) again = make_oauth (fake, FAKE_TENANT_DOMAIN, store, NULL);

    posture_oauth_load_async (again, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_load_finish (again, wait.result, &error));
    g_assert_no_error (error);
    g_assert_true (posture_oauth_get_signed_in (again));
    wait_clear (&wait);

    posture_oauth_sign_out_async (again, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_true (posture_oauth_sign_out_finish (again, wait.result, &error));
    g_assert_false (posture_oauth_get_signed_in (again));
    wait_clear (&wait);
    g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)),
                      ==, 0);

    posture_oauth_load_async (again, NULL, wait_cb, &wait);
    wait_for (&wait);
    g_assert_false (posture_oauth_load_finish (again, wait.result, &error));
    g_assert_error (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    wait_clear (&wait);
  }
}

static void
test_refresh_token (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSecret) token = NULL;
  g_autoptr(PostureSecret) stored = NULL;
  PostureCredentialInfo info = { POSTURE_SECRET_KIND_REFRESH_TOKEN, (char *) FAKE_TENANT_ID,
                                 (char *) FAKE_CLIENT_ID, NULL };
  Wait wait = { 0 };

  fake->rotate_refresh = TRUE;
  oauth = make_oauth (fake, FAKE_TENANT_ID, store, NULL);
  info.cloud_key = (char *) posture_endpoints_get_key (posture_oauth_get_endpoints (oauth));

  posture_token_store_store_async (store, &info, FAKE_REFRESH, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_token_store_store_finish (store, wait.result, &error));
  wait_clear (&wait);

  posture_oauth_load_async (oauth, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_true (posture_oauth_load_finish (oauth, wait.result, &error));
  g_assert_no_error (error);
  wait_clear (&wait);

  /* One call per resource scope; each rotates the refresh token */
  posture_oauth_get_token_async (oauth, "https://service.powerapps.com/.default", FALSE, NULL,
                                 wait_cb, &wait);
  wait_for (&wait);
  token = posture_oauth_get_token_finish (oauth, wait.result, &error);
  g_assert_no_error (error);
  wait_clear (&wait);
  posture_oauth_get_token_async (oauth, "https://graph.microsoft.com/.default", FALSE, NULL,
                                 wait_cb, &wait);
  wait_for (&wait);
  g_clear_pointer (&token, posture_secret_free);
  token = posture_oauth_get_token_finish (oauth, wait.result, &error);
  g_assert_no_error (error);
  wait_clear (&wait);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://service.powerapps.com/.default"), ==,
                    1);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://graph.microsoft.com/.default"), ==, 1);
  spin (50);

  /* The store holds the newest refresh token, the one the server accepts */
  posture_token_store_lookup_async (store, POSTURE_SECRET_KIND_REFRESH_TOKEN, FAKE_TENANT_ID, NULL,
                                    info.cloud_key, NULL, wait_cb, &wait);
  wait_for (&wait);
  stored = posture_token_store_lookup_finish (store, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, fake->refresh_token);
  g_assert_cmpstr (stored, !=, FAKE_REFRESH);
  wait_clear (&wait);

  /* A revoked refresh token: invalid_grant → sign in again, signed-in drops */
  g_free (fake->refresh_token);
  fake->refresh_token = g_strdup ("something-else");
  posture_oauth_get_token_async (oauth, "http://x/.default", FALSE, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_clear_pointer (&token, posture_secret_free);
  token = posture_oauth_get_token_finish (oauth, wait.result, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH);
  g_assert_false (posture_oauth_get_signed_in (oauth));
  g_clear_error (&error);
  wait_clear (&wait);

  /* Not signed in at all */
  posture_oauth_get_token_async (oauth, "http://x/.default", FALSE, NULL, wait_cb, &wait);
  wait_for (&wait);
  g_assert_null (posture_oauth_get_token_finish (oauth, wait.result, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_SIGNED_IN);
  wait_clear (&wait);
}

typedef struct
{
  guint states;
  guint interval_notifies;
} DeviceWatch;

static void
device_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  DeviceWatch *watch = user_data;

  if (g_str_equal (pspec->name, "state"))
    watch->states++;
  else if (g_str_equal (pspec->name, "interval"))
    watch->interval_notifies++;
}

static GError *
run_device_flow (FakeTenant         *fake,
                 PostureTokenStore  *store,
                 PostureDeviceCode **out_code,
                 GCancellable       *cancellable,
                 DeviceWatch        *watch)
{
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_DOMAIN, store, NULL);
  g_autoptr(PostureDeviceCode) code = NULL;
  GError *error = NULL;
  Wait wait = { 0 };

  posture_oauth_request_device_code_async (oauth, NULL, wait_cb, &wait);
  wait_for (&wait);
  code = posture_oauth_request_device_code_finish (oauth, wait.result, &error);
  g_assert_no_error (error);
  wait_clear (&wait);
  g_assert_cmpstr (posture_device_code_get_user_code (code), ==, "ABCD-1234");
  g_assert_cmpstr (posture_device_code_get_verification_uri (code), ==,
                   "https://microsoft.com/devicelogin");
  g_assert_nonnull (strstr (posture_device_code_get_message (code), "ABCD-1234"));
  g_assert_cmpint (posture_device_code_get_state (code), ==, POSTURE_DEVICE_CODE_STATE_WAITING);
  g_assert_nonnull (posture_device_code_get_expires_at (code));
  if (watch != NULL)
    g_signal_connect (code, "notify", G_CALLBACK (device_notify_cb), watch);

  posture_oauth_poll_device_code_async (oauth, code, cancellable, wait_cb, &wait);
  wait_for (&wait);
  if (!posture_oauth_poll_device_code_finish (oauth, wait.result, &error))
    g_assert_cmpint (posture_device_code_get_state (code), ==, POSTURE_DEVICE_CODE_STATE_FAILED);
  else
    {
      g_assert_cmpint (posture_device_code_get_state (code), ==,
                       POSTURE_DEVICE_CODE_STATE_SIGNED_IN);
      g_assert_true (posture_oauth_get_signed_in (oauth));
    }
  spin (30);
  g_assert_cmpuint (wait.calls, ==, 1);
  wait_clear (&wait);
  if (out_code != NULL)
    *out_code = g_steal_pointer (&code);
  return error;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_device_code (void)
{
  g_autoptr(PostureTokenStore) store = posture_memory_token_store_new ();
  static const struct { const char *outcome; GQuark domain; int code; } failures[] = {
    { "authorization_declined", 0, POSTURE_CLIENT_ERROR_DECLINED },
    { "expired_token", 0, POSTURE_CLIENT_ERROR_DECLINED },
    { "bad_verification_code", 0, POSTURE_CLIENT_ERROR_NEEDS_REAUTH },
    { "invalid_grant", 0, POSTURE_CLIENT_ERROR_NEEDS_REAUTH },
  };

  /* slow_down twice, pending three times, then success */
  {
    g_autoptr(FakeTenant) fake = fake_tenant_new ();
    g_autoptr(PostureDeviceCode) code = NULL;
    g_autoptr(GError) error = NULL;
    DeviceWatch watch = { 0 };
    gint64 start = g_get_monotonic_time ();

    fake->device_slow_down = 2;
    fake->device_pending = 3;
    error = run_device_flow (fake, store, &code, NULL, &watch);
    g_assert_no_error (error);
    g_assert_cmpuint (fake->device_polls, ==, 6);
    g_assert_cmpuint (posture_device_code_get_polls (code), ==, 6);
    /* +40 ms per slow_down (the test's increment; RFC 8628's 5 s by default) */
    g_assert_cmpuint (posture_device_code_get_interval (code), ==, 80);
    g_assert_cmpuint (watch.interval_notifies, ==, 2);
    g_assert_cmpuint (watch.states, >=, 2);
    g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, >=, 40 + 80 * 4);
    g_assert_cmpuint (posture_memory_token_store_get_n_items (POSTURE_MEMORY_TOKEN_STORE (store)),
                      ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(FakeTenant) fake = fake_tenant_new ();
      g_autoptr(GError) error = NULL;

      fake->device_pending = 1;
      fake->device_outcome = g_strdup (failures[i].outcome);
      error = run_device_flow (fake, NULL, NULL, NULL, NULL);
      g_assert_error (error, POSTURE_CLIENT_ERROR, failures[i].code);
      g_assert_nonnull (strstr (error->message, failures[i].outcome));
    }

  /* Cancelled while waiting: prompt, once, G_IO_ERROR_CANCELLED */
  {
    g_autoptr(FakeTenant) fake = fake_tenant_new ();
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    fake->device_pending = 1000;
    fake->device_interval = 1;
    g_timeout_add (150, cancel_cb, cancellable);
    error = run_device_flow (fake, NULL, NULL, cancellable, NULL);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* Cancelled during the first 1 s wait: no poll was made */
    g_assert_cmpuint (fake->device_polls, ==, 0);
    g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 900);
  }
}

/* The snapshot read */

static JsonObject *
sources_of (JsonNode *snapshot)
{
  return posture_json_get_object (json_node_get_object (snapshot), "sources");
}

static void
test_read_snapshot (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureTenantProgress) progress = posture_tenant_progress_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  JsonObject *root;
  JsonObject *sources;
  JsonArray *environments;
  JsonArray *policies;
  JsonObject *dataverse;

  fake->dataverse_forbidden = 4;
  fake->delay_dataverse = TRUE;
  oauth = make_oauth (fake, FAKE_TENANT_DOMAIN, NULL, NULL);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  client = posture_tenant_client_new (oauth);

  snapshot = read_snapshot (client, progress, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);

  root = json_node_get_object (snapshot);
  g_assert_cmpint (json_object_get_int_member (root, "posture_snapshot"), ==,
                   POSTURE_SNAPSHOT_FORMAT_VERSION);
  g_assert_cmpstr (posture_json_get_string (root, "cloud"), ==, "custom");
  g_assert_cmpstr (posture_json_get_path_string (root, "tenant.id"), ==, FAKE_TENANT_ID);
  g_assert_cmpstr (posture_json_get_path_string (root, "tenant.display_name"), ==, "Fabrikam");
  g_assert_true (g_str_has_suffix (posture_json_get_string (root, "captured_at"), "Z"));

  sources = sources_of (snapshot);
  g_assert_nonnull (posture_json_get_object (sources, "tenant_settings"));
  /* 404: never configured */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sources, "tenant_isolation")));

  /* Three pages of three, in order */
  environments = posture_json_get_array (sources, "environments");
  g_assert_cmpuint (json_array_get_length (environments), ==, 9);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("env-%u", i);

      g_assert_cmpstr (posture_json_get_string (json_array_get_object_element (environments, i),
                                                "name"),
                       ==, name);
    }

  /* DLP: list order, each fetched */
  policies = posture_json_get_array (sources, "dlp_policies");
  g_assert_cmpuint (json_array_get_length (policies), ==, 3);
  g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (policies, 0),
                                                 "policyDefinition.name"),
                   ==, "p-b");
  g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (policies, 1),
                                                 "policyDefinition.name"),
                   ==, "p-a");
  g_assert_cmpstr (posture_json_get_path_string (json_array_get_object_element (policies, 2),
                                                 "policyDefinition.environmentType"),
                   ==, "AllEnvironments");

  /* Dataverse: envs 2, 5, 8 have none; env 4 answered 403 */
  dataverse = posture_json_get_object (sources, "dataverse");
  g_assert_cmpuint (json_object_get_size (dataverse), ==, 6);
  g_assert_false (json_object_has_member (dataverse, "env-2"));
  g_assert_cmpint (json_node_get_int (posture_json_get_path (dataverse, "env-4.error.status")), ==,
                   403);
  g_assert_cmpstr (posture_json_get_path_string (dataverse, "env-4.error.code"), ==, "0x80040220");
  g_assert_nonnull (posture_json_get_path_string (dataverse, "env-4.error.message"));
  g_assert_cmpstr (posture_json_get_path_string (dataverse, "env-1.organizationid"), ==,
                   "aaaaaaaa-bbbb-4ccc-8ddd-000000000001");

  /* Progress reached the end */
  g_assert_cmpint (posture_tenant_progress_get_phase (progress), ==, POSTURE_READ_PHASE_DONE);
  g_assert_cmpuint (posture_tenant_progress_get_done (progress), ==,
                    posture_tenant_progress_get_total (progress));
  /* token; settings, isolation, organization, policy list; 3 policies; 3 pages; 6 rows;
   * 6 role lists and a second page of env-0's first role copy; Conditional Access (2
   * pages), security defaults, Global Administrators, the group's members (2 pages) */
  g_assert_cmpuint (posture_tenant_progress_get_total (progress), ==,
                    1 + 4 + 3 + 3 + 6 + 7 + 2 + 1 + 1 + 2);
  g_assert_cmpfloat (posture_tenant_progress_get_fraction (progress), ==, 1.0);

  /* Same tenant, same bytes (but the capture time), whatever the answer order */
  fake->delay_dataverse = FALSE;
  second = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (snapshot), "captured_at", "x");
  json_object_set_string_member (json_node_get_object (second), "captured_at", "x");
  text1 = json_to_string (snapshot, FALSE);
  text2 = json_to_string (second, FALSE);
  g_assert_cmpstr (text1, ==, text2);
  /* Tokens were reused: one per resource */
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://service.powerapps.com/.default"), ==,
                    1);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://graph.microsoft.com/.default"), ==, 1);
}

static void
test_graph_failure_is_warning (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_auto(GStrv) warnings = NULL;

  fake->isolation_configured = TRUE;
  fake_tenant_add_fault (fake, "/v1.0/organization", 1, 403, NULL, FALSE, FALSE);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  snapshot = read_snapshot (client, NULL, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "Microsoft Graph"));
  g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (snapshot),
                                                 "tenant.display_name"),
                   ==, FAKE_TENANT_ID);
  g_assert_nonnull (
      posture_json_get_path_object (sources_of (snapshot), "tenant_isolation.properties"));
}

static void
test_throttled_retry_after (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
  g_autofree char *http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  gint64 start;
  gint64 ms;

  /* The parser, both forms */
  g_assert_cmpint (posture_http_parse_retry_after ("7", NULL), ==, 7000);
  g_assert_cmpint (posture_http_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", NULL), ==, 0);
  g_assert_cmpint (posture_http_parse_retry_after ("soon", NULL), ==, -1);
  g_assert_cmpint (posture_http_parse_retry_after ("-3", NULL), ==, -1);

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake_tenant_add_fault (fake, "/listTenantSettings", 1, 429, "1", FALSE, FALSE);
  fake_tenant_add_fault (fake, "/v2/policies", 1, 429, http_date, FALSE, FALSE);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  /* Both waits were honoured (in parallel): at least one second */
  g_assert_cmpint (ms, >=, 950);
  g_assert_cmpint (ms, <, 6000);

  /* A Retry-After beyond the caps: stop at once with the wait in the message */
  g_clear_pointer (&snapshot, json_node_unref);
  fake_tenant_add_fault (fake, "/listTenantSettings", 1, 429, "3600", FALSE, FALSE);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "3600 seconds"));
}

static void
test_server_error_then_success (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  guint before;
  guint full_read;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake_tenant_add_fault (fake, "/scopes/admin/environments", 2, 503, NULL, FALSE, FALSE);
  fake_tenant_add_fault (fake, "/oauth2/v2.0/token", 1, 500, NULL, FALSE, FALSE);
  before = fake->requests;
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Every request of a clean read (settings, isolation, organization, the policy list and
   * 3 policies, 3 pages, 6 Dataverse rows, 6 role lists and a second page, 2 Conditional
   * Access pages, security defaults, Global Administrators, 2 pages of group members:
   * 29), plus the 2 retried pages and the BAP, Graph and Dataverse tokens, the first BAP
   * token asked twice */
  full_read = fake->requests - before;
  g_assert_cmpuint (full_read, ==, 29 + 2 + 4);
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (sources_of (snapshot), "environments")),
                    ==, 9);

  /* 500 on every attempt: SERVER after max_attempts (3) */
  g_clear_pointer (&snapshot, json_node_unref);
  fake_tenant_add_fault (fake, "/listTenantSettings", 10, 500, NULL, FALSE, FALSE);
  before = fake->requests;
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "3 attempts"));
  g_assert_nonnull (strstr (error->message, "listTenantSettings"));
  g_assert_cmpuint (((FakeFault *) g_ptr_array_index (fake->faults, 2))->remaining, ==, 7);
  /* A failed read stops everything at once: no more than a clean read sends (the
   * settings' two retries included), and nothing after it returned */
  g_assert_cmpuint (fake->requests - before, <=, 29 + 2);
  before = fake->requests;
  spin (100);
  g_assert_cmpuint (fake->requests, ==, before);
}

static void
test_unauthorized_mid_read (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  /* The second environments page answers 401 once: one new BAP token, one retry */
  fake_tenant_add_fault (fake, "/v2/policies/p-a", 1, 401, NULL, FALSE, FALSE);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (sources_of (snapshot), "dlp_policies")),
                    ==, 3);
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://service.powerapps.com/.default"), ==,
                    2);

  /* 401 twice in a row: sign in again */
  g_clear_pointer (&snapshot, json_node_unref);
  fake_tenant_add_fault (fake, "/listTenantSettings", 2, 401, NULL, FALSE, FALSE);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH);
}

static void
test_forbidden_admin_app (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->admin_app_missing = TRUE;
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "admin management application"));
}

static void
test_truncated_body (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  /* Once: the retry heals it */
  fake_tenant_add_fault (fake, "/scopes/admin/environments", 1, 0, NULL, TRUE, FALSE);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&snapshot, json_node_unref);

  /* Always: a clear network error */
  fake_tenant_add_fault (fake, "/scopes/admin/environments", 10, 0, NULL, TRUE, FALSE);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "before the whole answer arrived"));
  g_assert_nonnull (strstr (error->message, "environments"));
}

static void
test_slow_server (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  PostureHttpOptions o;
  gint64 start;

  test_options (&o);
  o.max_attempts = 2;
  oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, &o);
  client = posture_tenant_client_new (oauth);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake_tenant_add_fault (fake, "/listTenantSettings", 10, 0, NULL, FALSE, TRUE);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "No answer"));
  g_assert_cmpint ((g_get_monotonic_time () - start) / G_USEC_PER_SEC, <, 10);

  /* The whole-read deadline */
  g_clear_error (&error);
  g_clear_object (&client);
  g_clear_object (&oauth);
  o.max_attempts = 1;
  o.request_timeout_s = 30;
  o.read_deadline_s = 1;
  oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, &o);
  client = posture_tenant_client_new (oauth);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_cmpint ((g_get_monotonic_time () - start) / G_USEC_PER_SEC, <, 5);
}

static void
test_foreign_next_link (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(FakeTenant) other = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->foreign_next_link = g_strdup_printf ("%s/providers/Microsoft.BusinessAppPlatform/scopes/"
                                             "admin/environments?page=2", other->base);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_assert_nonnull (strstr (error->message, other->base));
  g_assert_cmpuint (other->requests, ==, 0);
}

static void
test_foreign_instance_url (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(FakeTenant) other = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  JsonObject *dataverse;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->foreign_instance_url = g_strdup_printf ("%s/dataverse/env-1/", other->base);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dataverse = posture_json_get_object (sources_of (snapshot), "dataverse");
  g_assert_cmpstr (posture_json_get_path_string (dataverse, "env-1.error.code"), ==, "RefusedHost");
  g_assert_nonnull (
      strstr (posture_json_get_path_string (dataverse, "env-1.error.message"), other->base));
  g_assert_nonnull (posture_json_get_path_string (dataverse, "env-0.organizationid"));
  g_assert_cmpuint (other->requests, ==, 0);
}

static gint64 cancelled_at;

static void
cancel_on_environments_cb (GObject    *object,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  PostureTenantProgress *progress = POSTURE_TENANT_PROGRESS (object);

  if (posture_tenant_progress_get_done (progress) >= 4 && !g_cancellable_is_cancelled (user_data))
    {
      cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (user_data);
    }
}

static void
test_cancel_mid_read (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureTenantProgress) progress = posture_tenant_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  PostureHttpOptions o;

  /* A long request timeout: only a prompt cancellation ends the hanging call soon. */
  test_options (&o);
  o.request_timeout_s = 30;
  oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, &o);
  client = posture_tenant_client_new (oauth);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->delay_dataverse = TRUE;
  fake_tenant_add_fault (fake, "/v1.0/organization", 1, 0, NULL, FALSE, TRUE);
  g_signal_connect (progress, "notify::done", G_CALLBACK (cancel_on_environments_cb), cancellable);
  snapshot = read_snapshot (client, progress, cancellable, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (posture_tenant_progress_get_phase (progress), ==, POSTURE_READ_PHASE_FAILED);
  /* Prompt: not the 30 s request timeout of the hanging Graph call (generous bound
   * for sanitizer builds on a loaded machine) */
  g_assert_cmpint (cancelled_at, >, 0);
  g_assert_cmpint ((g_get_monotonic_time () - cancelled_at) / 1000, <, 5000);

  /* Cancelled before it starts */
  g_clear_error (&error);
  snapshot = read_snapshot (client, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_per_host_bound (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  PostureHttpOptions o;

  test_options (&o);
  o.max_per_host = 1;
  fake->n_pages = 2;
  fake->per_page = 10;
  fake->delay_dataverse = TRUE;
  oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, &o);
  client = posture_tenant_client_new (oauth);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (sources_of (snapshot), "environments")),
                    ==, 20);
  g_assert_cmpuint (json_object_get_size (
                        posture_json_get_object (sources_of (snapshot), "dataverse")),
                    ==, 14);
  /* One host, a bound of one: never two requests at once, but for the one slot kept for
   * an urgent request (the next page, a token) */
  g_assert_cmpuint (fake->max_in_flight, <=, 2);

  /* The default bound (8): requests overlap, but never more than 8 (and the urgent one) */
  g_clear_pointer (&snapshot, json_node_unref);
  g_clear_object (&client);
  g_clear_object (&oauth);
  test_options (&o);
  g_assert_cmpuint (o.max_per_host, ==, 8);
  oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, &o);
  client = posture_tenant_client_new (oauth);
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->max_in_flight = 0;
  snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake->max_in_flight, >, 1);
  g_assert_cmpuint (fake->max_in_flight, <=, 8 + 1);
}

/* Version 2 sources */

static void
test_read_v2_sources (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_auto(GStrv) warnings = NULL;
  JsonObject *sources;
  JsonObject *graph;
  JsonObject *admins;
  JsonArray *array;
  JsonArray *users;
  g_autoptr(GList) names = NULL;

  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->delay_dataverse = TRUE;
  snapshot = read_snapshot (client, NULL, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  sources = sources_of (snapshot);

  /* Conditional Access: both pages, merged, no nextLink left */
  graph = posture_json_get_object (sources, "graph");
  array = posture_json_get_array (posture_json_get_object (graph, "conditional_access"), "value");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (posture_json_get_string (json_array_get_object_element (array, 1), "id"), ==,
                   "ca-2");
  g_assert_false (json_object_has_member (posture_json_get_object (graph, "conditional_access"),
                                          "@odata.nextLink"));
  g_assert_cmpstr (posture_json_get_string (posture_json_get_object (graph, "conditional_access"),
                                            "@odata.context"), ==, "ca");

  /* Security defaults, as the service answered */
  g_assert_cmpstr (posture_json_get_path_string (graph, "security_defaults.displayName"), ==,
                   "Security Defaults");

  /* Global Administrators: the assignments with principals, and the group's members
   * (both pages), read once though the group holds the role twice */
  array = posture_json_get_array (posture_json_get_path_object (graph, "global_admins.assignments"),
                                  "value");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpstr (
      posture_json_get_string (posture_json_get_object (json_array_get_object_element (array, 1),
                                                        "principal"),
                               "@odata.type"),
      ==, "#microsoft.graph.group");
  array = posture_json_get_array (posture_json_get_path_object (graph,
                                                                "global_admins.group_members.g-1"),
                                  "value");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpuint (json_object_get_size (
                        posture_json_get_path_object (graph, "global_admins.group_members")),
                    ==, 1);

  /* Dataverse admins: the role copies of each environment with Dataverse, in
   * environment order whatever the answer order; env-0's first copy has both pages */
  admins = posture_json_get_object (sources, "dataverse_admins");
  g_assert_cmpuint (json_object_get_size (admins), ==, 6);
  names = json_object_get_members (admins);
  g_assert_cmpstr (g_list_nth_data (names, 0), ==, "env-0");
  g_assert_cmpstr (g_list_nth_data (names, 1), ==, "env-1");
  g_assert_cmpstr (g_list_nth_data (names, 2), ==, "env-3");
  array = posture_json_get_array (posture_json_get_object (admins, "env-0"), "value");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  users = posture_json_get_array (json_array_get_object_element (array, 0),
                                  "systemuserroles_association");
  g_assert_cmpuint (json_array_get_length (users), ==, 3);
  g_assert_cmpstr (posture_json_get_string (json_array_get_object_element (users, 2),
                                            "systemuserid"), ==, "u-3");
  g_assert_false (json_object_has_member (json_array_get_object_element (array, 0),
                                          "systemuserroles_association@odata.nextLink"));
  array = posture_json_get_array (posture_json_get_object (admins, "env-1"), "value");
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (json_array_get_object_element (array, 0),
                                                "systemuserroles_association")),
                    ==, 2);

  /* The extended $select, with restrictGuestUserAccess as the service spells it */
  g_assert_true (json_object_has_member (posture_json_get_path_object (sources, "dataverse.env-1"),
                                         "restrictGuestUserAccess"));
  g_assert_true (json_object_has_member (posture_json_get_path_object (sources, "dataverse.env-1"),
                                         "allowedlistofiprangesforfirewall"));
}

static void
test_read_graph_forbidden (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *all = NULL;
  JsonObject *graph;

  /* The app was not granted Policy.Read.All nor RoleManagement.Read.Directory: recorded,
   * said, never fatal */
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->graph_forbidden = TRUE;
  snapshot = read_snapshot (client, NULL, NULL, &warnings, &error);
  g_assert_no_error (error);
  graph = posture_json_get_object (sources_of (snapshot), "graph");
  for (guint i = 0; i < 3; i++)
    {
      const char *source = i == 0 ? "conditional_access" :
                           i == 1 ? "security_defaults" :
                                    "global_admins";
      JsonObject *entry = posture_json_get_path_object (graph, source);

      g_assert_cmpint (json_node_get_int (posture_json_get_path (entry, "error.status")), ==, 403);
      g_assert_cmpstr (posture_json_get_path_string (entry, "error.code"), ==,
                       "Authorization_RequestDenied");
      g_assert_cmpstr (posture_json_get_path_string (entry, "error.message"), ==,
                       "Insufficient privileges to complete the operation.");
    }
  g_assert_cmpuint (g_strv_length (warnings), ==, 3);
  all = g_strjoinv ("\n", warnings);
  g_assert_nonnull (strstr (all, "Policy.Read.All"));
  g_assert_nonnull (strstr (all, "RoleManagement.Read.Directory"));
  g_assert_nonnull (strstr (all, "Authorization_RequestDenied"));
  /* The rest of the tenant was read */
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (sources_of (snapshot), "environments")),
                    ==, 9);

  /* A foreign nextLink in a Graph list fails the read, as anywhere */
  {
    g_autoptr(FakeTenant) other = fake_tenant_new ();

    g_clear_pointer (&snapshot, json_node_unref);
    fake->graph_forbidden = FALSE;
    fake->graph_next_link =
        g_strdup_printf ("%s/v1.0/identity/conditionalAccess/policies?$skiptoken=2", other->base);
    snapshot = read_snapshot (client, NULL, NULL, NULL, &error);
    g_assert_null (snapshot);
    g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
    g_assert_cmpuint (other->requests, ==, 0);
  }
}

static void
test_read_select_fallback (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autoptr(PostureOAuth) oauth = make_oauth (fake, FAKE_TENANT_ID, NULL, NULL);
  g_autoptr(PostureTenantClient) client = posture_tenant_client_new (oauth);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_auto(GStrv) warnings = NULL;
  JsonObject *row;
  guint before;

  /* env-4's Dataverse is older: it answers 400 for two of the columns */
  posture_oauth_set_client_secret (oauth, FAKE_SECRET);
  fake->dataverse_old = 4;
  before = fake->api_requests;
  snapshot = read_snapshot (client, NULL, NULL, &warnings, &error);
  g_assert_no_error (error);

  /* The row is there without them, not an error */
  row = posture_json_get_path_object (sources_of (snapshot), "dataverse.env-4");
  g_assert_nonnull (row);
  g_assert_false (json_object_has_member (row, "error"));
  g_assert_false (json_object_has_member (row, "restrictGuestUserAccess"));
  g_assert_false (json_object_has_member (row, "applicationbasedaccesscontrolmode"));
  g_assert_true (json_object_has_member (row, "isauditenabled"));
  g_assert_true (json_object_has_member (row, "blockedapplicationsfordvaccess"));
  /* Other environments keep every column */
  g_assert_true (json_object_has_member (posture_json_get_path_object (sources_of (snapshot),
                                                                       "dataverse.env-3"),
                                         "restrictGuestUserAccess"));

  /* Each dropped column is a warning naming the environment */
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_nonnull (strstr (warnings[0], "applicationbasedaccesscontrolmode"));
  g_assert_nonnull (strstr (warnings[0], "env-4"));
  g_assert_nonnull (strstr (warnings[1], "restrictGuestUserAccess"));

  /* Two more requests for env-4, one per dropped column */
  g_assert_cmpuint (fake->api_requests - before, ==, 4 + 3 + 3 + 6 + 7 + 2 + 1 + 1 + 2 + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/cloud/hosts", test_cloud_hosts);
  g_test_add_func ("/posture/tenant/cloud/table", test_cloud_table);
  g_test_add_func ("/posture/tenant/oauth/client-credentials", test_client_credentials);
  g_test_add_func ("/posture/tenant/oauth/refresh-token", test_refresh_token);
  g_test_add_func ("/posture/tenant/oauth/device-code", test_device_code);
  g_test_add_func ("/posture/tenant/read/snapshot", test_read_snapshot);
  g_test_add_func ("/posture/tenant/read/graph-warning", test_graph_failure_is_warning);
  g_test_add_func ("/posture/tenant/read/v2-sources", test_read_v2_sources);
  g_test_add_func ("/posture/tenant/read/graph-forbidden", test_read_graph_forbidden);
  g_test_add_func ("/posture/tenant/read/select-fallback", test_read_select_fallback);
  g_test_add_func ("/posture/tenant/read/throttled", test_throttled_retry_after);
  g_test_add_func ("/posture/tenant/read/server-error", test_server_error_then_success);
  g_test_add_func ("/posture/tenant/read/unauthorized", test_unauthorized_mid_read);
  g_test_add_func ("/posture/tenant/read/forbidden-admin-app", test_forbidden_admin_app);
  g_test_add_func ("/posture/tenant/read/truncated", test_truncated_body);
  g_test_add_func ("/posture/tenant/read/slow-server", test_slow_server);
  g_test_add_func ("/posture/tenant/read/foreign-next-link", test_foreign_next_link);
  g_test_add_func ("/posture/tenant/read/foreign-instance-url", test_foreign_instance_url);
  g_test_add_func ("/posture/tenant/read/cancel", test_cancel_mid_read);
  g_test_add_func ("/posture/tenant/read/per-host-bound", test_per_host_bound);

  return g_test_run ();
}
