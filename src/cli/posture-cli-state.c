/* posture-cli-state.c: history and decide, and the local state other commands use
 *
 *   posture-cli history --tenant ID [--format text|json|csv] [--output FILE]
 *   posture-cli history --tenant ID --diff [N M] [--format text|json]
 *   posture-cli history --tenant ID --record FILE      (an `assess --format json` output)
 *   posture-cli decide  --tenant ID --control ID --status S [--resource ID] [--note TEXT]
 *                       [--owner NAME] [--due YYYY-MM-DD] [--author NAME]
 *   posture-cli decide  --tenant ID --list [--format text|json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-cli-private.h"
#include "posture-decision-store.h"
#include "posture-diff.h"
#include "posture-error.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-snapshot-cache.h"
#include "posture-text.h"

/* Text from files and users goes to a terminal: control characters are shown escaped so
 * that a hostile note cannot move the cursor or rewrite the screen. */
static char *
printable (const char *text)
{
  return posture_text_escape_terminal (text, POSTURE_TEXT_ESCAPE_DEFAULT);
}

static char *
printable_lines (const char *text)
{
  return posture_text_escape_terminal (text, POSTURE_TEXT_ESCAPE_KEEP_LINES);
}

/* History retention from the app's settings when they are installed; 0 keeps all. */
static guint
retention_days (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, "history-retention-days"))
    return 0;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_uint (settings, "history-retention-days");
}

static void
report_recovered (const GError *recovered)
{
  if (recovered != NULL)
    g_printerr (_("posture-cli: warning: %s\n"), recovered->message);
}

/* ---- Shared with the tenant commands ------------------------------------------------ */

PostureSnapshot *
posture_cli_state_load_cached (const char  *tenant,
                               GError     **error)
{
  g_autoptr(GDateTime) saved_at = NULL;
  PostureSnapshot *snapshot;

  snapshot = posture_snapshot_cache_load (tenant, &saved_at, error);
  if (snapshot != NULL)
    {
      GDateTime *captured = posture_snapshot_get_captured_at (snapshot);
      g_autofree char *age =
          posture_snapshot_cache_format_age (captured ? captured : saved_at, NULL);

      /* On stderr, so that JSON or CSV on stdout stays clean. */
      g_printerr (_("posture-cli: offline: assessing the cached reading of %s from %s\n"),
                  tenant, age);
    }
  return snapshot;
}

GHashTable *
posture_cli_state_dup_decisions (const char *tenant)
{
  g_autoptr(PostureDecisionStore) store = posture_decision_store_new (tenant);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_decision_store_load (store, &recovered, &error))
    {
      g_printerr (_("posture-cli: warning: the decisions could not be read (%s); assessing "
                    "without them\n"), error->message);
      return NULL;
    }
  report_recovered (recovered);

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
    return NULL;
  return posture_decision_store_dup_table (store);
}

void
posture_cli_state_record (const char        *tenant,
                          PostureSnapshot   *snapshot,
                          PostureAssessment *assessment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;

  if (snapshot != NULL && !posture_snapshot_cache_save (tenant, snapshot, &error))
    {
      g_printerr (_("posture-cli: warning: the reading was not cached: %s\n"), error->message);
      g_clear_error (&error);
    }

  if (assessment != NULL)
    {
      g_autoptr(PostureHistory) history = posture_history_new (tenant);
      g_autoptr (PostureHistoryRecord) record =
          posture_history_record_new_from_assessment (assessment);

      posture_history_set_retention_days (history, retention_days ());
      if (!posture_history_append (history, record, &recovered, &error))
        g_printerr (_("posture-cli: warning: the assessment was not added to the history: %s\n"),
                    error->message);
      report_recovered (recovered);
    }
}

/* ---- history ------------------------------------------------------------------------- */

static gboolean
parse_index (const char *text,
             guint       n_records,
             guint      *out_index)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX (n_records, 1), &value, NULL))
    return FALSE;
  *out_index = (guint) value - 1;
  return TRUE;
}

static int
record_assessment (PostureHistory *history,
                   const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureHistoryRecord) record = NULL;
  guint n;

  root = posture_json_parse_file (path, 256 * 1024 * 1024, POSTURE_JSON_DEFAULT_MAX_DEPTH, &error);
  if (root == NULL ||
      !(record = posture_history_record_new_from_assessment_json (root, &error)))
    return posture_cli_fail (error, _("Give the JSON that \"posture-cli assess --format json\" "
                                      "prints."));

  posture_history_set_retention_days (history, retention_days ());
  if (!posture_history_append (history, record, &recovered, &error))
    return posture_cli_fail (error, NULL);
  report_recovered (recovered);

  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Recorded the assessment in the history of %s (%u record)\n",
                           "Recorded the assessment in the history of %s (%u records)\n", n),
              posture_history_get_tenant_id (history), n);
  return POSTURE_CLI_EXIT_OK;
}

int
posture_cli_history (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PostureHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *record_path = NULL;
  g_autofree char *data = NULL;
  PostureHistoryFormat format = POSTURE_HISTORY_FORMAT_TEXT;
  gboolean diff = FALSE;
  GOptionEntry entries[] = {
    { "tenant", 't', 0, G_OPTION_ARG_STRING, &tenant,
      N_("The tenant (as given to assess: GUID, domain or \"demo\")"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("Output format: text (default), json or csv (json or text with --diff)"), N_("FORMAT") },
    { "diff", 'd', 0, G_OPTION_ARG_NONE, &diff,
      N_("Show what changed: the latest assessment against the one before, or record N "
         "against record M (numbers as listed)"), NULL },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &record_path,
      N_("Add an assessment (the JSON of \"assess --format json\") to the history"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = posture_cli_context_new ("history", _("[N M]"));
  g_option_context_set_description (context,
                                    _("Lists a tenant's assessments, oldest first, or shows what "
                                      "changed between two of them: controls that regressed or "
                                      "improved, resources that started or stopped failing, "
                                      "environments that appeared or went away."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return posture_cli_usage_error (context, "%s", error->message);

  if (tenant == NULL || tenant[0] == '\0')
    return posture_cli_usage_error (context, _("--tenant ID is required"));
  if (format_text != NULL && !posture_history_format_from_string (format_text, &format))
    return posture_cli_usage_error (context, _("--format must be text, json or csv, not \"%s\""),
                                    format_text);
  if (diff && format == POSTURE_HISTORY_FORMAT_CSV)
    return posture_cli_usage_error (context, _("--diff prints text or json, not csv"));
  if (!diff && argc > 1)
    return posture_cli_usage_error (context, _("unexpected argument \"%s\""), argv[1]);
  if (diff && argc != 1 && argc != 3)
    return posture_cli_usage_error (context, _("--diff takes no record numbers or two (N M)"));
  if (record_path != NULL && (diff || format_text != NULL || output != NULL))
    return posture_cli_usage_error (context, _("--record goes alone with --tenant"));

  history = posture_history_new (tenant);
  if (!posture_history_load (history, &recovered, &error))
    return posture_cli_fail (error, NULL);
  report_recovered (recovered);

  if (record_path != NULL)
    return record_assessment (history, record_path);

  if (diff)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
      g_autoptr(PostureHistoryRecord) older = NULL;
      g_autoptr(PostureHistoryRecord) newer = NULL;
      g_autoptr(PostureDiff) changes = NULL;
      guint a = 0, b = 0;

      if (argc == 3)
        {
          if (!parse_index (argv[1], n, &a) || !parse_index (argv[2], n, &b))
            return posture_cli_usage_error (context,
                                            _("Record numbers go from 1 to %u (see \"posture-cli "
                                              "history --tenant %s\")"), n, tenant);
        }
      else
        {
          if (n < 2)
            {
              g_set_error (&error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND,
                           _("%s has %u recorded assessment(s); a diff needs two"), tenant, n);
              return posture_cli_fail (error, _("Assess the tenant again to record another."));
            }
          a = n - 2;
          b = n - 1;
        }

      older = g_list_model_get_item (G_LIST_MODEL (history), a);
      newer = g_list_model_get_item (G_LIST_MODEL (history), b);
      changes = posture_diff_new (older, newer);

      if (format == POSTURE_HISTORY_FORMAT_JSON)
        {
          g_autoptr(JsonNode) node = posture_diff_to_json (changes);

          data = posture_cli_json_text (node);
        }
      else
        {
          g_autofree char *text = posture_diff_to_text (changes);

          data = printable_lines (text);
        }
    }
  else
    {
      g_autofree char *text = posture_history_format (history, format);

      data =
          format == POSTURE_HISTORY_FORMAT_TEXT ? printable_lines (text) : g_steal_pointer (&text);
    }

  if (!posture_cli_write_output (output, data, strlen (data), &error))
    return posture_cli_fail (error,
                             _("Check that the folder exists and that you may write to it."));

  return POSTURE_CLI_EXIT_OK;
}

/* ---- decide -------------------------------------------------------------------------- */

static const char *
default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static char *
format_decisions_text (PostureDecisionStore *store)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n == 0)
    {
      g_string_append_printf (out, _("No decision has been recorded for %s yet.\n"),
                              posture_decision_store_get_tenant_id (store));
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureDecision) decision = g_list_model_get_item (G_LIST_MODEL (store), i);
      GPtrArray *history = posture_decision_get_history (decision);
      const char *resource = posture_decision_get_resource_id (decision);
      GDateTime *due = posture_decision_get_due (decision);
      g_autofree char *control = printable (posture_decision_get_control_id (decision));
      g_autofree char *res = printable (resource);
      g_autofree char *owner = printable (posture_decision_get_owner (decision));

      g_string_append_printf (out, "%s%s%s: %s", control, resource ? " / " : "",
                              resource ? res : "",
                              posture_decision_status_to_string (
                                  posture_decision_get_status (decision)));
      if (posture_decision_get_owner (decision))
        g_string_append_printf (out, _(", owner %s"), owner);
      if (due != NULL)
        {
          g_autofree char *day = g_date_time_format (due, "%Y-%m-%d");

          g_string_append_printf (out, _(", due %s"), day);
        }
      g_string_append_c (out, '\n');

      for (guint j = 0; j < history->len; j++)
        {
          const PostureDecisionChange *change = g_ptr_array_index (history, j);
          g_autoptr(GDateTime) utc = g_date_time_to_utc (change->when);
          g_autofree char *when = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
          g_autofree char *author = printable (change->author);
          g_autofree char *note = printable (change->note);

          g_string_append_printf (out, "  %s  %s → %s", when,
                                  posture_decision_status_to_string (change->from),
                                  posture_decision_status_to_string (change->to));
          if (change->author)
            g_string_append_printf (out, _(" by %s"), author);
          if (change->note)
            g_string_append_printf (out, ": %s", note);
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

static char *
format_decisions_json (PostureDecisionStore *store)
{
  g_autofree char *path = posture_decision_store_dup_path (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* The store's own file is the JSON form (it was just loaded, so it is valid). */
  root = posture_json_parse_file (path, 64 * 1024 * 1024, POSTURE_JSON_DEFAULT_MAX_DEPTH, &error);
  if (root == NULL)
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
      json_object_set_int_member (json_node_get_object (root), POSTURE_DECISIONS_FORMAT_KEY,
                                  POSTURE_DECISIONS_FORMAT_VERSION);
      json_object_set_array_member (json_node_get_object (root), "decisions", json_array_new ());
    }
  return posture_cli_json_text (root);
}

static char *
list_statuses (void)
{
  GString *out = g_string_new (NULL);

  for (guint s = POSTURE_DECISION_TO_ADDRESS; s <= POSTURE_DECISION_THIRD_PARTY; s++)
    g_string_append_printf (out, "%s%s", s ? ", " : "", posture_decision_status_to_string (s));
  return g_string_free (out, FALSE);
}

int
posture_cli_decide (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PostureDecisionStore) store = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *control = NULL;
  g_autofree char *resource = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *statuses = list_statuses ();
  PostureDecisionRequest request = { 0 };
  PostureDecisionStatus status;
  PostureDecision *decision;
  gboolean list = FALSE;
  int exit_code = POSTURE_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "tenant", 't', 0, G_OPTION_ARG_STRING, &tenant,
      N_("The tenant (as given to assess: GUID, domain or \"demo\")"), N_("ID") },
    { "control", 'c', 0, G_OPTION_ARG_STRING, &control,
      N_("The control (see \"posture-cli controls\")"), N_("ID") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status_text,
      N_("to-address, planned, risk-accepted, alternate-mitigation or third-party"), N_("S") },
    { "resource", 'r', 0, G_OPTION_ARG_STRING, &resource,
      N_("Decide for one environment of the control only"), N_("ID") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note,
      N_("Why (kept in the decision's history)"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner,
      N_("Who will do it (\"\" clears it)"), N_("NAME") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text,
      N_("When it is planned for (\"\" clears it)"), N_("YYYY-MM-DD") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      N_("Who decides (default: your name)"), N_("NAME") },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list,
      N_("List the tenant's decisions with their history"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("With --list: text (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = posture_cli_context_new ("decide", NULL);
  g_option_context_set_description (context,
                                    _("Records what you decided about a control, after Microsoft "
                                      "Secure Score: to-address (the default), planned (counts in "
                                      "the planned score), risk-accepted (no points; hidden from "
                                      "the to-do list), alternate-mitigation and third-party (full "
                                      "points). Every change is kept with its note, author and "
                                      "time; assessments of the tenant apply the decisions."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!posture_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (tenant == NULL || tenant[0] == '\0')
    return posture_cli_usage_error (context, _("--tenant ID is required"));

  store = posture_decision_store_new (tenant);

  if (list)
    {
      g_autofree char *data = NULL;

      if (control || status_text || resource || note || owner || due_text || author)
        return posture_cli_usage_error (context, _("--list goes alone with --tenant and --format"));
      if (format_text != NULL && !g_str_equal (format_text, "text") &&
          !g_str_equal (format_text, "json"))
        return posture_cli_usage_error (context, _("--format must be text or json, not \"%s\""),
                                        format_text);
      if (!posture_decision_store_load (store, &recovered, &error))
        return posture_cli_fail (error, NULL);
      report_recovered (recovered);

      data = format_text && g_str_equal (format_text, "json") ? format_decisions_json (store)
                                                              : format_decisions_text (store);
      if (!posture_cli_write_output (NULL, data, strlen (data), &error))
        return posture_cli_fail (error, NULL);
      return POSTURE_CLI_EXIT_OK;
    }

  if (format_text != NULL)
    return posture_cli_usage_error (context, _("--format goes with --list"));
  if (control == NULL || status_text == NULL)
    return posture_cli_usage_error (context, _("--control ID and --status S are required"));
  if (posture_catalog_lookup (posture_catalog_get_default (), control) == NULL)
    {
      g_autofree char *shown = printable (control);

      return posture_cli_usage_error (context, _("Unknown control \"%s\"; \"posture-cli controls\" "
                                                 "lists them"), shown);
    }
  if (!posture_decision_status_from_string (status_text, &status))
    {
      g_autofree char *shown = printable (status_text);

      return posture_cli_usage_error (context, _("Unknown status \"%s\"; use one of %s"),
                                      shown, statuses);
    }
  if (due_text != NULL && due_text[0] != '\0' &&
      !(due = posture_decision_store_parse_date (due_text)))
    {
      g_autofree char *shown = printable (due_text);

      return posture_cli_usage_error (context, _("--due must be a date as YYYY-MM-DD, not \"%s\""),
                                      shown);
    }
  if (note != NULL &&
      (strlen (note) > POSTURE_DECISION_NOTE_MAX || !g_utf8_validate (note, -1, NULL)))
    return posture_cli_usage_error (context, _("--note must be UTF-8 text of at most %d bytes"),
                                    POSTURE_DECISION_NOTE_MAX);

  request.control_id = control;
  request.resource_id = resource;
  request.status = status;
  request.note = note;
  request.author = author ? author : default_author ();
  request.owner = owner;
  request.due = due;
  request.clear_due = due_text != NULL && due_text[0] == '\0';

  if (!posture_decision_store_decide (store, &request, &recovered, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        return posture_cli_usage_error (context, "%s", error->message);
      return posture_cli_fail (error, _("Nothing was changed; what was stored before is kept."));
    }
  report_recovered (recovered);

  decision = posture_decision_store_lookup (store, control, resource);
  g_assert (decision != NULL);
  {
    g_autofree char *shown_resource = printable (resource);
    g_autofree char *shown_tenant = printable (tenant);
    GPtrArray *history = posture_decision_get_history (decision);
    const PostureDecisionChange *last = g_ptr_array_index (history, history->len - 1);

    if (resource != NULL && resource[0] != '\0')
      g_print (_("%s / %s: %s → %s for %s (change %u)\n"), control, shown_resource,
               posture_decision_status_to_string (last->from),
               posture_decision_status_to_string (last->to), shown_tenant, history->len);
    else
      g_print (_("%s: %s → %s for %s (change %u)\n"), control,
               posture_decision_status_to_string (last->from),
               posture_decision_status_to_string (last->to), shown_tenant, history->len);
  }

  return POSTURE_CLI_EXIT_OK;
}
