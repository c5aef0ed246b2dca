/* test-cli-pending.c: a change a fix leaves pending is kept with the tenant's state and
 * followed up by the next reading (DESIGN.md "Remediation")
 *
 * The demo tenant runs as its own process (`posture-cli demo-server`) whose operations
 * answer Running for a million polls and succeed only after some seconds, so that a fix
 * with a short --timeout ends pending, a reading soon after finds it still running, and
 * a reading after that finds it done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-test.h"
#include "posture-demo-server.h"
#include "posture-error.h"
#include "posture-pending-store.h"

/* Contoso HR: a Production environment the demo has not made managed. */
#define HR      "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03"
#define HR_NAME "Contoso HR"
/* Seconds after which the demo's operations succeed, however they are polled. */
#define OPERATION_SECONDS 12

/* The operations kept for the demo tenant, as the next command finds them. */
static PosturePendingStore *
load_store (GError **recovered)
{
  PosturePendingStore *store = posture_pending_store_new (POSTURE_DEMO_TENANT_ID);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (store), recovered, &error));
  g_assert_no_error (error);
  return store;
}

/* The status of @resource in `assess --format json`'s managed-environment control. */
static const char *
managed_status (JsonObject *assessment,
                const char *resource)
{
  JsonArray *controls = json_object_get_array_member (assessment, "controls");

  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);
      JsonArray *resources = json_object_get_array_member (control, "resources");

      if (!g_str_equal (json_object_get_string_member (control, "id"), "managed-environment"))
        continue;
      for (guint j = 0; j < json_array_get_length (resources); j++)
        {
          JsonObject *object = json_array_get_object_element (resources, j);

          if (g_str_equal (json_object_get_string_member (object, "id"), resource))
            return json_object_get_string_member (object, "status");
        }
    }
  g_error ("%s is not in the managed-environment control", resource);
}

static void
test_pending_followed_up (void)
{
  CliDemo demo = { 0 };
  g_auto(CliRun) fix = { 0 };
  g_auto(CliRun) early = { 0 };
  g_auto(CliRun) later = { 0 };
  g_auto(CliRun) again = { 0 };
  g_autoptr(JsonNode) fix_holder = NULL;
  g_autoptr(JsonNode) early_holder = NULL;
  g_autoptr(JsonNode) later_holder = NULL;
  g_autoptr(PosturePendingStore) store = NULL;
  g_autofree char *seconds = g_strdup_printf ("%d", OPERATION_SECONDS);
  PosturePendingOperation *operation;
  JsonArray *resources;
  JsonObject *resource;
  gint64 accepted;

  cli_demo_start (&demo, "--operation-polls", "1000000", "--operation-retry-after", "1",
                  "--operation-seconds", seconds, NULL);

  /* The fix is accepted (202) and still running when its time is up: pending, exit 0. */
  cli_demo_run (&demo, &fix, NULL, "fix", "managed-environment", "--environment", HR, "--yes",
                "--format", "json", "--timeout", "5", NULL);
  /* The operation started before the fix ended: it is done this long after, at most. */
  accepted = g_get_monotonic_time ();
  g_test_message ("fix: %s", fix.err);
  g_assert_cmpint (fix.status, ==, 0);
  resources = json_object_get_array_member (cli_parse_json (&fix_holder, "fix", fix.out),
                                            "resources");
  g_assert_cmpuint (json_array_get_length (resources), ==, 1);
  resource = json_array_get_object_element (resources, 0);
  g_assert_cmpstr (json_object_get_string_member (resource, "id"), ==, HR);
  g_assert_cmpstr (json_object_get_string_member (resource, "result"), ==, "pending");

  /* Kept with the tenant's state: the operation on the demo's own origin, and the name. */
  store = load_store (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  operation = posture_pending_store_lookup (store, "managed-environment", HR);
  g_assert_nonnull (operation);
  g_assert_true (g_str_has_prefix (posture_pending_operation_get_operation_url (operation),
                                   demo.base));
  g_assert_cmpstr (posture_pending_operation_get_resource_name (operation), ==, HR_NAME);
  g_clear_object (&store);

  /* A reading while it still runs: polled, reported as pending, kept. */
  cli_demo_run (&demo, &early, NULL, "assess", "--format", "json", NULL);
  g_test_message ("early assess: %s", early.err);
  g_assert_cmpint (early.status, ==, 0);
  g_assert_nonnull (strstr (early.err, "for “" HR_NAME "”: Pending"));
  cli_assert_terminal_safe ("assess's stderr", early.err);
  g_assert_cmpstr (managed_status (cli_parse_json (&early_holder, "assess", early.out), HR), ==,
                   "fail");
  store = load_store (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_clear_object (&store);

  /* Once the service is done: the outcome is reported, the reading shows the change, and
   * the store is emptied. */
  while (g_get_monotonic_time () < accepted + (OPERATION_SECONDS + 1) * G_USEC_PER_SEC)
    g_usleep (G_USEC_PER_SEC / 4);
  cli_demo_run (&demo, &later, NULL, "assess", "--format", "json", NULL);
  g_test_message ("later assess: %s", later.err);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_nonnull (strstr (later.err, "for “" HR_NAME "”: Verified"));
  g_assert_cmpstr (managed_status (cli_parse_json (&later_holder, "assess", later.out), HR), ==,
                   "pass");
  store = load_store (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_clear_object (&store);

  /* Nothing left: the next reading says nothing about it. */
  cli_demo_run (&demo, &again, NULL, "snapshot", "--output", "/dev/null", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_null (strstr (again.err, HR_NAME));

  cli_demo_stop (&demo);
}

/* A damaged store is moved aside and reported; the command goes on. */
static void
test_pending_damaged (void)
{
  CliDemo demo = { 0 };
  g_auto(CliRun) run = { 0 };
  g_autoptr(PosturePendingStore) store = posture_pending_store_new (POSTURE_DEMO_TENANT_ID);
  const char *path = posture_state_store_get_path (POSTURE_STATE_STORE (store));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(PosturePendingStore) after = NULL;
  g_autoptr(GError) recovered = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"posture_pending\": 1, \"operations\": [\x01",
                                      -1, NULL));

  cli_demo_start (&demo, NULL, NULL);
  cli_demo_run (&demo, &run, NULL, "assess", "--format", "json", NULL);
  g_test_message ("assess: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_nonnull (strstr (run.err, base));
  cli_assert_terminal_safe ("assess's stderr", run.err);
  cli_demo_stop (&demo);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    moved |= g_str_has_prefix (name, base) && !g_str_equal (name, base);
  g_assert_true (moved);

  /* What is left is a store that loads, empty. */
  after = load_store (&recovered);
  g_assert_no_error (recovered);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 0);
}

/* --demo starts a demo tenant for the one command: what it still carries out ends with
 * it, so nothing is kept, and the command says so. */
static void
test_pending_demo_not_kept (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(PosturePendingStore) store = posture_pending_store_new ("demo");

  cli_run (&run, "fix", "managed-environment", "--demo", "--environment", HR, "--yes",
           "--timeout", "4", NULL);
  g_test_message ("fix --demo: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 pending"));
  g_assert_nonnull (strstr (run.err, "posture-cli demo-server"));
  g_assert_false (g_file_test (posture_state_store_get_path (POSTURE_STATE_STORE (store)),
                               G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/pending/followed-up", test_pending_followed_up);
  g_test_add_func ("/posture/cli/pending/damaged", test_pending_damaged);
  g_test_add_func ("/posture/cli/pending/demo-not-kept", test_pending_demo_not_kept);

  return g_test_run ();
}
