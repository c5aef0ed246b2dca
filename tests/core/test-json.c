/* test-json.c: the bounded parser and the tolerant accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"

static void
test_json_parse_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *doc = "{\"a\":{\"b\":[1,2,{\"c\":\"[[[{{{\"}]}}";
  JsonObject *root;

  node = posture_json_parse (doc, strlen (doc), 4, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  root = json_node_get_object (node);
  g_assert_nonnull (posture_json_get_object (root, "a"));
  g_assert_null (posture_json_get_array (root, "a"));
  g_assert_null (posture_json_get_string (root, "a"));
  g_assert_nonnull (posture_json_get_path (root, "a.b"));
  g_assert_null (posture_json_get_path (root, "a.b.c"));
}

static void
test_json_parse_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *doc = g_string_new (NULL);

  /* 10,000 levels would overflow json-glib's recursion; the pre-scan refuses it. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (doc, ']');

  node = posture_json_parse (doc->str, doc->len, POSTURE_JSON_DEFAULT_MAX_DEPTH, &error);
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP);
  g_assert_null (node);
  g_assert_nonnull (strstr (error->message, "256"));
  g_string_free (doc, TRUE);
}

static void
test_json_parse_bad (void)
{
  static const char *docs[] = { "", "{", "{\"a\":", "nul", "{\"a\" 1}", "\xff\xfe{}" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      node = posture_json_parse (docs[i], strlen (docs[i]), 16, &error);
      g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE);
      g_assert_null (node);
    }
}

static void
test_json_tolerant (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *doc =
    "{\"t\":true,\"ts\":\"True\",\"f\":\"false\",\"n\":null,\"i\":\"-1\",\"d\":3.0,"
    "\"bad\":\"maybe\",\"s\":5,\"@odata.nextlink\":\"x\",\"o\":{\"p\":{\"q\":\"deep\"}}}";
  JsonObject *root;
  gboolean b = FALSE;
  gint64 v = 0;
  JsonNode *member = NULL;

  node = posture_json_parse (doc, strlen (doc), 8, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);

  g_assert_true (posture_json_get_boolean (root, "t", &b) && b);
  g_assert_true (posture_json_get_boolean (root, "ts", &b) && b);
  g_assert_true (posture_json_get_boolean (root, "f", &b) && !b);
  g_assert_false (posture_json_get_boolean (root, "n", &b));
  g_assert_false (posture_json_get_boolean (root, "bad", &b));
  g_assert_false (posture_json_get_boolean (root, "missing", &b));
  g_assert_true (posture_json_get_int (root, "i", &v) && v == -1);
  g_assert_true (posture_json_get_int (root, "d", &v) && v == 3);
  g_assert_false (posture_json_get_int (root, "t", &v));
  g_assert_null (posture_json_get_string (root, "s"));
  g_assert_cmpstr (posture_json_get_path_string (root, "o.p.q"), ==, "deep");
  g_assert_null (posture_json_get_path_string (root, "o.p"));
  g_assert_null (posture_json_get_path_string (NULL, "o"));

  posture_json_get_member_ci (root, "@odata.nextLink", &member);
  g_assert_nonnull (member);
  g_assert_cmpstr (json_node_get_string (member), ==, "x");
}

static void
test_json_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "posture-test-json.json", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "{\"big\":\"0123456789\"}", -1, &error));
  g_assert_no_error (error);

  node = posture_json_parse_file (path, 8, 16, &error);
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
  g_assert_null (node);
  g_clear_error (&error);

  node = posture_json_parse_file (path, 0, 16, &error);
  g_assert_no_error (error);
  text = posture_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"big\":\"0123456789\"}");
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/json/parse-ok", test_json_parse_ok);
  g_test_add_func ("/posture/core/json/parse-deep", test_json_parse_deep);
  g_test_add_func ("/posture/core/json/parse-bad", test_json_parse_bad);
  g_test_add_func ("/posture/core/json/tolerant", test_json_tolerant);
  g_test_add_func ("/posture/core/json/file", test_json_file);

  return g_test_run ();
}
