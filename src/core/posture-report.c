/* posture-report.c: report formats, the JSON report, and writing reports to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-json.h"
#include "posture-report-private.h"

G_DEFINE_QUARK (posture-report-error-quark, posture_report_error)

static const struct
{
  const char *name;
  const char *extension;
  const char *content_type;
} formats[] = {
  [POSTURE_REPORT_FORMAT_HTML]        = { "html",        "html", "text/html" },
  [POSTURE_REPORT_FORMAT_CSV]         = { "csv",         "csv",  "text/csv" },
  [POSTURE_REPORT_FORMAT_JSON]        = { "json",        "json", "application/json" },
  [POSTURE_REPORT_FORMAT_ACTION_PLAN] = { "action-plan", "csv",  "text/csv" },
};

const char *
posture_report_format_to_string (PostureReportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  return formats[format].name;
}

gboolean
posture_report_format_from_string (const char           *text,
                                   PostureReportFormat  *format,
                                   GError              **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (text, formats[i].name) == 0)
        {
          if (format != NULL)
            *format = (PostureReportFormat) i;
          return TRUE;
        }
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

const char *
posture_report_format_get_content_type (PostureReportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);

  return formats[format].content_type;
}

/* Display names ------------------------------------------------------------------- */

const char *
_posture_report_status_label (PostureStatus status)
{
  switch (status)
    {
    case POSTURE_STATUS_PASS:           return _("Pass");
    case POSTURE_STATUS_FAIL:           return _("Fail");
    case POSTURE_STATUS_PARTIAL:        return _("Partial");
    case POSTURE_STATUS_NOT_APPLICABLE: return _("Not applicable");
    case POSTURE_STATUS_UNKNOWN:        return _("Unknown");
    case POSTURE_STATUS_MANUAL:         return _("Manual check");
    default:                            return _("Unknown");
    }
}

const char *
_posture_report_result_label (PostureResult result)
{
  switch (result)
    {
    case POSTURE_RESULT_PASS:    return _("Pass");
    case POSTURE_RESULT_FAIL:    return _("Fail");
    case POSTURE_RESULT_UNKNOWN: return _("Unknown");
    default:                     return _("Unknown");
    }
}

const char *
_posture_report_severity_label (PostureSeverity severity)
{
  switch (severity)
    {
    case POSTURE_SEVERITY_HIGH:   return _("High");
    case POSTURE_SEVERITY_MEDIUM: return _("Medium");
    case POSTURE_SEVERITY_LOW:    return _("Low");
    default:                      return _("Unknown");
    }
}

const char *
_posture_report_level_label (PostureLevel level)
{
  switch (level)
    {
    case POSTURE_LEVEL_HIGH:    return _("High");
    case POSTURE_LEVEL_MEDIUM:  return _("Medium");
    case POSTURE_LEVEL_LOW:     return _("Low");
    case POSTURE_LEVEL_UNKNOWN: return _("Unknown");
    default:                    return _("Unknown");
    }
}

const char *
_posture_report_decision_label (PostureDecisionStatus status)
{
  switch (status)
    {
    case POSTURE_DECISION_TO_ADDRESS:          return _("To address");
    case POSTURE_DECISION_PLANNED:             return _("Planned");
    case POSTURE_DECISION_RISK_ACCEPTED:       return _("Risk accepted");
    case POSTURE_DECISION_ALTERNATE_MITIGATION: return _("Resolved through alternate mitigation");
    case POSTURE_DECISION_THIRD_PARTY:         return _("Resolved through a third party");
    default:                                   return _("To address");
    }
}

const char *
_posture_report_profile_label (PostureProfile profile)
{
  switch (profile)
    {
    case POSTURE_PROFILE_ALL:   return _("All controls");
    case POSTURE_PROFILE_SCUBA: return _("CISA SCuBA baseline");
    case POSTURE_PROFILE_PPAC:  return _("Admin center recommendations");
    default:                    return _("All controls");
    }
}

const char *
_posture_report_principle_label (PosturePrinciple principle)
{
  switch (principle)
    {
    case POSTURE_PRINCIPLE_VERIFY_EXPLICITLY: return _("Verify explicitly");
    case POSTURE_PRINCIPLE_LEAST_PRIVILEGE:   return _("Use least privilege");
    case POSTURE_PRINCIPLE_ASSUME_BREACH:     return _("Assume breach");
    default:                                  return _("Verify explicitly");
    }
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

/* JSON -------------------------------------------------------------------------------- */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
build_sources (PostureSnapshot *snapshot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GDateTime *captured_at = posture_snapshot_get_captured_at (snapshot);
  g_autofree char *captured = _posture_report_format_iso8601 (captured_at);
  PostureReportSources sources;
  const char *isolation;

  _posture_report_sources_init (&sources, snapshot);

  switch (sources.isolation)
    {
    case POSTURE_ISOLATION_ENABLED:
      isolation = "enabled";
      break;
    case POSTURE_ISOLATION_DISABLED:
      isolation = "disabled";
      break;
    case POSTURE_ISOLATION_NOT_CONFIGURED:
    default:
      isolation = "not-configured";
      break;
    }

  json_builder_begin_object (builder);
  add_string_or_null (builder, "captured_at", captured);
  add_string_or_null (builder, "cloud", posture_snapshot_get_cloud (snapshot));
  json_builder_set_member_name (builder, "tenant_settings");
  json_builder_add_int_value (builder, sources.n_tenant_settings);
  add_string_or_null (builder, "tenant_isolation", isolation);
  json_builder_set_member_name (builder, "allowed_tenants");
  json_builder_add_int_value (builder, sources.n_allowed_tenants);
  json_builder_set_member_name (builder, "environments");
  json_builder_add_int_value (builder, sources.n_environments);
  json_builder_set_member_name (builder, "dlp_policies");
  json_builder_add_int_value (builder, sources.n_dlp_policies);
  json_builder_set_member_name (builder, "dataverse");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "environments");
  json_builder_add_int_value (builder, sources.n_with_dataverse);
  json_builder_set_member_name (builder, "read");
  json_builder_add_int_value (builder, sources.n_dataverse_read);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, sources.n_dataverse_error);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, sources.n_dataverse_missing);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* DESIGN.md's `assess --format json` object exactly as `posture-cli assess` prints it
 * (the engine adds the decisions), plus "sources": what was read. */
static char *
render_json (PostureAssessment *assessment,
             PostureSnapshot   *snapshot,
             gsize             *length)
{
  g_autoptr(JsonNode) sources = NULL;
  g_autofree char *sources_text = NULL;
  g_autofree char *data = NULL;
  gsize data_length = 0;
  char *end;
  GString *out;

  data = posture_assessment_to_json_data (assessment, TRUE, &data_length);
  g_assert (data != NULL);

  end = strrchr (data, '}');
  if (snapshot == NULL || end == NULL)
    {
      if (length != NULL)
        *length = data_length;
      return g_steal_pointer (&data);
    }

  /* Spliced in as text so that the engine's number formatting (56.67) is kept. */
  sources = build_sources (snapshot);
  sources_text = posture_json_to_string (sources, FALSE);

  out = g_string_new_len (data, end - data);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  g_string_append_printf (out, ",\n  \"sources\": %s\n}\n", sources_text);

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Public API --------------------------------------------------------------------------- */

char *
posture_report_render (PostureAssessment    *assessment,
                       PostureSnapshot      *snapshot,
                       GListModel           *history,
                       PostureReportFormat   format,
                       gsize                *length,
                       GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);
  g_return_val_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (history == NULL || G_IS_LIST_MODEL (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case POSTURE_REPORT_FORMAT_HTML:
      return _posture_report_render_html (assessment, snapshot, history, length);
    case POSTURE_REPORT_FORMAT_CSV:
      return _posture_report_render_csv (assessment, length);
    case POSTURE_REPORT_FORMAT_JSON:
      return render_json (assessment, snapshot, length);
    case POSTURE_REPORT_FORMAT_ACTION_PLAN:
      return _posture_report_render_action_plan (assessment, length);
    default:
      g_set_error (error, POSTURE_REPORT_ERROR, POSTURE_REPORT_ERROR_UNKNOWN_FORMAT,
                   "Unknown report format %d", (int) format);
      return NULL;
    }
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

typedef struct
{
  GFile *file;
  GBytes *contents;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *wd = data;

  g_clear_object (&wd->file);
  g_clear_pointer (&wd->contents, g_bytes_unref);
  g_free (wd);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *wd = task_data;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (wd->contents, &size);

  /* g_file_replace_contents() writes a temporary file beside the target and renames it
   * over the target, so readers see the old file or the new one, never a partial one. */
  if (!g_file_replace_contents (wd->file, data, size, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_report_write_async (PostureAssessment   *assessment,
                            PostureSnapshot     *snapshot,
                            GListModel          *history,
                            PostureReportFormat  format,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *wd;
  char *text;
  gsize length = 0;

  g_return_if_fail (POSTURE_IS_ASSESSMENT (assessment));
  g_return_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_report_write_async);
  g_task_set_return_on_cancel (task, FALSE);

  /* Rendering reads the assessment's GObjects, so it stays on the caller's thread;
   * only the plain bytes go to the worker. */
  text = posture_report_render (assessment, snapshot, history, format, &length, &error);
  if (text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  wd = g_new0 (WriteData, 1);
  wd->file = g_object_ref (file);
  wd->contents = g_bytes_new_take (text, length);
  g_task_set_task_data (task, wd, write_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, write_thread);
}

gboolean
posture_report_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_report_write_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
