/* posture-cli-fix.c: `posture-cli fix`, a control's remediation from a terminal or a
 * pipeline (DESIGN.md "posture-cli")
 *
 *   posture-cli fix CONTROL [--demo | --tenant ID [--api-base URL] [--cloud C]]
 *                   [--environment NAME]… [--ip-range CIDR]… [--app-id ID]…
 *                   [--sharing-limit N] [--enforce] [--dry-run] [--yes]
 *                   [--format text|json] [--timeout SECONDS]
 *
 * Reads the tenant, lets the engine assess it, asks core for the control's plan
 * (posture_remediation_plan(): the requests, preconditions, risks and skipped resources)
 * and prints it. Without --dry-run it then writes, after --yes or a "yes" typed on a
 * terminal (with no terminal and no --yes it refuses, exit 2), through the tenant
 * client's PostureFixRunner, and prints how each resource ended. Exit 0 when every
 * changed resource is verified or pending, 1 when any failed, 2 for usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-cli-private.h"
#include "posture-engine.h"
#include "posture-fix-runner.h"
#include "posture-json.h"
#include "posture-remediation.h"
#include "posture-text.h"

#define SHARING_LIMIT_ABSENT G_MININT

typedef struct
{
  PostureCliSource  source;
  char            **environments;
  char            **ip_ranges;
  char            **app_ids;
  int               sharing_limit;   /* SHARING_LIMIT_ABSENT: absent */
  gboolean          enforce;
  gboolean          dry_run;
  gboolean          yes;
  char             *format;
} FixOptions;

static void
fix_options_clear (FixOptions *options)
{
  posture_cli_source_clear (&options->source);
  g_clear_pointer (&options->environments, g_strfreev);
  g_clear_pointer (&options->ip_ranges, g_strfreev);
  g_clear_pointer (&options->app_ids, g_strfreev);
  g_clear_pointer (&options->format, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FixOptions, fix_options_clear)

/* ---- The plan as text ----------------------------------------------------------- */

static void
append_line (GString    *out,
             const char *indent,
             const char *text)
{
  g_string_append (out, indent);
  posture_text_append_escaped (out, text, -1, POSTURE_TEXT_ESCAPE_DEFAULT);
  g_string_append_c (out, '\n');
}

static void
append_step (GString          *out,
             PostureFixRunner *runner,
             PostureFixStep   *step,
             gboolean          with_outcome)
{
  GListModel *requests = posture_fix_step_get_requests (step);
  const char * const *preconditions = posture_fix_step_get_preconditions (step);
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s (%s)", posture_fix_step_get_name (step),
                           posture_fix_step_get_resource_id (step));
  append_line (out, "  ", title);

  if (with_outcome)
    {
      PostureFixOutcome outcome = posture_fix_step_get_outcome (step);
      const char *message = posture_fix_step_get_message (step);
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s%s%s",
                              outcome != POSTURE_FIX_OUTCOME_NONE ?
                              posture_fix_outcome_to_string (outcome) : _("not done"),
                              message != NULL ? " — " : "", message != NULL ? message : "");
      append_line (out, "    → ", line);
      return;
    }

  if (posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_SKIP)
    {
      /* Translators: a resource the fix leaves alone, and why */
      g_autofree char *line = g_strdup_printf (_("skipped: %s"),
                                               posture_fix_step_get_reason (step));

      append_line (out, "    ", line);
      return;
    }

  append_line (out, "    ", posture_fix_step_get_reason (step));
  for (guint i = 0; preconditions != NULL && preconditions[i] != NULL; i++)
    {
      /* Translators: a precondition the plan checked */
      g_autofree char *line = g_strdup_printf (_("checked: %s"), preconditions[i]);

      append_line (out, "    ", line);
    }
  if (posture_fix_step_get_before (step) != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("before: %s"), posture_fix_step_get_before (step));

      append_line (out, "    ", line);
    }
  if (posture_fix_step_get_after (step) != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("after: %s"), posture_fix_step_get_after (step));

      append_line (out, "    ", line);
    }
  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(PostureFixRequest) request = g_list_model_get_item (requests, i);
      g_autofree char *url = posture_fix_runner_dup_url (runner, request);
      g_autofree char *line = g_strdup_printf ("%s %s", posture_fix_request_get_method (request),
                                               url);
      JsonNode *body = posture_fix_request_get_body (request);

      append_line (out, "    ", line);
      if (body != NULL)
        {
          g_autofree char *text = posture_json_to_string (body, FALSE);

          append_line (out, "      ", text);
        }
    }
}

static char *
plan_to_text (PostureFixPlan   *plan,
              PostureFixRunner *runner,
              gboolean          with_outcome)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *steps = posture_fix_plan_get_steps (plan);
  const char * const *risks = posture_fix_plan_get_risks (plan);
  PostureControl *control = posture_catalog_lookup (posture_catalog_get_default (),
                                                    posture_fix_plan_get_control_id (plan));
  guint n = g_list_model_get_n_items (steps);

  if (!with_outcome)
    {
      g_autofree char *title = g_strdup_printf ("%s (%s)", posture_control_get_title (control),
                                                posture_control_get_id (control));

      append_line (out, "", title);
      append_line (out, "", posture_fix_plan_get_summary (plan));
      if (risks != NULL && risks[0] != NULL)
        {
          g_string_append_printf (out, "%s\n", _("Risks:"));
          for (guint i = 0; risks[i] != NULL; i++)
            append_line (out, "  - ", risks[i]);
        }
      if (n == 0)
        g_string_append_printf (out, "%s\n", _("Nothing to change: no resource fails this "
                                               "control."));
    }
  else
    g_string_append_printf (out, "%s\n", _("Outcome:"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, i);

      append_step (out, runner, step, with_outcome);
    }

  if (with_outcome)
    g_string_append_printf (out, _("%u verified, %u pending, %u failed, %u skipped.\n"),
                            posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_VERIFIED),
                            posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_PENDING),
                            posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_FAILED),
                            posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_SKIPPED));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
print_json (PostureFixRunner  *runner,
            PostureFixPlan    *plan,
            gboolean           dry_run,
            GError           **error)
{
  g_autoptr(JsonNode) node = posture_fix_runner_plan_to_json (runner, plan, dry_run);
  g_autofree char *text = posture_cli_json_text (node);

  return posture_cli_write_output (NULL, text, strlen (text), error);
}

/* ---- Confirmation ----------------------------------------------------------------- */

/* A "yes" typed on the terminal (stdin and stderr both terminals). */
static gboolean
confirm_on_terminal (PostureFixPlan *plan,
                     const char     *tenant)
{
  char answer[64] = "";
  guint n = posture_fix_plan_get_n_changes (plan);

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Apply %u change to %s? Type \"yes\" to go on: ",
                           "Apply %u changes to %s? Type \"yes\" to go on: ", n), n, tenant);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  return g_ascii_strcasecmp (answer, "yes") == 0;
}

/* ---- Running --------------------------------------------------------------------- */

static void
progress_cb (PostureFixRunner *runner,
             GParamSpec       *pspec,
             gpointer          user_data)
{
  /* Terminal control on purpose (the line is redrawn): not through g_printerr's escaper. */
  fprintf (stderr, "\r\033[K");
  fprintf (stderr, _("Fixing: %u of %u done"), posture_fix_runner_get_n_done (runner),
           posture_fix_runner_get_n_total (runner));
  fflush (stderr);
}

static gboolean
run_plan (PostureCliRun     *run,
          PostureFixRunner  *runner,
          PostureFixPlan    *plan,
          GError           **error)
{
  PostureCliSync sync = { 0 };
  gulong handler = 0;
  gboolean ok;

  if (posture_cli_is_interactive (STDERR_FILENO))
    handler = g_signal_connect (runner, "notify::n-done", G_CALLBACK (progress_cb), NULL);

  posture_fix_runner_run_async (runner, plan, run->cancellable, posture_cli_sync_cb, &sync);
  posture_cli_sync_wait (&sync);
  ok = posture_fix_runner_run_finish (runner, sync.result, error);
  g_clear_object (&sync.result);

  if (handler != 0)
    {
      g_signal_handler_disconnect (runner, handler);
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
    }

  if (!ok)
    posture_cli_run_check (run, error);
  return ok;
}

/* ---- The command ----------------------------------------------------------------- */

static int
fix_error (GOptionContext *context,
           GError         *error)
{
  if (error->domain == POSTURE_FIX_ERROR && error->code != POSTURE_FIX_ERROR_PROJECTION)
    return posture_cli_usage_error (context, "%s", error->message);
  return posture_cli_fail (error, posture_cli_source_hint (error));
}

static int
fix_tenant (GOptionContext          *context,
            FixOptions              *options,
            const PostureFixOptions *fix_options,
            const char              *control_id,
            gboolean                 json,
            PostureCliRun           *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(PostureFixPlan) plan = NULL;
  g_autoptr(PostureFixRunner) runner = NULL;
  g_autofree char *text = NULL;
  PostureAssessOptions assess_options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureCliTenant *tenant;
  const char *tenant_name;
  int exit_code;

  tenant = posture_cli_tenant_open (&options->source, run, &error);
  if (tenant == NULL)
    return posture_cli_fail (error, posture_cli_source_hint (error));

  root = posture_cli_tenant_read (tenant, run, &error);
  if (root == NULL)
    {
      exit_code = posture_cli_fail (error, posture_cli_source_hint (error));
      goto out;
    }

  tenant_name = options->source.demo ? "demo tenant" : options->source.tenant;
  snapshot = posture_snapshot_new_from_json (root, tenant_name, &error);
  g_clear_pointer (&root, json_node_unref);
  if (snapshot == NULL || !(assessment = posture_engine_assess (snapshot, &assess_options, &error)))
    {
      exit_code = posture_cli_fail (error, NULL);
      goto out;
    }

  plan = posture_remediation_plan (snapshot, assessment, control_id, fix_options, &error);
  if (plan == NULL)
    {
      exit_code = fix_error (context, error);
      goto out;
    }

  runner = posture_fix_runner_new (posture_cli_tenant_get_client (tenant));

  if (options->dry_run)
    {
      if (json)
        exit_code = print_json (runner, plan, TRUE, &error) ? POSTURE_CLI_EXIT_OK
                                                            : posture_cli_fail (error, NULL);
      else
        {
          text = plan_to_text (plan, runner, FALSE);
          g_print ("%s", text);
          exit_code = POSTURE_CLI_EXIT_OK;
        }
      goto out;
    }

  /* The plan first (on standard error with --format json, which prints once, at the end). */
  text = plan_to_text (plan, runner, FALSE);
  if (json)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
  g_clear_pointer (&text, g_free);

  if (posture_fix_plan_get_n_changes (plan) > 0 && !options->yes)
    {
      if (!posture_cli_is_interactive (STDIN_FILENO) || !posture_cli_is_interactive (STDERR_FILENO))
        {
          exit_code = posture_cli_usage_error (context, "%s",
                                               _("Nothing was changed: there is no terminal to "
                                                 "confirm on. Review the plan, then run again "
                                                 "with --yes to apply it (or --dry-run to only "
                                                 "see it)."));
          goto out;
        }
      if (!confirm_on_terminal (plan, options->source.demo ? _("the demo tenant")
                                                             : options->source.tenant))
        {
          g_printerr ("%s\n", _("Nothing was changed."));
          exit_code = POSTURE_CLI_EXIT_FAILED;
          goto out;
        }
    }

  if (!run_plan (run, runner, plan, &error))
    {
      text = plan_to_text (plan, runner, TRUE);
      g_printerr ("%s", text);
      exit_code = posture_cli_fail (error, posture_cli_source_hint (error));
      goto out;
    }

  /* What the service is still carrying out is followed up by the next reading. */
  posture_cli_pending_keep (tenant, plan);

  if (json)
    {
      if (!print_json (runner, plan, FALSE, &error))
        {
          exit_code = posture_cli_fail (error, NULL);
          goto out;
        }
    }
  else
    {
      text = plan_to_text (plan, runner, TRUE);
      g_print ("%s", text);
    }

  exit_code = posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_FAILED) > 0 ?
              POSTURE_CLI_EXIT_FAILED : POSTURE_CLI_EXIT_OK;

out:
  posture_cli_tenant_close (tenant);
  return exit_code;
}

int
posture_cli_fix (int    argc,
                 char **argv)
{
  g_auto(FixOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) ranges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  PostureFixOptions fix_options = POSTURE_FIX_OPTIONS_INIT;
  PostureCliRun run = { 0 };
  const char *control_id;
  gboolean json = FALSE;
  int exit_code = POSTURE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "environment", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &options.environments,
      N_("Fix only this environment (its name, as assess lists it); repeat for more"),
      N_("NAME") },
    { "ip-range", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.ip_ranges,
      N_("ip-firewall: a range of the allow-list (CIDR); repeat for more"), N_("CIDR") },
    { "app-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.app_ids,
      N_("app-access-control: an application allowed to reach Dataverse; repeat for more"),
      N_("ID") },
    { "sharing-limit", 0, 0, G_OPTION_ARG_INT, &options.sharing_limit,
      N_("sharing-limits: the most people an app may be shared with (default 20)"), N_("N") },
    { "enforce", 0, 0, G_OPTION_ARG_NONE, &options.enforce,
      N_("ip-firewall, app-access-control: the second step, from audit to enforcement"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &options.dry_run,
      N_("Print the plan and write nothing"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &options.yes,
      N_("Apply the plan without asking"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    { NULL }
  };

  options.sharing_limit = SHARING_LIMIT_ABSENT;
  context = posture_cli_context_new ("fix", _("CONTROL"));
  g_option_context_set_description (context,
    _("Plans the control's remediation for its failing resources (or only the "
      "--environment's named) and prints it: the requests, what was checked, the risks, "
      "and the resources left alone and why. Without --dry-run it then writes, after --yes "
      "or a \"yes\" typed on a terminal, reads each resource back, and prints how it ended: "
      "verified, pending (the service is still working), failed (its words) or skipped.\n\n"
      "Examples:\n"
      "  posture-cli fix auditing --demo --dry-run\n"
      "  posture-cli fix ip-firewall --tenant contoso.onmicrosoft.com "
      "--ip-range 203.0.113.0/24 --yes\n"
      "  posture-cli fix managed-environment --tenant ID --environment ENV --format json --yes\n\n"
      "Exit codes: 0 every change verified or pending, 1 any failed, 2 usage (an unknown "
      "control, one with no API fix, a missing or invalid option, a write with no terminal "
      "and no --yes)."));
  posture_cli_source_add_options (context, &options.source, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return posture_cli_usage_error (context, "%s", error->message);

  if (argc < 2)
    return posture_cli_usage_error (context, "%s", _("Say which control to fix, such as "
                                                     "\"posture-cli fix auditing --demo\" "
                                                     "(\"posture-cli controls\" lists them)"));
  if (argc > 2)
    return posture_cli_usage_error (context, _("unexpected argument \"%s\""), argv[2]);
  control_id = argv[1];

  exit_code = posture_cli_source_check (&options.source, context, TRUE);
  if (exit_code != POSTURE_CLI_EXIT_OK)
    return exit_code;

  if (options.format == NULL || g_str_equal (options.format, "text"))
    json = FALSE;
  else if (g_str_equal (options.format, "json"))
    json = TRUE;
  else
    return posture_cli_usage_error (context, _("--format must be text or json, not \"%s\""),
                                    options.format);

  /* What can be known before reading the tenant is checked before reading it. */
  if (posture_catalog_lookup (posture_catalog_get_default (), control_id) == NULL)
    return posture_cli_usage_error (context, _("Unknown control \"%s\"; \"posture-cli controls\" "
                                               "lists them"), control_id);
  if (!posture_remediation_has_api_fix (control_id))
    return posture_cli_usage_error (context, _("%s has no fix through the API: it needs an Azure "
                                               "resource, a group or a person's judgement; "
                                               "\"posture-cli controls\" and the report give "
                                               "its steps"), control_id);

  /* --ip-range may also carry a comma-separated list. */
  for (guint i = 0; options.ip_ranges != NULL && options.ip_ranges[i] != NULL; i++)
    {
      g_auto(GStrv) split = posture_text_split_list (options.ip_ranges[i]);

      for (guint j = 0; split[j] != NULL; j++)
        g_ptr_array_add (ranges, g_strdup (split[j]));
    }
  g_ptr_array_add (ranges, NULL);

  fix_options.environments = (const char * const *) options.environments;
  fix_options.ip_ranges = ranges->len > 1 ? (const char * const *) ranges->pdata : NULL;
  fix_options.app_ids = (const char * const *) options.app_ids;
  if (options.sharing_limit != SHARING_LIMIT_ABSENT)
    fix_options.sharing_limit = options.sharing_limit;
  fix_options.enforce = options.enforce;

  /* The options' own errors too, before signing in: a usage error exits at once. */
  if (!posture_remediation_check_options (control_id, &fix_options, &error))
    return fix_error (context, error);
  if (options.sharing_limit != SHARING_LIMIT_ABSENT &&
      (posture_remediation_get_inputs (control_id, options.enforce) &
       POSTURE_FIX_INPUT_SHARING_LIMIT) == 0)
    return posture_cli_usage_error (context, _("%s takes no --sharing-limit (only "
                                               "sharing-limits does)"), control_id);

  posture_cli_run_begin (&run, options.source.timeout_s);
  exit_code = fix_tenant (context, &options, &fix_options, control_id, json, &run);
  posture_cli_run_end (&run);
  return exit_code;
}
