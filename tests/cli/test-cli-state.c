/* test-cli-state.c: posture-cli history and decide, run as a script would
 *
 * Every run happens in the test's own XDG folders (G_TEST_OPTION_ISOLATE_DIRS exports
 * them), with a marker secret in the environment that must never reach a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "posture-decision-store.h"
#include "posture-demo-server.h"
#include "posture-error.h"
#include "posture-snapshot-cache.h"
#include "posture-history.h"
#include "posture-json.h"

#define SECRET_MARKER "s3cr3t-marker-Zq9vX2"

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char **
cli_env (void)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "POSTURE_CLIENT_ID", "00000000-aaaa-bbbb-cccc-000000000000", TRUE);
  env = g_environ_setenv (env, "POSTURE_CLIENT_SECRET", SECRET_MARKER, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  /* The test's own folders (isolated per test case). */
  env = g_environ_setenv (env, "HOME", g_get_home_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  return env;
}

static void
run_cliv (Run         *run,
          const char **argv_tail)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = cli_env ();
  const char *cli = g_getenv ("POSTURE_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  for (guint i = 0; argv_tail[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv_tail[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define RUN(run, ...)                                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    const char *a_ [] = { __VA_ARGS__, NULL };                                                     \
    run_cliv ((run), a_);                                                                          \
  }                                                                                                \
  G_STMT_END

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "state", name, NULL);
}

static void
record_both (const char *tenant)
{
  g_autofree char *a1 = fixture ("assessment-1.json");
  g_autofree char *a2 = fixture ("assessment-2.json");
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };

  RUN (&r1, "history", "--tenant", tenant, "--record", a1);
  if (r1.status != 0)
    g_test_message ("%s", r1.err);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_nonnull (strstr (r1.err, "(1 record)"));
  RUN (&r2, "history", "--tenant", tenant, "--record", a2);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_nonnull (strstr (r2.err, "(2 records)"));
}

/* No file under the test's XDG folders holds the secret that was in the environment. */
static void
assert_no_text_in (const char *dir,
                   const char *text)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_text_in (path, text);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (g_strstr_len (contents, length, text) != NULL)
        g_error ("%s holds \"%s\"", path, text);
    }
}

static void
assert_no_text (const char *text)
{
  assert_no_text_in (g_get_user_data_dir (), text);
  assert_no_text_in (g_get_user_cache_dir (), text);
  assert_no_text_in (g_get_user_config_dir (), text);
}

static void
assert_no_secret (void)
{
  assert_no_text (SECRET_MARKER);
  assert_no_text (POSTURE_DEMO_CLIENT_SECRET);
}

static void
test_cli_history_empty (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) diff = { 0 };

  RUN (&run, "history", "--tenant", "nobody");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No assessment of nobody"));

  RUN (&diff, "history", "--tenant", "nobody", "--diff");
  g_assert_cmpint (diff.status, ==, 1);
  g_assert_nonnull (strstr (diff.err, "a diff needs two"));
  g_assert_nonnull (strstr (diff.err, "Assess the tenant again"));
}

static void
test_cli_history_formats (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureHistory) direct = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *records;

  record_both ("contoso");

  RUN (&text, "history", "--tenant", "contoso");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "1     2026-11-01 10:00:00  all       40.00% low      4/10"));
  g_assert_nonnull (strstr (text.out, "2     2026-11-08 10:00:00  all       63.64% medium   7/11"));

  /* JSON: the history file's format; it reads back through the core. */
  RUN (&json, "history", "--tenant", "contoso", "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  root = posture_json_parse (json.out, strlen (json.out), 64, &error);
  g_assert_no_error (error);
  records = posture_json_get_array (json_node_get_object (root), "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PostureHistoryRecord) record =
        posture_history_record_new_from_json (json_array_get_element (records, i), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (posture_history_record_get_possible (record), ==, i ? 11 : 10);
    }
  direct = posture_history_new ("contoso");
  g_assert_true (posture_history_load (direct, NULL, &error));
  {
    g_autofree char *again = posture_history_format (direct, POSTURE_HISTORY_FORMAT_JSON);

    g_assert_cmpstr (again, ==, json.out);
  }

  RUN (&csv, "history", "--tenant", "contoso", "--format", "csv");
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "assessed_at,profile,percent,level,earned,possible,"));
  g_assert_true (g_str_has_prefix (lines[2], "2026-11-08T10:00:00Z,all,63.64,medium,7,11,pass,"));

  /* --output writes the file. */
  {
    g_autofree char *out = g_build_filename (g_get_user_cache_dir (), "out.csv", NULL);
    g_autofree char *contents = NULL;
    g_auto(Run) to_file = { 0 };

    g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
    RUN (&to_file, "history", "--tenant", "contoso", "--format", "csv", "--output", out);
    g_assert_cmpint (to_file.status, ==, 0);
    g_assert_cmpstr (to_file.out, ==, "");
    g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, csv.out);
  }

  assert_no_secret ();
}

static void
test_cli_history_diff (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) back = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  gboolean regression = FALSE;

  record_both ("diffed");

  RUN (&text, "history", "--tenant", "diffed", "--diff");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "+23.64 points"));
  g_assert_nonnull (
      strstr (text.out, "Controls that regressed (1):\n  ip-firewall: pass → partial"));
  g_assert_nonnull (strstr (text.out, "Environments that appeared (1):\n  env-d"));

  RUN (&json, "history", "--tenant", "diffed", "--diff", "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  root = posture_json_parse (json.out, strlen (json.out), 64, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_true (posture_json_get_boolean (object, "regression", &regression) && regression);
  g_assert_cmpuint (json_array_get_length (posture_json_get_array (object, "changes")), ==, 11);

  /* Two given records, the other way round. */
  RUN (&back, "history", "--tenant", "diffed", "--diff", "2", "1");
  g_assert_cmpint (back.status, ==, 0);
  g_assert_nonnull (strstr (back.out, "-23.64 points"));
  g_assert_nonnull (
      strstr (back.out, "Controls that regressed (1):\n  tenant-isolation: pass → fail"));

  {
    g_auto(Run) bad = { 0 };
    g_auto(Run) one = { 0 };
    g_auto(Run) csv = { 0 };

    RUN (&bad, "history", "--tenant", "diffed", "--diff", "1", "3");
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "from 1 to 2"));
    RUN (&one, "history", "--tenant", "diffed", "--diff", "1");
    g_assert_cmpint (one.status, ==, 2);
    RUN (&csv, "history", "--tenant", "diffed", "--diff", "--format", "csv");
    g_assert_cmpint (csv.status, ==, 2);
  }
}

static void
test_cli_history_usage (void)
{
  g_autofree char *bad_file = g_build_filename (g_get_user_cache_dir (), "bad.json", NULL);
  g_auto(Run) no_tenant = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) stray = { 0 };
  g_auto(Run) bad_record = { 0 };
  g_auto(Run) missing = { 0 };

  RUN (&no_tenant, "history");
  g_assert_cmpint (no_tenant.status, ==, 2);
  g_assert_nonnull (strstr (no_tenant.err, "--tenant"));
  RUN (&bad_format, "history", "--tenant", "x", "--format", "xml");
  g_assert_cmpint (bad_format.status, ==, 2);
  RUN (&stray, "history", "--tenant", "x", "extra");
  g_assert_cmpint (stray.status, ==, 2);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (bad_file, "{\"score\": 3}", -1, NULL));
  RUN (&bad_record, "history", "--tenant", "x", "--record", bad_file);
  g_assert_cmpint (bad_record.status, ==, 1);
  g_assert_nonnull (strstr (bad_record.err, "assess --format json"));

  RUN (&missing, "history", "--tenant", "x", "--record", "/nonexistent/file.json");
  g_assert_cmpint (missing.status, ==, 1);
}

static void
test_cli_history_corrupt (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("broken");
  g_autofree char *path = posture_history_dup_path (history);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *a1 = fixture ("assessment-1.json");
  g_auto(Run) list = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) record = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"posture_history\": 1, \"rec", -1, NULL));

  RUN (&list, "history", "--tenant", "broken");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.err, "warning"));
  g_assert_nonnull (strstr (list.err, "moved to"));
  g_assert_nonnull (strstr (list.out, "No assessment"));

  /* Reported once. */
  RUN (&again, "history", "--tenant", "broken");
  g_assert_cmpstr (again.err, ==, "");

  RUN (&record, "history", "--tenant", "broken", "--record", a1);
  g_assert_cmpint (record.status, ==, 0);
}

static void
test_cli_decide (void)
{
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) per_resource = { 0 };
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new ("contoso");
  g_autoptr(GError) error = NULL;
  PostureDecision *decision;

  RUN (&first, "decide", "--tenant", "contoso", "--control", "auditing", "--status", "planned",
       "--note", "After the \x1b[2Jaudit window", "--owner", "Grace", "--due", "2026-12-31",
       "--author", "Ada");
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "auditing: to-address → planned for contoso (change 1)"));

  RUN (&second, "decide", "--tenant", "contoso", "--control", "auditing", "--status",
       "risk-accepted", "--note", "CISO accepted", "--author", "Ada");
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.out, "planned → risk-accepted"));

  RUN (&per_resource, "decide", "--tenant", "contoso", "--control", "ip-firewall", "--resource",
       "env-a", "--status", "third-party");
  g_assert_cmpint (per_resource.status, ==, 0);
  g_assert_nonnull (strstr (per_resource.out, "ip-firewall / env-a"));

  /* What the CLI stored is what the app reads. */
  g_assert_true (posture_decision_store_load (store, NULL, &error));
  g_assert_no_error (error);
  decision = posture_decision_store_lookup (store, "auditing", NULL);
  g_assert_nonnull (decision);
  g_assert_cmpint (posture_decision_get_status (decision), ==, POSTURE_DECISION_RISK_ACCEPTED);
  g_assert_cmpstr (posture_decision_get_owner (decision), ==, "Grace");
  g_assert_cmpuint (posture_decision_get_history (decision)->len, ==, 2);
  g_assert_cmpstr (((PostureDecisionChange *)
                        g_ptr_array_index (posture_decision_get_history (decision), 0))
                       ->note,
                   ==, "After the \x1b[2Jaudit window");
  g_assert_nonnull (posture_decision_store_lookup (store, "ip-firewall", "env-a"));

  /* The list shows the history, with control characters escaped. */
  RUN (&list, "decide", "--tenant", "contoso", "--list");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "auditing: risk-accepted, owner Grace, due 2026-12-31"));
  g_assert_nonnull (
      strstr (list.out, "to-address → planned by Ada: After the \\x1b[2Jaudit window"));
  g_assert_null (strchr (list.out, '\x1b'));

  RUN (&json, "decide", "--tenant", "contoso", "--list", "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  {
    g_autoptr(JsonNode) root = posture_json_parse (json.out, strlen (json.out), 64, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (
                          posture_json_get_array (json_node_get_object (root), "decisions")),
                      ==, 2);
  }

  assert_no_secret ();
}

static void
test_cli_decide_usage (void)
{
  g_autofree char *long_note = g_strnfill (POSTURE_DECISION_NOTE_MAX + 1, 'n');
  struct { const char *args[12]; const char *message;
  } cases [] = {
    { { "decide", "--tenant", "t", "--control", "no-such-control", "--status", "planned" },
      "Unknown control" },
    { { "decide", "--tenant", "t", "--control", "auditing", "--status", "maybe" },
      "Unknown status" },
    { { "decide", "--tenant", "t", "--control", "auditing", "--status", "planned", "--due",
        "31/12/2026" },
      "YYYY-MM-DD" },
    { { "decide", "--tenant", "t", "--control", "auditing", "--status", "planned", "--due",
        "2026-02-29" },
      "YYYY-MM-DD" },
    { { "decide", "--tenant", "t", "--control", "auditing" }, "--status" },
    { { "decide", "--control", "auditing", "--status", "planned" }, "--tenant" },
    { { "decide", "--tenant", "t", "--list", "--control", "auditing" }, "--list" },
    { { "decide", "--tenant", "t", "--list", "--format", "csv" }, "--format" },
    { { "decide", "--tenant", "t", "--control", "auditing", "--status", "planned", "--note",
        long_note },
      "--note" },
    { { "decide", "--tenant", "t", "--control", "auditing", "--status", "planned", "surplus" },
      "unexpected" },
  };
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new ("t");
  g_autofree char *path = posture_decision_store_dup_path (store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cliv (&run, cases[i].args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* A usage error stores nothing. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Several posture-cli processes deciding at once lose nothing (the lock). */
static void
test_cli_decide_concurrent (void)
{
  const char *cli = g_getenv ("POSTURE_CLI");
  const char *controls[] = { "auditing", "ip-firewall", "ip-cookie-binding", "sharing-limits",
                             "managed-environment", "tenant-isolation" };
  g_auto(GStrv) env = cli_env ();
  GPid pids[G_N_ELEMENTS (controls)];
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new ("busy");

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      const char *argv[] = { cli, "decide", "--tenant", "busy", "--control", controls[i],
                             "--status", "planned", NULL };
      g_autoptr(GError) error = NULL;

      g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD |
                     G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pids[i], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }

  g_assert_true (posture_decision_store_load (store, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, G_N_ELEMENTS (controls));
}

typedef struct
{
  gboolean done;
  int      status;
} ChildState;

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  ChildState *state = user_data;

  g_assert_true (WIFEXITED (wait_status));
  state->status = WEXITSTATUS (wait_status);
  state->done = TRUE;
  g_spawn_close_pid (pid);
}

/* Runs posture-cli while this process serves the demo tenant on its main context. */
static int
run_against_server (const char * const *argv_tail,
                    char              **out_stdout)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = cli_env ();
  ChildState state = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  int out_fd = -1;
  GPid pid;

  g_ptr_array_add (args, (char *) g_getenv ("POSTURE_CLI"));
  for (guint i = 0; argv_tail[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv_tail[i]);
  g_ptr_array_add (args, NULL);

  /* The demo tenant's own public client credentials: the secret must not be stored. */
  env = g_environ_setenv (env, "POSTURE_CLIENT_ID", POSTURE_DEMO_CLIENT_ID, TRUE);
  env = g_environ_setenv (env, "POSTURE_CLIENT_SECRET", POSTURE_DEMO_CLIENT_SECRET, TRUE);

  g_spawn_async_with_pipes (NULL, (char **) args->pdata, env, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, out_stdout ? &out_fd : NULL, NULL, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &state);

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GIOChannel) channel = out_fd >= 0 ? g_io_channel_unix_new (out_fd) : NULL;

    if (channel)
      {
        g_io_channel_set_close_on_unref (channel, TRUE);
        g_io_channel_set_flags (channel, G_IO_FLAG_NONBLOCK, NULL);
      }
    while (!state.done)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        if (channel)
          {
            char buf[4096];
            gsize n = 0;

            while (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) ==
                       G_IO_STATUS_NORMAL &&
                   n > 0)
              g_string_append_len (out, buf, n);
          }
        g_usleep (1000);
      }
    if (channel)
      {
        char buf[4096];
        gsize n = 0;

        g_io_channel_set_flags (channel, 0, NULL);
        while (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) == G_IO_STATUS_NORMAL &&
               n > 0)
          g_string_append_len (out, buf, n);
        *out_stdout = g_string_free (g_steal_pointer (&out), FALSE);
      }
  }
  return state.status;
}

/* A live read through the demo tenant's HTTP APIs caches the snapshot and records the
 * assessment; --offline then assesses the cache with the stored decisions; and no file
 * holds the client secret or a token. */
static void
test_cli_assess_tenant_state (void)
{
  g_autoptr(PostureDemoServer) server = posture_demo_server_new ();
  g_autoptr(PostureHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *online = NULL;
  g_autofree char *offline = NULL;
  const char *base;

  g_assert_true (posture_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  base = posture_demo_server_get_base_uri (server);

  {
    const char *argv[] = { "assess", "--tenant", POSTURE_DEMO_TENANT_ID, "--api-base", base,
                           "--format", "json", NULL };

    g_assert_cmpint (run_against_server (argv, &online), ==, 0);
  }
  g_assert_true (posture_snapshot_cache_query (POSTURE_DEMO_TENANT_ID, NULL));
  history = posture_history_new (POSTURE_DEMO_TENANT_ID);
  g_assert_true (posture_history_load (history, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);

  /* A decision, then offline: the server is gone, the cache and the decision are used. */
  {
    g_auto(Run) decided = { 0 };

    RUN (&decided, "decide", "--tenant", POSTURE_DEMO_TENANT_ID, "--control", "auditing",
         "--status", "third-party", "--note", "Covered by the SIEM");
    g_assert_cmpint (decided.status, ==, 0);
  }
  posture_demo_server_stop (server);
  {
    const char *argv[] = { "assess", "--tenant", POSTURE_DEMO_TENANT_ID, "--offline",
                           "--format", "json", NULL };
    g_autoptr(JsonNode) a = NULL;
    g_autoptr(JsonNode) b = NULL;
    gint64 earned_online = 0, earned_offline = 0;

    g_assert_cmpint (run_against_server (argv, &offline), ==, 0);
    a = posture_json_parse (online, strlen (online), 64, &error);
    g_assert_no_error (error);
    b = posture_json_parse (offline, strlen (offline), 64, &error);
    g_assert_no_error (error);
    g_assert_true (
        posture_json_get_int (posture_json_get_object (json_node_get_object (a), "score"), "earned",
                              &earned_online));
    g_assert_true (
        posture_json_get_int (posture_json_get_object (json_node_get_object (b), "score"), "earned",
                              &earned_offline));
    /* third-party gives auditing its full points. */
    g_assert_cmpint (earned_offline, >, earned_online);
  }

  assert_no_secret ();
  assert_no_text ("access_token");
  assert_no_text ("Bearer");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/history/empty", test_cli_history_empty);
  g_test_add_func ("/posture/cli/history/formats", test_cli_history_formats);
  g_test_add_func ("/posture/cli/history/diff", test_cli_history_diff);
  g_test_add_func ("/posture/cli/history/usage", test_cli_history_usage);
  g_test_add_func ("/posture/cli/history/corrupt", test_cli_history_corrupt);
  g_test_add_func ("/posture/cli/decide/decide", test_cli_decide);
  g_test_add_func ("/posture/cli/decide/usage", test_cli_decide_usage);
  g_test_add_func ("/posture/cli/decide/concurrent", test_cli_decide_concurrent);
  g_test_add_func ("/posture/cli/assess/tenant-state", test_cli_assess_tenant_state);

  return g_test_run ();
}
