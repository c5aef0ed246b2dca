/* posture-cli-training.c: posture-cli training list|show|validate|review|review-report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "posture-cli-private.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-labels.h"
#include "posture-training-library.h"
#include "posture-training-state.h"

typedef struct
{
  char     *training_dir;
  char     *format;
  char     *output;
  char     *audience;
  char     *phase;
  char     *principle;
  char     *control;
  char     *search;
  char     *state;
  char     *reviewer;
  char     *notes;
  int       interval_days;
} TrainingOptions;

static void
training_options_clear (TrainingOptions *options)
{
  g_free (options->training_dir);
  g_free (options->format);
  g_free (options->output);
  g_free (options->audience);
  g_free (options->phase);
  g_free (options->principle);
  g_free (options->control);
  g_free (options->search);
  g_free (options->state);
  g_free (options->reviewer);
  g_free (options->notes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainingOptions, training_options_clear)

static const struct
{
  const char *name;
  const char *arguments;   /* after the options in the usage line */
  const char *summary;
} subcommands [] = {
  { "list", NULL,
    N_("List the training modules (filters: --audience, --phase, "
        "--principle, --control, --search)") },
  { "show", "ID", N_("Show one training module") },
  { "validate", "[DIR]", N_("Check training modules: the built-in library, or the folder DIR") },
  { "review", "ID",
    N_("Record a champion's review of a module (--state, --reviewer, "
        "--notes)") },
  { "review-report", NULL, N_("Write the review report (--format csv|markdown, --output FILE)") },
};

const char *
posture_cli_training_summary (const char *subcommand)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (subcommand, subcommands[i].name))
        return _(subcommands[i].summary);
    }
  return NULL;
}

static void
print_training_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: posture-cli training SUBCOMMAND [OPTION…]\n\n"));
  fprintf (stream, "%s\n\n", posture_cli_command_summary ("training"));
  fprintf (stream, "%s", _("Subcommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *usage =
          g_strdup_printf ("%s %s", subcommands [i].name,
                           subcommands [i].arguments ? subcommands [i].arguments : "");

      fprintf (stream, "  %-20s %s\n", usage, _(subcommands[i].summary));
    }
  fprintf (stream, "%s",
           _("\nEvery subcommand accepts --training-dir DIR for the organization's own "
              "modules.\nRun \"posture-cli training SUBCOMMAND --help\" for its "
              "options.\n"));
}

/* Loads the built-in modules, the organization folder if given, and the stored
 * progress and reviews. Problems in the folder are printed, not fatal. */
static PostureTrainingLibrary *
load_library (const TrainingOptions  *options,
              gboolean                quiet_problems,
              GError                **error)
{
  g_autoptr(PostureTrainingLibrary) library = posture_training_library_new ();
  g_autoptr(GError) recovered = NULL;

  if (!posture_training_library_load_builtin (library, error))
    return NULL;

  if (options->training_dir != NULL &&
      !posture_training_library_load_directory (library, options->training_dir, error))
    return NULL;

  if (options->interval_days != 0)
    posture_training_library_set_review_interval_days (library, (guint) options->interval_days);

  if (!posture_training_library_load_state (library, &recovered, error))
    return NULL;
  if (recovered != NULL)
    g_printerr ("posture-cli: %s\n", recovered->message);

  if (!quiet_problems)
    {
      GPtrArray *problems = posture_training_library_get_problems (library);

      for (guint i = 0; i < problems->len; i++)
        g_printerr (_("posture-cli: skipped an invalid module: %s\n"),
                    ((GError *) g_ptr_array_index (problems, i))->message);
    }

  return g_steal_pointer (&library);
}

static gboolean
check_vocabulary (GOptionContext     *context,
                  const char         *option,
                  const char         *value,
                  const char * const *vocabulary,
                  int                *exit_code)
{
  g_autofree char *expected = NULL;

  if (value == NULL || g_strv_contains (vocabulary, value))
    return TRUE;

  expected = g_strjoinv (", ", (char **) vocabulary);
  *exit_code = posture_cli_usage_error (context, _("--%s must be one of %s, not \"%s\""),
                                        option, expected, value);
  return FALSE;
}

static const char *
progress_label (PostureTrainingModule *module)
{
  return posture_training_progress_label (posture_training_module_get_progress (module));
}

static JsonNode *
module_to_json (PostureTrainingModule *module,
                gboolean               full)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GDateTime *reviewed_at = posture_training_module_get_reviewed_at (module);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, posture_training_module_get_id (module));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, posture_training_module_get_title (module));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, posture_training_module_get_summary (module));
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, posture_training_origin_to_string (
                                              posture_training_module_get_origin (module)));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, posture_training_module_get_source (module));

#define ADD_STRV(name, getter)                                              \
  json_builder_set_member_name (builder, name);                             \
  json_builder_begin_array (builder);                                       \
  for (const char * const *s = getter (module); s && *s; s++)               \
    json_builder_add_string_value (builder, *s);                            \
  json_builder_end_array (builder);

  ADD_STRV ("audience", posture_training_module_get_audience)
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, posture_training_module_get_phase (module));
  json_builder_set_member_name (builder, "principle");
  json_builder_add_string_value (builder, posture_training_module_get_principle (module));
  json_builder_set_member_name (builder, "duration_minutes");
  json_builder_add_int_value (builder, posture_training_module_get_duration (module));
  ADD_STRV ("tags", posture_training_module_get_tags)
  ADD_STRV ("controls", posture_training_module_get_controls)
  json_builder_set_member_name (builder, "content_version");
  json_builder_add_string_value (builder, posture_training_module_get_content_version (module));
  json_builder_set_member_name (builder, "progress");
  json_builder_add_string_value (builder, posture_training_progress_to_string (
                                              posture_training_module_get_progress (module)));
  if (posture_training_module_get_quiz_total (module) >= 0)
    {
      json_builder_set_member_name (builder, "quiz_correct");
      json_builder_add_int_value (builder, posture_training_module_get_quiz_correct (module));
      json_builder_set_member_name (builder, "quiz_total");
      json_builder_add_int_value (builder, posture_training_module_get_quiz_total (module));
    }
  json_builder_set_member_name (builder, "review_state");
  json_builder_add_string_value (builder, posture_training_review_state_to_string (
                                              posture_training_module_get_review_state (module)));
  json_builder_set_member_name (builder, "needs_review");
  json_builder_add_boolean_value (builder, posture_training_module_get_needs_review (module));
  json_builder_set_member_name (builder, "review_reason");
  json_builder_add_string_value (builder, posture_training_stale_reason_to_string (
                                              posture_training_module_get_stale_reason (module)));
  json_builder_set_member_name (builder, "reviewer");
  if (posture_training_module_get_reviewer (module))
    json_builder_add_string_value (builder, posture_training_module_get_reviewer (module));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "reviewed_at");
  if (reviewed_at != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (reviewed_at);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);

  if (full)
    {
      ADD_STRV ("objectives", posture_training_module_get_objectives)
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, posture_training_module_get_body (module));
    }
#undef ADD_STRV

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
training_list (GOptionContext  *context,
               TrainingOptions *options)
{
  g_autoptr(PostureTrainingLibrary) library = NULL;
  g_autoptr(GListModel) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean json;
  int exit_code = POSTURE_CLI_EXIT_OK;

  if (options->format != NULL && !g_str_equal (options->format, "text") &&
      !g_str_equal (options->format, "json"))
    return posture_cli_usage_error (context, _("--format must be text or json, not \"%s\""),
                                    options->format);
  json = g_strcmp0 (options->format, "json") == 0;

  if (!check_vocabulary (context, "audience", options->audience, posture_training_audiences,
                         &exit_code) ||
      !check_vocabulary (context, "phase", options->phase, posture_training_phases, &exit_code) ||
      !check_vocabulary (context, "principle", options->principle, posture_training_principles,
                         &exit_code))
    return exit_code;

  if (!(library = load_library (options, FALSE, &error)))
    return posture_cli_fail (error, NULL);

  matches = posture_training_library_search (library, options->search, options->audience,
                                             options->phase, options->principle, options->control);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
        {
          g_autoptr(PostureTrainingModule) module = g_list_model_get_item (matches, i);
          json_array_add_element (array, module_to_json (module, FALSE));
        }
      json_node_set_array (root, array);
      text = posture_cli_json_text (root);
      g_string_append (out, text);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
        {
          g_autoptr(PostureTrainingModule) module = g_list_model_get_item (matches, i);
          g_autofree char *audience =
              g_strjoinv (", ", (char **) posture_training_module_get_audience (module));

          g_string_append_printf (out, "%-26s %s\n", posture_training_module_get_id (module),
                                  posture_training_module_get_title (module));
          g_string_append_printf (out, "%-26s ", "");
          g_string_append_printf (out, _("%s · %s · %s · %u min · %s"), audience,
                                  posture_training_module_get_phase (module),
                                  posture_training_module_get_principle (module),
                                  posture_training_module_get_duration (module),
                                  progress_label (module));
          if (posture_training_module_get_origin (module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
            g_string_append_printf (out, _(" · organization (%s)"),
                                    posture_training_module_get_source (module));
          if (posture_training_module_get_needs_review (module))
            g_string_append (out, _(" · needs review"));
          g_string_append_c (out, '\n');
        }
      if (g_list_model_get_n_items (matches) == 0)
        g_string_append (out, _("No training module matches.\n"));
    }

  if (!posture_cli_write_output (options->output, out->str, out->len, &error))
    return posture_cli_fail (error, NULL);
  return POSTURE_CLI_EXIT_OK;
}

static int
training_show (GOptionContext  *context,
               TrainingOptions *options,
               const char      *id)
{
  g_autoptr(PostureTrainingLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  PostureTrainingModule *module;

  if (options->format != NULL && !g_str_equal (options->format, "text") &&
      !g_str_equal (options->format, "json"))
    return posture_cli_usage_error (context, _("--format must be text or json, not \"%s\""),
                                    options->format);

  if (!(library = load_library (options, FALSE, &error)))
    return posture_cli_fail (error, NULL);

  if (!(module = posture_training_library_lookup (library, id)))
    {
      g_printerr (_("posture-cli: there is no training module \"%s\"\n"), id);
      g_printerr ("%s\n", _("Run \"posture-cli training list\" to see the module ids."));
      return POSTURE_CLI_EXIT_FAILED;
    }

  if (g_strcmp0 (options->format, "json") == 0)
    {
      g_autoptr(JsonNode) node = module_to_json (module, TRUE);
      g_autofree char *text = posture_cli_json_text (node);

      g_string_append (out, text);
    }
  else
    {
      g_autofree char *audience =
          g_strjoinv (", ", (char **) posture_training_module_get_audience (module));
      g_autofree char *controls =
          g_strjoinv (", ", (char **) posture_training_module_get_controls (module));

      g_string_append_printf (out, "# %s\n\n", posture_training_module_get_title (module));
      g_string_append_printf (out, "%s\n\n", posture_training_module_get_summary (module));
      g_string_append_printf (out, _("Audience: %s\n"), audience);
      g_string_append_printf (out, _("SDL phase: %s\n"),
                              posture_training_module_get_phase (module));
      g_string_append_printf (out, _("Zero Trust principle: %s\n"),
                              posture_training_module_get_principle (module));
      g_string_append_printf (out, _("Duration: %u minutes\n"),
                              posture_training_module_get_duration (module));
      g_string_append_printf (out, _("Related controls: %s\n"), controls);
      g_string_append_printf (out, _("Origin: %s\n"),
                              posture_training_module_get_origin (module) ==
                                      POSTURE_TRAINING_ORIGIN_BUILTIN ?
                                  _("built-in") :
                                  posture_training_module_get_source (module));
      g_string_append_printf (out, _("Progress: %s\n"), progress_label (module));
      g_string_append_printf (out, _("Review: %s%s\n"),
                              posture_training_review_state_label (
                                  posture_training_module_get_review_state (module)),
                              posture_training_module_get_needs_review (module) ?
                                  _(" (needs review)") :
                                  "");
      g_string_append_printf (out, _("Content version: %s\n\n"),
                              posture_training_module_get_content_version (module));
      g_string_append (out, posture_training_module_get_body (module));
    }

  if (!posture_cli_write_output (options->output, out->str, out->len, &error))
    return posture_cli_fail (error, NULL);
  return POSTURE_CLI_EXIT_OK;
}

static int
training_validate (TrainingOptions *options,
                   const char      *directory)
{
  g_autoptr(PostureTrainingLibrary) library = posture_training_library_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  const char *folder = directory ? directory : options->training_dir;
  guint n_modules;

  /* The built-in library first: org modules are checked against its ids. */
  if (!posture_training_library_load_builtin (library, &error))
    {
      g_printerr (_("posture-cli: the built-in training library is invalid: %s\n"), error->message);
      return POSTURE_CLI_EXIT_FAILED;
    }
  n_modules = g_list_model_get_n_items (G_LIST_MODEL (library));

  if (folder == NULL)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u built-in module is valid.\n",
                            "%u built-in modules are valid.\n", n_modules), n_modules);
      return POSTURE_CLI_EXIT_OK;
    }

  if (!posture_training_library_load_directory (library, folder, &error))
    return posture_cli_fail (error, NULL);

  problems = posture_training_library_get_problems (library);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", ((GError *) g_ptr_array_index (problems, i))->message);

  n_modules = g_list_model_get_n_items (G_LIST_MODEL (library)) - n_modules;
  if (problems->len > 0)
    {
      g_printerr (
          g_dngettext (GETTEXT_PACKAGE,
                       "%u module in %s is invalid; fix the line and field named above.\n",
                       "%u modules in %s are invalid; fix the lines and fields named above.\n",
                       problems->len),
          problems->len, folder);
      return POSTURE_CLI_EXIT_FAILED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u module in %s is valid.\n",
                        "%u modules in %s are valid.\n", n_modules), n_modules, folder);
  return POSTURE_CLI_EXIT_OK;
}

static int
training_review (GOptionContext  *context,
                 TrainingOptions *options,
                 const char      *id)
{
  g_autoptr(PostureTrainingLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  PostureTrainingReviewState state;

  if (options->state == NULL || !posture_training_review_state_from_string (options->state, &state))
    return posture_cli_usage_error (
        context, "%s",
        _("--state must be draft, in-review, approved, changes-requested or retired"));
  if (options->reviewer == NULL)
    return posture_cli_usage_error (context, "%s", _("--reviewer NAME is required"));

  if (!(library = load_library (options, TRUE, &error)))
    return posture_cli_fail (error, NULL);

  if (!posture_training_library_record_review (library, id, state, options->reviewer,
                                               options->notes, NULL, &error))
    return posture_cli_fail (error, NULL);

  g_print (_("Recorded: %s is %s.\n"), id, options->state);
  return POSTURE_CLI_EXIT_OK;
}

static int
training_review_report (GOptionContext  *context,
                        TrainingOptions *options)
{
  g_autoptr(PostureTrainingLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  PostureTrainingReportFormat format;

  if (options->format == NULL || g_str_equal (options->format, "csv"))
    format = POSTURE_TRAINING_REPORT_CSV;
  else if (g_str_equal (options->format, "markdown"))
    format = POSTURE_TRAINING_REPORT_MARKDOWN;
  else
    return posture_cli_usage_error (context, _("--format must be csv or markdown, not \"%s\""),
                                    options->format);

  if (!(library = load_library (options, FALSE, &error)))
    return posture_cli_fail (error, NULL);

  report = posture_training_library_review_report (library, format);
  if (!posture_cli_write_output (options->output, report, strlen (report), &error))
    return posture_cli_fail (error, _("Check that the folder of --output exists and is writable."));
  return POSTURE_CLI_EXIT_OK;
}

int
posture_cli_training (int    argc,
                      char **argv)
{
  g_auto(TrainingOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  const char *sub;
  char **sub_argv;
  int sub_argc;
  const GOptionEntry entries [] = {
    { "training-dir", 0, 0, G_OPTION_ARG_FILENAME, &options.training_dir,
      N_("Folder of the organization's own modules"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("Output format: text|json (list, show) or csv|markdown (review-report)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &options.audience,
      N_("Only modules for maker, pro-developer or admin"), N_("AUDIENCE") },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &options.phase,
      N_("Only modules of an SDL phase: plan, build, test, deploy, operate"), N_("PHASE") },
    { "principle", 0, 0, G_OPTION_ARG_STRING, &options.principle,
      N_("Only modules of a Zero Trust principle"), N_("PRINCIPLE") },
    { "control", 0, 0, G_OPTION_ARG_STRING, &options.control,
      N_("Only modules related to a control"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &options.search,
      N_("Only modules whose title, text or tags contain every word"), N_("TEXT") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &options.state,
      N_("Review state: draft, in-review, approved, changes-requested, retired"), N_("STATE") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &options.reviewer,
      N_("Name of the reviewing champion"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &options.notes, N_("Review notes"), N_("TEXT") },
    { "review-interval-days", 0, 0, G_OPTION_ARG_INT, &options.interval_days,
      N_("Days after which an approval needs review (default 180)"), N_("DAYS") },
    { NULL }
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_training_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? POSTURE_CLI_EXIT_USAGE : POSTURE_CLI_EXIT_OK;
    }

  sub = argv[1];
  if (posture_cli_training_summary (sub) == NULL)
    {
      g_printerr (_("posture-cli: unknown training subcommand \"%s\"\n"), sub);
      print_training_usage (stderr);
      return POSTURE_CLI_EXIT_USAGE;
    }

  command = g_strdup_printf ("training %s", sub);
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (sub, subcommands[i].name))
      context = posture_cli_context_new (command, subcommands[i].arguments);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  sub_argv = argv + 1;
  sub_argc = argc - 1;
  if (!g_option_context_parse (context, &sub_argc, &sub_argv, &error))
    {
      return posture_cli_usage_error (context, "%s", error->message);
    }

  if (options.interval_days != 0 && (options.interval_days < 1 || options.interval_days > 3650))
    return posture_cli_usage_error (context, "%s",
                                    _("--review-interval-days must be from 1 to 3650"));

  if (g_str_equal (sub, "list") || g_str_equal (sub, "review-report"))
    {
      if (sub_argc > 1)
        return posture_cli_usage_error (context, _("unexpected argument \"%s\""), sub_argv[1]);
      return g_str_equal (sub, "list") ? training_list (context, &options)
                                       : training_review_report (context, &options);
    }

  if (g_str_equal (sub, "validate"))
    {
      if (sub_argc > 2)
        return posture_cli_usage_error (context, _("unexpected argument \"%s\""), sub_argv[2]);
      return training_validate (&options, sub_argc > 1 ? sub_argv[1] : NULL);
    }

  /* show ID, review ID */
  if (sub_argc != 2)
    return posture_cli_usage_error (context, _("training %s needs exactly one module id"), sub);

  if (g_str_equal (sub, "show"))
    return training_show (context, &options, sub_argv[1]);
  return training_review (context, &options, sub_argv[1]);
}
