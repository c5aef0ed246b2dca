/* posture-report-csv.c: the CSV report and the action plan (RFC 4180)
 *
 * Every cell is written as RFC 4180 asks: quoted when it holds a comma, a quote, CR or
 * LF, with quotes doubled; records end in CRLF. A text cell that a spreadsheet would
 * take for a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe,
 * as OWASP recommends against CSV injection. The header names are a stable,
 * untranslated contract for scripts, like the JSON member names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-report"

#include "config.h"

#include <string.h>

#include "posture-report-private.h"
#include "posture-text.h"

void
_posture_report_csv_append_cell (GString    *out,
                                 const char *text)
{
  g_autoptr(GString) cell = NULL;
  gboolean quote;

  if (text == NULL || text[0] == '\0')
    return;

  /* Controls, C1 and bidirectional overrides made visible (a CSV file is read in
   * terminals and spreadsheets alike); invalid UTF-8 too. Line feeds and tabs are data. */
  cell = g_string_sized_new (strlen (text) + 2);
  posture_text_append_escaped (cell, text, -1, POSTURE_TEXT_ESCAPE_KEEP_LINES);

  quote = strpbrk (cell->str, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');

  if (strchr ("=+-@\t\r", cell->str[0]) != NULL)
    g_string_append_c (out, '\'');

  for (const char *p = cell->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (out, "\"\"");
      else
        g_string_append_c (out, *p);
    }

  if (quote)
    g_string_append_c (out, '"');
}

static void
append_row (GString            *out,
            const char * const *cells,
            guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      _posture_report_csv_append_cell (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

static const char * const csv_header[] = {
  "control_id", "control_title", "severity", "scope", "control_status",
  "control_earned", "control_possible", "resource_id", "resource_name",
  "environment_type", "resource_status", "reason", "scuba_id", "scuba_requirement",
  "ppac_recommendation", "zero_trust", "waf", "decision", "decision_note",
  "decision_owner", "decision_due",
};

/* Fills the four decision columns (17 to 20); *due keeps the formatted date alive. */
static void
set_decision_cells (const char      **cells,
                    PostureDecision  *decision,
                    char            **due)
{
  if (*due == NULL && decision != NULL)
    *due = _posture_report_format_day (posture_decision_get_due (decision));

  cells[17] = decision != NULL ?
    posture_decision_status_to_string (posture_decision_get_status (decision)) : NULL;
  cells[18] = decision != NULL ? posture_decision_get_note (decision) : NULL;
  cells[19] = decision != NULL ? posture_decision_get_owner (decision) : NULL;
  cells[20] = decision != NULL ? *due : NULL;
}

void
_posture_report_write_csv (PostureReportSink *sink,
                           PostureAssessment *assessment)
{
  GString *out = sink->buffer;
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint n = controls != NULL ? g_list_model_get_n_items (controls) : 0;
  g_autoptr(GHashTable) resource_decisions = _posture_report_resource_decisions (assessment);

  append_row (out, csv_header, G_N_ELEMENTS (csv_header));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureDecision *decision = posture_control_result_get_decision (result);
      GListModel *resources = posture_control_result_get_resources (result);
      guint n_resources = resources != NULL ? g_list_model_get_n_items (resources) : 0;
      g_autofree char *earned = g_strdup_printf ("%u", posture_control_result_get_earned (result));
      g_autofree char *possible = g_strdup_printf ("%u",
                                                   posture_control_result_get_possible (result));
      g_autofree char *due = NULL;
      g_autofree char *resource_due = NULL;
      const char *cells[G_N_ELEMENTS (csv_header)] = { NULL };

      cells[0] = posture_control_result_get_id (result);
      cells[1] = posture_control_get_title (control);
      cells[2] = posture_severity_to_string (posture_control_get_severity (control));
      cells[3] = posture_scope_to_string (posture_control_get_scope (control));
      cells[4] = posture_status_to_string (posture_control_result_get_status (result));
      cells[5] = earned;
      cells[6] = possible;
      cells[12] = posture_control_get_scuba_id (control);
      cells[13] = posture_control_get_scuba_requirement (control);
      cells[14] = posture_control_get_ppac_name (control);
      cells[15] = posture_principle_to_string (posture_control_get_principle (control));
      cells[16] = posture_control_get_waf_code (control);
      set_decision_cells (cells, decision, &due);

      /* A control with nothing to evaluate (manual, not applicable) still gets a row. */
      if (n_resources == 0)
        {
          append_row (out, cells, G_N_ELEMENTS (cells));
          if (!_posture_report_sink_flush (sink, FALSE))
            return;
          continue;
        }

      for (guint j = 0; j < n_resources; j++)
        {
          g_autoptr(PostureResourceResult) resource = g_list_model_get_item (resources, j);

          cells[7] = posture_resource_result_get_id (resource);
          cells[8] = posture_resource_result_get_name (resource);
          cells[9] = posture_resource_result_get_environment_type (resource);
          cells[10] = posture_result_to_string (posture_resource_result_get_status (resource));
          cells[11] = posture_resource_result_get_reason (resource);

          /* A decision on this one resource overrides the control's for its row. */
          if (g_hash_table_size (resource_decisions) > 0)
            {
              g_autofree char *key = g_strdup_printf ("%s/%s", cells[0], cells[7]);
              PostureDecision *own = g_hash_table_lookup (resource_decisions, key);

              g_clear_pointer (&resource_due, g_free);
              set_decision_cells (cells, own != NULL ? own : decision,
                                  own != NULL ? &resource_due : &due);
            }

          append_row (out, cells, G_N_ELEMENTS (cells));
          if (!_posture_report_sink_flush (sink, FALSE))
            return;
        }
    }
}

static const char * const plan_header[] = {
  "control_id", "control_title", "scuba_id", "requirement", "severity", "status",
  "affected", "resources", "score_gain", "decision", "owner", "planned_date", "note",
  "remediation",
};

void
_posture_report_write_action_plan (PostureReportSink *sink,
                                   PostureAssessment *assessment)
{
  GString *out = sink->buffer;
  g_autoptr(GPtrArray) items = _posture_report_action_items (assessment);

  append_row (out, plan_header, G_N_ELEMENTS (plan_header));

  for (guint i = 0; i < items->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (items, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureDecision *decision = posture_control_result_get_decision (result);
      GListModel *resources = posture_control_result_get_resources (result);
      const char * const *steps = posture_control_get_remediation (control);
      g_autofree char *affected = g_strdup_printf ("%u",
                                                   posture_control_result_get_n_fail (result));
      g_autofree char *total = g_strdup_printf ("%u", resources != NULL ?
                                                      g_list_model_get_n_items (resources) : 0);
      g_autofree char *remediation = NULL;
      g_autofree char *due = NULL;
      char gain[G_ASCII_DTOSTR_BUF_SIZE];
      const char *cells[G_N_ELEMENTS (plan_header)] = { NULL };

      /* Locale-independent: a decimal comma would split the cell in some spreadsheets. */
      g_ascii_formatd (gain, sizeof gain, "%.2f", posture_control_result_get_gain (result));

      if (steps != NULL)
        remediation = g_strjoinv ("\n", (char **) steps);

      cells[0] = posture_control_result_get_id (result);
      cells[1] = posture_control_get_title (control);
      cells[2] = posture_control_get_scuba_id (control);
      cells[3] = posture_control_get_scuba_requirement (control);
      cells[4] = posture_severity_to_string (posture_control_get_severity (control));
      cells[5] = posture_status_to_string (posture_control_result_get_status (result));
      cells[6] = affected;
      cells[7] = total;
      cells[8] = gain;
      cells[9] = posture_decision_status_to_string (decision != NULL ?
                                                    posture_decision_get_status (decision) :
                                                    POSTURE_DECISION_TO_ADDRESS);
      if (decision != NULL)
        {
          due = _posture_report_format_day (posture_decision_get_due (decision));
          cells[10] = posture_decision_get_owner (decision);
          cells[11] = due;
          cells[12] = posture_decision_get_note (decision);
        }
      cells[13] = remediation;

      append_row (out, cells, G_N_ELEMENTS (cells));
      if (!_posture_report_sink_flush (sink, FALSE))
        return;
    }
}
