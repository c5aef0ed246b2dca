/* test-text.c: the terminal escaper and the streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-json-writer.h"
#include "posture-json.h"
#include "posture-text.h"

static void
test_text_escape (void)
{
  static const struct
  {
    const char             *in;
    PostureTextEscapeFlags  flags;
    const char             *out;
  } cases[] = {
    { "plain", POSTURE_TEXT_ESCAPE_DEFAULT, "plain" },
    { "", POSTURE_TEXT_ESCAPE_DEFAULT, "" },
    /* Other scripts and emoji stay as they are. */
    { "Caf\xc3\xa9 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x9b\xa1", POSTURE_TEXT_ESCAPE_DEFAULT,
      "Caf\xc3\xa9 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x9b\xa1" },
    /* OSC (window title), CSI (clear screen), BEL, DEL. */
    { "a\x1b]0;t\x07" "b\x1b[2Jc\x7f", POSTURE_TEXT_ESCAPE_DEFAULT,
      "a\\x1b]0;t\\x07b\\x1b[2Jc\\x7f" },
    /* C1: U+009B is a CSI on its own; U+0085 a next line. */
    { "\xc2\x9b" "31m\xc2\x85", POSTURE_TEXT_ESCAPE_DEFAULT, "\\u009b31m\\u0085" },
    /* Bidirectional controls and marks, line separators. */
    { "\xe2\x80\xae" "fdp.exe", POSTURE_TEXT_ESCAPE_DEFAULT, "\\u202efdp.exe" },
    { "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", POSTURE_TEXT_ESCAPE_DEFAULT,
      "\\u202a\\u202b\\u202c\\u202d" },
    { "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", POSTURE_TEXT_ESCAPE_DEFAULT,
      "\\u2066\\u2067\\u2068\\u2069" },
    { "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", POSTURE_TEXT_ESCAPE_DEFAULT, "\\u200e\\u200f\\u061c" },
    { "a\xe2\x80\xa8" "b\xe2\x80\xa9", POSTURE_TEXT_ESCAPE_DEFAULT, "a\\u2028b\\u2029" },
    /* Invalid UTF-8, byte by byte; a truncated sequence at the end. */
    { "ok\xff\xfe" "x\xc3", POSTURE_TEXT_ESCAPE_DEFAULT, "ok\\xff\\xfex\\xc3" },
    { "\xed\xa0\x80", POSTURE_TEXT_ESCAPE_DEFAULT, "\\xed\\xa0\\x80" },
    /* One line, or lines. */
    { "two\nlines\tand\rmore", POSTURE_TEXT_ESCAPE_DEFAULT, "two\\x0alines\\x09and\\x0dmore" },
    { "two\nlines\tand\rmore", POSTURE_TEXT_ESCAPE_KEEP_LINES, "two\nlines\tand\\x0dmore" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = posture_text_escape_terminal (cases[i].in, cases[i].flags);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  {
    g_autofree char *none = posture_text_escape_terminal (NULL, POSTURE_TEXT_ESCAPE_DEFAULT);
    g_autoptr(GString) counted = g_string_new (NULL);

    g_assert_cmpstr (none, ==, "");
    /* A counted string may hold a NUL: shown, not an end. */
    posture_text_append_escaped (counted, "a\0b", 3, POSTURE_TEXT_ESCAPE_DEFAULT);
    g_assert_cmpstr (counted->str, ==, "a\\x00b");
  }
}

static void
test_text_printable (void)
{
  g_autofree char *plain = posture_text_printable ("plain", 0);
  g_autofree char *cut = posture_text_printable ("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5);
  g_autofree char *exact = posture_text_printable ("abcde", 5);
  g_autofree char *escaped = posture_text_printable ("a\x1b[2Jb\nc", 0);
  g_auto(GStrv) list = posture_text_split_list (" 10.0.0.0/8, ,192.168.1.1 ,, ");
  g_auto(GStrv) empty = posture_text_split_list (NULL);

  g_assert_cmpstr (plain, ==, "plain");
  /* Cut at a character boundary, never inside an escape or a UTF-8 sequence. */
  g_assert_cmpstr (cut, ==, "\xc3\xa9\xc3\xa9…");
  g_assert_cmpstr (exact, ==, "abcde");
  g_assert_cmpstr (escaped, ==, "a\\x1b[2Jb\\x0ac");

  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_cmpstr (list[0], ==, "10.0.0.0/8");
  g_assert_cmpstr (list[1], ==, "192.168.1.1");
  g_assert_nonnull (empty);
  g_assert_null (empty[0]);
}

static void
test_json_writer (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (out, TRUE);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *values;

  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "name",
                                     "q\"b\\s/\n\r\t\b\f\x01\x1b[2J\x7f\xc2\x9b"
                                     "\xe2\x80\xae\xe2\x80\xa8"
                                     "\xf0\x9f\x9b\xa1 \xff");
  posture_json_writer_member_string (writer, "none", NULL);
  posture_json_writer_member (writer, "values");
  posture_json_writer_begin_array (writer);
  posture_json_writer_int (writer, G_MININT64);
  posture_json_writer_double (writer, 56.67);
  posture_json_writer_double (writer, 0.1 + 0.2);
  posture_json_writer_double (writer, NAN);
  posture_json_writer_boolean (writer, TRUE);
  posture_json_writer_null (writer);
  posture_json_writer_begin_object (writer);
  posture_json_writer_end_object (writer);
  posture_json_writer_begin_array (writer);
  posture_json_writer_end_array (writer);
  posture_json_writer_end_array (writer);
  g_assert_false (posture_json_writer_is_complete (writer));
  posture_json_writer_end_object (writer);
  g_assert_true (posture_json_writer_is_complete (writer));

  /* RFC 8259 escapes; the characters a terminal acts on as \u escapes; invalid UTF-8
   * replaced; the shortest number that reads back; the layout of the tree writer. */
  g_assert_cmpstr (out->str, ==,
                   "{\n"
                   "  \"name\": \"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001b[2J\\u007f\\u009b\\u202e"
                   "\\u2028\xf0\x9f\x9b\xa1 \xef\xbf\xbd\",\n"
                   "  \"none\": null,\n"
                   "  \"values\": [\n"
                   "    -9223372036854775808,\n"
                   "    56.67,\n"
                   "    0.30000000000000004,\n"
                   "    null,\n"
                   "    true,\n"
                   "    null,\n"
                   "    {},\n"
                   "    []\n"
                   "  ]\n"
                   "}\n");

  node = posture_json_parse (out->str, out->len, 16, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==,
                   "q\"b\\s/\n\r\t\b\f\x01\x1b[2J\x7f\xc2\x9b\xe2\x80\xae\xe2\x80\xa8"
                   "\xf0\x9f\x9b\xa1 \xef\xbf\xbd");
  values = json_object_get_array_member (root, "values");
  g_assert_cmpfloat (json_array_get_double_element (values, 2), ==, 0.1 + 0.2);
}

/* A json-glib tree through the writer: the same document, in the same member order. */
static void
test_json_writer_node (void)
{
  static const char document[] =
    "{\n  \"b\": [\n    1,\n    2.5,\n    \"x\\u202e\",\n    null,\n    false\n  ],\n"
    "  \"a\": {\n    \"nested\": {}\n  }\n}\n";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (out, TRUE);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = posture_json_parse (document, strlen (document), 16, &error);
  g_assert_no_error (error);
  posture_json_writer_node (writer, node);
  g_assert_true (posture_json_writer_is_complete (writer));
  g_assert_cmpstr (out->str, ==, document);
}

static void
test_json_writer_misuse (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (out, FALSE);

      posture_json_writer_begin_array (writer);
      posture_json_writer_member (writer, "not-in-an-object");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/text/escape", test_text_escape);
  g_test_add_func ("/posture/core/text/printable", test_text_printable);
  g_test_add_func ("/posture/core/text/json-writer", test_json_writer);
  g_test_add_func ("/posture/core/text/json-writer-node", test_json_writer_node);
  g_test_add_func ("/posture/core/text/json-writer-misuse", test_json_writer_misuse);

  return g_test_run ();
}
