/* posture-cli-report.c: posture-cli report — HTML, CSV, JSON reports and the action plan
 *
 *   posture-cli report --tenant ID|--snapshot FILE|--demo [--offline]
 *                      [--format html|csv|json] [--output FILE] [--action-plan FILE]
 *                      [--profile P | --controls IDS]
 *
 * Without --format or --output, and with --action-plan, only the action plan is written.
 * Otherwise the report goes to --output (standard output when absent or "-"), in HTML
 * unless --format says otherwise. Files are written atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-cli-private.h"
#include "posture-decision-store.h"
#include "posture-engine.h"
#include "posture-error.h"
#include "posture-history.h"
#include "posture-report.h"

typedef struct
{
  PostureCliSource source;
  gboolean  offline;
  char     *profile;
  char     *controls;
  char     *format;
  char     *output;
  char     *action_plan;
} ReportOptions;

static void
report_options_clear (ReportOptions *options)
{
  posture_cli_source_clear (&options->source);
  g_clear_pointer (&options->profile, g_free);
  g_clear_pointer (&options->controls, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->action_plan, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportOptions, report_options_clear)

static PostureSnapshot *
acquire_snapshot (ReportOptions  *options,
                  const char     *state_key,
                  const char    **hint,
                  GError        **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (options->source.snapshot_path != NULL)
    {
      *hint = _("Check that the file is a snapshot saved by \"posture-cli snapshot\" or by "
                "Posture, or take a new one.");
      return posture_snapshot_new_from_file (options->source.snapshot_path, error);
    }

  if (options->offline)
    {
      *hint = _("Assess the tenant once while online to cache a reading.");
      return posture_cli_state_load_cached (state_key, error);
    }

  root = posture_cli_source_acquire (&options->source, error);
  if (root == NULL)
    {
      *hint = posture_cli_source_hint (*error);
      return NULL;
    }

  *hint = NULL;
  return posture_snapshot_new_from_json (root, options->source.demo ? "demo tenant"
                                                                     : options->source.tenant,
                                         error);
}

/* The tenant's score history, for the HTML chart. */
static PostureHistory *
load_history (const char *tenant_id)
{
  g_autoptr(PostureHistory) history = posture_history_new (tenant_id);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_history_load (history, &recovered, &error))
    {
      g_printerr (_("posture-cli: warning: the score history cannot be read (%s); "
                    "the report has no chart\n"), error->message);
      return NULL;
    }
  if (recovered != NULL)
    g_printerr ("posture-cli: warning: %s\n", recovered->message);

  return g_steal_pointer (&history);
}

/* Streamed to --output as it is rendered (atomically for a regular file). */
static gboolean
write_report (PostureAssessment    *assessment,
              PostureSnapshot      *snapshot,
              GListModel           *history,
              PostureReportFormat   format,
              const char           *path,
              GError              **error)
{
  g_autoptr(PostureCliOutput) output = NULL;

  output = posture_cli_output_open (path, error);
  if (output == NULL)
    return FALSE;

  if (!posture_report_write (assessment, snapshot, history, format,
                             posture_cli_output_get_stream (output), NULL, error))
    return posture_cli_output_failed (output, error);

  return posture_cli_output_commit (output, error);
}

int
posture_cli_report (int    argc,
                    char **argv)
{
  g_auto(ReportOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &options.offline,
      N_("Report on the reading cached by the last assessment of --tenant or --demo"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &options.profile,
      N_("Controls to assess: all, scuba or ppac"), N_("PROFILE") },
    { "controls", 0, 0, G_OPTION_ARG_STRING, &options.controls,
      N_("Assess exactly these controls"), N_("ID,ID,…") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("Report format: html (default), csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write the report to FILE (default: standard output)"), N_("FILE") },
    { "action-plan", 0, 0, G_OPTION_ARG_FILENAME, &options.action_plan,
      N_("Also write the action plan (CSV) to FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(PostureHistory) history = NULL;
  g_auto(GStrv) control_ids = NULL;
  PostureAssessOptions assess_options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureReportFormat format = POSTURE_REPORT_FORMAT_HTML;
  gboolean write_main;
  const char *state_key;
  const char *hint = NULL;
  int exit_code = POSTURE_CLI_EXIT_OK;

  context = posture_cli_context_new ("report", NULL);
  g_option_context_set_description (context,
    _("Writes the assessment as a self-contained HTML file, a CSV file (one row per control\n"
      "and resource) or JSON, and the action plan: the failing and partial controls with\n"
      "their owner, planned date and note. With --action-plan and neither --format nor\n"
      "--output, only the action plan is written.\n\n"
      "Examples:\n"
      "  posture-cli report --snapshot contoso.json --output report.html\n"
      "  posture-cli report --tenant contoso.onmicrosoft.com --action-plan plan.csv\n"
      "  posture-cli report --demo --format csv --output findings.csv\n\n"
      "Exit codes: 0 done, 1 failed, 2 usage."));
  posture_cli_source_add_options (context, &options.source, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  exit_code = posture_cli_source_check (&options.source, context, TRUE);
  if (exit_code != POSTURE_CLI_EXIT_OK)
    return exit_code;

  /* Decisions and history are kept per tenant as given (the --tenant value, or "demo"),
   * as "posture-cli assess" and "decide" do; a saved snapshot uses its tenant's id. */
  state_key = options.source.tenant != NULL ? options.source.tenant :
              options.source.demo ? "demo" : NULL;
  if (options.offline && state_key == NULL)
    return posture_cli_usage_error (context, _("--offline goes with --tenant or --demo"));

  if (options.format != NULL)
    {
      if (!posture_report_format_from_string (options.format, &format, &error) ||
          format == POSTURE_REPORT_FORMAT_ACTION_PLAN)
        return posture_cli_usage_error (context, _("--format must be html, csv or json, not \"%s\" "
                                          "(the action plan goes to --action-plan FILE)"),
                                        options.format);
    }

  if (options.profile != NULL && options.controls != NULL)
    return posture_cli_usage_error (context, _("Use either --profile or --controls, not both"));

  if (options.profile != NULL &&
      !posture_profile_from_string (options.profile, &assess_options.profile))
    return posture_cli_usage_error (context, _("--profile must be all, scuba or ppac, not \"%s\""),
                                    options.profile);

  /* An unknown control id is a usage error, found before any reading. */
  if (options.controls != NULL)
    {
      g_autoptr(GPtrArray) selected = NULL;

      selected = posture_catalog_select (posture_catalog_get_default (), assess_options.profile,
                                         options.controls, &error);
      if (selected == NULL)
        return posture_cli_usage_error (context, "%s", error->message);

      control_ids = g_new0 (char *, selected->len + 1);
      for (guint i = 0; i < selected->len; i++)
        control_ids[i] = g_strdup (posture_control_get_id (g_ptr_array_index (selected, i)));
      assess_options.control_ids = (const char * const *) control_ids;
    }

  write_main = options.action_plan == NULL || options.format != NULL || options.output != NULL;

  if (options.action_plan != NULL && options.output != NULL &&
      g_str_equal (options.action_plan, options.output))
    return posture_cli_usage_error (context, _("--output and --action-plan name the same file"));

  snapshot = acquire_snapshot (&options, state_key, &hint, &error);
  if (snapshot == NULL)
    return posture_cli_fail (error, hint);

  if (state_key == NULL)
    state_key = posture_snapshot_get_tenant_id (snapshot);
  decisions = posture_cli_state_dup_decisions (state_key);
  assess_options.decisions = decisions;
  if (write_main && format == POSTURE_REPORT_FORMAT_HTML)
    history = load_history (state_key);

  assessment = posture_engine_assess (snapshot, &assess_options, &error);
  if (assessment == NULL)
    return posture_cli_fail (error, NULL);
  posture_cli_keep_until_exit (snapshot);
  posture_cli_keep_until_exit (assessment);

  if (write_main && !write_report (assessment, snapshot, G_LIST_MODEL (history), format,
                                   options.output, &error))
    return posture_cli_fail (error, _("Check that the folder exists and that you may write "
                                      "to it."));

  if (options.action_plan != NULL &&
      !write_report (assessment, snapshot, NULL, POSTURE_REPORT_FORMAT_ACTION_PLAN,
                     options.action_plan, &error))
    return posture_cli_fail (error, _("Check that the folder exists and that you may write "
                                      "to it."));

  /* A fresh reading of a tenant is an assessment like "assess" makes: cache it and add it
   * to the history. */
  if (options.source.snapshot_path == NULL && !options.offline)
    posture_cli_state_record (state_key, snapshot, assessment);

  return POSTURE_CLI_EXIT_OK;
}
