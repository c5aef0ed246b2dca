/* test-cli-tenant.c: posture-cli snapshot, login and logout as a user runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fake-tenant.h"
#include "posture-json.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs posture-cli while this process's main context keeps serving the fake tenant. */
static void
run_cli (Run         *run,
         const char  *stdin_text,
         const char **env_set,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *cli = g_getenv ("POSTURE_CLI");
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, env_set);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No keyring reachable: the Secret Service is absent for these runs. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus",
                                TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "POSTURE_CLIENT_ID");
  g_subprocess_launcher_unsetenv (launcher, "POSTURE_CLIENT_SECRET");
  for (guint i = 0; env_set != NULL && env_set[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_set[i], env_set[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  {
    g_autoptr (GBytes) input = g_bytes_new (stdin_text != NULL ? stdin_text : "",
                                            stdin_text != NULL ? strlen (stdin_text) : 0);

    g_subprocess_communicate_async (process, input, NULL, communicate_cb, &result);
  }
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_communicate_finish (process, result, &out, &err, &error));
  g_assert_no_error (error);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->out = g_bytes_get_size (out) > 0 ?
                 g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) :
                 g_strdup ("");
  run->err = g_bytes_get_size (err) > 0 ?
                 g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err)) :
                 g_strdup ("");
}

static void
test_snapshot_demo (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "demo.json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  run_cli (&run, NULL, NULL, "snapshot", "--demo", "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* stderr is not a terminal: no progress line */
  g_assert_cmpstr (run.err, ==, "");
  node = posture_json_parse_file (path, 64 * 1024 * 1024, 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (
                       posture_json_get_path (json_node_get_object (node), "posture_snapshot")),
                   ==, POSTURE_SNAPSHOT_FORMAT_VERSION);
  g_assert_cmpuint (json_array_get_length (
                        posture_json_get_array (posture_json_get_object (json_node_get_object (
                                                                             node),
                                                                         "sources"),
                                                "environments")),
                    >, 0);
  run_clear (&run);
}

static void
test_snapshot_tenant (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "tenant.json", NULL);
  g_autofree char *contents = NULL;
  const char *env [] = { "POSTURE_CLIENT_ID", FAKE_CLIENT_ID, "POSTURE_CLIENT_SECRET", FAKE_SECRET,
                         NULL };
  Run run = { 0 };

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  run_cli (&run, NULL, env, "snapshot", "--tenant", FAKE_TENANT_DOMAIN, "--api-base", fake->base,
           "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, FAKE_TENANT_ID));
  g_assert_null (strstr (contents, FAKE_SECRET));
  run_clear (&run);

  /* A failing read leaves no file behind (and the old one untouched) */
  fake_tenant_add_fault (fake, "/listTenantSettings", 100, 403, NULL, FALSE, FALSE);
  g_remove (path);
  run_cli (&run, NULL, env, "snapshot", "--tenant", FAKE_TENANT_DOMAIN, "--api-base", fake->base,
           "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "403"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* No credentials and no keyring: says so, exit 1 */
  run_cli (&run, NULL, NULL, "snapshot", "--tenant", FAKE_TENANT_DOMAIN, "--api-base", fake->base,
           "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Secret Service"));
  g_assert_nonnull (strstr (run.err, "POSTURE_CLIENT_SECRET"));
  run_clear (&run);

  /* Plain http to a non-loopback host is refused before anything is sent */
  run_cli (&run, NULL, env, "snapshot", "--tenant", FAKE_TENANT_DOMAIN, "--api-base",
           "http://example.com", "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Refusing plain http://"));
  run_clear (&run);
}

static void
test_usage (void)
{
  Run run = { 0 };

  run_cli (&run, NULL, NULL, "snapshot", "--demo", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--output"));
  run_clear (&run);

  run_cli (&run, NULL, NULL, "snapshot", "--demo", "--tenant", "x", "--output", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (&run, NULL, NULL, "snapshot", "--cloud", "gcc", "--output", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (&run, NULL, NULL, "login", "--tenant", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--client-id"));
  run_clear (&run);

  run_cli (&run, NULL, NULL, "login", "--tenant", "x", "--client-id", "y", "--cloud", "mars", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mars"));
  run_clear (&run);

  run_cli (&run, NULL, NULL, "logout", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

static void
test_login_without_keyring (void)
{
  g_autoptr(FakeTenant) fake = fake_tenant_new ();
  Run run = { 0 };

  /* The secret comes on stdin and is verified; storing it then fails clearly */
  run_cli (&run, FAKE_SECRET "\n", NULL, "login", "--tenant", FAKE_TENANT_ID, "--client-id",
           FAKE_CLIENT_ID, "--api-base", fake->base, "--client-secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Secret Service"));
  g_assert_null (strstr (run.err, FAKE_SECRET));
  g_assert_cmpuint (fake_tenant_scope_count (fake, "https://service.powerapps.com/.default"), ==,
                    1);
  run_clear (&run);

  /* A wrong secret: the sign-in says so */
  run_cli (&run, "nope-not-it\n", NULL, "login", "--tenant", FAKE_TENANT_ID, "--client-id",
           FAKE_CLIENT_ID, "--api-base", fake->base, "--client-secret-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "invalid_client"));
  g_assert_null (strstr (run.err, "nope-not-it"));
  run_clear (&run);

  /* Device code: the service's message is printed before polling */
  fake->device_outcome = g_strdup ("authorization_declined");
  run_cli (&run, NULL, NULL, "login", "--tenant", FAKE_TENANT_ID, "--client-id", FAKE_CLIENT_ID,
           "--api-base", fake->base, "--device-code", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "ABCD-1234"));
  g_assert_nonnull (strstr (run.err, "declined"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/tenant/cli/snapshot-demo", test_snapshot_demo);
  g_test_add_func ("/posture/tenant/cli/snapshot-tenant", test_snapshot_tenant);
  g_test_add_func ("/posture/tenant/cli/usage", test_usage);
  g_test_add_func ("/posture/tenant/cli/login-without-keyring", test_login_without_keyring);

  return g_test_run ();
}
