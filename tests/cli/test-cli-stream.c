/* test-cli-stream.c: `assess --format json` and `report --format json` are written as
 * they are produced; what they write is the document assessment-tree.c builds as a
 * json-glib tree, independently of the streaming writer, on the demo tenant and on every
 * engine fixture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "assessment-tree.h"
#include "cli-test.h"
#include "posture-decision-store.h"
#include "posture-engine.h"
#include "posture-json.h"
#include "posture-report.h"
#include "posture-snapshot-cache.h"

static JsonNode *
parse (const char *what,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = posture_json_parse (text, strlen (text), POSTURE_JSON_DEFAULT_MAX_DEPTH, &error);

  if (node == NULL)
    g_error ("%s is not JSON: %s", what, error->message);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

/* "assessed_at" is the time of each run: checked to be a date, then left out. */
static void
drop_assessed_at (JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  const char *when = json_object_get_string_member_with_default (object, "assessed_at", NULL);
  g_autoptr(GDateTime) parsed = NULL;

  g_assert_nonnull (when);
  parsed = g_date_time_new_from_iso8601 (when, NULL);
  g_assert_nonnull (parsed);
  json_object_remove_member (object, "assessed_at");
}

static void
assert_same_document (const char *what,
                      JsonNode   *streamed,
                      JsonNode   *tree)
{
  g_autoptr(GString) where = g_string_new ("$");

  drop_assessed_at (streamed);
  drop_assessed_at (tree);
  if (!cli_json_equal (streamed, tree, where))
    {
      g_autofree char *a = posture_json_to_string (streamed, TRUE);
      g_autofree char *b = posture_json_to_string (tree, TRUE);

      g_error ("%s: the streamed document differs from the tree at %s\nstreamed:\n%s\ntree:\n%s",
               what, where->str, a, b);
    }
}

static JsonNode *
tree_of (PostureSnapshot *snapshot,
         GHashTable      *decisions)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;


  options.decisions = decisions;
  assessment = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  return cli_assessment_tree (assessment);
}

/* assess (and, with @with_report, report) on @path through the CLI, against the tree
 * made in this process. */
static void
check_snapshot_file (const char *path,
                     gboolean    with_report)
{
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) assess = { 0 };
  g_auto(CliRun) report = { 0 };
  g_autoptr(JsonNode) streamed = NULL;
  g_autoptr(JsonNode) reported = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonNode) sources = NULL;

  cli_run (&assess, "assess", "--snapshot", path, "--format", "json", NULL);
  snapshot = posture_snapshot_new_from_file (path, &error);
  if (snapshot == NULL)
    {
      /* What this process refuses, the CLI refuses too. */
      g_test_message ("%s: %s", path, error->message);
      g_assert_cmpint (assess.status, ==, 1);
      g_assert_cmpstr (assess.out, ==, "");
      return;
    }

  g_assert_cmpint (assess.status, ==, 0);
  cli_assert_terminal_safe (path, assess.out);
  streamed = parse (path, assess.out);
  tree = tree_of (snapshot, NULL);
  assert_same_document (path, streamed, tree);
  if (!with_report)
    return;

  /* The report is the same document plus what was read. */
  cli_run (&report, "report", "--snapshot", path, "--format", "json", NULL);
  g_assert_cmpint (report.status, ==, 0);
  reported = parse (path, report.out);
  sources = json_object_dup_member (json_node_get_object (reported), "sources");
  g_assert_nonnull (sources);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (sources), "environments"),
                   ==, posture_snapshot_get_n_environments (snapshot));
  json_object_remove_member (json_node_get_object (reported), "sources");
  g_clear_pointer (&tree, json_node_unref);
  tree = tree_of (snapshot, NULL);
  assert_same_document (path, reported, tree);
}

static void
test_stream_fixtures (void)
{
  g_autofree char *folder = cli_data_path ("engine", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 15);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      /* assess on every fixture; report (the same writer, plus "sources") on a few, so
       * that the test stays quick under ASan. */
      check_snapshot_file (path, i % 8 == 0 || strstr (file, "hostile") != NULL);
    }
}

static void
test_stream_demo (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "demo.json", NULL);
  g_auto(CliRun) snapshot = { 0 };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  cli_run (&snapshot, "snapshot", "--demo", "--output", path, NULL);
  g_assert_cmpint (snapshot.status, ==, 0);
  check_snapshot_file (path, TRUE);
}

/* With decisions ("planned_score", "decisions", per-control "decision"): assess --demo
 * applies the decisions kept for "demo", and this process assesses the reading it cached
 * with the same decisions. */
static void
test_stream_decisions (void)
{
  g_auto(CliRun) decide = { 0 };
  g_auto(CliRun) assess = { 0 };
  g_autoptr(PostureSnapshot) cached = NULL;
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new ("demo");
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(JsonNode) streamed = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GError) error = NULL;

  cli_run (&decide, "decide", "--tenant", "demo", "--control", "auditing", "--status", "planned",
           "--note", "Next sprint \xe2\x80\x94 \x1b]0;title\x07 \xe2\x80\xae", "--owner", "Grace",
           "--due", "2026-12-31", NULL);
  g_assert_cmpint (decide.status, ==, 0);

  cli_run (&assess, "assess", "--demo", "--format", "json", NULL);
  g_assert_cmpint (assess.status, ==, 0);
  cli_assert_terminal_safe ("assess --demo --format json", assess.out);
  streamed = parse ("assess --demo", assess.out);
  g_assert_true (json_object_has_member (json_node_get_object (streamed), "decisions"));

  cached = posture_snapshot_cache_load ("demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (posture_decision_store_load (store, NULL, &error));
  g_assert_no_error (error);
  decisions = posture_decision_store_dup_table (store);
  tree = tree_of (cached, decisions);
  assert_same_document ("assess --demo with decisions", streamed, tree);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/stream/fixtures", test_stream_fixtures);
  g_test_add_func ("/posture/cli/stream/demo", test_stream_demo);
  g_test_add_func ("/posture/cli/stream/decisions", test_stream_decisions);

  return g_test_run ();
}
