/* test-json.c: the bounded parser and the tolerant accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posture-error.h"
#include "posture-input.h"
#include "posture-json.h"
#include "posture-text.h"

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
  /* The second half: a second value after the first, which json-glib 1.6 takes (and
   * leaks) unless the parse refuses it first. */
  static const char *docs[] = { "", "{", "{\"a\":", "nul", "{\"a\" 1}", "\xff\xfe{}",
                                "5[]", "{}[]", "[]{}", "\"a\"[]", "true[1]", "null{}",
                                "{} {}", "[]5", "{},", "5 \"b\"" };

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

/* One string-to-boolean rule and one integer rule, for nodes and for strings. */
static void
test_json_one_rule (void)
{
  static const struct { const char *json; gboolean is_boolean; gboolean value; } booleans[] = {
    { "true", TRUE, TRUE }, { "false", TRUE, FALSE }, { "\"TRUE\"", TRUE, TRUE },
    { "\"False\"", TRUE, FALSE }, { "\"\"", FALSE, FALSE }, { "\"yes\"", FALSE, FALSE },
    { "1", FALSE, FALSE }, { "null", FALSE, FALSE }, { "[]", FALSE, FALSE },
    { "\" true\"", FALSE, FALSE },
  };
  static const struct { const char *json; gboolean is_int; gint64 value; } ints[] = {
    { "7", TRUE, 7 }, { "-1", TRUE, -1 }, { "3.0", TRUE, 3 }, { "3.5", FALSE, 0 },
    { "\"-1\"", TRUE, -1 }, { "\"+25\"", TRUE, 25 }, { "\"10 \"", FALSE, 0 },
    { "\" 10\"", FALSE, 0 }, { "\"\"", FALSE, 0 }, { "\"0x10\"", FALSE, 0 },
    { "\"99999999999999999999\"", FALSE, 0 }, { "true", FALSE, 0 }, { "null", FALSE, 0 },
  };

  g_assert_false (posture_json_node_get_boolean (NULL, NULL));
  g_assert_false (posture_json_string_to_boolean (NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (booleans); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (booleans[i].json, NULL);
      gboolean value = !booleans[i].value;

      g_assert_cmpint (posture_json_node_get_boolean (node, &value), ==, booleans[i].is_boolean);
      if (booleans[i].is_boolean)
        g_assert_cmpint (value, ==, booleans[i].value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (ints[i].json, NULL);
      gint64 value = 42;

      g_test_message ("%s", ints[i].json);
      g_assert_cmpint (posture_json_node_get_int (node, &value), ==, ints[i].is_int);
      if (ints[i].is_int)
        g_assert_cmpint (value, ==, ints[i].value);
    }
}

/* The checked readers: absent (missing or null), of the type, or wrong. */
static void
test_json_members (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"o\":{},\"A\":[1],\"s\":\"x\",\"b\":\"TRUE\","
                                               "\"n\":null,\"w\":7}", NULL);
  JsonObject *root = json_node_get_object (node);
  JsonObject *object = NULL;
  JsonArray *array = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;
  gboolean flag = FALSE;

  g_assert_cmpint (posture_json_member_object (root, "o", &object, &found), ==,
                   POSTURE_JSON_MEMBER_OK);
  g_assert_nonnull (object);
  g_assert_cmpint (posture_json_member_array (root, "a", &array, &found), ==,
                   POSTURE_JSON_MEMBER_OK);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (posture_json_member_string (root, "s", &text, &found), ==,
                   POSTURE_JSON_MEMBER_OK);
  g_assert_cmpstr (text, ==, "x");
  g_assert_cmpint (posture_json_member_boolean (root, "b", &flag, &found), ==,
                   POSTURE_JSON_MEMBER_OK);
  g_assert_true (flag);
  g_assert_cmpint (posture_json_member_string (root, "n", &text, &found), ==,
                   POSTURE_JSON_MEMBER_ABSENT);
  g_assert_nonnull (found);
  g_assert_null (text);
  g_assert_cmpint (posture_json_member_object (root, "missing", &object, &found), ==,
                   POSTURE_JSON_MEMBER_ABSENT);
  g_assert_null (found);
  g_assert_cmpint (posture_json_member_string (root, "w", &text, &found), ==,
                   POSTURE_JSON_MEMBER_WRONG);
  g_assert_cmpstr (posture_json_node_type_name (found), ==, "a number");
  g_assert_cmpint (posture_json_member_boolean (root, "s", &flag, &found), ==,
                   POSTURE_JSON_MEMBER_WRONG);
}

static void
test_json_builder (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  posture_json_builder_add_string_or_null (builder, "a", "x");
  posture_json_builder_add_string_or_null (builder, "b", NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = posture_json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==, "{\"a\":\"x\",\"b\":null}");
}

/* The string bound is on decoded strings, on text and on trees alike. */
static void
test_json_bounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text = "{\"abc\":\"\\u00e9\\u00e9\\\"\\n\",\"k\":[\"\\ud83d\\ude00\"]}";

  /* é é " newline: 6 bytes decoded; 😀 4 bytes; the name "abc" 3. */
  g_assert_true (posture_json_check_strings (text, strlen (text), 6, &error));
  g_assert_no_error (error);
  g_assert_false (posture_json_check_strings (text, strlen (text), 5, &error));
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
  g_clear_error (&error);

  node = posture_json_parse (text, strlen (text), 8, &error);
  g_assert_no_error (error);
  g_assert_true (posture_json_node_check_bounds (node, 2, 6, &error));
  g_assert_false (posture_json_node_check_bounds (node, 2, 5, &error));
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (posture_json_node_check_bounds (node, 1, 6, &error));
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
  /* The text parser counts depth the same way: the root is level 1. */
  g_clear_pointer (&node, json_node_unref);
  node = posture_json_parse (text, strlen (text), 1, &error);
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Member names are strings too. */
  g_assert_false (posture_json_check_strings ("{\"abcdef\":1}", 12, 5, &error));
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
}

/* Issue 17: a file Posture is handed is read only when it is a regular file, and never
 * past its bound. */
static void
test_json_regular_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("posture-input-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "file.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  int writer;

  g_assert_true (g_file_set_contents (file, "0123456789", 10, NULL));

  g_assert_true (posture_read_regular_file (file, 10, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (contents, ==, "0123456789");
  g_clear_pointer (&contents, g_free);

  g_assert_false (posture_read_regular_file (file, 9, &contents, &length, &error));
  g_assert_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE);
  g_assert_null (contents);
  g_clear_error (&error);

  g_assert_false (posture_read_regular_file ("/dev/zero", 1024, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_false (posture_read_regular_file (dir, 1024, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* A FIFO, with and without a writer: refused at once, never waited on. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (posture_read_regular_file (fifo, 1024, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  writer = open (fifo, O_RDWR | O_NONBLOCK);
  g_assert_cmpint (writer, >=, 0);
  g_assert_false (posture_read_regular_file (fifo, 1024, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  close (writer);

  g_assert_false (posture_read_regular_file ("/nonexistent/\033[31mx", 1024, &contents, NULL,
                                             &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (strchr (error->message, '\033'));
  g_clear_error (&error);

  /* The JSON reader goes through it. */
  g_assert_null (posture_json_parse_file (fifo, 1024, 16, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  g_unlink (fifo);
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_json_printable (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain ünïcødé", "plain ünïcødé" },
    { "\033]0;title\007", "\\x1b]0;title\\x07" },
    { "line\nbreak", "line\\x0abreak" },
    { "c1 \xc2\x9b here", "c1 \\u009b here" },
    { "rtl \xe2\x80\xae override", "rtl \\u202e override" },
    { "isolate \xe2\x81\xa6 x", "isolate \\u2066 x" },
    { "bad \xff byte", "bad \\xff byte" },
  };
  g_autofree char *cut = NULL;
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = posture_text_printable (cases[i].in, 0);

      g_assert_cmpstr (shown, ==, cases[i].out);
    }

  cut = posture_text_printable ("ééééééééé", 5);
  g_assert_cmpstr (cut, ==, "éé…");
  g_assert_true (g_utf8_validate (cut, -1, NULL));

  list = posture_text_split_list (" a, ,b ,,c  ");
  g_assert_cmpuint (g_strv_length (list), ==, 3);
  g_assert_cmpstr (list[1], ==, "b");
  g_clear_pointer (&list, g_strfreev);
  list = posture_text_split_list (NULL);
  g_assert_cmpuint (g_strv_length (list), ==, 0);
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
  g_test_add_func ("/posture/core/json/one-rule", test_json_one_rule);
  g_test_add_func ("/posture/core/json/members", test_json_members);
  g_test_add_func ("/posture/core/json/builder", test_json_builder);
  g_test_add_func ("/posture/core/json/bounds", test_json_bounds);
  g_test_add_func ("/posture/core/json/regular-file", test_json_regular_file);
  g_test_add_func ("/posture/core/json/printable", test_json_printable);

  return g_test_run ();
}
