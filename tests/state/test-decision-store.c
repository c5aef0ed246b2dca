/* test-decision-store.c: decisions and notes per tenant, with their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-decision-store.h"
#include "posture-state-store.h"
#include "posture-error.h"
#include "posture-json.h"
#include "state-test.h"

#define TENANT "contoso.onmicrosoft.com"

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
decide_ok (PostureDecisionStore  *store,
           const char            *control,
           const char            *resource,
           PostureDecisionStatus  status,
           const char            *note,
           const char            *when)
{
  g_autoptr(GDateTime) time = when ? at (when) : NULL;
  g_autoptr(GError) error = NULL;
  PostureDecisionRequest request = { 0 };

  request.control_id = control;
  request.resource_id = resource;
  request.status = status;
  request.note = note;
  request.author = "Ada";
  request.when = time;
  g_assert_true (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  PostureDecisionStore *store;
  PostureDecisionStore *other;     /* the same tenant, as another process */
  char                 *path;
  GDateTime            *now;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  fixture->store = posture_decision_store_new (TENANT);
  fixture->other = posture_decision_store_new (TENANT);
  posture_state_store_set_now (POSTURE_STATE_STORE (fixture->store), fixture->now);
  posture_state_store_set_now (POSTURE_STATE_STORE (fixture->other), fixture->now);
  fixture->path = posture_decision_store_dup_path (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  state_test_wait_released (fixture->store);
  state_test_wait_released (fixture->other);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->other);
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
test_decision_store_decide (Fixture       *fixture,
                            gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  PostureDecisionStore *other = fixture->other;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = posture_decision_store_dup_path (store);
  g_autoptr(GDateTime) due = posture_decision_store_parse_date ("2026-12-31");
  PostureDecisionRequest request = { 0 };
  PostureDecision *decision;
  GPtrArray *history;
  const PostureDecisionChange *change;

  g_assert_true (g_str_has_suffix (path, "/posture/decisions/" TENANT ".json"));
  g_assert_true (posture_decision_store_load (store, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (posture_decision_store_lookup (store, "auditing", NULL));

  request.control_id = "auditing";
  request.status = POSTURE_DECISION_PLANNED;
  request.note = "Turn it on after the audit window";
  request.author = "Ada";
  request.owner = "Grace";
  request.due = due;
  g_assert_true (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_no_error (error);

  decide_ok (store, "auditing", NULL, POSTURE_DECISION_RISK_ACCEPTED, "Accepted by the CISO",
             "2026-11-20T09:00:00Z");

  /* Another process reads the same decision with its whole history. */
  g_assert_true (posture_decision_store_load (other, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  decision = posture_decision_store_lookup (other, "auditing", NULL);
  g_assert_nonnull (decision);
  g_assert_cmpint (posture_decision_get_status (decision), ==, POSTURE_DECISION_RISK_ACCEPTED);
  g_assert_cmpstr (posture_decision_get_note (decision), ==, "Accepted by the CISO");
  g_assert_cmpstr (posture_decision_get_author (decision), ==, "Ada");
  /* Owner and due were kept, as the second change did not set them. */
  g_assert_cmpstr (posture_decision_get_owner (decision), ==, "Grace");
  g_assert_true (g_date_time_equal (posture_decision_get_due (decision), due));
  {
    g_autofree char *when = g_date_time_format_iso8601 (posture_decision_get_updated_at (decision));

    g_assert_cmpstr (when, ==, "2026-11-20T09:00:00Z");
  }

  history = posture_decision_get_history (decision);
  g_assert_cmpuint (history->len, ==, 2);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpint (change->from, ==, POSTURE_DECISION_TO_ADDRESS);
  g_assert_cmpint (change->to, ==, POSTURE_DECISION_PLANNED);
  g_assert_cmpstr (change->note, ==, "Turn it on after the audit window");
  g_assert_cmpstr (change->author, ==, "Ada");
  change = g_ptr_array_index (history, 1);
  g_assert_cmpint (change->from, ==, POSTURE_DECISION_PLANNED);
  g_assert_cmpint (change->to, ==, POSTURE_DECISION_RISK_ACCEPTED);

  /* Clearing the owner and the due date. */
  memset (&request, 0, sizeof request);
  request.control_id = "auditing";
  request.status = POSTURE_DECISION_TO_ADDRESS;
  request.owner = "";
  request.clear_due = TRUE;
  g_assert_true (posture_decision_store_decide (other, &request, NULL, &error));
  decision = posture_decision_store_lookup (other, "auditing", NULL);
  g_assert_null (posture_decision_get_owner (decision));
  g_assert_null (posture_decision_get_due (decision));
  g_assert_null (posture_decision_get_note (decision));
  g_assert_cmpuint (posture_decision_get_history (decision)->len, ==, 3);
}

static void
test_decision_store_immutable (Fixture       *fixture,
                               gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  g_autoptr(PostureDecision) before = NULL;

  decide_ok (store, "ip-firewall", NULL, POSTURE_DECISION_PLANNED, "first", NULL);
  before = g_object_ref (posture_decision_store_lookup (store, "ip-firewall", NULL));
  decide_ok (store, "ip-firewall", NULL, POSTURE_DECISION_THIRD_PARTY, "second", NULL);

  /* The object handed out earlier (maybe to an engine thread) did not change. */
  g_assert_cmpint (posture_decision_get_status (before), ==, POSTURE_DECISION_PLANNED);
  g_assert_cmpuint (posture_decision_get_history (before)->len, ==, 1);
  g_assert_true (posture_decision_store_lookup (store, "ip-firewall", NULL) != before);
  g_assert_cmpint (posture_decision_get_status (
                       posture_decision_store_lookup (store, "ip-firewall", NULL)),
                   ==, POSTURE_DECISION_THIRD_PARTY);
}

static void
test_decision_store_resources (Fixture       *fixture,
                               gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(PostureDecision) first = NULL;
  PostureDecision *d;

  decide_ok (store, "auditing", "env-b", POSTURE_DECISION_ALTERNATE_MITIGATION, "SIEM covers it",
             NULL);
  decide_ok (store, "auditing", NULL, POSTURE_DECISION_PLANNED, NULL, NULL);
  decide_ok (store, "auditing", "env-a", POSTURE_DECISION_RISK_ACCEPTED, NULL, NULL);
  decide_ok (store, "auditing", "", POSTURE_DECISION_PLANNED, "empty resource = control", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_null (posture_decision_get_resource_id (first));
  g_assert_cmpuint (posture_decision_get_history (first)->len, ==, 2);

  d = posture_decision_store_lookup (store, "auditing", "env-b");
  g_assert_nonnull (d);
  g_assert_cmpstr (posture_decision_get_resource_id (d), ==, "env-b");
  g_assert_cmpint (posture_decision_get_status (d), ==, POSTURE_DECISION_ALTERNATE_MITIGATION);
  g_assert_null (posture_decision_store_lookup (store, "auditing", "env-z"));

  table = posture_decision_store_dup_table (store);
  g_assert_cmpuint (g_hash_table_size (table), ==, 3);
  g_assert_true (g_hash_table_lookup (table, "auditing") == first);
  g_assert_true (g_hash_table_lookup (table, "auditing/env-b") == d);
  g_assert_nonnull (g_hash_table_lookup (table, "auditing/env-a"));
}

static void
test_decision_store_round_trip (Fixture       *fixture,
                                gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  PostureDecisionStore *again = fixture->other;
  const char *path = fixture->path;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostile =
      "Quotes \" and \\ backslashes,\nnew lines, tabs\t, émoji 🔒, </script>, \u2028";

  decide_ok (store, "tenant-isolation", NULL, POSTURE_DECISION_PLANNED, hostile,
             "2026-11-01T08:00:00Z");
  decide_ok (store, "auditing", "env-a", POSTURE_DECISION_THIRD_PARTY, NULL,
             "2026-11-02T08:00:00Z");
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  g_assert_true (posture_decision_store_load (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (posture_decision_get_note (
                       posture_decision_store_lookup (again, "tenant-isolation", NULL)),
                   ==, hostile);

  /* Saving what was loaded gives the same file, byte for byte, plus the new change. */
  decide_ok (again, "zzz-last", NULL, POSTURE_DECISION_PLANNED, NULL, "2026-11-03T08:00:00Z");
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  {
    g_autoptr(JsonNode) a = posture_json_parse (first, strlen (first), 64, NULL);
    g_autoptr(JsonNode) b = posture_json_parse (second, strlen (second), 64, NULL);
    JsonArray *da = posture_json_get_array (json_node_get_object (a), "decisions");
    JsonArray *db = posture_json_get_array (json_node_get_object (b), "decisions");

    g_assert_cmpuint (json_array_get_length (db), ==, json_array_get_length (da) + 1);
    for (guint i = 0; i < json_array_get_length (da); i++)
      g_assert_true (
          json_node_equal (json_array_get_element (da, i), json_array_get_element (db, i)));
  }
}

static void
check_damaged (Fixture    *fixture,
               const char *contents,
               gssize      length,
               int         code)
{
  PostureDecisionStore *store = fixture->store;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  write_file (fixture, contents, length);
  g_assert_true (posture_decision_store_load (store, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, code);
  g_clear_error (&recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  decide_ok (store, "auditing", NULL, POSTURE_DECISION_PLANNED, NULL, NULL);
  g_assert_true (posture_decision_store_load (store, &recovered, &error));
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_decision_store_corrupt (Fixture       *fixture,
                             gconstpointer  data)
{
  check_damaged (fixture, "{\"posture_decisions\":1,\"decisions\":[{", -1,
                 POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_decision_store_truncated (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  decide_ok (fixture->other, "auditing", NULL, POSTURE_DECISION_PLANNED, "a note", NULL);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  check_damaged (fixture, contents, length - 5, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_decision_store_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  check_damaged (fixture, "", 0, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_decision_store_newer (Fixture       *fixture,
                           gconstpointer  data)
{
  check_damaged (fixture, "{\"posture_decisions\":7,\"decisions\":[]}", -1,
                 POSTURE_STORE_ERROR_NEWER_VERSION);
}

static void
test_decision_store_damaged_entries (Fixture       *fixture,
                                     gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  g_autofree char *side = g_strconcat (fixture->path, ".damaged-20261128T100000Z", NULL);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  const char *doc = "{\"posture_decisions\":1,\"decisions\":["
    "{\"control\":\"a\",\"status\":\"planned\",\"history\":[{\"when\":\"bad\"},"
      "{\"when\":\"2026-11-01T00:00:00Z\",\"from\":\"to-address\",\"to\":\"planned\"}]},"
    "{\"control\":\"b\",\"status\":\"maybe\"},"
    "{\"status\":\"planned\"},"
    "42,"
    "{\"control\":\"a\",\"status\":\"third-party\"},"
    "{\"control\":\"c\",\"status\":\"third-party\",\"due\":\"2026-02-30\"}]}";

  write_file (fixture, doc, -1);
  g_assert_true (posture_decision_store_load (store, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  /* Moved to a side file (not dropped by the next decision), reported. */
  g_assert_nonnull (strstr (recovered->message, "4 damaged entries"));
  g_assert_nonnull (strstr (recovered->message, side));
  g_assert_true (g_file_test (side, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (posture_decision_get_history (posture_decision_store_lookup (store, "a", NULL))
                        ->len,
                    ==, 1);
  g_assert_cmpint (posture_decision_get_status (posture_decision_store_lookup (store, "a", NULL)),
                   ==, POSTURE_DECISION_PLANNED);
  g_assert_null (posture_decision_get_due (posture_decision_store_lookup (store, "c", NULL)));
}

static void
test_decision_store_invalid (Fixture       *fixture,
                             gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  g_autofree char *long_note = g_strnfill (POSTURE_DECISION_NOTE_MAX + 1, 'x');
  PostureDecisionRequest request = { 0 };
  g_autoptr(GError) error = NULL;

  request.control_id = "";
  g_assert_false (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  request.control_id = "auditing";
  request.note = long_note;
  g_assert_false (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  request.note = "bad \xff utf-8";
  g_assert_false (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  request.note = NULL;
  request.status = 42;
  g_assert_false (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  {
    const char *bad[] = { "2026-13-01", "2026-02-29", "26-01-01", "2026-1-01", " 2026-01-01",
                          "2026-01-01x", "+026-01-01", "", "0000-01-01" };
    g_autoptr(GDateTime) good = posture_decision_store_parse_date ("2028-02-29");

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      g_assert_null (posture_decision_store_parse_date (bad[i]));
    g_assert_nonnull (good);
    g_assert_cmpint (g_date_time_get_day_of_month (good), ==, 29);
  }
}

static void
test_decision_store_unwritable (Fixture       *fixture,
                                gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *parent = g_path_get_dirname (dir);
  PostureDecisionRequest request = { .control_id = "auditing", .status = POSTURE_DECISION_PLANNED };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "a file, not a folder", -1, NULL));
  g_assert_false (posture_decision_store_decide (store, &request, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* The app and the CLI deciding at once lose nothing. */
static void
test_decision_store_concurrent (Fixture       *fixture,
                                gconstpointer  data)
{
  const guint rounds = 15;
  pid_t pids[2];

  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          g_autoptr(PostureDecisionStore) store = posture_decision_store_new (TENANT);

          for (guint i = 0; i < rounds; i++)
            {
              PostureDecisionRequest request = { 0 };
              g_autofree char *control = g_strdup_printf ("control-%u", w);

              request.control_id = i % 2 ? "common" : control;
              request.status = i % 2 ? POSTURE_DECISION_PLANNED : POSTURE_DECISION_RISK_ACCEPTED;
              request.author = w ? "cli" : "app";
              if (!posture_decision_store_decide (store, &request, NULL, NULL))
                _exit (10);
            }
          _exit (0);
        }
    }
  for (guint w = 0; w < 2; w++)
    state_test_assert_exited_ok (pids[w]);

  {
    g_autoptr(PostureDecisionStore) store = posture_decision_store_new (TENANT);
    guint n_common = rounds / 2 * 2;
    guint n_own = (rounds + 1) / 2;

    g_assert_true (posture_decision_store_load (store, NULL, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
    g_assert_cmpuint (posture_decision_get_history (
                          posture_decision_store_lookup (store, "common", NULL))
                          ->len,
                      ==, n_common);
    g_assert_cmpuint (posture_decision_get_history (
                          posture_decision_store_lookup (store, "control-0", NULL))
                          ->len,
                      ==, n_own);
    g_assert_cmpuint (posture_decision_get_history (
                          posture_decision_store_lookup (store, "control-1", NULL))
                          ->len,
                      ==, n_own);
  }
}

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    calls;
  GError  *error;
} AsyncState;

static void
decide_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok =
      posture_decision_store_decide_finish (POSTURE_DECISION_STORE (object), result, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_decision_store_load_finish (POSTURE_DECISION_STORE (object), result, NULL,
                                                  &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
test_decision_store_async (Fixture       *fixture,
                           gconstpointer  data)
{
  PostureDecisionStore *store = fixture->store;
  PostureDecisionStore *other = fixture->other;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  PostureDecisionRequest request = { .control_id = "auditing", .status = POSTURE_DECISION_PLANNED };
  AsyncState state = { 0 };

  posture_decision_store_decide_async (store, &request, NULL, decide_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_nonnull (posture_decision_store_lookup (store, "auditing", NULL));

  memset (&state, 0, sizeof state);
  posture_decision_store_load_async (other, NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);

  /* Cancelled before it starts: nothing is written, the callback runs once. */
  g_cancellable_cancel (cancelled);
  memset (&state, 0, sizeof state);
  request.control_id = "ip-firewall";
  posture_decision_store_decide_async (store, &request, cancelled, decide_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);
  g_assert_true (posture_decision_store_load (other, NULL, NULL));
  g_assert_null (posture_decision_store_lookup (other, "ip-firewall", NULL));

  memset (&state, 0, sizeof state);
  posture_decision_store_load_async (other, cancelled, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);
}

/* Without a time, a decision is stamped by the store's clock. */
static void
test_decision_store_clock (Fixture       *fixture,
                           gconstpointer  data)
{
  PostureDecision *decision;

  decide_ok (fixture->store, "auditing", NULL, POSTURE_DECISION_PLANNED, NULL, NULL);
  decision = posture_decision_store_lookup (fixture->store, "auditing", NULL);
  g_assert_true (g_date_time_equal (posture_decision_get_updated_at (decision), fixture->now));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/posture/state/decision-store/" name, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)

  ADD ("decide", test_decision_store_decide);
  ADD ("immutable", test_decision_store_immutable);
  ADD ("resources", test_decision_store_resources);
  ADD ("round-trip", test_decision_store_round_trip);
  ADD ("corrupt", test_decision_store_corrupt);
  ADD ("truncated", test_decision_store_truncated);
  ADD ("empty", test_decision_store_empty);
  ADD ("newer", test_decision_store_newer);
  ADD ("damaged-entries", test_decision_store_damaged_entries);
  ADD ("invalid", test_decision_store_invalid);
  ADD ("unwritable", test_decision_store_unwritable);
  ADD ("concurrent", test_decision_store_concurrent);
  ADD ("async", test_decision_store_async);
  ADD ("clock", test_decision_store_clock);

#undef ADD

  return g_test_run ();
}
