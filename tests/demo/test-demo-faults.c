/* test-demo-faults.c: the demo tenant's faults: rates with a fixed seed, latency, bad specs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "demo-test-util.h"
#include "posture-demo-server.h"
#include "posture-json.h"

/* ---- Faults ------------------------------------------------------------------------------- */

static void
test_faults_spec (void)
{
  struct { const char *spec; const char *mention; } bad[] = {
    { "429=2", "429=2" },
    { "429=-0.1", "429=-0.1" },
    { "foo=0.1", "foo" },
    { "latency=abc", "latency=abc" },
    { "latency=10min", "latency=10min" },
    { "429", "429" },
    { "200=0.1", "200" },
    { "429=0.6,500=0.6", "more than 1" },
    { "429=0.1,429=0.2", "twice" },
    { "retry-after=x", "retry-after=x" },
  };
  const char *good [] = { NULL,
                          "",
                          "none",
                          "429=0.1,500=0.05,latency=200ms,reset=0.01,truncate=0.01",
                          "503=1",
                          "latency=1s",
                          "retry-after=0,429=0.5" };
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (posture_demo_server_set_faults (server, bad[i].spec, &error));
      g_assert_error (error, POSTURE_DEMO_ERROR, POSTURE_DEMO_ERROR_INVALID_FAULTS);
      g_assert_nonnull (strstr (error->message, bad[i].mention));
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (posture_demo_server_set_faults (server, good[i], &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  guint ok;
  guint s429;
  guint s500;
  guint reset;
  guint truncated;
  guint retry_after_missing;
  GString *trace;
} FaultCounts;

static void
count_faults (Fixture     *f,
              const char  *token,
              guint        n,
              FaultCounts *c)
{
  c->trace = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);
      char k;

      if (r->error != NULL)
        {
          c->reset++;
          k = 'x';
        }
      else if (r->status == 429)
        {
          c->s429++;
          k = 't';
          if (soup_message_headers_get_one (r->headers, "Retry-After") == NULL)
            c->retry_after_missing++;
        }
      else if (r->status == 500)
        {
          c->s500++;
          k = 'e';
        }
      else if (r->status == 200 && r->json == NULL)
        {
          c->truncated++;
          k = 'h';
        }
      else
        {
          g_assert_cmpuint (r->status, ==, 200);
          c->ok++;
          k = '.';
        }
      g_string_append_c (c->trace, k);
    }
}

static void
assert_rate (guint  count,
             guint  n,
             double p)
{
  double expected = n * p;
  double sd = sqrt (n * p * (1 - p));

  g_test_message ("observed %u, expected %.1f ± %.1f", count, expected, 4 * sd);
  g_assert_cmpfloat (fabs (count - expected), <=, 4 * sd + 1);
}

static void
test_faults_rates (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = get_token (f, GRAPH "/.default");
  g_autoptr(GError) error = NULL;
  FaultCounts first = { 0 };
  FaultCounts second = { 0 };
  /* 2,000 requests, each on a fresh connection; 300 under AddressSanitizer, where
   * each one costs a hundred times more (the tolerance follows the count). */
  const guint n = g_getenv ("ASAN_OPTIONS") != NULL ? 300 : 2000;

  f->close_connections = TRUE;
  posture_demo_server_set_seed (f->server, 42);
  g_assert_true (
      posture_demo_server_set_faults (f->server,
                                      "429=0.1,500=0.05,reset=0.01,truncate=0.01,retry-after=0",
                                      &error));
  g_assert_no_error (error);

  count_faults (f, token, n, &first);
  assert_rate (first.s429, n, 0.10);
  assert_rate (first.s500, n, 0.05);
  assert_rate (first.reset, n, 0.01);
  assert_rate (first.truncated, n, 0.01);
  g_assert_cmpuint (first.retry_after_missing, ==, 0);
  g_assert_cmpuint (first.ok + first.s429 + first.s500 + first.reset + first.truncated, ==, n);

  /* Same seed, same run. */
  posture_demo_server_reset (f->server);
  count_faults (f, token, 100, &second);
  g_assert_cmpuint (second.trace->len, ==, 100);
  g_assert_true (strncmp (second.trace->str, first.trace->str, 100) == 0);

  g_string_free (first.trace, TRUE);
  g_string_free (second.trace, TRUE);
}

static void
test_faults_default_and_latency (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *token = get_token (f, GRAPH "/.default");
  g_autofree char *bap = bap_token (f);
  g_autoptr(GError) error = NULL;
  FaultCounts c = { 0 };
  gint64 start;
  gint64 elapsed;

  /* The fault-free default is never faulted. */
  count_faults (f, token, 100, &c);
  g_assert_cmpuint (c.ok, ==, 100);
  g_string_free (c.trace, TRUE);

  g_assert_true (posture_demo_server_set_faults (f->server, "latency=150ms", &error));
  start = g_get_monotonic_time ();
  {
    g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 150 * 1000);

  /* BAP's 409 comes with an empty body. */
  g_assert_true (posture_demo_server_set_faults (f->server, "409=1", &error));
  {
    g_autoptr (Response) r =
        request (f, "GET", "/providers/PowerPlatform.Governance/v2/policies", bap, NULL);

    g_assert_cmpuint (r->status, ==, 409);
    g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
  }

  /* A 429 carries Retry-After in seconds, with the service's error body. */
  g_assert_true (posture_demo_server_set_faults (f->server, "429=1,retry-after=7", &error));
  {
    g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);

    assert_bap_error (r, 429, "TooManyRequests");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "7");
  }
}

/* ---- A DLP create that lands but never answers ------------------------------------------ */

static guint
count_policies (Fixture    *f,
                const char *token,
                const char *display_name)
{
  g_autoptr(Response) r = request (f, "GET", "/providers/PowerPlatform.Governance/v2/policies",
                                   token, NULL);
  JsonArray *value = json_object_get_array_member (obj (r), "value");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (value); i++)
    if (g_strcmp0 (posture_json_get_path_string (json_array_get_object_element (value, i),
                                                 "policyDefinition.displayName"),
                   display_name) == 0)
      n++;
  return n;
}

static void
test_dlp_create_lost (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  const char *body = "{\"policyDefinition\":{\"displayName\":\"Posture baseline\","
                     "\"environmentType\":\"AllEnvironments\","
                     "\"defaultConnectorsClassification\":\"Blocked\"}}";
  g_autoptr(Response) lost = NULL;
  g_autoptr(Response) held = NULL;
  g_autoptr(Response) answered = NULL;
  gint64 started;

  /* A fresh connection per request: libsoup would otherwise resend the POST on a new
   * connection by itself when a reused one closes, which hides what happened. */
  f->close_connections = TRUE;
  posture_demo_server_set_dlp_create_timeouts (f->server, 1, 0);
  lost = request (f, "POST", "/providers/PowerPlatform.Governance/v2/policies", token, body);
  g_assert_nonnull (lost->error);
  g_assert_null (lost->json);
  g_test_message ("the client saw: %s", lost->error->message);

  /* It landed: the client must look before it retries. */
  g_assert_cmpuint (count_policies (f, token, "Posture baseline"), ==, 1);

  /* Held for a while, then dropped, as a gateway timeout looks to a client. */
  posture_demo_server_set_dlp_create_timeouts (f->server, 1, 300);
  started = g_get_monotonic_time ();
  held = request (f, "POST", "/providers/PowerPlatform.Governance/v2/policies", token, body);
  g_assert_nonnull (held->error);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 250 * 1000);
  g_assert_cmpuint (count_policies (f, token, "Posture baseline"), ==, 2);

  /* The knob counts down: the next create answers. */
  answered = request (f, "POST", "/providers/PowerPlatform.Governance/v2/policies", token, body);
  g_assert_cmpuint (answered->status, ==, 201);
  g_assert_cmpuint (count_policies (f, token, "Posture baseline"), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/posture/demo/faults/rates", Fixture, NULL, fixture_setup, test_faults_rates,
              fixture_teardown);
  g_test_add ("/posture/demo/faults/dlp-create-lost", Fixture, NULL, fixture_setup,
              test_dlp_create_lost, fixture_teardown);
  g_test_add ("/posture/demo/faults/default-and-latency", Fixture, NULL, fixture_setup,
              test_faults_default_and_latency, fixture_teardown);
  g_test_add_func ("/posture/demo/faults/spec", test_faults_spec);

  return g_test_run ();
}
