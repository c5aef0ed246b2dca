/* test-report.c: the HTML, CSV, JSON and action-plan reports
 *
 * The reports are rendered from a fixture tenant whose names hold <script>, quotes,
 * ampersands, right-to-left and emoji text and spreadsheet formulas, then read back with
 * the parsers other programs use (html5lib in strict mode, Python's csv module; see
 * tests/data/report/check-report.py) and with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "posture-engine.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-report-private.h"

#define HOSTILE_TENANT "Fabrikam <script>alert(\"t\")</script> & \"Partners\" " \
                       "\xe2\x81\xa7\xd8\xb4\xd8\xb1\xd9\x83\xd8\xa9\xe2\x81\xa9 " \
                       "\xf0\x9f\x9b\xa1\xef\xb8\x8f"
#define FORMULA_ENV    "=HYPERLINK(\"http://evil.example/x\",\"click\")"
#define RTL_ENV        "\xd7\xa4\xd7\x99\xd7\xaa\xd7\x95\xd7\x97 \xe2\x80\xae" \
                       "exe.txt \"quoted\", comma"
/* The same name in a CSV cell: the right-to-left override made visible, never raw. */
#define RTL_ENV_CSV    "\xd7\xa4\xd7\x99\xd7\xaa\xd7\x95\xd7\x97 \\u202e" \
                       "exe.txt \"quoted\", comma"
#define IMG_ENV        "Dev \xf0\x9f\x9a\x80 <img src=x onerror=alert(1)>"
#define PLAN_NOTE      "=1+1 <script>alert('note')</script> & \"quoted\"\nsecond line"
#define PLAN_OWNER     "@ops-team <lead> & co"
#define DEFAULT_ENV    "Default-3c19a7e2-5b1d-4e0f-9a8b-1f2e3d4c5b6a"
#define CSP_NOTE       "Handled by <WAF> & \"proxy\""

typedef struct
{
  PostureSnapshot   *snapshot;
  PostureAssessment *assessment;
  char              *tmpdir;
} Fixture;

static char *
find_python (gboolean need_html5lib)
{
  const char *candidates[] = { g_getenv ("POSTURE_PYTHON"), "/usr/bin/python3", NULL };
  g_autofree char *in_path = g_find_program_in_path ("python3");

  candidates[2] = in_path;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *argv[] = { candidates[i], "-c", "import html5lib", NULL };
      int status = 0;

      if (candidates[i] == NULL || !g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        continue;
      if (!need_html5lib)
        return g_strdup (candidates[i]);
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

/* Runs check-report.py on @data and returns its JSON, or NULL (and skips the test)
 * when no Python with html5lib is installed. */
static JsonNode *
check_report (Fixture    *fixture,
              const char *mode,
              const char *data,
              gsize       length)
{
  g_autofree char *python = find_python (g_str_equal (mode, "html"));
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "report",
                                                   "check-report.py", NULL);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.out", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  int status = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 with html5lib (Debian: python3-html5lib) is not installed");
      return NULL;
    }

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { python, script, mode, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
  }

  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-report.py %s failed: %s", mode, err);

  node = posture_json_parse (out, strlen (out), 64, &error);
  g_assert_no_error (error);
  return node;
}

static GHashTable *
make_decisions (void)
{
  GHashTable *decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 20, 9, 30, 0);
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 15, 0, 0, 0);
  PostureDecision *planned;
  PostureDecision *accepted;

  planned = posture_decision_new ("trial-env-creation-admins-only", POSTURE_DECISION_TO_ADDRESS);
  posture_decision_change (planned, POSTURE_DECISION_PLANNED, PLAN_NOTE, "admin@fabrikam", when);
  posture_decision_set_owner (planned, PLAN_OWNER);
  posture_decision_set_due (planned, due);
  g_hash_table_insert (decisions, g_strdup ("trial-env-creation-admins-only"), planned);

  accepted = posture_decision_new ("guest-makers-disabled", POSTURE_DECISION_TO_ADDRESS);
  posture_decision_change (accepted, POSTURE_DECISION_RISK_ACCEPTED,
                           "Guests build with us \xe2\x80\x94 reviewed quarterly", "ciso", when);
  g_hash_table_insert (decisions, g_strdup ("guest-makers-disabled"), accepted);

  /* A decision on one resource only. */
  {
    PostureDecision *one = posture_decision_new ("content-security-policy",
                                                 POSTURE_DECISION_TO_ADDRESS);

    posture_decision_set_resource_id (one, DEFAULT_ENV);
    posture_decision_change (one, POSTURE_DECISION_THIRD_PARTY, CSP_NOTE, "secops", when);
    g_hash_table_insert (decisions, g_strdup ("content-security-policy/" DEFAULT_ENV), one);
  }

  return decisions;
}

static PostureAssessment *
assess (PostureSnapshot    *snapshot,
        GHashTable         *decisions,
        const char * const *control_ids,
        GDateTime          *now)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  PostureAssessment *assessment;

  options.decisions = decisions;
  options.control_ids = control_ids;
  options.now = now;
  assessment = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);
  return assessment;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "report",
                                                 "hostile-snapshot.json", NULL);
  g_autoptr(GHashTable) decisions = make_decisions ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(GError) error = NULL;

  fixture->snapshot = posture_snapshot_new_from_file (path, &error);
  g_assert_no_error (error);
  fixture->assessment = assess (fixture->snapshot, decisions, NULL, now);
  fixture->tmpdir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_assert_finalize_object (fixture->assessment);
  g_assert_finalize_object (fixture->snapshot);
}

static guint
count_rows (PostureAssessment *assessment)
{
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint rows = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      guint n = g_list_model_get_n_items (posture_control_result_get_resources (result));

      rows += MAX (n, 1);
    }

  return rows;
}

static void
test_report_formats (void)
{
  static const struct { const char *name; PostureReportFormat format; const char *ext; } cases[] = {
    { "html", POSTURE_REPORT_FORMAT_HTML, "html" },
    { "CSV", POSTURE_REPORT_FORMAT_CSV, "csv" },
    { "json", POSTURE_REPORT_FORMAT_JSON, "json" },
    { "action-plan", POSTURE_REPORT_FORMAT_ACTION_PLAN, "csv" },
  };
  g_autoptr(GError) error = NULL;
  PostureReportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (posture_report_format_from_string (cases[i].name, &format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, cases[i].format);
      g_assert_cmpstr (posture_report_format_get_extension (format), ==, cases[i].ext);
    }

  g_assert_false (posture_report_format_from_string ("pdf", &format, &error));
  g_assert_error (error, POSTURE_REPORT_ERROR, POSTURE_REPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "pdf"));
  g_assert_nonnull (strstr (error->message, "action-plan"));
}

static void
test_report_csv_cell (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "=1+1", "'=1+1" },
    { "+1", "'+1" },
    { "-2", "'-2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    /* A carriage return would let a cell overwrite its line in a terminal: made visible,
     * as C1 controls (CSI), bidirectional overrides and invalid UTF-8 are. */
    { "\rx", "\\x0dx" },
    { "a\xc2\x9b" "2Jb", "a\\u009b2Jb" },
    { "\xe2\x80\xae" "evil", "\\u202eevil" },
    { "bad\xff", "bad\\xff" },
    { "-\x1b]0;t\x07", "'-\\x1b]0;t\\x07" },
    { "=HYPERLINK(\"u\",\"c\")", "\"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\"" },
    { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      _posture_report_csv_append_cell (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static guint
array_length (JsonObject *object,
              const char *member)
{
  return json_array_get_length (json_object_get_array_member (object, member));
}

static void
assert_text_has (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("report text lacks \"%s\"", needle);
}

static void
test_report_html (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *result;
  gsize length = 0;

  html = posture_report_render (fixture->assessment, fixture->snapshot, NULL,
                                POSTURE_REPORT_FORMAT_HTML, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (html));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));

  /* Nothing hostile survives as markup. */
  lower = g_ascii_strdown (html, -1);
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_nonnull (strstr (html, "&lt;img src=x onerror=alert(1)&gt;"));
  /* The formula name holds a URL as text; it must never become an attribute. */
  g_assert_null (strstr (lower, "href=\"http"));
  g_assert_null (strstr (lower, "src=\"http"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;"));

  node = check_report (fixture, "html", html, length);
  if (node == NULL)
    return;
  result = json_node_get_object (node);

  g_assert_cmpint (array_length (result, "external"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "tables_without_caption"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "tables"), >=, 4);
  g_assert_cmpint (array_length (result, "duplicate_ids"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "svg"), ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (result, "title"), HOSTILE_TENANT));

  /* What the browser shows is exactly what the tenant holds. */
  {
    const char *text = json_object_get_string_member (result, "text");

    assert_text_has (text, HOSTILE_TENANT);
    assert_text_has (text, FORMULA_ENV);
    assert_text_has (text, RTL_ENV);
    assert_text_has (text, IMG_ENV);
    assert_text_has (text, "Fabrikam (default) & <b>bold</b>");
    assert_text_has (text, "=1+1 <script>alert('note')</script> & \"quoted\"\nsecond line");
    assert_text_has (text, PLAN_OWNER);
    assert_text_has (text, "15 Dec 2026");
    assert_text_has (text, "Guests build with us \xe2\x80\x94 reviewed quarterly");
    assert_text_has (text, "Risk accepted");
    assert_text_has (text, "Planned");
    assert_text_has (text, "What was read");
    assert_text_has (text, "4 environments, 3 with Dataverse");
    assert_text_has (text, "2 read, 1 could not be read, 0 missing");
    assert_text_has (text, "Enabled, 1 allowed tenant");
    assert_text_has (text, "MS.POWERPLATFORM");
    assert_text_has (text, "Verify explicitly");
    assert_text_has (text, "Third party: " CSP_NOTE);
  }

  /* Every control has its own article, reachable from the tables. */
  {
    GListModel *controls = posture_assessment_get_controls (fixture->assessment);
    JsonArray *headings = json_object_get_array_member (result, "headings");
    guint n_h3 = 0;

    for (guint i = 0; i < json_array_get_length (headings); i++)
      {
        JsonArray *heading = json_array_get_array_element (headings, i);

        if (g_str_equal (json_array_get_string_element (heading, 0), "h3"))
          n_h3++;
      }
    g_assert_cmpuint (n_h3, ==, g_list_model_get_n_items (controls));

    for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
      {
        g_autoptr(PostureControlResult) control = g_list_model_get_item (controls, i);
        g_autofree char *anchor = g_strdup_printf ("id=\"control-%s\"",
                                                   posture_control_result_get_id (control));
        g_autofree char *link = g_strdup_printf ("href=\"#control-%s\"",
                                                 posture_control_result_get_id (control));

        g_assert_nonnull (strstr (html, anchor));
        g_assert_nonnull (strstr (html, link));
      }
  }

  /* Dark mode and print. */
  g_assert_nonnull (strstr (html, "prefers-color-scheme:dark"));
  g_assert_nonnull (strstr (html, "@media print"));
}

static void
test_report_html_history (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GListStore) history = g_list_store_new (POSTURE_TYPE_ASSESSMENT);
  const char *passing[] = { "env-creation-admins-only", NULL };
  const char *failing[] = { "trial-env-creation-admins-only", NULL };
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 1, 8, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 14, 8, 0, 0);
  g_autoptr(PostureAssessment) first = assess (fixture->snapshot, NULL, failing, t1);
  g_autoptr(PostureAssessment) second = assess (fixture->snapshot, NULL, passing, t2);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *result;
  PostureScore score;
  gsize length = 0;

  posture_assessment_get_score (first, &score);
  g_assert_cmpfloat (score.percent, ==, 0);
  posture_assessment_get_score (second, &score);
  g_assert_cmpfloat (score.percent, ==, 100);

  g_list_store_append (history, first);
  g_list_store_append (history, second);
  /* An item without the properties is skipped, not a crash. */
  {
    g_autoptr(GListStore) mixed = g_list_store_new (G_TYPE_OBJECT);
    g_autoptr(GObject) plain = g_object_new (G_TYPE_OBJECT, NULL);
    g_autofree char *other = NULL;

    g_list_store_append (mixed, plain);
    other = posture_report_render (fixture->assessment, NULL, G_LIST_MODEL (mixed),
                                   POSTURE_REPORT_FORMAT_HTML, NULL, &error);
    g_assert_no_error (error);
    /* The current assessment alone still makes a one-point chart. */
    g_assert_nonnull (strstr (other, "<svg"));
    g_assert_nonnull (strstr (other, "1 assessment from 28 Nov 2026 to 28 Nov 2026"));
  }

  html = posture_report_render (fixture->assessment, fixture->snapshot, G_LIST_MODEL (history),
                                POSTURE_REPORT_FORMAT_HTML, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "<svg"));
  g_assert_nonnull (strstr (html, "3 assessments from 1 Nov 2026 to 28 Nov 2026"));
  g_assert_nonnull (strstr (html, "lowest 0 %"));
  g_assert_nonnull (strstr (html, "highest 100 %"));
  g_assert_nonnull (strstr (html, "aria-labelledby=\"chart-title chart-desc\""));

  node = check_report (fixture, "html", html, length);
  if (node == NULL)
    return;
  result = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (result, "svg"), ==, 1);
  g_assert_cmpint (array_length (result, "external"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "tables_without_caption"), ==, 0);
}

static JsonArray *
csv_rows (JsonNode *node)
{
  return json_object_get_array_member (json_node_get_object (node), "rows");
}

static const char *
cell (JsonArray *rows,
      guint      row,
      guint      column)
{
  return json_array_get_string_element (json_array_get_array_element (rows, row), column);
}

static void
test_report_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const header[] = {
    "control_id", "control_title", "severity", "scope", "control_status",
    "control_earned", "control_possible", "resource_id", "resource_name",
    "environment_type", "resource_status", "reason", "scuba_id", "scuba_requirement",
    "ppac_recommendation", "zero_trust", "waf", "decision", "decision_note",
    "decision_owner", "decision_due",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *rows;
  JsonArray *widths;
  gboolean saw_formula = FALSE, saw_rtl = FALSE, saw_plan = FALSE, saw_one = FALSE;
  guint csp_rows = 0;
  gsize length = 0;

  text = posture_report_render (fixture->assessment, fixture->snapshot, NULL,
                                POSTURE_REPORT_FORMAT_CSV, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "\r\n"));

  node = check_report (fixture, "csv", text, length);
  if (node == NULL)
    return;

  rows = csv_rows (node);
  widths = json_object_get_array_member (json_node_get_object (node), "widths");
  g_assert_cmpint (json_array_get_length (widths), ==, 1);
  g_assert_cmpint (json_array_get_int_element (widths, 0), ==, G_N_ELEMENTS (header));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1 + count_rows (fixture->assessment));

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, header[i]);

  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (header); c++)
        {
          const char *value = cell (rows, r, c);

          /* No cell can start a formula. */
          g_assert_null (strchr ("=+-@\t\r", value[0] != '\0' ? value[0] : 'x'));
        }

      if (g_str_equal (cell (rows, r, 8), "'" FORMULA_ENV))
        saw_formula = TRUE;
      if (g_str_equal (cell (rows, r, 8), RTL_ENV_CSV))
        saw_rtl = TRUE;
      g_assert_null (strstr (cell (rows, r, 8), "\xe2\x80\xae"));
      if (g_str_equal (cell (rows, r, 0), "content-security-policy"))
        {
          csp_rows++;
          if (g_str_equal (cell (rows, r, 7), DEFAULT_ENV))
            {
              saw_one = TRUE;
              g_assert_cmpstr (cell (rows, r, 17), ==, "third-party");
              g_assert_cmpstr (cell (rows, r, 18), ==, CSP_NOTE);
            }
          else
            g_assert_cmpstr (cell (rows, r, 17), ==, "");
        }
      if (g_str_equal (cell (rows, r, 0), "trial-env-creation-admins-only"))
        {
          saw_plan = TRUE;
          g_assert_cmpstr (cell (rows, r, 4), ==, "fail");
          g_assert_cmpstr (cell (rows, r, 17), ==, "planned");
          g_assert_cmpstr (cell (rows, r, 18), ==, "'" PLAN_NOTE);
          g_assert_cmpstr (cell (rows, r, 19), ==, "'" PLAN_OWNER);
          g_assert_cmpstr (cell (rows, r, 20), ==, "2026-12-15");
          g_assert_cmpstr (cell (rows, r, 13), ==, "SHALL");
        }
    }

  g_assert_true (saw_formula);
  g_assert_true (saw_rtl);
  g_assert_true (saw_plan);
  g_assert_true (saw_one);
  g_assert_cmpuint (csp_rows, >, 1);
}

static void
test_report_action_plan (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const header[] = {
    "control_id", "control_title", "scuba_id", "requirement", "severity", "status",
    "affected", "resources", "score_gain", "decision", "owner", "planned_date", "note",
    "remediation",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  JsonArray *rows;
  gsize length = 0;

  text = posture_report_render (fixture->assessment, NULL, NULL,
                                POSTURE_REPORT_FORMAT_ACTION_PLAN, &length, &error);
  g_assert_no_error (error);

  node = check_report (fixture, "csv", text, length);
  if (node == NULL)
    return;
  rows = csv_rows (node);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, header[i]);

  /* Every failing and partial control, recommendations first, then the rest. */
  expected = _posture_report_action_items (fixture->assessment);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1 + expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (expected, i);
      PostureControl *control = posture_control_result_get_control (result);
      g_autofree char *affected = g_strdup_printf ("%u",
                                                   posture_control_result_get_n_fail (result));
      const char *status = cell (rows, i + 1, 5);

      g_assert_cmpstr (cell (rows, i + 1, 0), ==, posture_control_result_get_id (result));
      g_assert_true (g_str_equal (status, "fail") || g_str_equal (status, "partial"));
      g_assert_cmpstr (cell (rows, i + 1, 6), ==, affected);
      g_assert_cmpstr (cell (rows, i + 1, 4), ==,
                       posture_severity_to_string (posture_control_get_severity (control)));
      g_assert_cmpstr (cell (rows, i + 1, 3), ==,
                       posture_control_get_scuba_requirement (control) ?
                       posture_control_get_scuba_requirement (control) : "");

      if (g_str_equal (cell (rows, i + 1, 0), "trial-env-creation-admins-only"))
        {
          g_assert_cmpstr (cell (rows, i + 1, 9), ==, "planned");
          g_assert_cmpstr (cell (rows, i + 1, 10), ==, "'" PLAN_OWNER);
          g_assert_cmpstr (cell (rows, i + 1, 11), ==, "2026-12-15");
          g_assert_cmpstr (cell (rows, i + 1, 12), ==, "'" PLAN_NOTE);
        }
      if (g_str_equal (cell (rows, i + 1, 0), "guest-makers-disabled"))
        g_assert_cmpstr (cell (rows, i + 1, 9), ==, "risk-accepted");
    }
}

static void
test_report_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *sources;
  g_autofree char *decisions = NULL;
  gsize length = 0;

  text = posture_report_render (fixture->assessment, fixture->snapshot, NULL,
                                POSTURE_REPORT_FORMAT_JSON, &length, &error);
  g_assert_no_error (error);

  node = posture_json_parse (text, length, POSTURE_JSON_DEFAULT_MAX_DEPTH, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);

  g_assert_cmpstr (posture_json_get_path_string (root, "tenant.display_name"), ==, HOSTILE_TENANT);
  g_assert_nonnull (posture_json_get_object (root, "score"));
  g_assert_nonnull (posture_json_get_array (root, "controls"));
  g_assert_nonnull (posture_json_get_array (root, "recommendations"));
  g_assert_true (json_object_has_member (root, "decisions"));
  decisions = posture_json_to_string (json_object_get_member (root, "decisions"), FALSE);
  g_assert_nonnull (strstr (decisions, "trial-env-creation-admins-only"));
  g_assert_nonnull (strstr (decisions, "guest-makers-disabled"));

  sources = posture_json_get_object (root, "sources");
  g_assert_nonnull (sources);
  g_assert_cmpint (json_object_get_int_member (sources, "environments"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (sources, "dlp_policies"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (sources, "tenant_isolation"), ==, "enabled");
}

static void
test_report_file_name (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = posture_report_suggest_file_name (fixture->assessment,
                                                            POSTURE_REPORT_FORMAT_HTML);
  g_autofree char *plan = posture_report_suggest_file_name (fixture->assessment,
                                                            POSTURE_REPORT_FORMAT_ACTION_PLAN);

  g_assert_true (g_str_has_prefix (html, "posture-fabrikam-script-alert-t-script-partners-"));
  g_assert_true (g_str_has_suffix (html, "-2026-11-28.html"));
  g_assert_null (strchr (html, '/'));
  g_assert_null (strchr (html, '<'));
  g_assert_null (strchr (html, '"'));
  g_assert_true (g_str_has_suffix (plan, "-2026-11-28-action-plan.csv"));
}

/* The report renders to any stream; what arrives is what posture_report_render() gives. */
static void
test_report_write (Fixture       *fixture,
                   gconstpointer  data)
{
  for (PostureReportFormat format = POSTURE_REPORT_FORMAT_HTML;
       format <= POSTURE_REPORT_FORMAT_ACTION_PLAN; format++)
    {
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      gsize length = 0;

      g_assert_true (posture_report_write (fixture->assessment, fixture->snapshot, NULL, format,
                                           stream, NULL, &error));
      g_assert_no_error (error);
      /* The stream is left open: the caller decides where the report ends up. */
      g_assert_false (g_output_stream_is_closed (stream));

      expected = posture_report_render (fixture->assessment, fixture->snapshot, NULL, format,
                                        &length, &error);
      g_assert_no_error (error);
      /* The HTML footer says when it was generated (to the minute): compared up to it. */
      if (format == POSTURE_REPORT_FORMAT_HTML)
        length = strstr (expected, "<footer>") - expected;
      else
        g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                          ==, length);
      g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), length,
                       expected, length);
    }
}

static void
test_report_write_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) closed = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) small = NULL;
  g_autoptr(GOutputStream) any = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  static char buffer[512];

  /* The stream's own error comes back. */
  g_assert_true (g_output_stream_close (closed, NULL, NULL));
  g_assert_false (posture_report_write (fixture->assessment, NULL, NULL,
                                        POSTURE_REPORT_FORMAT_HTML, closed, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  small = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);
  g_assert_false (posture_report_write (fixture->assessment, fixture->snapshot, NULL,
                                        POSTURE_REPORT_FORMAT_JSON, small, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (posture_report_write (fixture->assessment, NULL, NULL,
                                        POSTURE_REPORT_FORMAT_CSV, any, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

#define ADD_FIXTURE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/report/formats", test_report_formats);
  g_test_add_func ("/posture/core/report/csv-cell", test_report_csv_cell);
  ADD_FIXTURE_TEST ("/posture/core/report/html", test_report_html);
  ADD_FIXTURE_TEST ("/posture/core/report/html-history", test_report_html_history);
  ADD_FIXTURE_TEST ("/posture/core/report/csv", test_report_csv);
  ADD_FIXTURE_TEST ("/posture/core/report/action-plan", test_report_action_plan);
  ADD_FIXTURE_TEST ("/posture/core/report/json", test_report_json);
  ADD_FIXTURE_TEST ("/posture/core/report/file-name", test_report_file_name);
  ADD_FIXTURE_TEST ("/posture/core/report/write", test_report_write);
  ADD_FIXTURE_TEST ("/posture/core/report/write-errors", test_report_write_errors);

  return g_test_run ();
}
