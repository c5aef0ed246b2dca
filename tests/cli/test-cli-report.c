/* test-cli-report.c: posture-cli report, and assess --format html|csv
 *
 * Runs the built posture-cli (POSTURE_CLI) as a pipeline would, on the hostile fixture
 * tenant and on the demo tenant, and reads what it wrote with html5lib (strict), Python's
 * csv module and json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "posture-decision-store.h"
#include "posture-demo-server.h"
#include "posture-engine.h"
#include "posture-history.h"
#include "posture-json.h"

#define FIXTURE_TENANT "3c19a7e2-5b1d-4e0f-9a8b-1f2e3d4c5b6a"

typedef struct
{
  char *tmpdir;
  char *snapshot;
} Fixture;

typedef struct
{
  int   status;   /* exit code */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("POSTURE_CLI");
  const char *arg;
  va_list ap;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* The child sees the test's isolated folders (GLib keeps them to itself). */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);

  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
find_python (void)
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
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

/* check-report.py's JSON for a file, or NULL (the test is then skipped) without
 * python3-html5lib. */
static JsonNode *
check_file (const char *mode,
            const char *path)
{
  g_autofree char *python = find_python ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "report",
                                                   "check-report.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { python, script, mode, path, NULL };
  JsonNode *node;
  int status = 0;

  if (python == NULL)
    {
      g_test_skip ("python3 with html5lib (Debian: python3-html5lib) is not installed");
      return NULL;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-report.py %s %s failed: %s", mode, path, err);

  node = posture_json_parse (out, strlen (out), 64, &error);
  g_assert_no_error (error);
  return node;
}

static char *
tmp_path (Fixture    *fixture,
          const char *name)
{
  return g_build_filename (fixture->tmpdir, name, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("test-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->snapshot = g_test_build_filename (G_TEST_DIST, "data", "report",
                                             "hostile-snapshot.json", NULL);
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
  g_free (fixture->snapshot);
}

static void
assert_html_report (const char *path,
                    const char *needle)
{
  g_autoptr(JsonNode) node = check_file ("html", path);
  JsonObject *result;

  if (node == NULL)
    return;

  result = json_node_get_object (node);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "external")),
                   ==, 0);
  g_assert_cmpint (json_object_get_int_member (result, "tables_without_caption"), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (result, "duplicate_ids")),
                   ==, 0);
  if (strstr (json_object_get_string_member (result, "text"), needle) == NULL)
    g_error ("%s does not show \"%s\"", path, needle);
}

static void
test_cli_report_html_and_plan (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *html = tmp_path (fixture, "report.html");
  g_autofree char *plan = tmp_path (fixture, "plan.csv");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) rows = NULL;
  JsonArray *array;

  run_cli (&run, "report", "--snapshot", fixture->snapshot, "--output", html,
           "--action-plan", plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (plan, G_FILE_TEST_IS_REGULAR));

  assert_html_report (html, "Fabrikam <script>alert(\"t\")</script> & \"Partners\"");

  rows = check_file ("csv", plan);
  if (rows == NULL)
    return;
  array = json_object_get_array_member (json_node_get_object (rows), "rows");
  g_assert_cmpuint (json_array_get_length (array), >, 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (array, 0), 0),
                   ==, "control_id");
  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonArray *row = json_array_get_array_element (array, i);
      const char *status = json_array_get_string_element (row, 5);

      g_assert_true (g_str_equal (status, "fail") || g_str_equal (status, "partial"));
    }
}

static void
test_cli_report_stdout (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "stdout.csv");
  g_auto(Run) run_csv = { 0 };
  g_auto(Run) run_json = { 0 };
  g_auto(Run) run_html = { 0 };
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) rows = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* HTML is the default format; standard output is the default destination. */
  run_cli (&run_html, "report", "--snapshot", fixture->snapshot, NULL);
  g_assert_cmpint (run_html.status, ==, 0);
  g_assert_true (g_str_has_prefix (run_html.out, "<!DOCTYPE html>"));

  run_cli (&run_json, "report", "--snapshot", fixture->snapshot, "--format", "json",
           "--profile", "scuba", NULL);
  g_assert_cmpint (run_json.status, ==, 0);
  json = posture_json_parse (run_json.out, strlen (run_json.out), 64, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, "scuba");
  g_assert_cmpint (json_object_get_int_member (posture_json_get_object (root, "sources"),
                                               "environments"), ==, 4);

  run_cli (&run_csv, "report", "--snapshot", fixture->snapshot, "--format", "csv",
           "--output", "-", NULL);
  g_assert_cmpint (run_csv.status, ==, 0);
  g_file_set_contents (csv, run_csv.out, -1, &error);
  g_assert_no_error (error);
  rows = check_file ("csv", csv);
  if (rows == NULL)
    return;
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (rows),
                                                                        "widths")), ==, 1);
}

static void
test_cli_report_plan_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *plan = tmp_path (fixture, "only-plan.csv");
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "report", "--snapshot", fixture->snapshot, "--action-plan", plan,
           "--controls", "trial-env-creation-admins-only,env-creation-admins-only", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (plan, &contents, NULL, NULL));
  /* Only the failing one of the two controls is in the plan. */
  g_assert_nonnull (strstr (contents, "\r\ntrial-env-creation-admins-only,"));
  g_assert_null (strstr (contents, "\r\nenv-creation-admins-only,"));
}

static void
test_cli_report_usage (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *same = tmp_path (fixture, "same.csv");
  const struct { const char *args[6]; const char *message; } cases[] = {
    { { "report", NULL }, "--demo, --snapshot FILE or --tenant ID" },
    { { "report", "--snapshot", fixture->snapshot, "--demo", NULL }, "only one of" },
    { { "report", "--snapshot", fixture->snapshot, "--offline", NULL }, "--offline" },
    { { "report", "--snapshot", fixture->snapshot, "--format", "pdf", NULL }, "pdf" },
    { { "report", "--snapshot", fixture->snapshot, "--profile", "nist", NULL }, "nist" },
    { { "report", "--snapshot", fixture->snapshot, "--controls", "no-such-control", NULL },
      "no-such-control" },
    { { "report", "--snapshot", fixture->snapshot, "--format", "action-plan", NULL },
      "--action-plan" },
    { { "report", "--snapshot", fixture->snapshot, "--output", same, NULL }, NULL },
    { { "report", "--bogus", NULL }, "bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      if (cases[i].message == NULL)
        {
          /* --output and --action-plan naming the same file */
          run_cli (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
                   cases[i].args[4], "--action-plan", same, NULL);
          g_assert_cmpint (run.status, ==, 2);
          g_assert_nonnull (strstr (run.err, "same file"));
          g_assert_false (g_file_test (same, G_FILE_TEST_EXISTS));
          continue;
        }

      run_cli (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
               cases[i].args[4], cases[i].args[5], NULL);
      g_assert_cmpint (run.status, ==, 2);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("usage case %u: stderr lacks \"%s\": %s", i, cases[i].message, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_cli_report_failures (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *garbage = tmp_path (fixture, "garbage.json");
  g_autofree char *deep = tmp_path (fixture, "deep.json");
  g_autofree char *missing_dir = g_build_filename (fixture->tmpdir, "nope", "r.html", NULL);
  g_autofree char *kept = tmp_path (fixture, "kept.html");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GString *nested = g_string_new (NULL);

  g_file_set_contents (garbage, "{\"posture_snapshot\": 1, \"tenant\": ", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  g_file_set_contents (deep, nested->str, (gssize) nested->len, &error);
  g_assert_no_error (error);
  g_string_free (nested, TRUE);

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "report", "--snapshot", garbage, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "posture-cli: "));
    g_assert_nonnull (strstr (run.err, "snapshot"));
    g_assert_cmpstr (run.out, ==, "");
  }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "report", "--snapshot", deep, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
  }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "report", "--snapshot", fixture->snapshot, "--output", missing_dir, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, missing_dir));
    g_assert_nonnull (strstr (run.err, "folder"));
  }

  /* A report that cannot be written leaves the previous one whole. */
  {
    g_auto(Run) run = { 0 };

    g_file_set_contents (kept, "previous report", -1, &error);
    g_assert_no_error (error);
    g_chmod (fixture->tmpdir, 0555);
    run_cli (&run, "report", "--snapshot", fixture->snapshot, "--output", kept, NULL);
    g_chmod (fixture->tmpdir, 0755);
    /* root may write anyway; either way the file is whole, never half-written. */
    g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
    if (run.status == 0)
      g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
    else
      {
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpstr (contents, ==, "previous report");
      }
  }
}

static void
test_cli_assess_formats (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *html = tmp_path (fixture, "assess.html");
  g_autofree char *csv = tmp_path (fixture, "assess.csv");
  g_auto(Run) run_html = { 0 };
  g_auto(Run) run_csv = { 0 };
  g_autoptr(JsonNode) rows = NULL;
  JsonArray *array;

  /* The score of the fixture is low: the report is still written, then exit code 3. */
  run_cli (&run_html, "assess", "--snapshot", fixture->snapshot, "--format", "html",
           "--output", html, "--fail-under", "high", NULL);
  g_assert_cmpint (run_html.status, ==, 3);
  assert_html_report (html, "What was read");

  run_cli (&run_csv, "assess", "--snapshot", fixture->snapshot, "--format", "csv",
           "--output", csv, NULL);
  g_assert_cmpint (run_csv.status, ==, 0);
  rows = check_file ("csv", csv);
  if (rows == NULL)
    return;
  array = json_object_get_array_member (json_node_get_object (rows), "rows");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (array, 0), 7),
                   ==, "resource_id");
}

/* What the app and "posture-cli decide" recorded shows in the report: the decision with
 * its note, owner and date, and the score history as a chart. */
static void
test_cli_report_state (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = tmp_path (fixture, "state.html");
  g_autofree char *plan = tmp_path (fixture, "state-plan.csv");
  g_autofree char *plan_text = NULL;
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new (FIXTURE_TENANT);
  g_autoptr(PostureHistory) history = posture_history_new (FIXTURE_TENANT);
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) due = g_date_time_new_utc (2027, 1, 31, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  PostureDecisionRequest request = { 0 };

  request.control_id = "trial-env-creation-admins-only";
  request.status = POSTURE_DECISION_PLANNED;
  request.note = "Change request CR-1042 <approved> & scheduled";
  request.author = "admin@fabrikam";
  request.owner = "Platform team";
  request.due = due;
  g_assert_true (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_no_error (error);

  snapshot = posture_snapshot_new_from_file (fixture->snapshot, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const char *ids[] = {
        i == 1 ? "env-creation-admins-only" : "trial-env-creation-admins-only", NULL
      };
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 10, 1 + 10 * i, 6, 0, 0);
      PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
      g_autoptr(PostureAssessment) assessment = NULL;
      g_autoptr(PostureHistoryRecord) record = NULL;

      options.control_ids = ids;
      options.now = when;
      assessment = posture_engine_assess (snapshot, &options, &error);
      g_assert_no_error (error);
      record = posture_history_record_new_from_assessment (assessment);
      g_assert_true (posture_history_append (history, record, NULL, &error));
      g_assert_no_error (error);
    }

  run_cli (&run, "report", "--snapshot", fixture->snapshot, "--output", html,
           "--action-plan", plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_html_report (html, "Change request CR-1042 <approved> & scheduled");
  assert_html_report (html, "Platform team");
  assert_html_report (html, "31 Jan 2027");
  assert_html_report (html, "4 assessments from 1 Oct 2026 to ");

  g_assert_true (g_file_get_contents (plan, &plan_text, NULL, NULL));
  g_assert_nonnull (strstr (plan_text, ",planned,Platform team,2027-01-31,"
                                       "Change request CR-1042 <approved> & scheduled,"));
}

/* The demo tenant's seed, read over HTTP from the embedded demo server, in every format. */
static void
test_cli_report_demo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *html = tmp_path (fixture, "demo.html");
  g_autofree char *html2 = tmp_path (fixture, "demo2.html");
  g_autofree char *csv = tmp_path (fixture, "demo.csv");
  g_autofree char *plan = tmp_path (fixture, "demo-plan.csv");
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) rows = NULL;
  g_autoptr(JsonNode) plan_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run_html = { 0 };
  g_auto(Run) run_json = { 0 };
  g_auto(Run) run_csv = { 0 };
  g_auto(Run) run_again = { 0 };
  gboolean isolation_fails = FALSE;
  JsonArray *array;

  run_cli (&run_html, "report", "--demo", "--output", html, "--action-plan", plan, NULL);
  g_assert_cmpint (run_html.status, ==, 0);
  assert_html_report (html, "Contoso (demo)");
  assert_html_report (html, "Turn on tenant isolation");

  run_cli (&run_json, "report", "--demo", "--format", "json", NULL);
  g_assert_cmpint (run_json.status, ==, 0);
  json = posture_json_parse (run_json.out, strlen (run_json.out), 64, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (posture_json_get_path_string (json_node_get_object (json), "tenant.id"), ==,
                   "8d2c9a6e-3f1b-4c7a-9e55-0b6f2d1c4a90");
  g_assert_nonnull (posture_json_get_object (json_node_get_object (json), "sources"));

  run_cli (&run_csv, "report", "--demo", "--format", "csv", "--output", csv, NULL);
  g_assert_cmpint (run_csv.status, ==, 0);
  rows = check_file ("csv", csv);
  plan_rows = check_file ("csv", plan);
  if (rows == NULL || plan_rows == NULL)
    return;
  array = json_object_get_array_member (json_node_get_object (rows), "rows");
  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonArray *row = json_array_get_array_element (array, i);

      if (g_str_equal (json_array_get_string_element (row, 0), "tenant-isolation"))
        isolation_fails = g_str_equal (json_array_get_string_element (row, 4), "fail");
    }
  g_assert_true (isolation_fails);

  array = json_object_get_array_member (json_node_get_object (plan_rows), "rows");
  g_assert_cmpuint (json_array_get_length (array), >, 1);
  {
    gboolean found = FALSE;

    for (guint i = 1; i < json_array_get_length (array); i++)
      {
        JsonArray *row = json_array_get_array_element (array, i);

        if (g_str_equal (json_array_get_string_element (row, 0), "tenant-isolation"))
          {
            found = TRUE;
            g_assert_cmpstr (json_array_get_string_element (row, 3), ==, "SHALL");
            g_assert_cmpstr (json_array_get_string_element (row, 4), ==, "high");
          }
      }
    g_assert_true (found);
  }

  /* The demo client's secret (it signs in like a service principal) is in no output. */
  {
    const char *outputs[] = { html, csv, plan };

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      {
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (outputs[i], &contents, NULL, NULL));
        g_assert_null (strstr (contents, POSTURE_DEMO_CLIENT_SECRET));
      }
    g_assert_null (strstr (run_json.out, POSTURE_DEMO_CLIENT_SECRET));
    g_assert_null (strstr (run_html.err, POSTURE_DEMO_CLIENT_SECRET));
  }

  /* Each reading of the demo tenant went to its history: now there is a chart. */
  run_cli (&run_again, "report", "--demo", "--output", html2, NULL);
  g_assert_cmpint (run_again.status, ==, 0);
  g_assert_true (g_file_get_contents (html2, &second, NULL, NULL));
  g_assert_nonnull (strstr (second, "<svg"));
  assert_html_report (html2, "Score history");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/posture/cli/report/html-and-plan", Fixture, NULL, fixture_setup,
              test_cli_report_html_and_plan, fixture_teardown);
  g_test_add ("/posture/cli/report/stdout", Fixture, NULL, fixture_setup,
              test_cli_report_stdout, fixture_teardown);
  g_test_add ("/posture/cli/report/plan-only", Fixture, NULL, fixture_setup,
              test_cli_report_plan_only, fixture_teardown);
  g_test_add ("/posture/cli/report/usage", Fixture, NULL, fixture_setup,
              test_cli_report_usage, fixture_teardown);
  g_test_add ("/posture/cli/report/failures", Fixture, NULL, fixture_setup,
              test_cli_report_failures, fixture_teardown);
  g_test_add ("/posture/cli/report/demo", Fixture, NULL, fixture_setup,
              test_cli_report_demo, fixture_teardown);
  g_test_add ("/posture/cli/report/state", Fixture, NULL, fixture_setup,
              test_cli_report_state, fixture_teardown);
  g_test_add ("/posture/cli/report/assess-formats", Fixture, NULL, fixture_setup,
              test_cli_assess_formats, fixture_teardown);

  return g_test_run ();
}
