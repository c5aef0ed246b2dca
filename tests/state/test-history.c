/* test-history.c: history records, the history file, one record per reading,
 * retention, formats, damage, migration of format 1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-engine.h"
#include "posture-error.h"
#include "posture-history.h"
#include "posture-json.h"
#include "state-test.h"
#include "state-fixture.h"

#define TENANT "00000000-0000-4000-8000-000000000001"

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "state", name, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node = posture_json_parse_file (path, 1 << 20, 64, &error);

  g_assert_no_error (error);
  return node;
}

static PostureHistoryRecord *
record_from_fixture (const char *name)
{
  g_autoptr(JsonNode) node = load_fixture (name);
  g_autoptr(GError) error = NULL;
  PostureHistoryRecord *record = posture_history_record_new_from_assessment_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static PostureHistoryRecord *
record_at (const char *when,
           double      percent,
           guint       earned,
           guint       possible)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  PostureHistoryRecord *record;

  text = g_strdup_printf (
      "{\"assessed_at\":\"%s\",\"profile\":\"all\",\"percent\":%s,"
      "\"earned\":%u,\"possible\":%u,\"controls\":[{\"id\":\"auditing\","
      "\"status\":\"partial\",\"earned\":%u,\"possible\":%u,\"failing\":[\"e1\"]}],"
      "\"resources\":[\"e1\",\"e2\"]}",
      when, g_ascii_dtostr (buf, sizeof buf, percent), earned, possible, earned, possible);
  node = posture_json_parse (text, strlen (text), 16, &error);
  g_assert_no_error (error);
  record = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  return record;
}

/* Short names for what the tests read most. */
static guint64
sequence_of (PostureHistoryRecord *record)
{
  return posture_history_record_get_sequence (record);
}

static double
percent_of (PostureHistoryRecord *record)
{
  return posture_history_record_get_percent (record);
}

static char *
record_text (PostureHistoryRecord *record)
{
  g_autoptr(JsonNode) node = posture_history_record_to_json (record);

  return posture_json_to_string (node, FALSE);
}

static void
test_history_record_from_assessment (void)
{
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *level = NULL;
  g_autofree char *when = NULL;
  const PostureHistoryControl *control;
  const char * const *resources;

  g_assert_cmpfloat_with_epsilon (posture_history_record_get_percent (record), 40.0, 1e-9);
  g_assert_cmpint (posture_history_record_get_level (record), ==, POSTURE_LEVEL_LOW);
  g_object_get (record, "level", &level, NULL);
  g_assert_cmpstr (level, ==, "low");
  g_assert_cmpuint (posture_history_record_get_earned (record), ==, 4);
  g_assert_cmpuint (posture_history_record_get_possible (record), ==, 10);
  g_assert_cmpstr (posture_history_record_get_profile (record), ==, "all");
  when = g_date_time_format_iso8601 (posture_history_record_get_assessed_at (record));
  g_assert_cmpstr (when, ==, "2026-11-01T10:00:00Z");
  g_assert_cmpuint (posture_history_record_get_n_controls (record), ==, 5);

  control = posture_history_record_lookup_control (record, "virtual-network");
  g_assert_nonnull (control);
  g_assert_cmpstr (control->status, ==, "fail");
  g_assert_cmpuint (control->possible, ==, 2);
  g_assert_cmpuint (g_strv_length (control->failing), ==, 2);
  g_assert_cmpstr (control->failing[0], ==, "env-a");
  g_assert_cmpstr (control->failing[1], ==, "env-c");

  control = posture_history_record_lookup_control (record, "tenant-isolation");
  g_assert_cmpstr (control->failing[0], ==, TENANT);
  g_assert_null (posture_history_record_lookup_control (record, "nope"));

  /* The tenant itself is not an environment. */
  resources = posture_history_record_get_resources (record);
  g_assert_cmpuint (g_strv_length ((GStrv) resources), ==, 3);
  g_assert_cmpstr (resources[0], ==, "env-a");
  g_assert_cmpstr (resources[2], ==, "env-c");
}

static void
test_history_record_round_trip (void)
{
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-2.json");
  g_autoptr(PostureHistoryRecord) again = NULL;
  g_autoptr(JsonNode) node = posture_history_record_to_json (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  again = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  a = record_text (record);
  b = record_text (again);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpfloat_with_epsilon (posture_history_record_get_percent (again), 63.64, 1e-9);
}

static void
test_history_record_invalid (void)
{
  const char *bad[] = {
    "[]",
    "{}",
    "{\"assessed_at\":\"yesterday\",\"earned\":1,\"possible\":2}",
    "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"earned\":-1,\"possible\":2}",
    "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"earned\":1,\"possible\":\"x\"}",
    "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"earned\":1,\"possible\":2,\"controls\":[3]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = posture_json_parse (bad[i], strlen (bad[i]), 16, NULL);
      g_autoptr(GError) error = NULL;
      PostureHistoryRecord *record = posture_history_record_new_from_json (node, &error);

      g_assert_null (record);
      g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
    }

  /* Unknown statuses and a percent with no possible points are made safe. */
  {
    const char *odd = "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"earned\":0,\"possible\":0,"
                      "\"percent\":55,\"controls\":[{\"id\":\"x\",\"status\":\"zzz\",\"earned\":0,"
                      "\"possible\":0}]}";
    g_autoptr(JsonNode) node = posture_json_parse (odd, strlen (odd), 16, NULL);
    g_autoptr(PostureHistoryRecord) record = posture_history_record_new_from_json (node, NULL);

    g_assert_nonnull (record);
    g_assert_cmpfloat (posture_history_record_get_percent (record), <, 0);
    g_assert_cmpint (posture_history_record_get_level (record), ==, POSTURE_LEVEL_UNKNOWN);
    g_assert_cmpstr (posture_history_record_get_control (record, 0)->status, ==, "unknown");
    g_assert_cmpuint (g_strv_length (posture_history_record_get_control (record, 0)->failing), ==,
                      0);
  }
}

/* ---- The store ---------------------------------------------------------------------- */

typedef struct
{
  PostureHistory *history;
  GDateTime      *now;
  char           *path;
  guint           n_recovered;
} Fixture;

static void
recovered_cb (PostureStateStore *store,
              const GError      *error,
              Fixture           *fixture)
{
  fixture->n_recovered++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->history = posture_history_new (TENANT);
  fixture->now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  posture_state_store_set_now (POSTURE_STATE_STORE (fixture->history), fixture->now);
  fixture->path = posture_history_dup_path (fixture->history);
  g_signal_connect (fixture->history, "recovered", G_CALLBACK (recovered_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  state_test_wait_released (fixture->history);
  g_assert_finalize_object (fixture->history);
  g_date_time_unref (fixture->now);
  g_free (fixture->path);
}

static void
write_file (Fixture    *fixture,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
}

static void
append_ok (PostureHistory       *history,
           PostureHistoryRecord *record)
{
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_history_append (history, record, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
}

/* Another instance (another process) reading the same file. */
static PostureHistory *
reread (Fixture *fixture)
{
  PostureHistory *other = posture_history_new (TENANT);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_history_load (other, NULL, &error));
  g_assert_no_error (error);
  return other;
}

static PostureHistoryRecord *
record_at_index (PostureHistory *history,
                 guint           index)
{
  PostureHistoryRecord *record = g_list_model_get_item (G_LIST_MODEL (history), index);

  g_assert_nonnull (record);
  g_object_unref (record);   /* the history keeps it */
  return record;
}

static PostureHistoryRecord *
reading_of (const char *text,
            GDateTime  *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = posture_json_parse (text, strlen (text), 64, &error);
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;

  g_assert_no_error (error);
  snapshot = posture_snapshot_new_from_json (root, "fixture", &error);
  g_assert_no_error (error);
  options.now = when;
  assessment = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  return posture_history_record_new_from_assessment (assessment);
}

/* A reading of the fixture tenant at @when, with tenant isolation on or off (never
 * configured) and nothing else different. */
static PostureHistoryRecord *
reading (gboolean    isolated,
         GDateTime  *when)
{
  g_autofree char *fixture_text = state_fixture_snapshot (6, 0);
  g_auto(GStrv) parts = g_strsplit (fixture_text, "\"tenant_isolation\":null", 2);
  g_autofree char *text = g_strjoinv (isolated ? "\"tenant_isolation\":{\"properties\":"
                                                 "{\"isDisabled\":false,\"allowedTenants\":[]}}"
                                               : "\"tenant_isolation\":null", parts);

  return reading_of (text, when);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_history_append_load (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(PostureHistory) other = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_assert_true (g_str_has_prefix (fixture->path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (fixture->path, "/posture/history/" TENANT ".json"));

  /* Nothing yet is not an error. */
  g_assert_true (posture_history_load (fixture->history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 0);
  g_assert_null (posture_history_get_latest (fixture->history));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->history)) ==
                 POSTURE_TYPE_HISTORY_RECORD);

  g_signal_connect (fixture->history, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Appended out of order: the model stays oldest first, each with its number. */
  append_ok (fixture->history, r2);
  append_ok (fixture->history, r1);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);
  g_assert_cmpfloat_with_epsilon (percent_of (posture_history_get_latest (fixture->history)),
                                  63.64, 1e-9);
  g_assert_cmpfloat_with_epsilon (percent_of (posture_history_get_previous (fixture->history)),
                                  40, 1e-9);
  g_assert_cmpuint (sequence_of (posture_history_get_latest (fixture->history)), ==, 1);
  g_assert_cmpuint (sequence_of (posture_history_get_previous (fixture->history)), ==, 2);
  g_assert_cmpuint (posture_history_record_get_sequence (r1), ==, 0);

  /* The same reading recorded again (an import repeated) is kept once. */
  append_ok (fixture->history, r2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);

  other = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  g_assert_true (posture_history_record_same_reading (record_at_index (other, 0), r1));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (other), 2));
  g_assert_cmpuint (fixture->n_recovered, ==, 0);
}

/* Issue 15: two readings within the same second keep two records, and "what changed"
 * compares a reading with the one before it. Before, the second one was merged away. */
static void
test_history_same_second (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 28, 9, 30, 5.25);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 28, 9, 30, 5.75);
  g_autoptr(PostureHistoryRecord) a = reading (FALSE, t1);
  g_autoptr(PostureHistoryRecord) b = reading (FALSE, t2);
  g_autoptr(PostureHistory) other = NULL;
  g_autofree char *when = NULL;

  append_ok (fixture->history, a);
  append_ok (fixture->history, b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);

  other = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  g_assert_cmpuint (sequence_of (record_at_index (other, 0)), ==, 1);
  g_assert_cmpuint (sequence_of (record_at_index (other, 1)), ==, 2);
  when = g_date_time_format_iso8601 (
    posture_history_record_get_assessed_at (record_at_index (other, 1)));
  g_assert_cmpstr (when, ==, "2026-11-28T09:30:05.750000Z");
}

/* A fix and its verifying re-read, within one second: the latest reading compared with
 * the one before it shows the fix, through the store. */
static void
test_history_fix_then_reread (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) t0 = g_date_time_new_utc (2026, 11, 28, 9, 0, 0);
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 28, 9, 30, 5.1);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 28, 9, 30, 5.9);
  g_autoptr(PostureHistoryRecord) earlier = reading (TRUE, t0);
  g_autoptr(PostureHistoryRecord) before_fix = reading (FALSE, t1);
  g_autoptr(PostureHistoryRecord) after_fix = reading (TRUE, t2);
  g_autoptr(PostureDiff) diff = NULL;
  g_autoptr(PostureHistory) other = NULL;
  gboolean found = FALSE;

  append_ok (fixture->history, earlier);
  append_ok (fixture->history, before_fix);
  g_assert_true (posture_history_latest_regressed (fixture->history, &diff));
  g_clear_object (&diff);

  append_ok (fixture->history, after_fix);
  other = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
  g_assert_false (posture_history_latest_regressed (other, &diff));
  g_assert_nonnull (diff);
  g_assert_true (posture_history_record_same_reading (posture_diff_get_older (diff), before_fix));
  g_assert_true (posture_history_record_same_reading (posture_diff_get_newer (diff), after_fix));
  g_assert_cmpuint (posture_diff_get_n_improved (diff), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
    {
      g_autoptr(PostureDiffEntry) entry = g_list_model_get_item (G_LIST_MODEL (diff), i);

      if (posture_diff_entry_get_kind (entry) == POSTURE_DIFF_CONTROL_IMPROVED &&
          g_strcmp0 (posture_diff_entry_get_control_id (entry), "tenant-isolation") == 0)
        found = TRUE;
    }
  g_assert_true (found);
}

/* What changed names environments by their display names, kept with each record. */
static void
test_history_resource_names (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 28, 9, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 28, 9, 0, 1);
  g_autofree char *six = state_fixture_snapshot (6, 0);
  g_autofree char *four = state_fixture_snapshot (4, 1);
  g_autoptr(PostureHistoryRecord) a = reading_of (six, t1);
  g_autoptr(PostureHistoryRecord) b = reading_of (four, t2);
  g_autoptr(PostureHistory) other = NULL;
  g_autoptr(PostureDiff) diff = NULL;
  PostureHistoryRecord *stored;
  guint n_named = 0;

  append_ok (fixture->history, a);
  append_ok (fixture->history, b);
  other = reread (fixture);
  stored = posture_history_get_latest (other);
  g_assert_cmpstr (posture_history_record_get_resource_name (stored,
                                                            "00000002-0000-4000-8000-000000000002"),
                   ==, "Environment 2");
  /* Environments that went away keep the name of the reading that had them. */
  g_assert_null (posture_history_record_get_resource_name (stored, "nope"));

  diff = posture_diff_new (posture_history_get_previous (other), stored);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diff)); i++)
    {
      g_autoptr(PostureDiffEntry) entry = g_list_model_get_item (G_LIST_MODEL (diff), i);
      const char *id = posture_diff_entry_get_resource_id (entry);

      if (id != NULL && g_str_has_prefix (id, "0000000"))
        {
          g_assert_true (g_str_has_prefix (posture_diff_entry_get_resource_name (entry),
                                           "Environment "));
          n_named++;
        }
    }
  g_assert_cmpuint (n_named, >, 0);
}

/* A history written by the current release (format 1: whole seconds, no sequence)
 * loads, numbered in order, and the next append stores format 2 keeping them. */
static void
test_history_migrates_format_1 (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "data", "state",
                                                         "history-v1.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PostureHistory) other = NULL;
  g_autoptr(PostureHistoryRecord) r = record_at ("2026-11-08T10:00:00.5Z", 70, 7, 10);
  g_autoptr(PostureDiff) diff = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (fixture_path, &contents, &length, NULL));
  write_file (fixture, contents, length);

  g_assert_true (posture_history_load (fixture->history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);
  g_assert_cmpuint (sequence_of (record_at_index (fixture->history, 0)), ==, 1);
  g_assert_cmpuint (sequence_of (record_at_index (fixture->history, 1)), ==, 2);
  g_assert_cmpfloat (percent_of (posture_history_get_latest (fixture->history)), ==, 63.64);
  g_assert_false (posture_history_latest_regressed (fixture->history, &diff));
  g_assert_cmpuint (posture_diff_get_n_improved (diff), ==, 2);

  /* A reading half a second after the last one of the old file is a third record. */
  append_ok (fixture->history, r);
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_true (g_str_has_prefix (after, "{\"posture_history\":2,"));
  other = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
  g_assert_cmpuint (sequence_of (posture_history_get_latest (other)), ==, 3);
  g_assert_cmpuint (sequence_of (record_at_index (other, 0)), ==, 1);
}

/* The latest reading against the one before it, for the app's notification. */
static void
test_history_latest_regressed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(PostureDiff) diff = NULL;

  g_assert_false (posture_history_latest_regressed (fixture->history, &diff));
  g_assert_null (diff);

  append_ok (fixture->history, r1);
  g_assert_false (posture_history_latest_regressed (fixture->history, &diff));
  g_assert_null (diff);

  append_ok (fixture->history, r2);
  g_assert_true (posture_history_latest_regressed (fixture->history, &diff));
  g_assert_nonnull (diff);
  g_assert_true (posture_diff_get_newer (diff) == posture_history_get_latest (fixture->history));
  g_assert_true (posture_history_latest_regressed (fixture->history, NULL));
}

static void
test_history_retention (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) r_old = record_at ("2026-08-20T10:00:00Z", 10, 1, 10);
  g_autoptr(PostureHistoryRecord) r_recent = record_at ("2026-11-18T10:00:00Z", 20, 2, 10);
  g_autoptr(PostureHistoryRecord) r_now = record_at ("2026-11-28T10:00:00Z", 30, 3, 10);
  g_autoptr(PostureHistoryRecord) r_import = record_at ("2026-08-20T10:00:00Z", 11, 1, 10);
  guint days = 99;

  /* 0 keeps everything. */
  g_assert_cmpuint (posture_history_get_retention_days (fixture->history), ==, 0);
  append_ok (fixture->history, r_old);
  append_ok (fixture->history, r_recent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);

  /* 30 days by the store's clock (2026-11-28) drops the reading of August. */
  posture_history_set_retention_days (fixture->history, 30);
  g_object_get (fixture->history, "retention-days", &days, NULL);
  g_assert_cmpuint (days, ==, 30);
  append_ok (fixture->history, r_now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);
  g_assert_cmpfloat (percent_of (posture_history_get_previous (fixture->history)), ==, 20);

  /* A record older than the retention that is being added is still kept (an import). */
  append_ok (fixture->history, r_import);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 3);
}

static void
check_damaged_history (Fixture    *fixture,
                       const char *contents,
                       gssize      length,
                       int         code)
{
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  write_file (fixture, contents, length);

  g_assert_true (posture_history_load (fixture->history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, code);
  g_assert_nonnull (strstr (recovered->message, "moved to"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 0);
  g_clear_error (&recovered);

  /* Reported once; then it keeps working. */
  g_assert_true (posture_history_load (fixture->history, &recovered, &error));
  g_assert_no_error (recovered);
  append_ok (fixture->history, record);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 1);
}

static void
test_history_corrupt (Fixture       *fixture,
                      gconstpointer  data)
{
  check_damaged_history (fixture, "{\"posture_history\": 1, \"records\": [", -1,
                         POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *contents = NULL;
  gsize length = 0;

  append_ok (fixture->history, record);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  check_damaged_history (fixture, contents, length * 2 / 3, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  check_damaged_history (fixture, "", 0, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_newer (Fixture       *fixture,
                    gconstpointer  data)
{
  check_damaged_history (fixture, "{\"posture_history\": 3, \"records\": []}", -1,
                         POSTURE_STORE_ERROR_NEWER_VERSION);
}

/* Issue 17: one bad record among good ones is moved to a side file and reported, and
 * the next append keeps the good ones. Before, it was dropped silently by that append. */
static void
test_history_damaged_record (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *side = g_strconcat (fixture->path, ".damaged-20261128T100000Z", NULL);
  g_autoptr(PostureHistoryRecord) record = record_at ("2026-11-03T10:00:00Z", 55, 11, 20);
  g_autoptr(PostureHistory) other = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *doc = "{\"posture_history\":2,\"records\":["
                    "{\"sequence\":1,\"assessed_at\":\"2026-11-01T10:00:00Z\",\"percent\":50,"
                    "\"earned\":5,\"possible\":10},"
                    "{\"sequence\":2,\"assessed_at\":\"garbage\"},"
                    "\"not a record\","
                    "{\"sequence\":3,\"assessed_at\":\"2026-11-02T10:00:00Z\",\"percent\":60,"
                    "\"earned\":6,\"possible\":10},"
                    "{\"sequence\":3,\"assessed_at\":\"2026-11-02T11:00:00Z\",\"percent\":61,"
                    "\"earned\":6,\"possible\":10}]}";

  write_file (fixture, doc, -1);

  g_assert_true (posture_history_load (fixture->history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "3 damaged entries"));
  g_assert_nonnull (strstr (recovered->message, side));
  g_assert_cmpuint (fixture->n_recovered, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 2);

  g_assert_true (g_file_get_contents (side, &kept, NULL, NULL));
  g_assert_nonnull (strstr (kept, "garbage"));
  g_assert_nonnull (strstr (kept, "not a record"));
  g_assert_nonnull (strstr (kept, "2026-11-02T11:00:00Z"));

  append_ok (fixture->history, record);
  other = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
  g_assert_cmpuint (sequence_of (posture_history_get_latest (other)), ==, 4);
}

static void
test_history_unwritable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autoptr(GError) error = NULL;

  /* A file where the history folder should be: the append fails with a clear error. */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
  g_assert_false (posture_history_append (fixture->history, record, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 0);
  g_test_message ("%s", error->message);
}

static void
test_history_formats (Fixture       *fixture,
                      gconstpointer  data)
{
  PostureHistory *history = fixture->history;
  g_autoptr(PostureHistory) copy = NULL;
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;
  PostureHistoryFormat format;

  g_assert_true (posture_history_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, POSTURE_HISTORY_FORMAT_CSV);
  g_assert_false (posture_history_format_from_string ("xml", &format));

  empty_text = posture_history_format (history, POSTURE_HISTORY_FORMAT_TEXT);
  g_assert_nonnull (strstr (empty_text, "No assessment"));

  append_ok (history, r1);
  append_ok (history, r2);

  /* JSON is the file format: written to a history file, it reads back the same. */
  json = posture_history_format (history, POSTURE_HISTORY_FORMAT_JSON);
  copy = posture_history_new ("formats-copy");
  {
    g_autofree char *path = posture_history_dup_path (copy);

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
  }
  g_assert_true (posture_history_load (copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (copy)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PostureHistoryRecord) a = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autoptr(PostureHistoryRecord) b = g_list_model_get_item (G_LIST_MODEL (copy), i);
      g_autofree char *ta = record_text (a);
      g_autofree char *tb = record_text (b);

      g_assert_cmpstr (ta, ==, tb);
    }

  /* CSV: a header, then one row per record with the controls' statuses. */
  csv = posture_history_format (history, POSTURE_HISTORY_FORMAT_CSV);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpstr (header[0], ==, "assessed_at");
  g_assert_cmpstr (header[2], ==, "percent");
  g_assert_cmpstr (header[6], ==, "tenant-isolation");
  g_assert_cmpuint (g_strv_length (header), ==, 6 + 6);
  row = g_strsplit (lines[2], ",", -1);
  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
  g_assert_cmpstr (row[0], ==, "2026-11-08T10:00:00Z");
  g_assert_cmpstr (row[1], ==, "all");
  g_assert_cmpstr (row[2], ==, "63.64");
  g_assert_cmpstr (row[3], ==, "medium");
  g_assert_cmpstr (row[4], ==, "7");
  g_assert_cmpstr (row[5], ==, "11");
  g_assert_cmpstr (row[6], ==, "pass");
  for (guint k = 6; header[k]; k++)
    if (g_str_equal (header[k], "virtual-network"))
      g_assert_cmpstr (row[k], ==, "");  /* not assessed in the second record */

  text = posture_history_format (history, POSTURE_HISTORY_FORMAT_TEXT);
  g_assert_nonnull (strstr (text, "2026-11-01 10:00:00"));
  g_assert_nonnull (strstr (text, "63.64%"));
  g_assert_nonnull (strstr (text, "7/11"));
}

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    calls;
  GError  *error;
  GError  *recovered;
} AsyncState;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_history_load_finish (POSTURE_HISTORY (object), result,
                                           &state->recovered, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
append_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_history_append_finish (POSTURE_HISTORY (object), result, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
test_history_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PostureHistory) other = posture_history_new (TENANT);
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  AsyncState state = { 0 };

  posture_history_append_async (fixture->history, r1, NULL, append_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 1);

  memset (&state, 0, sizeof state);
  posture_history_load_async (other, NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_no_error (state.recovered);
  g_assert_true (state.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  state_test_wait_released (other);
}

static void
test_history_async_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  g_cancellable_cancel (cancellable);
  posture_history_append_async (fixture->history, r1, cancellable, append_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (state.ok);
  g_assert_cmpuint (state.calls, ==, 1);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  posture_history_load_async (fixture->history, cancellable, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);
}

/* The app and posture-cli appending at once keep every record. */
static void
test_history_concurrent (Fixture       *fixture,
                         gconstpointer  data)
{
  const guint per_writer = 25;
  g_autoptr(PostureHistory) history = NULL;
  g_autoptr(GHashTable) sequences = g_hash_table_new (NULL, NULL);
  pid_t pids[2];

  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          g_autoptr(PostureHistory) writer = posture_history_new (TENANT);

          for (guint i = 0; i < per_writer; i++)
            {
              g_autofree char *when = g_strdup_printf ("2026-0%u-%02uT10:00:00Z", w + 1, i + 1);
              g_autoptr(PostureHistoryRecord) record = record_at (when, i, i, 100);

              if (!posture_history_append (writer, record, NULL, NULL))
                _exit (10);
            }
          _exit (0);
        }
    }

  for (guint w = 0; w < 2; w++)
    state_test_assert_exited_ok (pids[w]);

  /* Every reading kept, each with a number of its own. */
  history = reread (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2 * per_writer);
  for (guint i = 0; i < 2 * per_writer; i++)
    g_hash_table_add (sequences, GSIZE_TO_POINTER (sequence_of (record_at_index (history, i))));
  g_assert_cmpuint (g_hash_table_size (sequences), ==, 2 * per_writer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/state/history/record-from-assessment",
                   test_history_record_from_assessment);
  g_test_add_func ("/posture/state/history/record-round-trip", test_history_record_round_trip);
  g_test_add_func ("/posture/state/history/record-invalid", test_history_record_invalid);

#define ADD(name, func) \
  g_test_add ("/posture/state/history/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("append-load", test_history_append_load);
  ADD ("same-second", test_history_same_second);
  ADD ("fix-then-reread", test_history_fix_then_reread);
  ADD ("resource-names", test_history_resource_names);
  ADD ("migrates-format-1", test_history_migrates_format_1);
  ADD ("latest-regressed", test_history_latest_regressed);
  ADD ("retention", test_history_retention);
  ADD ("corrupt", test_history_corrupt);
  ADD ("truncated", test_history_truncated);
  ADD ("empty", test_history_empty);
  ADD ("newer", test_history_newer);
  ADD ("damaged-record", test_history_damaged_record);
  ADD ("unwritable", test_history_unwritable);
  ADD ("formats", test_history_formats);
  ADD ("async", test_history_async);
  ADD ("async-cancel", test_history_async_cancel);
  ADD ("concurrent", test_history_concurrent);

#undef ADD

  return g_test_run ();
}
