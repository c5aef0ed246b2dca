/* test-tenant-hostile.c: a server that tries to push the tenant client around (issue
 * 17): dripping, endless and compressed bodies, huge declared lengths, redirects,
 * loops, throttling, and time limits that must fire on whichever main context runs
 * the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fake-tenant.h"
#include "posture-http-private.h"
#include "posture-json.h"
#include "posture-oauth-private.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* The cap the memory tests read against. */
#define TEST_BODY_CAP ((gsize) 4 * 1024 * 1024)

typedef struct
{
  FakeTenant            *fake;
  PostureOAuth          *oauth;
  PostureTenantClient   *client;
  PostureHttpOptions     options;
  GMainContext          *context;   /* the thread-default context everything runs on */
} Fixture;

static void
fixture_make_client (Fixture *fx)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fx->client);
  g_clear_object (&fx->oauth);
  endpoints = posture_endpoints_new (NULL, fx->fake->base, &error);
  g_assert_no_error (error);
  fx->oauth = posture_oauth_new (endpoints, FAKE_TENANT_ID, FAKE_CLIENT_ID, NULL, &fx->options);
  posture_oauth_set_client_secret (fx->oauth, FAKE_SECRET);
  fx->client = posture_tenant_client_new (fx->oauth);
}

/* Everything (server, client, timers) on a private main context, as in posture-cli:
 * a timer attached to the global default context would never fire. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->context = g_main_context_new ();
  g_main_context_push_thread_default (fx->context);

  posture_http_options_init_default (&fx->options);
  fx->options.max_attempts = 2;
  fx->options.base_delay_ms = 5;
  fx->options.request_timeout_s = 10;
  fx->options.read_deadline_s = 30;
  fx->options.max_body_bytes = TEST_BODY_CAP;
  fx->fake = fake_tenant_new ();
  fixture_make_client (fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->client);
  g_clear_object (&fx->oauth);
  fake_spin (20);
  g_clear_pointer (&fx->fake, fake_tenant_free);
  while (g_main_context_iteration (fx->context, FALSE))
    ;
  g_main_context_pop_thread_default (fx->context);
  g_main_context_unref (fx->context);
}

static JsonNode *
read_snapshot (Fixture                *fx,
               PostureTenantProgress  *progress,
               GError                **error)
{
  return fake_read_snapshot (fx->client, progress, NULL, NULL, error);
}

static JsonObject *
sources_of (JsonNode *snapshot)
{
  return posture_json_get_object (json_node_get_object (snapshot), "sources");
}

/* Memory: a regression must fail, not eat the machine. The address space is capped a
 * little above what the process uses (not under ASan, whose shadow memory is huge). */
typedef struct
{
  gboolean      set;
  struct rlimit saved;
} AddressLimit;

static void
limit_address_space (AddressLimit *limit,
                     gsize         headroom)
{
#ifndef UNDER_ASAN
  g_autofree char *statm = NULL;
  struct rlimit lower;
  guint64 pages = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%" G_GUINT64_FORMAT, &pages) != 1 ||
      getrlimit (RLIMIT_AS, &limit->saved) != 0)
    return;
  lower = limit->saved;
  lower.rlim_cur = pages * (guint64) sysconf (_SC_PAGESIZE) + headroom;
  if (limit->saved.rlim_max != RLIM_INFINITY && lower.rlim_cur > limit->saved.rlim_max)
    return;
  limit->set = setrlimit (RLIMIT_AS, &lower) == 0;
#endif
}

static void
restore_address_space (AddressLimit *limit)
{
  if (limit->set)
    g_assert_cmpint (setrlimit (RLIMIT_AS, &limit->saved), ==, 0);
}

/* Deadlines */

static void
test_drip_read_deadline (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  FakeFault *fault;
  gint64 start;

  /* A byte every 200 ms keeps every per-I/O timeout happy... */
  fault = fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 10, FAKE_RAW_DRIP);
  fault->interval_ms = 200;

  /* ...but not the read's own bound, on the caller's main context */
  fx->options.read_deadline_s = 1;
  fixture_make_client (fx);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
  g_assert_cmpuint (fx->fake->raw_bytes, >, 0);
  g_clear_error (&error);

  /* ...nor the time limit of the whole command (posture-cli --timeout) */
  fx->options.read_deadline_s = 600;
  fixture_make_client (fx);
  posture_oauth_set_timeout (fx->oauth, 1);
  g_assert_cmpuint (posture_oauth_get_timeout (fx->oauth), ==, 1);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "1 seconds"));
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
}

static void
test_drip_sign_in (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureDeviceCode) code = NULL;
  FakeFault *fault;
  FakeWait wait = { 0 };
  gint64 start;

  /* Client credentials: the token endpoint drips */
  fault = fake_tenant_add_raw (fx->fake, "/oauth2/v2.0/token", 1, FAKE_RAW_DRIP);
  fault->interval_ms = 200;
  posture_oauth_set_timeout (fx->oauth, 1);
  start = g_get_monotonic_time ();
  posture_oauth_sign_in_with_secret_async (fx->oauth, FAKE_SECRET, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  g_assert_false (posture_oauth_sign_in_with_secret_finish (fx->oauth, wait.result, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
  fake_wait_clear (&wait);
  g_clear_error (&error);

  /* Device code: the devicecode endpoint drips */
  fixture_make_client (fx);
  fault = fake_tenant_add_raw (fx->fake, "/devicecode", 1, FAKE_RAW_DRIP);
  fault->interval_ms = 200;
  posture_oauth_set_timeout (fx->oauth, 1);
  start = g_get_monotonic_time ();
  posture_oauth_request_device_code_async (fx->oauth, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  g_assert_null (posture_oauth_request_device_code_finish (fx->oauth, wait.result, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
  fake_wait_clear (&wait);
  g_clear_error (&error);

  /* Device code: nobody signs in; the polling ends at the time limit, not after the
   * code's 15 minutes */
  fixture_make_client (fx);
  fx->fake->device_pending = 100000;
  fx->fake->device_interval = 0;
  posture_oauth_set_timeout (fx->oauth, 1);
  posture_oauth_request_device_code_async (fx->oauth, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  code = posture_oauth_request_device_code_finish (fx->oauth, wait.result, &error);
  g_assert_no_error (error);
  fake_wait_clear (&wait);
  start = g_get_monotonic_time ();
  posture_oauth_poll_device_code_async (fx->oauth, code, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  g_assert_false (posture_oauth_poll_device_code_finish (fx->oauth, wait.result, &error));
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
  g_assert_cmpint (posture_device_code_get_state (code), ==, POSTURE_DEVICE_CODE_STATE_FAILED);
  fake_wait_clear (&wait);
}

/* Size */

static void
test_endless_body (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  AddressLimit limit = { 0 };

  fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 10, FAKE_RAW_ENDLESS);
  limit_address_space (&limit, 768 * 1024 * 1024);
  snapshot = read_snapshot (fx, NULL, &error);
  restore_address_space (&limit);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "larger than"));
  /* It stopped at the cap; what the socket buffers held is all that was sent */
  g_assert_cmpuint (fx->fake->raw_bytes, <, TEST_BODY_CAP + 16 * 1024 * 1024);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = posture_tenant_client_read_snapshot_finish (POSTURE_TENANT_CLIENT (object), result,
                                                         &error);
  g_assert_null (snapshot);
  *(gboolean *) user_data = TRUE;
}

/* The fake freed while its endless answer is being written: the write finishes later, on
 * this context, without touching the freed fake or writer (ASan checks). */
static void
test_endless_outlives_fake (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 1, FAKE_RAW_ENDLESS);
  posture_tenant_client_read_snapshot_async (fx->client, NULL, cancellable, read_done_cb, &done);
  while (fx->fake->raw_bytes == 0)
    g_main_context_iteration (fx->context, TRUE);

  g_clear_pointer (&fx->fake, fake_tenant_free);
  g_cancellable_cancel (cancellable);
  while (!done)
    g_main_context_iteration (fx->context, TRUE);
  while (g_main_context_iteration (fx->context, FALSE))
    ;
}

static void
test_gzip_bomb (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  AddressLimit limit = { 0 };

  /* Each KB on the wire is a MiB decompressed, without end */
  fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 10, FAKE_RAW_GZIP_BOMB);
  limit_address_space (&limit, 768 * 1024 * 1024);
  snapshot = read_snapshot (fx, NULL, &error);
  restore_address_space (&limit);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "larger than the 4194304 bytes"));
  /* Compressed answers are asked for, so the cap counts what they decompress to */
  g_assert_nonnull (strstr (fx->fake->accept_encoding, "gzip"));
  /* Far less than the cap came over the wire */
  g_assert_cmpuint (fx->fake->raw_bytes, <, TEST_BODY_CAP);
}

static void
test_declared_huge (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  gint64 start;

  fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 10, FAKE_RAW_DECLARE_HUGE);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "declares 5368709120 bytes"));
  /* Refused at the headers: not after the 10 s I/O timeout of the silent server */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 5000);
}

/* Redirects */

static void
test_redirect_elsewhere (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(FakeTenant) other = fake_tenant_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autofree char *location = NULL;
  FakeFault *fault;

  /* 301 to a second origin: it gets nothing, not even a connection */
  location = g_strdup_printf ("%s/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                              "environments?api-version=2023-06-01", other->base);
  fault = fake_tenant_add_raw (fx->fake, "/scopes/admin/environments", 1, FAKE_RAW_REDIRECT);
  fault->status = 301;
  fault->location = g_strdup (location);
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_assert_nonnull (strstr (error->message, other->base));
  g_assert_nonnull (strstr (error->message, "HTTP 301"));
  g_assert_cmpuint (other->requests, ==, 0);
  g_clear_error (&error);

  /* Plain http:// to a host that is not loopback */
  fault = fake_tenant_add_raw (fx->fake, "/listTenantSettings", 1, FAKE_RAW_REDIRECT);
  fault->status = 307;
  fault->location = g_strdup ("http://203.0.113.5/providers/x");
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_assert_nonnull (strstr (error->message, "http://203.0.113.5"));
  g_clear_error (&error);

  /* The same origin, but another service (the BAP token must not go to Graph) */
  fault = fake_tenant_add_raw (fx->fake, "/listTenantSettings", 1, FAKE_RAW_REDIRECT);
  fault->status = 307;
  fault->location = g_strdup_printf ("%s/v1.0/organization", fx->fake->base);
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_REFUSED_HOST);
  g_assert_nonnull (strstr (error->message, "another service"));
  g_assert_cmpuint (other->requests, ==, 0);
}

static void
test_redirect_followed (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  FakeFault *fault;
  guint before;

  /* Within the same service the hop is followed, held to the same rules */
  fault = fake_tenant_add_raw (fx->fake, "/v2/policies/p-a", 1, FAKE_RAW_REDIRECT);
  fault->status = 307;
  fault->location = g_strdup ("/providers/PowerPlatform.Governance/v2/policies/p-a?moved=1");
  before = fx->fake->api_requests;
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (sources_of (snapshot),
                                                                   "dlp_policies")), ==, 3);
  /* settings, isolation, organization, the policy list and its 3 policies (one twice),
   * 3 environment pages, 6 Dataverse rows, 7 pages of role copies, 6 Graph pages */
  g_assert_cmpuint (fx->fake->api_requests - before, ==, 1 + 1 + 1 + 1 + 4 + 3 + 6 + 7 + 6);

  /* A redirect loop ends */
  g_clear_pointer (&snapshot, json_node_unref);
  fault = fake_tenant_add_raw (fx->fake, "/v2/policies/p-b", 100, FAKE_RAW_REDIRECT);
  fault->status = 302;
  fault->location = g_strdup ("/providers/PowerPlatform.Governance/v2/policies/p-b");
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "more than 5 times"));
  g_assert_cmpuint (fault->remaining, ==, 100 - 6);
}

/* Lists */

static void
test_next_link_loop (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  guint before = fx->fake->api_requests;

  /* Page 1 points back to page 0 (the URL as first asked for) */
  fx->fake->foreign_next_link = g_strdup_printf ("%s/providers/Microsoft.BusinessAppPlatform/"
                                                 "scopes/admin/environments?api-version=2023-06-01",
                                                 fx->fake->base);
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "loops"));
  /* Stopped at once: two pages and what they started, not thousands of requests */
  g_assert_cmpuint (fx->fake->api_requests - before, <, 20);
}

static void
test_list_bounds (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  fx->options.max_pages = 2;
  fixture_make_client (fx);
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "did not end after 2 pages"));
  g_clear_error (&error);

  fx->options.max_pages = 100;
  fx->options.max_items = 2;
  fixture_make_client (fx);
  fx->fake->n_pages = 1;
  fx->fake->per_page = 2;
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "3 DLP policies, more than the 2"));
  g_clear_error (&error);

  fx->options.max_items = 3;
  fixture_make_client (fx);
  fx->fake->per_page = 9;
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "more than 3 environments with Dataverse"));
}

/* Throttling */

typedef struct
{
  guint  max_seconds;
  char  *status;
} ThrottleWatch;

static void
throttled_notify_cb (PostureTenantProgress *progress,
                     GParamSpec            *pspec,
                     ThrottleWatch         *watch)
{
  if (posture_tenant_progress_get_throttled_seconds (progress) > watch->max_seconds)
    {
      watch->max_seconds = posture_tenant_progress_get_throttled_seconds (progress);
      g_free (watch->status);
      watch->status = g_strdup (posture_tenant_progress_get_status (progress));
    }
}

static void
test_long_retry_after (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autoptr(PostureTenantProgress) progress = posture_tenant_progress_new ();
  ThrottleWatch watch = { 0 };
  FakeFault *fault;
  gint64 start;

  /* An injected clock a thousand times faster: the 45 s wait takes 45 ms */
  _posture_http_set_time_scale (_posture_oauth_get_http (fx->oauth), 0.001);
  g_signal_connect (progress, "notify::throttled-seconds", G_CALLBACK (throttled_notify_cb),
                    &watch);
  fake_tenant_add_fault (fx->fake, "/listTenantSettings", 1, 429, "45", FALSE, FALSE);
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (fx, progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  /* Shown while waiting, gone once resumed */
  g_assert_cmpuint (watch.max_seconds, ==, 45);
  g_assert_cmpstr (watch.status, ==, "Throttled, resuming in 45 s");
  g_assert_cmpuint (posture_tenant_progress_get_throttled_seconds (progress), ==, 0);
  g_assert_null (posture_tenant_progress_get_status (progress));
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, >=, 45);
  g_clear_pointer (&watch.status, g_free);
  g_clear_pointer (&snapshot, json_node_unref);

  /* Past the bound (300 s): fail at once, with the service's words */
  fault = g_ptr_array_index (fx->fake->faults, 0);
  fault->remaining = 1;
  g_free (fault->retry_after);
  fault->retry_after = g_strdup ("400");
  fault->message = g_strdup ("Rate limit is exceeded. Try again in 400 seconds.");
  start = g_get_monotonic_time ();
  snapshot = read_snapshot (fx, progress, &error);
  g_assert_null (snapshot);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "Rate limit is exceeded. Try again in 400 seconds."));
  g_assert_nonnull (strstr (error->message, "400 seconds"));
  g_assert_nonnull (strstr (error->message, "300"));
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 2000);
  g_clear_error (&error);

  /* Within the bound but past the time limit: no point in waiting either */
  fault->remaining = 1;
  g_free (fault->retry_after);
  fault->retry_after = g_strdup ("120");
  _posture_http_set_time_scale (_posture_oauth_get_http (fx->oauth), 1.0);
  posture_oauth_set_timeout (fx->oauth, 60);
  snapshot = read_snapshot (fx, progress, &error);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "120 seconds"));
  g_assert_nonnull (strstr (error->message, "Rate limit is exceeded"));
}

/* What Microsoft's clients send */

static void
test_bodyless_post_content_type (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fx->fake->settings_content_type, ==, "application/json");
}

/* Retries: a write is sent once unless the service said it did not take it (DESIGN.md:
 * "Writes are retried only when they are idempotent … or after checking that the first
 * attempt did not land"); a read, a POST that reads included, is retried. */

#define SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"

/* One POST straight through the HTTP layer; the requests the server saw. */
static guint
http_post (Fixture              *fx,
           PostureHttpFlags      flags,
           PostureHttpResponse **out_response,
           GError              **error)
{
  g_autofree char *uri = g_strconcat (fx->fake->base, SETTINGS_PATH, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  PostureHttp *http = _posture_oauth_get_http (fx->oauth);
  guint before = fx->fake->api_requests;
  FakeWait wait = { 0 };

  posture_http_send_async (http, "POST", uri, NULL, body, NULL, flags, NULL, fake_wait_cb, &wait);
  fake_wait_for (&wait);
  *out_response = posture_http_send_finish (http, wait.result, error);
  fake_wait_clear (&wait);
  return fx->fake->api_requests - before;
}

/* The first attempt fails (a status, or the connection dropped after the request went
 * out, so that it may have landed): how many attempts reach the server. */
static void
test_http_post_retries (Fixture       *fx,
                        gconstpointer  data)
{
  static const struct
  {
    PostureHttpFlags flags;
    guint            status;   /* 0: dropped */
    const char      *retry_after;
    guint            sent;
  } cases[] = {
    /* a write: the answer, or the failure, is the caller's */
    { POSTURE_HTTP_NONE, 503, "1", 1 },
    { POSTURE_HTTP_NONE, 0, NULL, 1 },
    /* but for a 429: the service did not take it */
    { POSTURE_HTTP_NONE, 429, "0", 2 },
    /* a read, a POST that reads included */
    { POSTURE_HTTP_IDEMPOTENT, 503, "0", 2 },
    { POSTURE_HTTP_IDEMPOTENT, 0, NULL, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PostureHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      fake_tenant_add_fault (fx->fake, "/listTenantSettings", 1, cases[i].status,
                             cases[i].retry_after, cases[i].status == 0, FALSE);
      g_assert_cmpuint (http_post (fx, cases[i].flags, &response, &error), ==, cases[i].sent);

      if (cases[i].sent == 2)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (response->attempts, ==, 2);
          g_assert_cmpuint (response->status, !=, cases[i].status);
        }
      else if (cases[i].status == 0)
        {
          g_assert_null (response);
          g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK);
          g_assert_nonnull (strstr (error->message, "(1 attempts)"));
        }
      else
        {
          /* with what the service asked, for the caller to decide */
          g_assert_no_error (error);
          g_assert_cmpuint (response->status, ==, cases[i].status);
          g_assert_cmpuint (response->attempts, ==, 1);
          g_assert_cmpuint (response->retry_after_ms, ==, 1000);
        }
    }
}

/* The tenant client decides from the method and the caller's word: a POST is a write
 * unless flagged as a read; the snapshot read's listTenantSettings is one. Returns the
 * requests the server saw for one POST whose first attempt answers 503. */
static guint
client_post (Fixture              *fx,
             PostureRequestFlags   flags,
             GError              **error)
{
  g_autofree char *uri = g_strconcat (fx->fake->base, SETTINGS_PATH, NULL);
  guint before = fx->fake->api_requests;
  FakeWait wait = { 0 };

  fake_tenant_add_fault (fx->fake, "/listTenantSettings", 1, 503, NULL, FALSE, FALSE);
  _posture_tenant_client_request_async (fx->client, "POST", uri, NULL, flags, NULL,
                                        fake_wait_cb, &wait);
  fake_wait_for (&wait);
  _posture_tenant_client_request_finish (fx->client, wait.result, NULL, NULL, NULL, NULL, error);
  fake_wait_clear (&wait);
  return fx->fake->api_requests - before;
}

static void
test_client_post_retries (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;

  g_assert_cmpuint (client_post (fx, POSTURE_REQUEST_NONE, &error), ==, 1);
  g_assert_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_THROTTLED);
  g_assert_nonnull (strstr (error->message, "HTTP 503 after 1 attempts"));
  g_clear_error (&error);

  g_assert_cmpuint (client_post (fx, POSTURE_REQUEST_READ, &error), ==, 2);
  g_assert_no_error (error);

  /* The whole read rides out a dropped listTenantSettings */
  fake_tenant_add_fault (fx->fake, "/listTenantSettings", 1, 0, NULL, TRUE, FALSE);
  snapshot = read_snapshot (fx, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (posture_json_get_object (sources_of (snapshot), "tenant_settings"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/posture/tenant/hostile/drip/read-deadline", test_drip_read_deadline);
  ADD ("/posture/tenant/hostile/drip/sign-in", test_drip_sign_in);
  ADD ("/posture/tenant/hostile/size/endless", test_endless_body);
  ADD ("/posture/tenant/hostile/size/endless-outlives-fake", test_endless_outlives_fake);
  ADD ("/posture/tenant/hostile/size/gzip-bomb", test_gzip_bomb);
  ADD ("/posture/tenant/hostile/size/declared", test_declared_huge);
  ADD ("/posture/tenant/hostile/redirect/elsewhere", test_redirect_elsewhere);
  ADD ("/posture/tenant/hostile/redirect/followed", test_redirect_followed);
  ADD ("/posture/tenant/hostile/list/next-link-loop", test_next_link_loop);
  ADD ("/posture/tenant/hostile/list/bounds", test_list_bounds);
  ADD ("/posture/tenant/hostile/throttle/long-retry-after", test_long_retry_after);
  ADD ("/posture/tenant/hostile/request/bodyless-post", test_bodyless_post_content_type);
  ADD ("/posture/tenant/hostile/retry/http-post", test_http_post_retries);
  ADD ("/posture/tenant/hostile/retry/client-post", test_client_post_retries);
#undef ADD

  return g_test_run ();
}
