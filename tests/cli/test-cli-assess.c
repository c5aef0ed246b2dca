/* test-cli-assess.c: `posture-cli assess` and `posture-cli controls`, run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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

/* When set, the CLI keeps its state (cache, history, decisions) under this folder. */
static const char *state_dir;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);
}

/* Runs posture-cli with @args (NULL-terminated), no terminal, colour allowed. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("POSTURE_CLI");
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "NO_COLOR");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (state_dir != NULL)
    {
      g_autofree char *cache = g_build_filename (state_dir, "cache", NULL);
      g_autofree char *data = g_build_filename (state_dir, "data", NULL);

      g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);

      /* Recording the history leaks JSON nodes in posture-history.c (append_update_cb,
       * reported to its owner); keep that out of this test's verdict under ASan. */
      if (g_getenv ("ASAN_OPTIONS") != NULL)
        {
          g_autofree char *asan = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);

          g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
        }
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("posture-cli %s did not exit normally:\n%s", first, run->err);
  run->status = g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_output (JsonNode  **holder,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  *holder = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*holder));
  return json_node_get_object (*holder);
}

static void
test_cli_assess_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *path = fixture ("admin-center-example.json");
  JsonObject *root;
  JsonObject *score;
  JsonArray *recs;

  run_cli (&run, "assess", "--snapshot", path,
           "--controls", "tenant-isolation,ip-firewall,environment-security-group",
           "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_output (&holder, run.out);
  score = json_object_get_object_member (root, "score");
  g_assert_cmpint (json_object_get_int_member (score, "earned"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (score, "possible"), ==, 32);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (score, "percent"), 56.25, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (score, "level"), ==, "medium");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "controls")), ==, 3);
  recs = json_object_get_array_member (root, "recommendations");
  g_assert_cmpuint (json_array_get_length (recs), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (recs, 0), ==, "ip-firewall");
  g_assert_cmpstr (json_array_get_string_element (recs, 1), ==, "environment-security-group");
  /* The number as the contract prints it. */
  g_assert_nonnull (strstr (run.out, "\"percent\": 56.25,"));
}

static void
test_cli_assess_profiles (void)
{
  g_autofree char *path = fixture ("all-pass.json");
  static const struct { const char *profile; guint n; } cases[] = {
    { "all", 29 }, { "scuba", 10 }, { "ppac", 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) holder = NULL;
      JsonObject *root;

      run_cli (&run, "assess", "--snapshot", path, "--profile", cases[i].profile,
               "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_output (&holder, run.out);
      g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, cases[i].profile);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "controls")), ==,
                        cases[i].n);
    }
}

static void
test_cli_assess_fail_under (void)
{
  g_autofree char *path = fixture ("admin-center-example.json");
  const char *controls = "tenant-isolation,ip-firewall,environment-security-group";
  static const struct { const char *floor; int status; } cases[] = {
    { "low", 0 }, { "medium", 0 }, { "high", 3 }, { "56.25", 0 }, { "56.3", 3 }, { "0", 0 },
    { "100", 3 }, { "57%", 3 }, { "huge", 2 }, { "101", 2 }, { "-1", 2 }, { "unknown", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "assess", "--snapshot", path, "--controls", controls,
               "--fail-under", cases[i].floor, NULL);
      if (run.status != cases[i].status)
        g_error ("--fail-under %s: exit %d, expected %d\n%s", cases[i].floor, run.status,
                 cases[i].status, run.err);
      if (cases[i].status == 3)
        g_assert_nonnull (strstr (run.err, "below --fail-under"));
    }

  /* Nothing assessable is below any floor. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *empty = fixture ("no-environments.json");

    run_cli (&run, "assess", "--snapshot", empty, "--fail-under", "low", NULL);
    g_assert_cmpint (run.status, ==, 3);
  }
}

static void
test_cli_assess_text (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("admin-center-example.json");

  run_cli (&run, "assess", "--snapshot", path,
           "--controls", "tenant-isolation,ip-firewall,environment-security-group", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The score as the app shows it (56.25 rounded half up, as the level is). */
  g_assert_nonnull (strstr (run.out, "56 % (Medium)"));
  g_assert_nonnull (strstr (run.out, "18 of 32 points"));
  /* Recommendations in order with their potential gain in points (9/32 and 5/32). */
  g_assert_nonnull (
      strstr (run.out,
              "1. [Medium] Turn on the IP firewall in enforcing mode (ip-firewall) +28.1 points"));
  g_assert_nonnull (strstr (run.out, "2. [Medium] Restrict each environment to a security group"));
  /* Statuses in words, titles first, ids second. */
  g_assert_nonnull (strstr (run.out, "Partly passing"));
  g_assert_nonnull (strstr (run.out, "Turn on tenant isolation (tenant-isolation)"));
  /* Not a terminal: no colour. */
  g_assert_null (strchr (run.out, '\033'));
}

static void
test_cli_assess_hostile (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *path = fixture ("hostile-names.json");
  JsonObject *root;

  run_cli (&run, "assess", "--snapshot", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strchr (run.out, '\007'));
  g_assert_nonnull (strstr (run.out, "Evil\\x1b]0;pwned\\x07 tenant"));

  /* In JSON the names are kept, escaped by JSON. */
  run_cli (&json, "assess", "--snapshot", path, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strchr (json.out, '\033'));
  root = parse_output (&holder, json.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "tenant"),
                                                  "display_name"),
                   ==, "Evil\033]0;pwned\007 tenant");
}

static void
test_cli_assess_output_file (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("partial.json");
  g_autofree char *dir = g_dir_make_tmp ("posture-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "result.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) holder = NULL;

  run_cli (&run, "assess", "--snapshot", path, "--format", "json", "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  parse_output (&holder, contents);

  g_unlink (out);
  g_rmdir (dir);
}

static void
test_cli_assess_reports (void)
{
  g_autofree char *path = fixture ("partial.json");
  static const char *formats[] = { "csv", "html" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "assess", "--snapshot", path, "--format", formats[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpuint (strlen (run.out), >, 100);
      g_assert_nonnull (strstr (run.out, "ip-firewall"));
    }
}

static void
test_cli_assess_usage (void)
{
  g_autofree char *path = fixture ("partial.json");
  const char *cases[][8] = {
    { "assess", NULL },
    { "assess", "--snapshot", path, "--demo", NULL },
    { "assess", "--snapshot", path, "--profile", "nist", NULL },
    { "assess", "--snapshot", path, "--controls", "ip-firewall,no-such-control", NULL },
    { "assess", "--snapshot", path, "--controls", ",", NULL },
    { "assess", "--snapshot", path, "--profile", "ppac", "--controls", "auditing", NULL },
    { "assess", "--snapshot", path, "--format", "yaml", NULL },
    { "assess", "--snapshot", path, "extra", NULL },
    { "assess", "--snapshot", path, "--bogus", NULL },
    { "assess", "--snapshot", path, "--api-base", "http://127.0.0.1:1", NULL },
    { "controls", "--format", "xml", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4],
               cases[i][5], cases[i][6], cases[i][7], NULL);
      if (run.status != 2)
        g_error ("case %u: exit %d, expected 2 (usage)\n%s", i, run.status, run.err);
      g_assert_true (g_str_has_prefix (run.err, "posture-cli: "));
      g_assert_cmpstr (run.out, ==, "");
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "assess", "--snapshot", path, "--controls", "no-such-control", NULL);
    g_assert_nonnull (strstr (run.err, "\"no-such-control\""));
    g_assert_nonnull (strstr (run.err, "posture-cli controls"));
  }
}

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* What is not a snapshot: a clear message naming the file, exit 1, never a crash. */
static void
test_cli_assess_malformed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("posture-cli-XXXXXX", NULL);
  g_autofree char *good = fixture ("all-pass.json");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  GString *deep = g_string_new ("{\"posture_snapshot\":1,\"sources\":{},\"x\":");
  GString *huge = g_string_new ("{\"posture_snapshot\":1,\"sources\":{},\"x\":\"");
  gsize length = 0;
  struct { const char *name; const char *needle; } cases[] = {
    { "truncated.json", "Malformed JSON" },
    { "wrong-type.json", "sources.environments[1].name" },
    { "deep.json", "levels" },
    { "huge.json", "bytes" },
    { "version-2.json", "newer" },
    { "not-a-snapshot.json", "posture_snapshot" },
    { "empty.json", "Empty" },
    { "missing.json", "missing.json" },
  };
  char *p;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));

  write_file (dir, "truncated.json", contents, length / 2);
  p = strstr (contents, "\"name\": \"aaaaaaaa-0000-0000-0000-000000000001\"");
  g_assert_nonnull (p);
  {
    GString *wrong = g_string_new_len (contents, p - contents);

    g_string_append (wrong, "\"name\": 42");
    g_string_append (wrong, p + strlen ("\"name\": \"aaaaaaaa-0000-0000-0000-000000000001\""));
    write_file (dir, "wrong-type.json", wrong->str, wrong->len);
    g_string_free (wrong, TRUE);
  }
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  write_file (dir, "deep.json", deep->str, deep->len);
  g_string_set_size (huge, huge->len + 50 * 1024 * 1024);
  memset (huge->str + huge->len - 50 * 1024 * 1024, 'B', 50 * 1024 * 1024);
  g_string_append (huge, "\"}");
  write_file (dir, "huge.json", huge->str, huge->len);
  write_file (dir, "version-2.json",
              "{\"posture_snapshot\": 3, \"sources\": {\"new\": []}}", -1);
  write_file (dir, "not-a-snapshot.json", "{\"value\": []}", -1);
  write_file (dir, "empty.json", "", 0);
  g_string_free (deep, TRUE);
  g_string_free (huge, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);

      run_cli (&run, "assess", "--snapshot", path, "--format", "json", NULL);
      if (run.status != 1 || strstr (run.err, cases[i].needle) == NULL ||
          strstr (run.err, cases[i].name) == NULL)
        g_error ("%s: exit %d, stderr: %s", cases[i].name, run.status, run.err);
      g_assert_cmpstr (run.out, ==, "");
      g_ptr_array_add (files, g_steal_pointer (&path));
    }

  for (guint i = 0; i < files->len; i++)
    g_unlink (g_ptr_array_index (files, i));
  /* The temporary files written above (names built twice are the same paths). */
  g_rmdir (dir);
}

static void
test_cli_assess_demo (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) offline = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *path = fixture ("partial.json");
  g_autofree char *dir = g_dir_make_tmp ("posture-cli-state-XXXXXX", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  JsonObject *root;

  state_dir = dir;

  /* The demo tenant, read over loopback HTTP by the tenant client. */
  run_cli (&run, "assess", "--demo", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (&holder, run.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "tenant"),
                                                  "display_name"), ==, "Contoso (demo)");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "score"),
                                               "possible"), >, 0);

  /* Its reading was cached: --offline assesses it again without reading. */
  run_cli (&offline, "assess", "--demo", "--offline", "--format", "json", NULL);
  if (offline.status != 0)
    g_error ("--offline: exit %d: %s (first run: %s)", offline.status, offline.err, run.err);
  g_assert_nonnull (strstr (offline.err, "offline"));

  run_cli (&usage, "assess", "--snapshot", path, "--offline", NULL);
  g_assert_cmpint (usage.status, ==, 2);

  state_dir = NULL;
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

static void
test_cli_controls (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *root;
  JsonArray *controls;

  run_cli (&text, "controls", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "tenant-isolation"));
  g_assert_nonnull (strstr (text.out, "MS.POWERPLATFORM.3.1v1 (SHALL)"));

  run_cli (&json, "controls", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_output (&holder, json.out);
  controls = json_object_get_array_member (root, "controls");
  g_assert_cmpuint (json_array_get_length (controls), ==, 29);
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);

      g_assert_true (json_object_has_member (control, "remediation"));
      g_assert_true (json_object_has_member (control, "training"));
      g_assert_true (json_object_has_member (control, "waf"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/assess/json", test_cli_assess_json);
  g_test_add_func ("/posture/cli/assess/profiles", test_cli_assess_profiles);
  g_test_add_func ("/posture/cli/assess/fail-under", test_cli_assess_fail_under);
  g_test_add_func ("/posture/cli/assess/text", test_cli_assess_text);
  g_test_add_func ("/posture/cli/assess/hostile", test_cli_assess_hostile);
  g_test_add_func ("/posture/cli/assess/output-file", test_cli_assess_output_file);
  g_test_add_func ("/posture/cli/assess/reports", test_cli_assess_reports);
  g_test_add_func ("/posture/cli/assess/usage", test_cli_assess_usage);
  g_test_add_func ("/posture/cli/assess/malformed", test_cli_assess_malformed);
  g_test_add_func ("/posture/cli/assess/demo", test_cli_assess_demo);
  g_test_add_func ("/posture/cli/controls", test_cli_controls);

  return g_test_run ();
}
