/* test-payload-parse.c: the quick parse of answers builds what json-glib builds, or
 * declines; over hand-made cases, the hostile corpus and a whole read of the demo tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-demo-server.h"
#include "posture-json.h"
#include "posture-json-writer.h"
#include "posture-payload-private.h"
#include "posture-snapshot.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant.h"

#define MAX_DEPTH POSTURE_JSON_DEFAULT_MAX_DEPTH

/* The tree as text, member order and number types included. */
static char *
text_of (JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (text, FALSE);

  posture_json_writer_node (writer, node);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Either declined, or the very tree json-glib builds. Returns whether it was taken. */
static gboolean
check_same (const char *data,
            gsize       length)
{
  g_autoptr(JsonNode) quick = _posture_payload_parse_quick (data, length, MAX_DEPTH);
  g_autoptr(JsonNode) glib = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quick_text = NULL;
  g_autofree char *glib_text = NULL;

  if (quick == NULL)
    return FALSE;

  glib = posture_json_parse (data, length, MAX_DEPTH, &error);
  if (glib == NULL)
    g_error ("The quick parse took what json-glib refuses (%s): %.*s", error->message,
             (int) MIN (length, 200), data);
  g_assert_true (json_node_equal (quick, glib));
  quick_text = text_of (quick);
  glib_text = text_of (glib);
  g_assert_cmpstr (quick_text, ==, glib_text);
  return TRUE;
}

static void
test_cases (void)
{
  /* Taken: plain JSON */
  static const char *const taken[] = {
    "{}", "[]", " \t\r\n{ } ", "0", "-0", "-12", "123456789012345678", "-123456789012345678",
    "true", "false", "null", "\"\"", "\"a\"",
    "{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{\"d\":{}}}",
    "{\"z\":1,\"a\":2,\"m\":3}",
    "[1 , 2\n,\t3 ]",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\u0041\\u00e9\\u20ac\\uFFFD\"",
    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
    "{\"caf\xc3\xa9\":\"\\u00e9\"}",
    "{\"\":\"empty name\"}",
    "{\"value\":[{\"name\":\"env-1\",\"properties\":{\"isDefault\":true}}],"
      "\"nextLink\":\"https://a/b?x=1\\u0026y=2\"}",
  };
  /* Declined: json-glib's to read (or refuse) */
  static const char *const declined[] = {
    "", " ", "1.5", "1e3", "1E3", "-1.0e-2", "1234567890123456789", "01", "-01", "-", "+1",
    "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\u0000\"", "\"\\u00zz\"", "\"\\q\"",
    "\"a\x01\"", "\"tab\there\"", "\"\xc3\"", "\"\xff\"", "\xef\xbb\xbf{}", "{\"a\":1,\"a\":2}",
    "{\"a\":1}x", "{\"a\":1} {}", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}",
    "[1 2]", "tru", "truex", "nul", "[true1]", "\"unterminated", "[", "{", "]", "}",
    "// c\n1", "NaN", "Infinity", "\v1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    if (!check_same (taken[i], strlen (taken[i])))
      g_error ("The quick parse declined plain JSON: %s", taken[i]);

  for (guint i = 0; i < G_N_ELEMENTS (declined); i++)
    {
      g_autoptr(JsonNode) quick = _posture_payload_parse_quick (declined[i],
                                                                strlen (declined[i]), MAX_DEPTH);

      if (quick != NULL)
        g_error ("The quick parse took what it should leave to json-glib: %s", declined[i]);
    }
  /* A NUL byte inside the text */
  g_assert_null (_posture_payload_parse_quick ("[1]\0", 4, MAX_DEPTH));
  g_assert_null (_posture_payload_parse_quick ("\"a\0b\"", 5, MAX_DEPTH));
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  /* As deep as the bound: taken; one deeper: declined (json-glib's error then). */
  for (guint i = 0; i < MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_assert_true (check_same (deep->str, deep->len));

  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  node = _posture_payload_parse_quick (deep->str, deep->len, MAX_DEPTH);
  g_assert_null (node);
}

/* Every file of the hostile corpus, whole and without its first byte (the payload
 * target's selector). */
static void
test_corpus (void)
{
  static const char *const dirs[] = { "payloads", "snapshot" };
  guint files = 0;
  guint taken = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *data = NULL;
          g_autoptr(GError) error = NULL;
          gsize length;

          g_file_get_contents (file, &data, &length, &error);
          g_assert_no_error (error);
          files++;
          taken += check_same (data, length);
          if (length > 0)
            taken += check_same (data + 1, length - 1);
        }
    }
  g_test_message ("%u corpus files, %u parses taken the quick way", files, taken);
  g_assert_cmpuint (files, >, 0);
  g_assert_cmpuint (taken, >, 0);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The demo tenant's snapshot as text, but its capture time. */
static char *
read_demo (PostureDemoServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) copy = NULL;
  GAsyncResult *result = NULL;

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (server), &error);
  g_assert_no_error (error);
  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_DOMAIN, POSTURE_DEMO_CLIENT_ID, NULL,
                             NULL);
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);
  client = posture_tenant_client_new (oauth);

  posture_tenant_client_read_snapshot_async (client, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  snapshot = posture_tenant_client_read_snapshot_finish (client, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);

  copy = json_node_copy (posture_snapshot_get_json (snapshot));
  json_object_set_string_member (json_node_get_object (copy), "captured_at", "x");
  return text_of (copy);
}

/* A whole read of the demo tenant (several pages of environments, their Dataverse rows,
 * roles and users, DLP policies, Graph), every answer parsed the quick way, then every
 * answer by json-glib: the same snapshot, to the byte. */
static void
test_demo_read (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *quick = NULL;
  g_autofree char *glib = NULL;

  posture_demo_server_set_environments (server, 60);
  posture_demo_server_start (server, 0, &error);
  g_assert_no_error (error);

  _posture_tenant_client_set_parse_quick (TRUE);
  quick = read_demo (server);
  _posture_tenant_client_set_parse_quick (FALSE);
  glib = read_demo (server);
  _posture_tenant_client_set_parse_quick (TRUE);

  g_assert_cmpuint (strlen (quick), >, 10000);
  g_assert_cmpstr (quick, ==, glib);
  posture_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/posture/tenant/payload-parse/cases", test_cases);
  g_test_add_func ("/posture/tenant/payload-parse/depth", test_depth);
  g_test_add_func ("/posture/tenant/payload-parse/corpus", test_corpus);
  g_test_add_func ("/posture/tenant/payload-parse/demo-read", test_demo_read);

  return g_test_run ();
}
