/* test-demo-load.c: the demo tenant's faults (rates with a fixed seed) and scale
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
  const char *good[] = { NULL, "", "none", "429=0.1,500=0.05,latency=200ms,reset=0.01,truncate=0.01",
                         "503=1", "latency=1s", "retry-after=0,429=0.5" };
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
  const guint n = 2000;

  f->close_connections = TRUE;
  posture_demo_server_set_seed (f->server, 42);
  g_assert_true (posture_demo_server_set_faults (f->server, "429=0.1,500=0.05,reset=0.01,truncate=0.01,retry-after=0", &error));
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
  count_faults (f, token, 300, &second);
  g_assert_cmpuint (second.trace->len, ==, 300);
  g_assert_true (strncmp (second.trace->str, first.trace->str, 300) == 0);

  g_string_free (first.trace, TRUE);
  g_string_free (second.trace, TRUE);
}

static void
test_faults_default_and_latency (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *token = get_token (f, GRAPH "/.default");
  g_autoptr(GError) error = NULL;
  FaultCounts c = { 0 };
  gint64 start;
  gint64 elapsed;

  /* The fault-free default is never faulted. */
  count_faults (f, token, 300, &c);
  g_assert_cmpuint (c.ok, ==, 300);
  g_string_free (c.trace, TRUE);

  g_assert_true (posture_demo_server_set_faults (f->server, "latency=150ms", &error));
  start = g_get_monotonic_time ();
  {
    g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 150 * 1000);

  /* A 429 carries Retry-After in seconds, with the service's error body. */
  g_assert_true (posture_demo_server_set_faults (f->server, "429=1,retry-after=7", &error));
  {
    g_autoptr(Response) r = request (f, "GET", "/v1.0/organization", token, NULL);

    assert_bap_error (r, 429, "TooManyRequests");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "7");
  }
}

/* ---- Scale -------------------------------------------------------------------------------- */

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(Response) dlp = NULL;
  guint pages = 0;
  guint no_dataverse = 0;
  guint managed = 0;
  double first_time;
  double second_time;
  const guint n = 10000;

  g_test_timer_start ();
  posture_demo_server_set_environments (f->server, n);
  g_test_message ("generated %u environments in %.3f s", n, g_test_timer_elapsed ());
  posture_demo_server_set_page_size (f->server, 1000);
  g_assert_cmpuint (posture_demo_server_get_n_environments (f->server), ==, n);

  g_test_timer_start ();
  all = list_all_environments (f, token, &pages);
  first_time = g_test_timer_elapsed ();
  g_test_timer_start ();
  again = list_all_environments (f, token, NULL);
  second_time = g_test_timer_elapsed ();
  g_test_message ("listed %u environments in %u pages: first read %.3f s, cached read %.3f s",
                  all->len, pages, first_time, second_time);

  g_assert_cmpuint (all->len, ==, n);
  g_assert_cmpuint (pages, ==, 10);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *env = json_node_get_object (g_ptr_array_index (all, i));
      JsonObject *props = json_object_get_object_member (env, "properties");

      g_assert_true (g_hash_table_add (names, (gpointer) json_object_get_string_member (env, "name")));
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (props, "linkedEnvironmentMetadata")))
        no_dataverse++;
      if (g_strcmp0 (posture_json_get_path_string (props, "governanceConfiguration.protectionLevel"), "Standard") == 0)
        managed++;
      if (i % 997 == 0)
        assert_environment_shape (env, f->base);
    }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (all, 0)), "name"), ==, DEFAULT_ENV);
  /* Varied: some without Dataverse, some managed, most not. */
  g_assert_cmpuint (no_dataverse, >, n / 10);
  g_assert_cmpuint (no_dataverse, <, n / 2);
  g_assert_cmpuint (managed, >, n / 20);
  g_assert_cmpuint (managed, <, n / 2);
  /* "Fast": a 10,000-environment tenant reads in seconds even under sanitizers. */
  g_assert_cmpfloat (first_time, <, 60.0);

  dlp = request (f, "GET", "/providers/PowerPlatform.Governance/v2/policies", token, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (dlp), "value")), >=, 3);
}

static void
test_generator_deterministic (void)
{
  g_autoptr(PostureDemoServer) a = posture_demo_server_new ();
  g_autoptr(PostureDemoServer) b = posture_demo_server_new ();
  g_autoptr(PostureDemoServer) c = posture_demo_server_new ();
  Fixture fa = { 0 }, fb = { 0 }, fc = { 0 };
  g_autoptr(GPtrArray) la = NULL;
  g_autoptr(GPtrArray) lb = NULL;
  g_autoptr(GPtrArray) lc = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  g_autofree char *tc = NULL;
  gboolean differs = FALSE;

  posture_demo_server_set_seed (a, 7);
  posture_demo_server_set_seed (b, 7);
  posture_demo_server_set_seed (c, 8);
  posture_demo_server_set_environments (a, 50);
  posture_demo_server_set_environments (b, 50);
  posture_demo_server_set_environments (c, 50);
  g_assert_true (posture_demo_server_start (a, 0, NULL));
  g_assert_true (posture_demo_server_start (b, 0, NULL));
  g_assert_true (posture_demo_server_start (c, 0, NULL));
  fa.server = a; fa.base = posture_demo_server_get_base_uri (a); fa.session = soup_session_new ();
  fb.server = b; fb.base = posture_demo_server_get_base_uri (b); fb.session = soup_session_new ();
  fc.server = c; fc.base = posture_demo_server_get_base_uri (c); fc.session = soup_session_new ();
  ta = bap_token (&fa);
  tb = bap_token (&fb);
  tc = bap_token (&fc);
  la = list_all_environments (&fa, ta, NULL);
  lb = list_all_environments (&fb, tb, NULL);
  lc = list_all_environments (&fc, tc, NULL);
  g_assert_cmpuint (la->len, ==, 50);
  g_assert_cmpuint (lb->len, ==, 50);

  for (guint i = 0; i < la->len; i++)
    {
      JsonObject *ea = json_node_get_object (g_ptr_array_index (la, i));
      JsonObject *eb = json_node_get_object (g_ptr_array_index (lb, i));
      JsonObject *ec = json_node_get_object (g_ptr_array_index (lc, i));

      g_assert_cmpstr (json_object_get_string_member (ea, "name"), ==, json_object_get_string_member (eb, "name"));
      g_assert_cmpstr (posture_json_get_path_string (ea, "properties.displayName"), ==,
                       posture_json_get_path_string (eb, "properties.displayName"));
      if (g_strcmp0 (json_object_get_string_member (ea, "name"), json_object_get_string_member (ec, "name")) != 0)
        differs = TRUE;
    }
  g_assert_true (differs);

  g_clear_object (&fa.session);
  g_clear_object (&fb.session);
  g_clear_object (&fc.session);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/posture/demo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("faults/rates", test_faults_rates);
  ADD ("faults/default-and-latency", test_faults_default_and_latency);
  ADD ("scale/10000", test_scale);
#undef ADD
  g_test_add_func ("/posture/demo/faults/spec", test_faults_spec);
  g_test_add_func ("/posture/demo/scale/deterministic", test_generator_deterministic);

  return g_test_run ();
}
