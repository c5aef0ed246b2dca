/* test-pending-store.c: fixes still being carried out, kept for the next reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-fix-private.h"
#include "posture-pending-store.h"
#include "state-test.h"

#define TENANT "contoso.onmicrosoft.com"
#define OPERATIONS "https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/"
#define URL_A  OPERATIONS "lifecycleOperations/a?api-version=2021-04-01"
#define URL_B  OPERATIONS "lifecycleOperations/b?api-version=2021-04-01"

typedef struct
{
  PosturePendingStore *store;
  char                *path;
  GDateTime           *now;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->store = posture_pending_store_new (TENANT);
  fixture->now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  posture_state_store_set_now (POSTURE_STATE_STORE (fixture->store), fixture->now);
  fixture->path = g_strdup (posture_state_store_get_path (POSTURE_STATE_STORE (fixture->store)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  state_test_wait_released (fixture->store);
  g_assert_finalize_object (fixture->store);
  g_date_time_unref (fixture->now);
  g_free (fixture->path);
}

/* The store as another process (the next reading) sees it. */
static PosturePendingStore *
reread (void)
{
  PosturePendingStore *other = posture_pending_store_new (TENANT);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (other), NULL, &error));
  g_assert_no_error (error);
  return other;
}

static void
test_pending_add_remove (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 28, 9, 59, 30);
  g_autoptr(PosturePendingStore) other = NULL;
  g_autoptr(PosturePendingOperation) first = NULL;
  g_autoptr(GError) error = NULL;
  PosturePendingOperation *operation;

  g_assert_true (g_str_has_suffix (fixture->path, "/posture/pending/" TENANT ".json"));
  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (fixture->store), NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->store)) ==
                 POSTURE_TYPE_PENDING_OPERATION);

  g_assert_true (posture_pending_store_add (fixture->store, "managed-environment", "env-b",
                                            URL_A, started, &error));
  g_assert_no_error (error);
  g_assert_true (posture_pending_store_add (fixture->store, "managed-environment", "env-a",
                                            URL_B, NULL, &error));
  g_assert_true (posture_pending_store_add (fixture->store, "tenant-isolation", TENANT,
                                            URL_A, NULL, &error));
  g_assert_no_error (error);

  /* The next reading finds them, by control then resource, with their start times. */
  other = reread ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (other), 0);
  g_assert_cmpstr (posture_pending_operation_get_resource_id (first), ==, "env-a");
  g_assert_cmpstr (posture_pending_operation_get_operation_url (first), ==, URL_B);
  g_assert_true (g_date_time_equal (posture_pending_operation_get_started_at (first),
                                    fixture->now));
  operation = posture_pending_store_lookup (other, "managed-environment", "env-b");
  g_assert_nonnull (operation);
  g_assert_true (g_date_time_equal (posture_pending_operation_get_started_at (operation), started));
  g_assert_null (posture_pending_store_lookup (other, "managed-environment", "env-z"));

  /* A second fix of the same resource replaces the first operation. */
  g_assert_true (posture_pending_store_add (fixture->store, "managed-environment", "env-b",
                                            URL_B, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 3);
  g_assert_cmpstr (posture_pending_operation_get_operation_url (
                     posture_pending_store_lookup (fixture->store, "managed-environment", "env-b")),
                   ==, URL_B);

  /* Polled and done: removed; removing what is not there is not an error. */
  for (guint i = 0; i < 2; i++)
    g_assert_true (posture_pending_store_remove (fixture->store, "managed-environment", "env-b",
                                                 &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  other = reread ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  g_assert_null (posture_pending_store_lookup (other, "managed-environment", "env-b"));
}

static void
test_pending_invalid (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *long_id = g_strnfill (2000, 'e');
  g_autofree char *long_url = g_strconcat ("https://example.com/", long_id, long_id, long_id,
                                           long_id, long_id, NULL);
  struct { const char *control, *resource, *url; } cases[] = {
    { "", "env-a", URL_A },
    { "managed-environment", "", URL_A },
    { "managed-environment", long_id, URL_A },
    { "managed-environment", "bad \xff utf-8", URL_A },
    { "managed-environment", "env-a", "ftp://example.com/op" },
    { "managed-environment", "env-a", "/relative/operation" },
    { "managed-environment", "env-a", "not a url" },
    { "managed-environment", "env-a", long_url },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (posture_pending_store_add (fixture->store, cases[i].control,
                                                 cases[i].resource, cases[i].url, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A damaged entry is moved to a side file; the good ones are kept. */
static void
test_pending_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *side = g_strconcat (fixture->path, ".damaged-20261128T100000Z", NULL);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  const char *doc = "{\"posture_pending\":1,\"operations\":["
    "{\"control\":\"auditing\",\"resource\":\"env-a\",\"operation_url\":\"" URL_A "\","
      "\"started_at\":\"2026-11-28T09:00:00Z\"},"
    "{\"control\":\"auditing\",\"resource\":\"env-b\",\"operation_url\":\"javascript:alert(1)\","
      "\"started_at\":\"2026-11-28T09:00:00Z\"},"
    "{\"control\":\"auditing\",\"resource\":\"env-c\",\"operation_url\":\"" URL_A "\"},"
    "{\"control\":\"auditing\",\"resource\":\"env-a\",\"operation_url\":\"" URL_B "\","
      "\"started_at\":\"2026-11-28T09:00:00Z\"}]}";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, doc, -1, NULL));

  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (fixture->store), &recovered,
                                           &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "3 damaged entries"));
  g_assert_true (g_file_test (side, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_cmpstr (posture_pending_operation_get_operation_url (
                     posture_pending_store_lookup (fixture->store, "auditing", "env-a")),
                   ==, URL_A);
}

/* A plan as the runner leaves it: one step pending with its operation, one verified, one
 * pending with nothing to follow (accepted without a Location). */
static PostureFixPlan *
carried_out_plan (void)
{
  PostureFixPlan *plan = _posture_fix_plan_new ("managed-environment");
  const char *ids[] = { "env-a", "env-b", "env-c" };
  const char *names[] = { "Contoso “Sales”", "HR", "Finance" };
  PostureFixOutcome outcomes[] = { POSTURE_FIX_OUTCOME_PENDING, POSTURE_FIX_OUTCOME_VERIFIED,
                                   POSTURE_FIX_OUTCOME_PENDING };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(PostureFixStep) step = _posture_fix_step_new (ids[i], names[i],
                                                              POSTURE_FIX_ACTION_CHANGE,
                                                              "Make it managed");

      if (i == 0)
        posture_fix_step_set_operation_url (step, URL_A);
      posture_fix_step_set_outcome (step, outcomes[i], NULL);
      _posture_fix_plan_add_step (plan, step);
    }
  return plan;
}

/* After a fix: each step that ended pending with its operation is kept, with its name,
 * in one write; a name that is not text is left out, never a reason to drop the entry. */
static void
test_pending_keep_plan (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = carried_out_plan ();
  g_autoptr(PostureFixPlan) nothing = _posture_fix_plan_new ("auditing");
  g_autoptr(PosturePendingStore) other = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  PosturePendingOperation *operation;
  const char *doc = "{\"posture_pending\":1,\"operations\":["
    "{\"control\":\"auditing\",\"resource\":\"env-a\",\"name\":42,"
      "\"operation_url\":\"" URL_B "\",\"started_at\":\"2026-11-28T09:00:00Z\"}]}";

  /* Nothing pending: no file at all. */
  g_assert_true (posture_pending_store_keep_plan (fixture->store, nothing, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_true (posture_pending_store_keep_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  other = reread ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  operation = posture_pending_store_lookup (other, "managed-environment", "env-a");
  g_assert_nonnull (operation);
  g_assert_cmpstr (posture_pending_operation_get_resource_name (operation), ==,
                   "Contoso “Sales”");
  g_assert_cmpstr (posture_pending_operation_get_operation_url (operation), ==, URL_A);
  g_assert_true (g_date_time_equal (posture_pending_operation_get_started_at (operation),
                                    fixture->now));
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"name\""));
  g_clear_object (&other);

  /* A name that is not text: the operation is kept without it. */
  g_assert_true (g_file_set_contents (fixture->path, doc, -1, NULL));
  other = posture_pending_store_new (TENANT);
  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (other), &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  operation = posture_pending_store_lookup (other, "auditing", "env-a");
  g_assert_nonnull (operation);
  g_assert_null (posture_pending_operation_get_resource_name (operation));
}

typedef struct
{
  gboolean  done;
  gboolean  kept;
  GError   *error;
} Kept;

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Kept *kept = user_data;

  kept->kept = posture_pending_store_keep_plan_finish (POSTURE_PENDING_STORE (object), result,
                                                       &kept->error);
  kept->done = TRUE;
}

static void
test_pending_keep_plan_async (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PostureFixPlan) plan = carried_out_plan ();
  g_autoptr(PostureFixPlan) nothing = _posture_fix_plan_new ("auditing");
  g_autoptr(PosturePendingStore) other = NULL;
  Kept kept = { 0 };

  /* Nothing pending: done, and no file written. */
  posture_pending_store_keep_plan_async (fixture->store, nothing, NULL, kept_cb, &kept);
  while (!kept.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (kept.error);
  g_assert_true (kept.kept);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  kept.done = FALSE;
  posture_pending_store_keep_plan_async (fixture->store, plan, NULL, kept_cb, &kept);
  while (!kept.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (kept.error);
  g_assert_true (kept.kept);
  other = reread ();
  g_assert_nonnull (posture_pending_store_lookup (other, "managed-environment", "env-a"));
  g_assert_null (posture_pending_store_lookup (other, "managed-environment", "env-c"));
  /* The store's own list follows the write. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
}

/* The fix runner polls what dup_fixes() gives and the settled ones are forgotten in one
 * write; one still pending stays for the next reading. */
static void
test_pending_settled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) fixes = NULL;
  g_autoptr(PosturePendingStore) other = NULL;
  g_autoptr(GError) error = NULL;
  PosturePendingFix *fix;

  g_assert_true (posture_pending_store_add (fixture->store, "managed-environment", "env-a", URL_A,
                                            NULL, &error));
  g_assert_true (posture_pending_store_add (fixture->store, "managed-environment", "env-b", URL_B,
                                            NULL, &error));
  g_assert_true (posture_pending_store_add (fixture->store, "tenant-isolation", TENANT, URL_A,
                                            NULL, &error));
  g_assert_no_error (error);

  fixes = posture_pending_store_dup_fixes (fixture->store);
  g_assert_cmpuint (fixes->len, ==, 3);
  fix = g_ptr_array_index (fixes, 0);
  g_assert_cmpstr (fix->control_id, ==, "managed-environment");
  g_assert_cmpstr (fix->resource_id, ==, "env-a");
  g_assert_cmpstr (fix->operation_url, ==, URL_A);
  g_assert_cmpint (fix->outcome, ==, POSTURE_FIX_OUTCOME_PENDING);

  /* As the runner would fill them in: one verified, one failed, one still running. */
  ((PosturePendingFix *) g_ptr_array_index (fixes, 0))->outcome = POSTURE_FIX_OUTCOME_VERIFIED;
  ((PosturePendingFix *) g_ptr_array_index (fixes, 1))->outcome = POSTURE_FIX_OUTCOME_FAILED;
  g_assert_true (posture_pending_store_forget_settled (fixture->store, fixes, &error));
  g_assert_no_error (error);

  other = reread ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_nonnull (posture_pending_store_lookup (other, "tenant-isolation", TENANT));
}

typedef struct
{
  gboolean done;
  guint    calls;
  gboolean ok;
  GError  *error;
} AsyncState;

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_pending_store_add_finish (POSTURE_PENDING_STORE (object), result,
                                                &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_pending_store_remove_finish (POSTURE_PENDING_STORE (object), result,
                                                   &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
test_pending_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncState state = { 0 };

  posture_pending_store_add_async (fixture->store, "ip-firewall", "env-a", URL_A, NULL, NULL,
                                   add_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_nonnull (posture_pending_store_lookup (fixture->store, "ip-firewall", "env-a"));

  /* An invalid operation fails in the callback, once. */
  memset (&state, 0, sizeof state);
  posture_pending_store_add_async (fixture->store, "ip-firewall", "env-b", "file:///etc/passwd",
                                   NULL, NULL, add_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);

  /* Cancelled before it starts: nothing changes. */
  g_cancellable_cancel (cancelled);
  memset (&state, 0, sizeof state);
  posture_pending_store_remove_async (fixture->store, "ip-firewall", "env-a", cancelled,
                                      remove_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  posture_pending_store_remove_async (fixture->store, "ip-firewall", "env-a", NULL,
                                      remove_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
}

/* The fix runner of the app and of posture-cli adding at once lose nothing. */
static void
test_pending_concurrent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PosturePendingStore) other = NULL;
  const guint per_writer = 20;
  pid_t pids[2];

  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          g_autoptr(PosturePendingStore) writer = posture_pending_store_new (TENANT);

          for (guint i = 0; i < per_writer; i++)
            {
              g_autofree char *resource = g_strdup_printf ("env-%u-%u", w, i);

              if (!posture_pending_store_add (writer, "managed-environment", resource, URL_A,
                                              NULL, NULL))
                _exit (10);
            }
          _exit (0);
        }
    }
  for (guint w = 0; w < 2; w++)
    state_test_assert_exited_ok (pids[w]);

  other = reread ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2 * per_writer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/posture/state/pending/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("add-remove", test_pending_add_remove);
  ADD ("invalid", test_pending_invalid);
  ADD ("damaged", test_pending_damaged);
  ADD ("settled", test_pending_settled);
  ADD ("async", test_pending_async);
  ADD ("keep-plan", test_pending_keep_plan);
  ADD ("keep-plan-async", test_pending_keep_plan_async);
  ADD ("concurrent", test_pending_concurrent);

#undef ADD

  return g_test_run ();
}
