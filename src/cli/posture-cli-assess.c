/* posture-cli-assess.c: `posture-cli assess` and `posture-cli controls`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-cli-private.h"
#include "posture-engine.h"
#include "posture-error.h"
#include "posture-json-writer.h"
#include "posture-report.h"
#include "posture-snapshot.h"
#include "posture-text.h"
#include "posture-labels.h"

/* ------------------------------------------------------------------------- */
/* Terminal output                                                           */
/* ------------------------------------------------------------------------- */

#define SGR_RESET  "\033[0m"
#define SGR_BOLD   "\033[1m"
#define SGR_DIM    "\033[2m"
#define SGR_RED    "\033[31m"
#define SGR_GREEN  "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_BLUE   "\033[34m"
#define SGR_MAGENTA "\033[35m"
#define SGR_CYAN   "\033[36m"

typedef struct
{
  GString  *out;
  gboolean  color;
} Printer;

static void
styled (Printer    *p,
        const char *sgr,
        const char *text)
{
  if (p->color && sgr != NULL)
    g_string_append_printf (p->out, "%s%s%s", sgr, text, SGR_RESET);
  else
    g_string_append (p->out, text);
}

/* Text from a snapshot can hold terminal escapes: one line, every control made visible. */
static char *
safe (const char *text)
{
  return posture_text_escape_terminal (text, POSTURE_TEXT_ESCAPE_DEFAULT);
}

static const char *
status_color (PostureStatus status)
{
  switch (status)
    {
    case POSTURE_STATUS_PASS:
      return SGR_GREEN;
    case POSTURE_STATUS_FAIL:
      return SGR_RED;
    case POSTURE_STATUS_PARTIAL:
      return SGR_YELLOW;
    case POSTURE_STATUS_UNKNOWN:
      return SGR_MAGENTA;
    case POSTURE_STATUS_MANUAL:
      return SGR_CYAN;
    case POSTURE_STATUS_NOT_APPLICABLE:
    default:
      return SGR_DIM;
    }
}

static const char *
level_color (PostureLevel level)
{
  switch (level)
    {
    case POSTURE_LEVEL_LOW:
      return SGR_RED;
    case POSTURE_LEVEL_MEDIUM:
      return SGR_YELLOW;
    case POSTURE_LEVEL_HIGH:
      return SGR_GREEN;
    case POSTURE_LEVEL_UNKNOWN:
    default:
      return SGR_MAGENTA;
    }
}

/* "Score: 57 % (Medium) — 17 of 30 points", as the app says it. */
static void
print_score (Printer            *p,
             const char         *label,
             const PostureScore *score)
{
  g_autofree char *percent = posture_format_percent (score->percent);
  g_autofree char *level = NULL;

  styled (p, SGR_BOLD, label);
  g_string_append (p->out, " ");
  if (score->possible == 0)
    {
      styled (p, level_color (score->level), _("no score (no points possible)"));
      g_string_append_c (p->out, '\n');
      return;
    }

  level = g_strdup_printf ("%s (%s)", percent, posture_level_label (score->level));
  styled (p, level_color (score->level), level);
  g_string_append (p->out, " — ");
  /* TRANSLATORS: "17 of 30 points" */
  g_string_append_printf (p->out, _("%u of %u points"), score->earned, score->possible);
  g_string_append_c (p->out, '\n');
}

/* @text padded with spaces to @width characters (not bytes: labels are translated). */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static char *
render_text (PostureAssessment *assessment,
             gboolean           color)
{
  Printer printer = { g_string_new (NULL), color };
  Printer *p = &printer;
  g_autofree char *tenant_name = safe (posture_assessment_get_tenant_name (assessment));
  g_autofree char *tenant_id = safe (posture_assessment_get_tenant_id (assessment));
  GListModel *controls = posture_assessment_get_controls (assessment);
  GListModel *recommendations = posture_assessment_get_recommendations (assessment);
  const char * const *warnings = posture_assessment_get_warnings (assessment);
  PostureScore score;
  PostureScore planned;
  guint status_width = 0;
  guint n;

  posture_assessment_get_score (assessment, &score);
  posture_assessment_get_planned_score (assessment, &planned);

  styled (p, SGR_BOLD, _("Posture assessment"));
  g_string_append_printf (p->out, ": %s", tenant_name[0] ? tenant_name : tenant_id);
  if (tenant_name[0] && tenant_id[0])
    g_string_append_printf (p->out, " (%s)", tenant_id);
  g_string_append_c (p->out, '\n');

  if (posture_assessment_get_captured_at (assessment) != NULL)
    {
      GDateTime *captured = posture_assessment_get_captured_at (assessment);
      g_autofree char *when = posture_format_date_time (captured);
      g_autofree char *zone = posture_format_time_zone (captured);

      /* TRANSLATORS: "Configuration read 2 Dec 2026, 04:58 (CET, UTC+01:00)" */
      g_string_append_printf (p->out, _("Configuration read %s (%s)"), when, zone);
      g_string_append_c (p->out, '\n');
    }
  g_string_append_printf (p->out, _("Profile: %s"),
                          posture_profile_label (posture_assessment_get_profile (assessment)));
  g_string_append (p->out, "\n\n");

  print_score (p, _("Score:"), &score);
  if (posture_assessment_get_decisions (assessment)->len > 0 &&
      (planned.earned != score.earned))
    print_score (p, _("Planned score:"), &planned);
  g_string_append_c (p->out, '\n');

  n = g_list_model_get_n_items (recommendations);
  styled (p, SGR_BOLD, _("Recommendations, most important first"));
  g_string_append_c (p->out, '\n');
  if (n == 0)
    g_string_append_printf (p->out, "  %s\n",
                            _("Nothing to do: every assessed control passes or is resolved."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);
      PostureControl *control = posture_control_result_get_control (result);
      g_autofree char *gain = posture_format_gain (posture_control_result_get_gain (result));

      g_string_append_printf (p->out, "  %2u. [%s] %s (%s) ", i + 1,
                              posture_severity_label (posture_control_get_severity (control)),
                              posture_control_get_title (control),
                              posture_control_get_id (control));
      styled (p, SGR_GREEN, gain);
      g_string_append_c (p->out, '\n');
    }
  g_string_append_c (p->out, '\n');

  styled (p, SGR_BOLD, _("Controls"));
  g_string_append_c (p->out, '\n');
  for (PostureStatus status = POSTURE_STATUS_PASS; status <= POSTURE_STATUS_MANUAL; status++)
    status_width = MAX (status_width, (guint) g_utf8_strlen (posture_status_label (status), -1));
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureStatus status = posture_control_result_get_status (result);
      PostureDecision *decision = posture_control_result_get_decision (result);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autofree char *id = NULL;
      g_autofree char *indent = g_strnfill (2 + status_width + 9, ' ');

      /* The status in words, the points, then the title, the id as secondary text. */
      append_padded (label, posture_status_label (status), status_width);
      g_string_append (p->out, "  ");
      styled (p, status_color (status), label->str);
      if (status == POSTURE_STATUS_MANUAL || status == POSTURE_STATUS_NOT_APPLICABLE)
        g_string_append (p->out, "        ");
      else
        g_string_append_printf (p->out, " %3u/%-3u", posture_control_result_get_earned (result),
                                posture_control_result_get_possible (result));
      g_string_append_printf (p->out, " %s ", posture_control_get_title (control));
      id = g_strdup_printf ("(%s)", posture_control_get_id (control));
      styled (p, SGR_DIM, id);
      if (posture_control_result_get_n_unknown (result) > 0)
        g_string_append_printf (p->out, g_dngettext (GETTEXT_PACKAGE, " (%u unknown)",
                                                     " (%u unknown)",
                                                     posture_control_result_get_n_unknown (result)),
                                posture_control_result_get_n_unknown (result));
      if (decision != NULL)
        g_string_append_printf (p->out, " [%s]",
                                posture_decision_label (posture_decision_get_status (decision)));
      g_string_append_c (p->out, '\n');

      if (posture_control_get_scope (control) == POSTURE_SCOPE_TENANT &&
          posture_control_result_get_n_resources (result) == 1)
        {
          PostureResourceResult *resource = posture_control_result_get_resource (result, 0);
          g_autofree char *reason = safe (posture_resource_result_get_reason (resource));

          g_string_append (p->out, indent);
          styled (p, SGR_DIM, reason);
          g_string_append_c (p->out, '\n');
        }
      else if (status == POSTURE_STATUS_MANUAL && posture_control_result_get_evidence (result))
        {
          g_auto(GStrv) lines = g_strsplit (posture_control_result_get_evidence (result), "\n", 0);

          for (guint l = 0; lines[l] != NULL; l++)
            {
              g_autofree char *line = safe (lines[l]);

              g_string_append (p->out, indent);
              styled (p, SGR_DIM, line);
              g_string_append_c (p->out, '\n');
            }
        }
    }

  if (warnings != NULL && warnings[0] != NULL)
    {
      g_string_append_c (p->out, '\n');
      styled (p, SGR_BOLD SGR_YELLOW, _("Warnings"));
      g_string_append_c (p->out, '\n');
      for (guint i = 0; warnings[i] != NULL; i++)
        {
          g_autofree char *warning = safe (warnings[i]);

          g_string_append_printf (p->out, "  - %s\n", warning);
        }
    }

  return g_string_free (p->out, FALSE);
}

/* ------------------------------------------------------------------------- */
/* assess                                                                    */
/* ------------------------------------------------------------------------- */

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_HTML,
} Format;

/* --fail-under: a level name, or a percent from 0 to 100. */
static gboolean
parse_fail_under (const char   *text,
                  PostureLevel *level,
                  double       *percent)
{
  char *end = NULL;
  double value;

  *level = POSTURE_LEVEL_UNKNOWN;
  *percent = -1;

  if (posture_level_from_string (text, level) && *level != POSTURE_LEVEL_UNKNOWN)
    return TRUE;

  *level = POSTURE_LEVEL_UNKNOWN;
  value = g_ascii_strtod (text, &end);
  if (end == text || (*end != '\0' && !(end[0] == '%' && end[1] == '\0')) ||
      !(value >= 0 && value <= 100))
    return FALSE;

  *percent = value;
  return TRUE;
}

static gboolean
below_floor (const PostureScore *score,
             PostureLevel        level,
             double              percent)
{
  /* Nothing assessable proves nothing: an unknown score is below any floor. */
  if (score->possible == 0)
    return TRUE;

  if (level != POSTURE_LEVEL_UNKNOWN)
    return score->level < level;

  /* The exact percent, as JSON gives it to scripts (56.25 is not below 56.25). */
  return score->percent < percent;
}

/* JSON, CSV and HTML are written as they are produced (no tree of the whole result);
 * the text is small and written at once. */
static gboolean
write_assessment (PostureAssessment  *assessment,
                  PostureSnapshot    *snapshot,
                  Format              format,
                  const char         *path,
                  GError            **error)
{
  g_autoptr(PostureCliOutput) output = NULL;
  GOutputStream *stream;

  output = posture_cli_output_open (path, error);
  if (output == NULL)
    return FALSE;
  stream = posture_cli_output_get_stream (output);

  switch (format)
    {
    case FORMAT_JSON:
      /* DESIGN.md's object exactly: no "sources" member. */
      if (!posture_report_write (assessment, NULL, NULL, POSTURE_REPORT_FORMAT_JSON, stream,
                                 NULL, error))
        return posture_cli_output_failed (output, error);
      break;

    case FORMAT_CSV:
    case FORMAT_HTML:
      if (!posture_report_write (assessment, snapshot, NULL,
                                 format == FORMAT_CSV ? POSTURE_REPORT_FORMAT_CSV
                                                      : POSTURE_REPORT_FORMAT_HTML,
                                 stream, NULL, error))
        return posture_cli_output_failed (output, error);
      break;

    case FORMAT_TEXT:
    default:
      {
        g_autofree char *text = NULL;

        text = render_text (assessment, posture_cli_output_is_terminal (output) &&
                                        posture_cli_use_color (STDOUT_FILENO));
        if (!g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, error))
          return posture_cli_output_failed (output, error);
      }
      break;
    }

  return posture_cli_output_commit (output, error);
}

static int assess_source (GOptionContext   *context,
                          PostureCliSource *source,
                          const char       *state_key,
                          gboolean          offline,
                          const char       *profile_text,
                          const char       *controls_text,
                          const char       *format_text,
                          const char       *output,
                          const char       *fail_under);

int
posture_cli_assess (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *profile_text = NULL;
  g_autofree char *controls_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *fail_under = NULL;
  PostureCliSource source = { 0 };
  const char *state_key = NULL;
  gboolean offline = FALSE;
  int exit_code = POSTURE_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("With --tenant or --demo: assess the last cached reading instead of reading again"),
      NULL },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_text,
      N_("Controls to assess: all (default), scuba or ppac"), N_("PROFILE") },
    { "controls", 'c', 0, G_OPTION_ARG_STRING, &controls_text,
      N_("Assess exactly these controls (see \"posture-cli controls\")"), N_("ID,ID,…") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text (default), json, csv or html"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "fail-under", 0, 0, G_OPTION_ARG_STRING, &fail_under,
      N_("Exit with 3 when the score is below low, medium, high or a PERCENT"),
      N_("LEVEL|PERCENT") },
    { NULL }
  };

  context = posture_cli_context_new ("assess", NULL);
  g_option_context_set_description (context,
                                    _("Assesses a tenant, a saved snapshot or the demo tenant "
                                      "against the controls catalog and prints the score, the "
                                      "recommendations and every control's status.\n\n"
                                      "Exit codes: 0 done, 1 failed, 2 usage, 3 score below "
                                      "--fail-under."));
  posture_cli_source_add_options (context, &source, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code) ||
      (exit_code = posture_cli_source_check (&source, context, TRUE)) != POSTURE_CLI_EXIT_OK)
    {
      posture_cli_source_clear (&source);
      return exit_code;
    }

  /* Decisions and history are kept per tenant "as given": the --tenant id, or "demo". */
  state_key = source.tenant != NULL ? source.tenant : (source.demo ? "demo" : NULL);
  exit_code = assess_source (context, &source, state_key, offline, profile_text, controls_text,
                             format_text, output, fail_under);
  posture_cli_source_clear (&source);
  return exit_code;
}

static int
assess_source (GOptionContext   *context,
               PostureCliSource *source,
               const char       *state_key,
               gboolean          offline,
               const char       *profile_text,
               const char       *controls_text,
               const char       *format_text,
               const char       *output,
               const char       *fail_under)
{
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) decisions = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) control_ids = NULL;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  PostureProfile profile = POSTURE_PROFILE_ALL;
  PostureLevel floor_level = POSTURE_LEVEL_UNKNOWN;
  PostureScore score;
  double floor_percent = -1;
  Format format = FORMAT_TEXT;

  if (offline && state_key == NULL)
    return posture_cli_usage_error (context, _("--offline goes with --tenant or --demo"));

  if (profile_text != NULL && controls_text != NULL)
    return posture_cli_usage_error (context, _("Use either --profile or --controls, not both"));
  if (profile_text != NULL && !posture_profile_from_string (profile_text, &profile))
    return posture_cli_usage_error (context, _("--profile must be all, scuba or ppac, not \"%s\""),
                                    profile_text);

  if (format_text == NULL || g_str_equal (format_text, "text"))
    format = FORMAT_TEXT;
  else if (g_str_equal (format_text, "json"))
    format = FORMAT_JSON;
  else if (g_str_equal (format_text, "csv"))
    format = FORMAT_CSV;
  else if (g_str_equal (format_text, "html"))
    format = FORMAT_HTML;
  else
    return posture_cli_usage_error (context,
                                    _("--format must be text, json, csv or html, not \"%s\""),
                                    format_text);

  if (fail_under != NULL && !parse_fail_under (fail_under, &floor_level, &floor_percent))
    return posture_cli_usage_error (context,
                                    _("--fail-under must be low, medium, high or a percent from 0 "
                                      "to 100, not \"%s\""), fail_under);

  /* An unknown control id is a usage error, found before any reading. */
  if (controls_text != NULL)
    {
      if (!(selected = posture_catalog_select (posture_catalog_get_default (), profile,
                                               controls_text, &error)))
        return posture_cli_usage_error (context, "%s", error->message);

      control_ids = g_new0 (char *, selected->len + 1);
      for (guint i = 0; i < selected->len; i++)
        control_ids[i] = g_strdup (posture_control_get_id (g_ptr_array_index (selected, i)));
    }

  if (source->snapshot_path != NULL)
    {
      /* Bounded depth and string length; the message names the file and the JSON path. */
      if (!(snapshot = posture_snapshot_new_from_file (source->snapshot_path, &error)))
        return posture_cli_fail (error, _("Check that the file is a snapshot saved by "
                                          "\"posture-cli snapshot\" or by Posture, or take a "
                                          "new one."));
    }
  else if (offline)
    {
      if (!(snapshot = posture_cli_state_load_cached (state_key, &error)))
        return posture_cli_fail (error,
                                 _("Assess the tenant once while online to cache a reading."));
    }
  else
    {
      if (!(root = posture_cli_source_acquire (source, &error)))
        return posture_cli_fail (error, posture_cli_source_hint (error));
      snapshot = posture_snapshot_new_from_json (root,
                                                 source->demo ? "demo tenant" : source->tenant,
                                                 &error);
      if (snapshot == NULL)
        return posture_cli_fail (error, NULL);
      g_clear_pointer (&root, json_node_unref);
    }

  if (state_key != NULL)
    decisions = posture_cli_state_dup_decisions (state_key);

  options.profile = profile;
  options.control_ids = (const char * const *) control_ids;
  options.decisions = decisions;

  if (!(assessment = posture_engine_assess (snapshot, &options, &error)))
    return posture_cli_fail (error, NULL);
  posture_cli_keep_until_exit (snapshot);
  posture_cli_keep_until_exit (assessment);

  if (!write_assessment (assessment, snapshot, format, output, &error))
    return posture_cli_fail (error,
                             _("Check that the folder exists and that you may write to it."));

  /* A fresh reading of a tenant is cached and the assessment goes to its history. */
  if (state_key != NULL && !offline)
    posture_cli_state_record (state_key, snapshot, assessment);

  posture_assessment_get_score (assessment, &score);
  if (fail_under != NULL && below_floor (&score, floor_level, floor_percent))
    {
      if (score.possible == 0)
        g_printerr (_("posture-cli: the score is unknown (no points possible), below "
                      "--fail-under %s\n"),
                    fail_under);
      else
        {
          g_autofree char *percent = posture_format_percent (score.percent);

          g_printerr (_("posture-cli: the score %s (%s) is below --fail-under %s\n"), percent,
                      posture_level_label (score.level), fail_under);
        }
      return POSTURE_CLI_EXIT_BELOW_FLOOR;
    }

  return POSTURE_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------- */
/* controls                                                                  */
/* ------------------------------------------------------------------------- */

static void
write_strv (PostureJsonWriter  *writer,
            const char         *member,
            const char * const *strv)
{
  posture_json_writer_member (writer, member);
  posture_json_writer_begin_array (writer);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    posture_json_writer_string (writer, strv[i]);
  posture_json_writer_end_array (writer);
}

static char *
catalog_to_json (PostureCatalog *catalog)
{
  GString *out = g_string_new (NULL);
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (out, TRUE);
  GListModel *model = G_LIST_MODEL (catalog);

  posture_json_writer_begin_object (writer);
  posture_json_writer_member_int (writer, "posture_catalog", posture_catalog_get_version (catalog));
  posture_json_writer_member (writer, "controls");
  posture_json_writer_begin_array (writer);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureControl) control = g_list_model_get_item (model, i);
      PostureScope scope = posture_control_get_scope (control);
      PostureSeverity severity = posture_control_get_severity (control);
      PostureCategory category = posture_control_get_category (control);
      PosturePrinciple principle = posture_control_get_principle (control);

      posture_json_writer_begin_object (writer);
      posture_json_writer_member_string (writer, "id", posture_control_get_id (control));
      posture_json_writer_member_string (writer, "title", posture_control_get_title (control));
      posture_json_writer_member_string (writer, "description",
                                         posture_control_get_description (control));
      posture_json_writer_member_string (writer, "rationale",
                                         posture_control_get_rationale (control));
      write_strv (writer, "remediation", posture_control_get_remediation (control));
      posture_json_writer_member_string (writer, "scope", posture_scope_to_string (scope));
      posture_json_writer_member_string (writer, "severity", posture_severity_to_string (severity));
      posture_json_writer_member_string (writer, "category", posture_category_to_string (category));
      posture_json_writer_member_string (writer, "principle",
                                         posture_principle_to_string (principle));
      posture_json_writer_member (writer, "scuba");
      if (posture_control_get_scuba_id (control) != NULL)
        {
          posture_json_writer_begin_object (writer);
          posture_json_writer_member_string (writer, "id", posture_control_get_scuba_id (control));
          posture_json_writer_member_string (writer, "requirement",
                                             posture_control_get_scuba_requirement (control));
          posture_json_writer_end_object (writer);
        }
      else
        posture_json_writer_null (writer);
      posture_json_writer_member_string (writer, "ppac", posture_control_get_ppac_name (control));
      posture_json_writer_member_string (writer, "waf", posture_control_get_waf_code (control));
      write_strv (writer, "training", posture_control_get_training (control));
      posture_json_writer_member (writer, "manual");
      posture_json_writer_boolean (writer, posture_control_get_manual (control));
      posture_json_writer_end_object (writer);
    }
  posture_json_writer_end_array (writer);
  posture_json_writer_end_object (writer);

  return g_string_free (out, FALSE);
}

static char *
catalog_to_text (PostureCatalog *catalog,
                 gboolean        color)
{
  Printer printer = { g_string_new (NULL), color };
  GListModel *model = G_LIST_MODEL (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureControl) control = g_list_model_get_item (model, i);
      const char *scuba = posture_control_get_scuba_id (control);

      styled (&printer, SGR_BOLD, posture_control_get_id (control));
      g_string_append_printf (printer.out, "  %s · %s · %s%s\n",
                              posture_severity_label (posture_control_get_severity (control)),
                              posture_scope_to_string (posture_control_get_scope (control)),
                              posture_category_label (posture_control_get_category (control)),
                              posture_control_get_manual (control) ? _(" · manual") : "");
      g_string_append_printf (printer.out, "    %s\n", posture_control_get_title (control));
      g_string_append (printer.out, "    ");
      if (scuba != NULL)
        g_string_append_printf (printer.out, "SCuBA %s (%s) · ", scuba,
                                posture_control_get_scuba_requirement (control));
      if (posture_control_get_ppac_name (control) != NULL)
        g_string_append_printf (printer.out, _("admin center: %s · "),
                                posture_control_get_ppac_name (control));
      g_string_append_printf (printer.out, "WAF %s · Zero Trust: %s\n",
                              posture_control_get_waf_code (control),
                              posture_principle_label (posture_control_get_principle (control)));
    }

  return g_string_free (printer.out, FALSE);
}

int
posture_cli_controls (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *data = NULL;
  PostureCatalog *catalog;
  gboolean list_ids = FALSE;
  int exit_code = POSTURE_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    /* For shell completion: the ids, one a line. */
    { "list-ids", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_ids, NULL, NULL },
    { NULL }
  };

  context = posture_cli_context_new ("controls", NULL);
  g_option_context_set_description (context, _("Lists the controls catalog with its references."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  catalog = posture_catalog_get_default ();

  if (list_ids)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
        {
          g_autoptr(PostureControl) control = g_list_model_get_item (G_LIST_MODEL (catalog), i);

          g_string_append_printf (ids, "%s\n", posture_control_get_id (control));
        }
      data = g_string_free (g_steal_pointer (&ids), FALSE);
    }
  else if (format_text == NULL || g_str_equal (format_text, "text"))
    data = catalog_to_text (catalog, posture_cli_use_color (STDOUT_FILENO));
  else if (g_str_equal (format_text, "json"))
    data = catalog_to_json (catalog);
  else
    return posture_cli_usage_error (context, _("--format must be text or json, not \"%s\""),
                                    format_text);

  if (!posture_cli_write_output (NULL, data, strlen (data), &error))
    return posture_cli_fail (error, NULL);

  return POSTURE_CLI_EXIT_OK;
}
