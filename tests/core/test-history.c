/* test-history.c: history records, the history file, retention, formats, damage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-state-file.h"

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

  text = g_strdup_printf ("{\"assessed_at\":\"%s\",\"profile\":\"all\",\"percent\":%s,"
                          "\"earned\":%u,\"possible\":%u,\"controls\":[{\"id\":\"auditing\","
                          "\"status\":\"partial\",\"earned\":%u,\"possible\":%u,\"failing\":[\"e1\"]}],"
                          "\"resources\":[\"e1\",\"e2\"]}",
                          when, g_ascii_dtostr (buf, sizeof buf, percent), earned, possible,
                          earned, possible);
  node = posture_json_parse (text, strlen (text), 16, &error);
  g_assert_no_error (error);
  record = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  return record;
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
                      "\"percent\":55,\"controls\":[{\"id\":\"x\",\"status\":\"zzz\",\"earned\":0,\"possible\":0}]}";
    g_autoptr(JsonNode) node = posture_json_parse (odd, strlen (odd), 16, NULL);
    g_autoptr(PostureHistoryRecord) record = posture_history_record_new_from_json (node, NULL);

    g_assert_nonnull (record);
    g_assert_cmpfloat (posture_history_record_get_percent (record), <, 0);
    g_assert_cmpint (posture_history_record_get_level (record), ==, POSTURE_LEVEL_UNKNOWN);
    g_assert_cmpstr (posture_history_record_get_control (record, 0)->status, ==, "unknown");
    g_assert_cmpuint (g_strv_length (posture_history_record_get_control (record, 0)->failing), ==, 0);
  }
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
test_history_append_load (void)
{
  g_autoptr(PostureHistory) history = posture_history_new (TENANT);
  g_autoptr(PostureHistory) other = posture_history_new (TENANT);
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *expected = NULL;
  guint changes = 0;

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/posture/history/" TENANT ".json"));

  /* Nothing yet is not an error. */
  g_assert_true (posture_history_load (history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_null (posture_history_get_latest (history));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (history)) == POSTURE_TYPE_HISTORY_RECORD);

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Appended out of order: the model stays oldest first. */
  g_assert_true (posture_history_append (history, r2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (posture_history_append (history, r1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_true (posture_history_get_latest (history) != r1);
  g_assert_cmpfloat_with_epsilon (posture_history_record_get_percent (posture_history_get_latest (history)), 63.64, 1e-9);
  g_assert_cmpfloat_with_epsilon (posture_history_record_get_percent (posture_history_get_previous (history)), 40, 1e-9);

  /* The same record again is not added twice. */
  g_assert_true (posture_history_append (history, r2, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);

  /* Another instance (another process) reads the same. */
  g_assert_true (posture_history_load (other, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  {
    g_autoptr(PostureHistoryRecord) first = g_list_model_get_item (G_LIST_MODEL (other), 0);
    g_autofree char *a = record_text (first);
    g_autofree char *b = record_text (r1);

    g_assert_cmpstr (a, ==, b);
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (other), 2));
}

static void
test_history_retention (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("retention");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_days (now, -100);
  g_autoptr(GDateTime) recent = g_date_time_add_days (now, -10);
  g_autofree char *old_text = g_date_time_format (old, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *recent_text = g_date_time_format (recent, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(PostureHistoryRecord) r_old = record_at (old_text, 10, 1, 10);
  g_autoptr(PostureHistoryRecord) r_recent = record_at (recent_text, 20, 2, 10);
  g_autoptr(PostureHistoryRecord) r_now = record_at (now_text, 30, 3, 10);
  g_autoptr(GError) error = NULL;
  guint days = 99;

  /* 0 keeps everything. */
  g_assert_cmpuint (posture_history_get_retention_days (history), ==, 0);
  g_assert_true (posture_history_append (history, r_old, NULL, &error));
  g_assert_true (posture_history_append (history, r_recent, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);

  posture_history_set_retention_days (history, 30);
  g_object_get (history, "retention-days", &days, NULL);
  g_assert_cmpuint (days, ==, 30);
  g_assert_true (posture_history_append (history, r_now, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_cmpfloat (posture_history_record_get_percent (posture_history_get_previous (history)), ==, 20);

  /* A record older than the retention that is being added is still kept (an import). */
  {
    g_autoptr(PostureHistoryRecord) r_old2 = record_at (old_text, 11, 1, 10);

    g_assert_true (posture_history_append (history, r_old2, NULL, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  }
}

static void
check_damaged_history (const char *contents,
                       gssize      length,
                       int         code)
{
  g_autoptr(PostureHistory) history = posture_history_new ("damaged");
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  g_assert_true (posture_history_load (history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, code);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_clear_error (&recovered);

  /* Reported once; then it keeps working. */
  g_assert_true (posture_history_load (history, &recovered, &error));
  g_assert_no_error (recovered);
  g_assert_true (posture_history_append (history, record, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
}

static void
test_history_corrupt (void)
{
  check_damaged_history ("{\"posture_history\": 1, \"records\": [", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_truncated (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("source");
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (posture_history_append (history, record, NULL, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  check_damaged_history (contents, length * 2 / 3, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_empty (void)
{
  check_damaged_history ("", 0, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_history_newer (void)
{
  check_damaged_history ("{\"posture_history\": 2, \"records\": []}", -1,
                         POSTURE_STORE_ERROR_NEWER_VERSION);
}

static void
test_history_damaged_record (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("one-bad");
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  const char *doc = "{\"posture_history\":1,\"records\":["
                    "{\"assessed_at\":\"2026-11-01T10:00:00Z\",\"percent\":50,\"earned\":5,\"possible\":10},"
                    "{\"assessed_at\":\"garbage\"},"
                    "\"not a record\","
                    "{\"assessed_at\":\"2026-11-02T10:00:00Z\",\"percent\":60,\"earned\":6,\"possible\":10}]}";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, doc, -1, NULL));

  g_assert_true (posture_history_load (history, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "2 damaged"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
}

static void
test_history_unwritable (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("blocked");
  g_autoptr(PostureHistoryRecord) record = record_from_fixture ("assessment-1.json");
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autoptr(GError) error = NULL;

  /* A file where the history folder should be: the append fails with a clear error. */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
  g_assert_false (posture_history_append (history, record, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_test_message ("%s", error->message);
}

static void
test_history_formats (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("formats");
  g_autoptr(PostureHistory) reread = NULL;
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

  g_assert_true (posture_history_append (history, r1, NULL, &error));
  g_assert_true (posture_history_append (history, r2, NULL, &error));
  g_assert_no_error (error);

  /* JSON is the file format: written to a history file, it reads back the same. */
  json = posture_history_format (history, POSTURE_HISTORY_FORMAT_JSON);
  reread = posture_history_new ("formats-copy");
  {
    g_autofree char *path = posture_history_dup_path (reread);

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
  }
  g_assert_true (posture_history_load (reread, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PostureHistoryRecord) a = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autoptr(PostureHistoryRecord) b = g_list_model_get_item (G_LIST_MODEL (reread), i);
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

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out");
  return G_SOURCE_REMOVE;
}

static void
wait_for (AsyncState *state)
{
  guint id = g_timeout_add_seconds (20, timeout_cb, NULL);

  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
test_history_async (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("async");
  g_autoptr(PostureHistory) other = posture_history_new ("async");
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  AsyncState state = { 0 };

  posture_history_append_async (history, r1, NULL, append_cb, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);

  memset (&state, 0, sizeof state);
  posture_history_load_async (other, NULL, load_cb, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_no_error (state.recovered);
  g_assert_true (state.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
}

static void
test_history_async_cancel (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("cancel");
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = posture_history_dup_path (history);
  AsyncState state = { 0 };

  g_cancellable_cancel (cancellable);
  posture_history_append_async (history, r1, cancellable, append_cb, &state);
  wait_for (&state);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (state.ok);
  g_assert_cmpuint (state.calls, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  posture_history_load_async (history, cancellable, load_cb, &state);
  wait_for (&state);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);
}

/* The app and posture-cli appending at once keep every record. */
static void
test_history_concurrent (void)
{
  const guint per_writer = 25;
  pid_t pids[2];

  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          g_autoptr(PostureHistory) history = posture_history_new ("shared");

          for (guint i = 0; i < per_writer; i++)
            {
              g_autofree char *when = g_strdup_printf ("2026-0%u-%02uT10:00:00Z", w + 1, i + 1);
              g_autoptr(PostureHistoryRecord) record = record_at (when, i, i, 100);

              if (!posture_history_append (history, record, NULL, NULL))
                _exit (10);
            }
          _exit (0);
        }
    }

  for (guint w = 0; w < 2; w++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[w], &status, 0), ==, pids[w]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  {
    g_autoptr(PostureHistory) history = posture_history_new ("shared");

    g_assert_true (posture_history_load (history, NULL, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2 * per_writer);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/history/record-from-assessment", test_history_record_from_assessment);
  g_test_add_func ("/posture/core/history/record-round-trip", test_history_record_round_trip);
  g_test_add_func ("/posture/core/history/record-invalid", test_history_record_invalid);
  g_test_add_func ("/posture/core/history/append-load", test_history_append_load);
  g_test_add_func ("/posture/core/history/retention", test_history_retention);
  g_test_add_func ("/posture/core/history/corrupt", test_history_corrupt);
  g_test_add_func ("/posture/core/history/truncated", test_history_truncated);
  g_test_add_func ("/posture/core/history/empty", test_history_empty);
  g_test_add_func ("/posture/core/history/newer", test_history_newer);
  g_test_add_func ("/posture/core/history/damaged-record", test_history_damaged_record);
  g_test_add_func ("/posture/core/history/unwritable", test_history_unwritable);
  g_test_add_func ("/posture/core/history/formats", test_history_formats);
  g_test_add_func ("/posture/core/history/async", test_history_async);
  g_test_add_func ("/posture/core/history/async-cancel", test_history_async_cancel);
  g_test_add_func ("/posture/core/history/concurrent", test_history_concurrent);

  return g_test_run ();
}
