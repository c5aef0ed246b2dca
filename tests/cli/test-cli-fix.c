/* test-cli-fix.c: `posture-cli fix` as DESIGN.md's contract says, against the demo tenant
 *
 * The demo tenant runs as its own process (`posture-cli demo-server`), so that what one
 * command writes, the next one reads: a dry run writes nothing, a refusal writes
 * nothing, --yes (or a "yes" typed on a terminal) writes, and the next assessment shows
 * it. --demo (a demo started for the one command) is used where nothing has to last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "cli-test.h"
#include "posture-demo-server.h"
#include "posture-json.h"

/* A control's status in `assess --format json` of the running demo. */
static char *
control_status (CliDemo    *demo,
                const char *control)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *controls;

  cli_demo_run (demo, &run, NULL, "assess", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  controls = json_object_get_array_member (cli_parse_json (&holder, "assess", run.out),
                                           "controls");
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *object = json_array_get_object_element (controls, i);

      if (g_str_equal (json_object_get_string_member (object, "id"), control))
        return g_strdup (json_object_get_string_member (object, "status"));
    }
  g_error ("no %s in the assessment", control);
}

static void
test_fix_dry_run (void)
{
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *root;
  JsonArray *resources;
  guint changes = 0, skips = 0;

  cli_run (&text, "fix", "auditing", "--demo", "--dry-run", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "PATCH http://127.0.0.1:"));
  g_assert_nonnull (strstr (text.out, "skipped: "));
  cli_assert_terminal_safe ("fix --dry-run", text.out);

  cli_run (&json, "fix", "auditing", "--demo", "--dry-run", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = cli_parse_json (&holder, "fix --dry-run --format json", json.out);
  g_assert_cmpstr (json_object_get_string_member (root, "control"), ==, "auditing");
  g_assert_true (json_object_get_boolean_member (root, "dry_run"));
  resources = json_object_get_array_member (root, "resources");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      const char *action = json_object_get_string_member (resource, "action");
      JsonArray *requests = json_object_get_array_member (resource, "requests");

      g_assert_nonnull (json_object_get_string_member (resource, "id"));
      g_assert_nonnull (json_object_get_string_member (resource, "name"));
      g_assert_nonnull (json_object_get_string_member (resource, "reason"));
      /* "result" is null in a dry run. */
      g_assert_true (json_object_get_null_member (resource, "result"));
      if (g_str_equal (action, "change"))
        {
          JsonObject *request = json_array_get_object_element (requests, 0);

          changes++;
          g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "PATCH");
          g_assert_true (g_str_has_prefix (json_object_get_string_member (request, "url"),
                                           "http://127.0.0.1:"));
          g_assert_true (json_object_get_boolean_member (json_object_get_object_member (request,
                                                                                        "body"),
                                                         "isauditenabled"));
        }
      else
        {
          g_assert_cmpstr (action, ==, "skip");
          g_assert_cmpuint (json_array_get_length (requests), ==, 0);
          skips++;
        }
    }
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (skips, >, 0);
}

/* --environment: the plan names only that environment. */
static void
test_fix_environment (void)
{
  static const char *environment = "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03";
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *resources;

  cli_run (&run, "fix", "managed-environment", "--demo", "--dry-run", "--format", "json",
           "--environment", environment, NULL);
  g_assert_cmpint (run.status, ==, 0);
  resources = json_object_get_array_member (cli_parse_json (&holder, "fix --environment",
                                                           run.out), "resources");
  g_assert_cmpuint (json_array_get_length (resources), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (resources, 0),
                                                  "id"), ==, environment);
}

static void
test_fix_usage (void)
{
  static const struct { const char *args[8]; const char *said; } cases[] = {
    { { "fix", "--demo" }, "Say which control" },
    { { "fix", "no-such-control", "--demo" }, "Unknown control" },
    { { "fix", "customer-managed-key", "--demo" }, "no fix through the API" },
    { { "fix", "auditing" }, "--demo" },
    { { "fix", "auditing", "--demo", "--format", "xml" }, "--format" },
    /* The firewall's allow-list: missing, open to all, wider than /8. */
    { { "fix", "ip-firewall", "--demo", "--dry-run" }, "--ip-range" },
    { { "fix", "ip-firewall", "--demo", "--dry-run", "--ip-range", "0.0.0.0/0" }, "0.0.0.0/0" },
    { { "fix", "ip-firewall", "--demo", "--dry-run", "--ip-range", "10.0.0.0/7" }, "10.0.0.0/7" },
    /* Options the control's plan does not take, an environment the tenant does not have. */
    { { "fix", "auditing", "--demo", "--dry-run", "--ip-range", "10.0.0.0/8" }, "--ip-range" },
    { { "fix", "auditing", "--demo", "--dry-run", "--environment", "nope" }, "nope" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };

      cli_runv (&run, NULL, NULL, 60, cases[i].args);
      if (run.status != 2 || strstr (run.err, cases[i].said) == NULL)
        g_error ("%s %s %s: exit %d, expected 2 saying \"%s\":\n%s", cases[i].args[0],
                 cases[i].args[1], cases[i].args[2] ? cases[i].args[2] : "", run.status,
                 cases[i].said, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* What can be known without the tenant is refused before signing in: no credentials,
 * and nothing listens at the base URL, yet each is a usage error (exit 2), at once. */
static void
test_fix_usage_before_sign_in (void)
{
  static const struct { const char *args[6]; const char *said; } cases[] = {
    { { "ip-firewall" }, "--ip-range" },
    { { "ip-firewall", "--ip-range", "0.0.0.0/0" }, "0.0.0.0/0" },
    { { "ip-firewall", "--ip-range", "192.0.2.0/24,10.0.0.0/7" }, "10.0.0.0/7" },
    { { "ip-firewall", "--ip-range", "not-a-range" }, "not-a-range" },
    { { "ip-firewall", "--enforce", "--ip-range", "10.0.0.0/8" }, "--enforce" },
    { { "auditing", "--enforce" }, "--enforce" },
    { { "sharing-limits", "--sharing-limit", "0" }, "--sharing-limit" },
    { { "sharing-limits", "--sharing-limit", "-1" }, "--sharing-limit" },
    { { "sharing-limits", "--sharing-limit", "10001" }, "--sharing-limit" },
    { { "auditing", "--sharing-limit", "5" }, "--sharing-limit" },
    { { "app-access-control" }, "--app-id" },
    { { "app-access-control", "--app-id", "not-a-guid" }, "not-a-guid" },
    { { "tenant-isolation", "--environment", "x" }, "--environment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_auto(CliRun) run = { 0 };

      g_ptr_array_add (argv, (gpointer) "fix");
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[j]);
      g_ptr_array_add (argv, (gpointer) "--tenant");
      g_ptr_array_add (argv, (gpointer) "11111111-2222-3333-4444-555555555555");
      g_ptr_array_add (argv, (gpointer) "--api-base");
      g_ptr_array_add (argv, (gpointer) "http://127.0.0.1:9");
      g_ptr_array_add (argv, (gpointer) "--dry-run");
      g_ptr_array_add (argv, NULL);

      cli_runv (&run, NULL, NULL, 60, (const char * const *) argv->pdata);
      if (run.status != 2 || strstr (run.err, cases[i].said) == NULL)
        g_error ("fix %s %s: exit %d, expected 2 saying \"%s\":\n%s", cases[i].args[0],
                 cases[i].args[1] ? cases[i].args[1] : "", run.status, cases[i].said, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* With a real allow-list, the firewall is planned in audit mode, on managed
 * environments only. */
static void
test_fix_ip_firewall (void)
{
  g_auto(CliRun) assess = { 0 };
  g_auto(CliRun) plan = { 0 };
  g_autoptr(JsonNode) assess_holder = NULL;
  g_autoptr(JsonNode) plan_holder = NULL;
  g_autoptr(GHashTable) managed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *controls;
  JsonArray *resources;
  guint changes = 0;

  cli_run (&assess, "assess", "--demo", "--format", "json", NULL);
  g_assert_cmpint (assess.status, ==, 0);
  controls = json_object_get_array_member (cli_parse_json (&assess_holder, "assess",
                                                           assess.out), "controls");
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *control = json_array_get_object_element (controls, i);
      JsonArray *list = json_object_get_array_member (control, "resources");

      if (!g_str_equal (json_object_get_string_member (control, "id"), "managed-environment"))
        continue;
      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *resource = json_array_get_object_element (list, j);

          if (g_str_equal (json_object_get_string_member (resource, "status"), "pass"))
            g_hash_table_add (managed, (gpointer) json_object_get_string_member (resource, "id"));
        }
    }

  cli_run (&plan, "fix", "ip-firewall", "--demo", "--dry-run", "--format", "json",
           "--ip-range", "203.0.113.0/24", "--ip-range", "2001:db8::/48", NULL);
  g_assert_cmpint (plan.status, ==, 0);
  resources = json_object_get_array_member (cli_parse_json (&plan_holder, "fix ip-firewall",
                                                           plan.out), "resources");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      const char *id = json_object_get_string_member (resource, "id");
      g_autofree char *body = NULL;

      if (!g_str_equal (json_object_get_string_member (resource, "action"), "change"))
        continue;
      changes++;
      if (!g_hash_table_contains (managed, id))
        g_error ("the firewall plan changes %s, which is not a managed environment", id);
      body = json_to_string (json_object_get_member (
                               json_array_get_object_element (
                                 json_object_get_array_member (resource, "requests"), 0),
                               "body"), FALSE);
      /* Audit mode: never switched off by this step (only changed columns are sent). */
      g_assert_null (strstr (body, "\"enableipbasedfirewallruleinauditmode\":false"));
      g_assert_nonnull (strstr (body, "203.0.113.0/24"));
      g_assert_nonnull (strstr (json_object_get_string_member (resource, "after"), "Audit mode"));
    }
  g_assert_cmpuint (changes, >, 0);
}

/* Writing: refused without a terminal or --yes, done with --yes; the next reading shows
 * it. A dry run and a refusal write nothing. */
static void
test_fix_apply (void)
{
  CliDemo demo = { 0 };
  g_auto(CliRun) dry = { 0 };
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) applied = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_dry = NULL;
  g_autofree char *after_refusal = NULL;
  g_autofree char *after = NULL;
  JsonArray *resources;
  guint verified = 0;

  cli_demo_start (&demo, NULL, NULL);
  before = control_status (&demo, "auditing");
  g_assert_cmpstr (before, !=, "pass");

  cli_demo_run (&demo, &dry, NULL, "fix", "auditing", "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  after_dry = control_status (&demo, "auditing");
  g_assert_cmpstr (after_dry, ==, before);

  /* No terminal to ask on, no --yes: exit 2, nothing written. */
  cli_demo_run (&demo, &refused, NULL, "fix", "auditing", NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "--yes"));
  after_refusal = control_status (&demo, "auditing");
  g_assert_cmpstr (after_refusal, ==, before);

  cli_demo_run (&demo, &applied, NULL, "fix", "auditing", "--yes", "--format", "json", NULL);
  g_assert_cmpint (applied.status, ==, 0);
  resources = json_object_get_array_member (cli_parse_json (&holder, "fix --yes",
                                                           applied.out), "resources");
  g_assert_false (json_object_get_boolean_member (json_node_get_object (holder), "dry_run"));
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      const char *result = json_object_get_string_member (resource, "result");

      if (g_str_equal (json_object_get_string_member (resource, "action"), "change"))
        {
          g_assert_true (g_str_equal (result, "verified") || g_str_equal (result, "pending"));
          verified += g_str_equal (result, "verified");
        }
      else
        g_assert_cmpstr (result, ==, "skipped");
    }
  g_assert_cmpuint (verified, >, 0);

  /* Every environment it could change now passes (one 403 stays unknown). */
  after = control_status (&demo, "auditing");
  g_assert_cmpstr (after, !=, before);
  g_assert_true (g_str_equal (after, "pass") || g_str_equal (after, "partial"));

  cli_demo_stop (&demo);
}

/* A "yes" typed on a terminal writes; anything else does not (exit 1). */
static void
test_fix_confirm_on_terminal (void)
{
  g_autofree char *script = g_find_program_in_path ("script");
  static const struct { const char *typed; int status; const char *said; } cases[] = {
    { "yes\n", 0, "verified" },
    { "no\n", 1, "Nothing was changed" },
  };

  if (script == NULL)
    {
      g_test_skip ("script (util-linux) is not installed: no terminal to type on");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *command = g_strdup_printf ("'%s' fix auditing --demo",
                                                  g_getenv ("POSTURE_CLI"));
      g_autofree char *out = NULL;
      int status = 0;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { script, "-qec", command, "/dev/null", NULL };
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_MERGE);
      g_autoptr(GSubprocess) process = NULL;

      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
      process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, cases[i].typed, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      status = g_subprocess_get_exit_status (process);

      g_test_message ("typed %s: exit %d\n%s", cases[i].typed, status, out);
      g_assert_nonnull (strstr (out, "Type \"yes\" to go on"));
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (out, cases[i].said));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/fix/dry-run", test_fix_dry_run);
  g_test_add_func ("/posture/cli/fix/usage", test_fix_usage);
  g_test_add_func ("/posture/cli/fix/usage-before-sign-in", test_fix_usage_before_sign_in);
  g_test_add_func ("/posture/cli/fix/environment", test_fix_environment);
  g_test_add_func ("/posture/cli/fix/ip-firewall", test_fix_ip_firewall);
  g_test_add_func ("/posture/cli/fix/apply", test_fix_apply);
  g_test_add_func ("/posture/cli/fix/confirm-on-terminal", test_fix_confirm_on_terminal);

  return g_test_run ();
}
