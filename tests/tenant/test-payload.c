/* test-payload.c: what the client reads out of answers, and the next-page scan that lets
 * it ask for the next page before a page is parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-payload-private.h"

static char *
scan (const char *text)
{
  return _posture_payload_scan_next_link (text, strlen (text));
}

static void
test_scan_next_link (void)
{
  static const struct { const char *text; const char *next; } cases[] = {
    { "{\"value\":[],\"nextLink\":\"https://a/b?x=1&y=2\"}", "https://a/b?x=1&y=2" },
    /* As ARM writes it: & as \u0026, / as \/ */
    { "{\"nextLink\":\"https:\\/\\/a\\/b?x=1\\u0026y=2\"}", "https://a/b?x=1&y=2" },
    { " {\n \"@odata.context\" : \"c\",\t\"@ODATA.NEXTLINK\" : \"n\" } ", "n" },
    /* Not at the top level: not the list's next page */
    { "{\"value\":[{\"nextLink\":\"inner\"}],\"x\":{\"nextLink\":\"deeper\"}}", NULL },
    { "{\"value\":[{\"a\":[1,2,{\"b\":\"}]\\\"\"}],\"c\":true}],\"nextLink\":\"after\"}", "after" },
    { "{\"nextLink\":null,\"value\":[]}", NULL },
    { "{\"nextLink\":\"\"}", NULL },
    { "{\"nextLink\":\"\\ud83d\\ude00\"}", "\xf0\x9f\x98\x80" },
    /* Broken text: nothing, never a guess */
    { "{\"nextLink\":\"unfinished", NULL },
    { "{\"nextLink\":\"\\ud83d\"}", NULL },
    { "{\"nextLink\":\"\\u0000\"}", NULL },
    { "{\"nextLink\":\"a\\qb\"}", NULL },
    { "[{\"nextLink\":\"x\"}]", NULL },
    { "{\"value\":[}", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = scan (cases[i].text);

      g_test_message ("%u: %s", i, cases[i].text);
      g_assert_cmpstr (next, ==, cases[i].next);
    }

  /* Deep nesting before the link costs a counter, not a stack */
  {
    GString *deep = g_string_new ("{\"value\":");
    g_autofree char *next = NULL;

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, ']');
    g_string_append (deep, ",\"nextLink\":\"deep\"}");
    next = scan (deep->str);
    g_assert_cmpstr (next, ==, "deep");
    g_string_free (deep, TRUE);
  }
}

static void
test_page_and_items (void)
{
  const char *text = "{\"value\":[{\"name\":\"e\",\"properties\":{\"linkedEnvironmentMetadata\":"
                     "{\"instanceUrl\":\"https://o/\"}}},{\"name\":\"f\",\"properties\":"
                     "{\"linkedEnvironmentMetadata\":null}},{\"name\":\"g\",\"properties\":"
                     "{\"linkedEnvironmentMetadata\":{}}},3],\"@odata.nextLink\":\"n\","
                     "\"@odata.context\":\"c\"}";
  g_autoptr(JsonNode) page = posture_json_parse (text, strlen (text), 32, NULL);
  g_autoptr(JsonNode) merged = NULL;
  JsonArray *values;
  const char *next;
  const char *name;
  const char *instance;

  g_assert_true (_posture_payload_page (page, &values, &next));
  g_assert_cmpstr (next, ==, "n");
  g_assert_cmpuint (json_array_get_length (values), ==, 4);

  g_assert_true (
      _posture_payload_environment (json_array_get_element (values, 0), &name, &instance));
  g_assert_cmpstr (name, ==, "e");
  g_assert_cmpstr (instance, ==, "https://o/");
  g_assert_true (
      _posture_payload_environment (json_array_get_element (values, 1), &name, &instance));
  g_assert_null (instance);
  g_assert_true (
      _posture_payload_environment (json_array_get_element (values, 2), &name, &instance));
  g_assert_cmpstr (instance, ==, "");
  g_assert_false (
      _posture_payload_environment (json_array_get_element (values, 3), &name, &instance));

  /* Merged: the first page's members, without its next page */
  merged = _posture_payload_merge_pages (json_node_get_object (page), values);
  g_assert_false (json_object_has_member (json_node_get_object (merged), "@odata.nextLink"));
  g_assert_cmpstr (posture_json_get_string (json_node_get_object (merged), "@odata.context"), ==,
                   "c");

  g_assert_false (_posture_payload_page (NULL, &values, &next));
  g_assert_null (values);
}

static void
test_drop_unknown_column (void)
{
  const char *uri = "https://o/api/data/v9.2/organizations?$select=organizationid,A,b,c&x=1";
  g_autofree char *column = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *none = NULL;

  dropped = _posture_payload_drop_unknown_column (uri, "Could not find a property named 'a' on "
                                                  "type 'Microsoft.Dynamics.CRM.organization'.",
                                                  &column);
  g_assert_cmpstr (dropped, ==,
                   "https://o/api/data/v9.2/organizations?$select=organizationid,b,c&x=1");
  g_assert_cmpstr (column, ==, "a");
  /* Never the primary key, never a column the request did not ask for */
  g_assert_null (_posture_payload_drop_unknown_column (uri, "named 'organizationid'", &column));
  none = _posture_payload_drop_unknown_column (uri, "named 'zzz'", &column);
  g_assert_null (none);
  g_assert_null (_posture_payload_drop_unknown_column (uri, "no quotes", &column));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/payload/scan-next-link", test_scan_next_link);
  g_test_add_func ("/posture/tenant/payload/page", test_page_and_items);
  g_test_add_func ("/posture/tenant/payload/drop-unknown-column", test_drop_unknown_column);

  return g_test_run ();
}
