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
      g_autofree char *path =
          g_strdup_printf (ENVS_PATH "?api-version=2023-06-01&$skiptoken=%u", i * (n / 10));
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

      g_assert_true (
          g_hash_table_add (names, (gpointer) json_object_get_string_member (env, "name")));
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (props, "linkedEnvironmentMetadata")))
        no_dataverse++;
      if (g_strcmp0 (posture_json_get_path_string (props,
                                                   "governanceConfiguration.protectionLevel"),
                     "Standard") == 0)
        managed++;
      if (i % 997 == 0)
        assert_environment_shape (env, f->base);
    }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (all, 0)),
                                                  "name"),
                   ==, DEFAULT_ENV);
  /* Varied: some without Dataverse, some managed, most not. */
  g_assert_cmpuint (no_dataverse, >, n / 10);
  g_assert_cmpuint (no_dataverse, <, n / 2);
  g_assert_cmpuint (managed, >, n / 20);
  g_assert_cmpuint (managed, <, n / 2);
  /* "Fast": a 10,000-environment tenant reads in seconds even under sanitizers. */
  if (!sanitized)
    g_assert_cmpfloat (first_time, <, 60.0);

  dlp = request (f, "GET", "/providers/PowerPlatform.Governance/v2/policies", token, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (dlp), "value")), >=,
                    3);
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

      g_assert_cmpstr (json_object_get_string_member (ea, "name"), ==,
                       json_object_get_string_member (eb, "name"));
      g_assert_cmpstr (posture_json_get_path_string (ea, "properties.displayName"), ==,
                       posture_json_get_path_string (eb, "properties.displayName"));
      if (g_strcmp0 (json_object_get_string_member (ea, "name"),
                     json_object_get_string_member (ec, "name")) != 0)
        differs = TRUE;
    }
  g_assert_true (differs);

  g_clear_object (&fa.session);
  g_clear_object (&fb.session);
  g_clear_object (&fc.session);
}

/* ---- Version 2 data in generated tenants ----------------------------------------------- */

static void
test_generated_v2 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = bap_token (f);
  g_autofree char *dv = dv_token (f);
  g_autoptr(GPtrArray) all = NULL;
  guint with_dataverse = 0, older = 0, forbidden = 0, many_admins = 0, app_users = 0;
  guint modes[4] = { 0 }, restricted = 0, open_firewall = 0, audit_mode = 0, groups = 0;
  const char *select = "enableipbasedfirewallrule,enableipbasedfirewallruleinauditmode,"
                       "allowediprangeforfirewall,allowedlistofiprangesforfirewall,"
                       "restrictGuestUserAccess,applicationbasedaccesscontrolmode,"
                       "allowedapplicationsfordvaccess,blockedapplicationsfordvaccess";

  /* Lighter under AddressSanitizer, with the same variety. */
  const guint n = g_getenv ("ASAN_OPTIONS") != NULL ? 150 : 300;

  posture_demo_server_set_environments (f->server, n);
  posture_demo_server_set_page_size (f->server, 100);
  posture_demo_server_set_odata_page_size (f->server, 0);
  all = list_all_environments (f, token, NULL);
  g_assert_cmpuint (all->len, ==, n);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *env = json_node_get_object (g_ptr_array_index (all, i));
      const char *name = json_object_get_string_member (env, "name");
      g_autofree char *org_path = NULL;
      g_autofree char *roles_path = NULL;
      g_autoptr(Response) org = NULL;
      g_autoptr(Response) roles = NULL;
      JsonObject *props = json_object_get_object_member (env, "properties");

      if (posture_json_get_path_string (props, "parentEnvironmentGroup.id") != NULL)
        {
          groups++;
          g_assert_null (posture_json_get_path_object (props, "governanceConfiguration.settings"));
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (props, "linkedEnvironmentMetadata")))
        {
          /* Managed Environments need Dataverse. */
          g_assert_cmpstr (posture_json_get_path_string (props, "governanceConfiguration."
                                                                "protectionLevel"), ==, "Basic");
          continue;
        }
      with_dataverse++;

      org_path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/organizations?$select=%s", name,
                                  select);
      org = request (f, "GET", org_path, dv, NULL);
      if (org->status == 403)
        {
          /* Not a member there; a generated firewall never locks the caller out. */
          assert_bap_error (org, 403, "0x80072560");
          forbidden++;
          continue;
        }
      if (org->status == 400)
        {
          assert_bap_error (org, 400, "0x80060888");
          older++;
        }
      else
        {
          JsonObject *row =
              json_array_get_object_element (json_object_get_array_member (obj (org), "value"), 0);
          gint64 mode = json_object_get_int_member (row, "applicationbasedaccesscontrolmode");

          g_assert_cmpuint (org->status, ==, 200);
          g_assert_true (mode >= 0 && mode <= 3);
          modes[mode]++;
          restricted += json_object_get_boolean_member (row, "restrictGuestUserAccess");
          audit_mode +=
              json_object_get_boolean_member (row, "enableipbasedfirewallrule") &&
              json_object_get_boolean_member (row, "enableipbasedfirewallruleinauditmode");
          if (g_strcmp0 (posture_json_get_string (row, "allowediprangeforfirewall"), "0.0.0.0/0") ==
              0)
            open_firewall++;
        }

      roles_path = g_strdup_printf ("/dataverse/%s/api/data/v9.2/roles?$select=roleid&"
                                    "$filter=_roletemplateid_value%%20eq%%20" SYSADMIN_TEMPLATE
                                    "&$expand=systemuserroles_association($select=systemuserid,"
                                    "applicationid)", name);
      roles = request (f, "GET", roles_path, dv, NULL);
      g_assert_cmpuint (roles->status, ==, 200);
      {
        JsonArray *copies = json_object_get_array_member (obj (roles), "value");
        g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

        g_assert_cmpuint (json_array_get_length (copies), >=, 1);
        for (guint c = 0; c < json_array_get_length (copies); c++)
          {
            JsonArray *users =
                json_object_get_array_member (json_array_get_object_element (copies, c),
                                              "systemuserroles_association");

            for (guint u = 0; u < json_array_get_length (users); u++)
              {
                JsonObject *user = json_array_get_object_element (users, u);
                const char *app = posture_json_get_string (user, "applicationid");

                g_hash_table_add (ids, (gpointer) json_object_get_string_member (user,
                                                                                "systemuserid"));
                if (app != NULL && !g_str_equal (app, "00000000-0000-0000-0000-000000000000"))
                  app_users++;
              }
          }
        if (g_hash_table_size (ids) > 10)
          many_admins++;
      }
    }

  g_test_message ("%u environments: %u with Dataverse, %u forbidden, %u older, %u with more "
                  "than 10 admins, app access modes %u/%u/%u/%u, %u restricting guests, %u "
                  "firewalls in audit mode, %u open to 0.0.0.0/0, %u in environment groups",
                  n, with_dataverse, forbidden, older, many_admins, modes[0], modes[1], modes[2],
                  modes[3], restricted, audit_mode, open_firewall, groups);
  g_assert_cmpuint (forbidden, >=, 1);
  g_assert_cmpuint (older, >=, 1);
  g_assert_cmpuint (many_admins, >=, 1);
  g_assert_cmpuint (app_users, >=, 1);
  for (guint m = 0; m < 4; m++)
    g_assert_cmpuint (modes[m], >=, 1);
  g_assert_cmpuint (restricted, >=, 1);
  g_assert_cmpuint (audit_mode, >=, 1);
  g_assert_cmpuint (open_firewall, >=, 1);
  g_assert_cmpuint (groups, >=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/posture/demo/scale/large-tenant", Fixture, NULL, fixture_setup, test_scale,
              fixture_teardown);
  g_test_add ("/posture/demo/scale/generated-v2", Fixture, NULL, fixture_setup, test_generated_v2,
              fixture_teardown);
  g_test_add_func ("/posture/demo/scale/deterministic", test_generator_deterministic);

  return g_test_run ();
}
