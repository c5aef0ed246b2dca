/* test-diff.c: what changed between two assessments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "posture-diff.h"
#include "posture-json.h"

#define TENANT "00000000-0000-4000-8000-000000000001"

static PostureHistoryRecord *
record_from_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "state", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = posture_json_parse_file (path, 1 << 20, 64, &error);
  PostureHistoryRecord *record;

  g_assert_no_error (error);
  record = posture_history_record_new_from_assessment_json (node, &error);
  g_assert_no_error (error);
  return record;
}

static PostureHistoryRecord *
record_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = posture_json_parse (text, strlen (text), 16, &error);
  PostureHistoryRecord *record;

  g_assert_no_error (error);
  record = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  return record;
}

typedef struct
{
  PostureDiffKind kind;
  const char     *control;
  const char     *resource;
  const char     *from;
  const char     *to;
} Expected;

static void
assert_entries (PostureDiff    *diff,
                const Expected *expected,
                guint           n_expected)
{
  GListModel *model = G_LIST_MODEL (diff);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(PostureDiffEntry) entry = g_list_model_get_item (model, i);

      g_assert_cmpint (posture_diff_entry_get_kind (entry), ==, expected[i].kind);
      g_assert_cmpstr (posture_diff_entry_get_control_id (entry), ==, expected[i].control);
      g_assert_cmpstr (posture_diff_entry_get_resource_id (entry), ==, expected[i].resource);
      if (expected[i].resource == NULL)
        {
          g_assert_cmpstr (posture_diff_entry_get_from_status (entry), ==, expected[i].from);
          g_assert_cmpstr (posture_diff_entry_get_to_status (entry), ==, expected[i].to);
        }
    }
}

static void
test_diff_fixtures (void)
{
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(PostureDiff) diff = posture_diff_new (r1, r2);
  g_autoptr(PostureDiffEntry) first = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) json = NULL;
  gboolean regression = FALSE;
  guint fe, fp, te, tp;
  const Expected expected[] = {
    { POSTURE_DIFF_CONTROL_REGRESSED, "ip-firewall", NULL, "pass", "partial" },
    { POSTURE_DIFF_CONTROL_IMPROVED, "tenant-isolation", NULL, "fail", "pass" },
    { POSTURE_DIFF_CONTROL_CHANGED, "customer-managed-key", NULL, "unknown", "not-applicable" },
    { POSTURE_DIFF_CONTROL_ADDED, "sharing-limits", NULL, NULL, "pass" },
    { POSTURE_DIFF_CONTROL_REMOVED, "virtual-network", NULL, "fail", NULL },
    { POSTURE_DIFF_RESOURCE_FAILING, "auditing", "env-d", NULL, NULL },
    { POSTURE_DIFF_RESOURCE_FAILING, "ip-firewall", "env-d", NULL, NULL },
    { POSTURE_DIFF_RESOURCE_FIXED, "auditing", "env-c", NULL, NULL },
    { POSTURE_DIFF_RESOURCE_FIXED, "tenant-isolation", TENANT, NULL, NULL },
    { POSTURE_DIFF_RESOURCE_APPEARED, NULL, "env-d", NULL, NULL },
    { POSTURE_DIFF_RESOURCE_WENT_AWAY, NULL, "env-b", NULL, NULL },
  };

  assert_entries (diff, expected, G_N_ELEMENTS (expected));
  g_assert_cmpfloat_with_epsilon (posture_diff_get_score_delta (diff), 23.64, 1e-9);
  g_assert_cmpuint (posture_diff_get_n_regressed (diff), ==, 1);
  g_assert_cmpuint (posture_diff_get_n_improved (diff), ==, 1);
  /* The score rose, but a control regressed: that is still a regression to report. */
  g_assert_true (posture_diff_is_regression (diff));
  g_object_get (diff, "regression", &regression, NULL);
  g_assert_true (regression);
  g_assert_true (posture_diff_get_older (diff) == r1);
  g_assert_true (posture_diff_get_newer (diff) == r2);

  first = g_list_model_get_item (G_LIST_MODEL (diff), 0);
  posture_diff_entry_get_points (first, &fe, &fp, &te, &tp);
  g_assert_cmpuint (fe, ==, 2);
  g_assert_cmpuint (fp, ==, 2);
  g_assert_cmpuint (te, ==, 1);
  g_assert_cmpuint (tp, ==, 2);
  g_assert_cmpstr (posture_diff_kind_to_string (POSTURE_DIFF_RESOURCE_WENT_AWAY), ==,
                   "resource-went-away");

  text = posture_diff_to_text (diff);
  g_assert_nonnull (
      strstr (text, "Score: 40.00% (low, 4/10) → 63.64% (medium, 7/11), +23.64 points"));
  g_assert_nonnull (
      strstr (text,
              "Controls that regressed (1):\n  ip-firewall: pass → partial (2/2 → 1/2 points)"));
  g_assert_nonnull (strstr (text, "Environments that went away (1):\n  env-b"));

  json = posture_diff_to_json (diff);
  {
    JsonObject *object = json_node_get_object (json);
    JsonArray *changes = posture_json_get_array (object, "changes");
    JsonObject *c0 = json_array_get_object_element (changes, 0);
    gboolean b = FALSE;

    g_assert_cmpstr (posture_json_get_string (object, "older"), ==, "2026-11-01T10:00:00Z");
    g_assert_true (posture_json_get_boolean (object, "regression", &b) && b);
    g_assert_cmpuint (json_array_get_length (changes), ==, G_N_ELEMENTS (expected));
    g_assert_cmpstr (posture_json_get_string (c0, "kind"), ==, "regressed");
    g_assert_cmpstr (posture_json_get_string (c0, "control"), ==, "ip-firewall");
    g_assert_cmpstr (posture_json_get_string (c0, "to"), ==, "partial");
  }

  /* The other way round: mirror images. */
  {
    g_autoptr(PostureDiff) back = posture_diff_new (r2, r1);

    g_assert_cmpfloat_with_epsilon (posture_diff_get_score_delta (back), -23.64, 1e-9);
    g_assert_cmpuint (posture_diff_get_n_regressed (back), ==, 1);
    g_assert_cmpuint (posture_diff_get_n_improved (back), ==, 1);
    /* env-d stopped failing auditing and ip-firewall only because it went away: it is
     * reported once, as gone, not as two fixes. */
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (back)), ==,
                      G_N_ELEMENTS (expected) - 2);
  }
}

static void
test_diff_identical (void)
{
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureDiff) diff = posture_diff_new (r1, r1);
  g_autofree char *text = posture_diff_to_text (diff);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diff)), ==, 0);
  g_assert_cmpfloat (posture_diff_get_score_delta (diff), ==, 0);
  g_assert_false (posture_diff_is_regression (diff));
  g_assert_nonnull (strstr (text, "No control or resource changed."));
}

static void
test_diff_partial_points (void)
{
  /* partial → partial with fewer points is a regression; a score drop alone is too. */
  g_autoptr (PostureHistoryRecord) a = record_from_text (
      "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"percent\":80,\"earned\":8,\"possible\":10,"
      "\"controls\":[{\"id\":\"c\",\"status\":\"partial\",\"earned\":8,\"possible\":10,\"failing\":"
      "[\"e9\",\"e10\"]}]}");
  g_autoptr (PostureHistoryRecord) b = record_from_text (
      "{\"assessed_at\":\"2026-11-02T10:00:00Z\",\"percent\":70,\"earned\":7,\"possible\":10,"
      "\"controls\":[{\"id\":\"c\",\"status\":\"partial\",\"earned\":7,\"possible\":10,\"failing\":"
      "[\"e8\",\"e9\",\"e10\"]}]}");
  g_autoptr (PostureHistoryRecord) c = record_from_text (
      "{\"assessed_at\":\"2026-11-03T10:00:00Z\",\"percent\":69.99,\"earned\":7,\"possible\":10,"
      "\"controls\":[{\"id\":\"c\",\"status\":\"partial\",\"earned\":7,\"possible\":10,\"failing\":"
      "[\"e8\",\"e9\",\"e10\"]}]}");
  g_autoptr(PostureHistoryRecord) u = record_from_text (
    "{\"assessed_at\":\"2026-11-04T10:00:00Z\",\"percent\":null,\"earned\":0,\"possible\":0}");
  g_autoptr(PostureDiff) ab = posture_diff_new (a, b);
  g_autoptr(PostureDiff) bc = posture_diff_new (b, c);
  g_autoptr(PostureDiff) cu = posture_diff_new (c, u);
  const Expected expected_ab[] = {
    { POSTURE_DIFF_CONTROL_REGRESSED, "c", NULL, "partial", "partial" },
    /* Resources without an environment list (older records): failing ids are still compared. */
    { POSTURE_DIFF_RESOURCE_FAILING, "c", "e8", NULL, NULL },
  };

  assert_entries (ab, expected_ab, G_N_ELEMENTS (expected_ab));
  g_assert_true (posture_diff_is_regression (ab));

  /* A drop of 0.01 point with no control change is still a drop. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bc)), ==, 0);
  g_assert_true (posture_diff_is_regression (bc));

  /* No score any more: the delta is unknown, not a regression by itself. */
  g_assert_true (isnan (posture_diff_get_score_delta (cu)));
  g_assert_cmpuint (posture_diff_get_n_regressed (cu), ==, 0);
  g_assert_false (posture_diff_is_regression (cu));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/diff/fixtures", test_diff_fixtures);
  g_test_add_func ("/posture/core/diff/identical", test_diff_identical);
  g_test_add_func ("/posture/core/diff/partial-points", test_diff_partial_points);

  return g_test_run ();
}
