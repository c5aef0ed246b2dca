/* test-demo-scale.c: the demo tenant's generated large tenants: speed, variety, determinism
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "demo-test-util.h"
#include "posture-demo-server.h"
#include "posture-json.h"

/* ---- Scale -------------------------------------------------------------------------------- */

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autoptr(GPtrArray) all = NULL;
  gsize bytes = 0;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(Response) dlp = NULL;
  guint pages = 0;
  guint no_dataverse = 0;
  guint managed = 0;
  double first_time;
  double second_time;
  /* Under AddressSanitizer (every allocation unwinds its stack) a tenant of
   * 200 runs the same code within the test timeout; 10,000 otherwise. */
  gboolean sanitized = g_getenv ("ASAN_OPTIONS") != NULL;
  const guint n = sanitized ? 200 : 10000;

  g_test_timer_start ();
  posture_demo_server_set_environments (f->server, n);
  g_test_message ("generated %u environments in %.3f s", n, g_test_timer_elapsed ());
  posture_demo_server_set_page_size (f->server, n / 10);
  g_assert_cmpuint (posture_demo_server_get_n_environments (f->server), ==, n);

  g_test_timer_start ();
  all = list_all_environments (f, token, &pages);
  first_time = g_test_timer_elapsed ();
  /* Again, as bytes only: what the server costs once its pages are rendered. */
  f->raw = TRUE;
  g_test_timer_start ();
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf (ENVS_PATH "?api-version=2023-06-01&$skiptoken=%u", i * (n / 10));
      g_autoptr(Response) r = request (f, "GET", path, token, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      bytes += g_bytes_get_size (r->body);
    }
  second_time = g_test_timer_elapsed ();
  f->raw = FALSE;
  g_test_message ("listed %u environments in %u pages: first read (parsed) %.3f s, cached read "
                  "(%" G_GSIZE_FORMAT " bytes, not parsed) %.3f s",
                  all->len, pages, first_time, bytes, second_time);

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
  if (!sanitized)
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

  g_test_add ("/posture/demo/scale/large-tenant", Fixture, NULL, fixture_setup, test_scale, fixture_teardown);
  g_test_add_func ("/posture/demo/scale/deterministic", test_generator_deterministic);

  return g_test_run ();
}
