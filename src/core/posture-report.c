/* posture-report.c: report formats, the JSON report, and writing reports to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-enums.h"
#include "posture-report-private.h"

G_DEFINE_QUARK (posture-report-error-quark, posture_report_error)

/* The names ("html", …, "action-plan") are the enum's nicks (posture-enums.h). */
static const struct
{
  const char *extension;
} formats[] = {
  [POSTURE_REPORT_FORMAT_HTML]        = { "html" },
  [POSTURE_REPORT_FORMAT_CSV]         = { "csv" },
  [POSTURE_REPORT_FORMAT_JSON]        = { "json" },
  [POSTURE_REPORT_FORMAT_ACTION_PLAN] = { "csv" },
};

const char *
posture_report_format_to_string (PostureReportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  return posture_enum_to_string (POSTURE_TYPE_REPORT_FORMAT, format);
}

gboolean
posture_report_format_from_string (const char           *text,
                                   PostureReportFormat  *format,
                                   GError              **error)
{
  int value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (posture_enum_from_string (POSTURE_TYPE_REPORT_FORMAT, text, &value))
    {
      if (format != NULL)
        *format = (PostureReportFormat) value;
      return TRUE;
    }

  g_set_error (error, POSTURE_REPORT_ERROR, POSTURE_REPORT_ERROR_UNKNOWN_FORMAT,
               "Unknown report format \"%s\": use html, csv, json or action-plan",
               text != NULL ? text : "");
  return FALSE;
}

const char *
posture_report_format_get_extension (PostureReportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  return formats[format].extension;
}

char *
_posture_report_format_iso8601 (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_posture_report_format_day (GDateTime *when)
{
  if (when == NULL)
    return NULL;

  return g_date_time_format (when, "%Y-%m-%d");
}

/* Shared model walks ----------------------------------------------------------------- */

void
_posture_report_sources_init (PostureReportSources *sources,
                              PostureSnapshot      *snapshot)
{
  JsonObject *settings;
  GPtrArray *allowed;

  g_assert (sources != NULL);

  memset (sources, 0, sizeof *sources);
  if (snapshot == NULL)
    return;

  settings = posture_snapshot_get_tenant_settings (snapshot);
  sources->has_tenant_settings = settings != NULL;
  sources->n_tenant_settings = settings != NULL ? json_object_get_size (settings) : 0;
  sources->isolation = posture_snapshot_get_isolation_state (snapshot);
  allowed = posture_snapshot_get_allowed_tenants (snapshot);
  sources->n_allowed_tenants = allowed != NULL ? allowed->len : 0;
  sources->n_environments = posture_snapshot_get_n_environments (snapshot);
  sources->n_dlp_policies = posture_snapshot_get_n_dlp_policies (snapshot);

  for (guint i = 0; i < sources->n_environments; i++)
    {
      const PostureEnvironment *env = posture_snapshot_get_environment (snapshot, i);

      if (env == NULL || !env->has_dataverse)
        continue;

      sources->n_with_dataverse++;
      switch (env->dataverse_state)
        {
        case POSTURE_DATAVERSE_READ:
          sources->n_dataverse_read++;
          break;
        case POSTURE_DATAVERSE_ERROR:
          sources->n_dataverse_error++;
          break;
        case POSTURE_DATAVERSE_MISSING:
          sources->n_dataverse_missing++;
          break;
        case POSTURE_DATAVERSE_NONE:
        default:
          break;
        }
    }
}

GPtrArray *
_posture_report_action_items (PostureAssessment *assessment)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GListModel *recommendations = posture_assessment_get_recommendations (assessment);
  GListModel *controls = posture_assessment_get_controls (assessment);
  guint n;

  n = recommendations != NULL ? g_list_model_get_n_items (recommendations) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);

      g_hash_table_add (seen, result);
      g_ptr_array_add (items, g_steal_pointer (&result));
    }

  n = controls != NULL ? g_list_model_get_n_items (controls) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureStatus status = posture_control_result_get_status (result);

      if (status != POSTURE_STATUS_FAIL && status != POSTURE_STATUS_PARTIAL)
        continue;
      if (g_hash_table_contains (seen, result))
        continue;

      g_hash_table_add (seen, result);
      g_ptr_array_add (items, g_steal_pointer (&result));
    }

  return items;
}

GHashTable *
_posture_report_resource_decisions (PostureAssessment *assessment)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *decisions = posture_assessment_get_decisions (assessment);

  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      PostureDecision *decision = g_ptr_array_index (decisions, i);
      const char *resource = posture_decision_get_resource_id (decision);

      if (resource != NULL)
        g_hash_table_replace (table,
                              g_strdup_printf ("%s/%s", posture_decision_get_control_id (decision),
                                               resource),
                              decision);
    }

  return table;
}

/* Sink ------------------------------------------------------------------------------------ */

void
_posture_report_sink_init (PostureReportSink *sink,
                           GOutputStream     *stream,
                           GCancellable      *cancellable)
{
  sink->buffer = g_string_sized_new (POSTURE_REPORT_SINK_CHUNK + 4096);
  sink->stream = stream;
  sink->cancellable = cancellable;
  sink->error = NULL;
}

gboolean
_posture_report_sink_flush (PostureReportSink *sink,
                            gboolean           force)
{
  if (sink->error != NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (sink->cancellable, &sink->error))
    return FALSE;

  if (sink->buffer->len == 0 || (!force && sink->buffer->len < POSTURE_REPORT_SINK_CHUNK))
    return TRUE;

  if (!g_output_stream_write_all (sink->stream, sink->buffer->str, sink->buffer->len, NULL,
                                  sink->cancellable, &sink->error))
    return FALSE;

  g_string_truncate (sink->buffer, 0);
  return TRUE;
}

void
_posture_report_sink_clear (PostureReportSink *sink)
{
  if (sink->buffer != NULL)
    g_string_free (g_steal_pointer (&sink->buffer), TRUE);
  g_clear_error (&sink->error);
}

/* Public API --------------------------------------------------------------------------- */

/**
 * posture_report_write:
 * @assessment: the assessment (its control results carry the decisions)
 * @snapshot: (nullable): the snapshot it was made from, for "what was read"
 * @history: (nullable): earlier assessments for the HTML chart (see posture_report_render())
 * @format: the format
 * @stream: where the report goes; it is written as it is rendered (64 KiB at a time),
 *   and neither flushed nor closed: the caller decides where it ends up
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError: the stream's own error when a write fails
 *
 * Renders the report to @stream on the caller's thread. JSON and CSV are produced
 * without holding the whole report: memory stays at one 64 KiB buffer.
 *
 * Returns: TRUE when the whole report was written
 */
gboolean
posture_report_write (PostureAssessment    *assessment,
                      PostureSnapshot      *snapshot,
                      GListModel           *history,
                      PostureReportFormat   format,
                      GOutputStream        *stream,
                      GCancellable         *cancellable,
                      GError              **error)
{
  PostureReportSink sink;
  gboolean ok;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (history == NULL || G_IS_LIST_MODEL (history), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) format >= G_N_ELEMENTS (formats))
    {
      g_set_error (error, POSTURE_REPORT_ERROR, POSTURE_REPORT_ERROR_UNKNOWN_FORMAT,
                   "Unknown report format %d", (int) format);
      return FALSE;
    }

  _posture_report_sink_init (&sink, stream, cancellable);

  switch (format)
    {
    case POSTURE_REPORT_FORMAT_HTML:
      _posture_report_write_html (&sink, assessment, snapshot, history);
      break;
    case POSTURE_REPORT_FORMAT_CSV:
      _posture_report_write_csv (&sink, assessment);
      break;
    case POSTURE_REPORT_FORMAT_JSON:
      _posture_report_write_json (&sink, assessment, snapshot);
      break;
    case POSTURE_REPORT_FORMAT_ACTION_PLAN:
    default:
      _posture_report_write_action_plan (&sink, assessment);
      break;
    }

  ok = _posture_report_sink_flush (&sink, TRUE);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&sink.error));
  _posture_report_sink_clear (&sink);
  return ok;
}

char *
posture_report_render (PostureAssessment    *assessment,
                       PostureSnapshot      *snapshot,
                       GListModel           *history,
                       PostureReportFormat   format,
                       gsize                *length,
                       GError              **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  gsize size;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!posture_report_write (assessment, snapshot, history, format, stream, NULL, error) ||
      !g_output_stream_write_all (stream, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;

  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  if (length != NULL)
    *length = size - 1;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

char *
posture_report_suggest_file_name (PostureAssessment   *assessment,
                                  PostureReportFormat  format)
{
  const char *name;
  g_autofree char *day = NULL;
  GString *safe = g_string_new (NULL);
  gboolean dash = FALSE;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  name = posture_assessment_get_tenant_name (assessment);
  if (name == NULL || name[0] == '\0')
    name = posture_assessment_get_tenant_id (assessment);

  /* Letters and digits of any script are kept; everything else (slashes, dots,
   * quotes, controls) becomes one dash, so the name can never leave the folder. */
  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;

      if (g_unichar_isalnum (c))
        {
          if (dash && safe->len > 0)
            g_string_append_c (safe, '-');
          g_string_append_unichar (safe, g_unichar_tolower (c));
          dash = FALSE;
        }
      else
        dash = TRUE;

      if (safe->len > 60)
        break;
    }

  day = _posture_report_format_day (posture_assessment_get_assessed_at (assessment));

  if (safe->len > 0)
    g_string_prepend_c (safe, '-');
  g_string_prepend (safe, "posture");
  if (day != NULL)
    g_string_append_printf (safe, "-%s", day);
  if (format == POSTURE_REPORT_FORMAT_ACTION_PLAN)
    g_string_append (safe, "-action-plan");
  g_string_append_printf (safe, ".%s", formats[format].extension);

  return g_string_free (safe, FALSE);
}
