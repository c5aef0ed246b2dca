/* posture-report-json.c: the JSON report, streamed
 *
 * DESIGN.md's `assess --format json` object, the only writer of it, plus "sources" (what
 * was read) when the snapshot is given. It is written as it is produced through
 * PostureJsonWriter, so a tenant of 10,000 environments needs no tree of its 190,000
 * resource results: memory stays at one buffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-report"

#include "config.h"

#include "posture-enums.h"
#include "posture-json-writer.h"
#include "posture-report-private.h"

/* Percent points to two decimals (56.666… → 56.67), as the tree form has them. */
static double
two_decimals (double value)
{
  return posture_round_half_up (value, 2);
}

static void
write_date (PostureJsonWriter *writer,
            const char        *member,
            GDateTime         *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  posture_json_writer_member_string (writer, member, text);
}

static void
write_score (PostureJsonWriter  *writer,
             const char         *member,
             const PostureScore *score)
{
  posture_json_writer_member (writer, member);
  posture_json_writer_begin_object (writer);
  posture_json_writer_member (writer, "percent");
  if (score->possible > 0)
    posture_json_writer_double (writer, two_decimals (score->percent));
  else
    posture_json_writer_null (writer);
  posture_json_writer_member_string (writer, "level", posture_level_to_string (score->level));
  posture_json_writer_member_int (writer, "earned", score->earned);
  posture_json_writer_member_int (writer, "possible", score->possible);
  posture_json_writer_end_object (writer);
}

static void
write_decision (PostureJsonWriter *writer,
                PostureDecision   *decision)
{
  PostureDecisionStatus status = posture_decision_get_status (decision);

  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "control", posture_decision_get_control_id (decision));
  posture_json_writer_member_string (writer, "resource",
                                     posture_decision_get_resource_id (decision));
  posture_json_writer_member_string (writer, "status", posture_decision_status_to_string (status));
  posture_json_writer_member_string (writer, "note", posture_decision_get_note (decision));
  posture_json_writer_member_string (writer, "author", posture_decision_get_author (decision));
  write_date (writer, "updated_at", posture_decision_get_updated_at (decision));
  posture_json_writer_member_string (writer, "owner", posture_decision_get_owner (decision));
  write_date (writer, "due", posture_decision_get_due (decision));
  posture_json_writer_end_object (writer);
}

static gboolean
write_control (PostureReportSink    *sink,
               PostureJsonWriter    *writer,
               PostureControlResult *result)
{
  PostureControl *control = posture_control_result_get_control (result);
  PostureDecision *decision = posture_control_result_get_decision (result);
  guint n = posture_control_result_get_n_resources (result);

  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "id", posture_control_get_id (control));
  posture_json_writer_member_string (writer, "title", posture_control_get_title (control));
  posture_json_writer_member_string (writer, "scope",
                                     posture_scope_to_string (posture_control_get_scope (control)));
  posture_json_writer_member_string (writer, "severity",
                                     posture_severity_to_string (
                                       posture_control_get_severity (control)));
  posture_json_writer_member_string (writer, "status",
                                     posture_status_to_string (
                                       posture_control_result_get_status (result)));
  posture_json_writer_member_int (writer, "earned", posture_control_result_get_earned (result));
  posture_json_writer_member_int (writer, "possible", posture_control_result_get_possible (result));
  posture_json_writer_member_int (writer, "raw_earned",
                                  posture_control_result_get_raw_earned (result));
  posture_json_writer_member (writer, "gain");
  posture_json_writer_double (writer, two_decimals (posture_control_result_get_gain (result)));
  posture_json_writer_member_string (writer, "decision",
                                     decision != NULL ?
                                     posture_decision_status_to_string (
                                       posture_decision_get_status (decision)) :
                                     NULL);

  posture_json_writer_member (writer, "references");
  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "scuba", posture_control_get_scuba_id (control));
  posture_json_writer_member_string (writer, "scuba_requirement",
                                     posture_control_get_scuba_requirement (control));
  posture_json_writer_member_string (writer, "ppac", posture_control_get_ppac_name (control));
  posture_json_writer_member_string (writer, "zero_trust",
                                     posture_principle_to_string (
                                       posture_control_get_principle (control)));
  posture_json_writer_member_string (writer, "waf", posture_control_get_waf_code (control));
  posture_json_writer_end_object (writer);

  if (posture_control_result_get_evidence (result) != NULL)
    posture_json_writer_member_string (writer, "evidence",
                                       posture_control_result_get_evidence (result));

  posture_json_writer_member (writer, "resources");
  posture_json_writer_begin_array (writer);
  for (guint i = 0; i < n; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (result, i);

      posture_json_writer_begin_object (writer);
      posture_json_writer_member_string (writer, "id", posture_resource_result_get_id (resource));
      posture_json_writer_member_string (writer, "name",
                                         posture_resource_result_get_name (resource));
      posture_json_writer_member_string (writer, "status",
                                         posture_result_to_string (
                                           posture_resource_result_get_status (resource)));
      posture_json_writer_member_string (writer, "reason",
                                         posture_resource_result_get_reason (resource));
      posture_json_writer_end_object (writer);

      if (!_posture_report_sink_flush (sink, FALSE))
        return FALSE;
    }
  posture_json_writer_end_array (writer);

  posture_json_writer_end_object (writer);
  return TRUE;
}

/* "enabled", "disabled", "not-configured": the nicks. */
static const char *
isolation_name (PostureIsolationState state)
{
  return posture_enum_to_string (POSTURE_TYPE_ISOLATION_STATE, state);
}

static void
write_sources (PostureJsonWriter *writer,
               PostureSnapshot   *snapshot)
{
  g_autofree char *captured = NULL;
  PostureReportSources sources;

  _posture_report_sources_init (&sources, snapshot);
  captured = _posture_report_format_iso8601 (posture_snapshot_get_captured_at (snapshot));

  posture_json_writer_member (writer, "sources");
  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "captured_at", captured);
  posture_json_writer_member_string (writer, "cloud", posture_snapshot_get_cloud (snapshot));
  posture_json_writer_member_int (writer, "tenant_settings", sources.n_tenant_settings);
  posture_json_writer_member_string (writer, "tenant_isolation",
                                     isolation_name (sources.isolation));
  posture_json_writer_member_int (writer, "allowed_tenants", sources.n_allowed_tenants);
  posture_json_writer_member_int (writer, "environments", sources.n_environments);
  posture_json_writer_member_int (writer, "dlp_policies", sources.n_dlp_policies);
  posture_json_writer_member (writer, "dataverse");
  posture_json_writer_begin_object (writer);
  posture_json_writer_member_int (writer, "environments", sources.n_with_dataverse);
  posture_json_writer_member_int (writer, "read", sources.n_dataverse_read);
  posture_json_writer_member_int (writer, "errors", sources.n_dataverse_error);
  posture_json_writer_member_int (writer, "missing", sources.n_dataverse_missing);
  posture_json_writer_end_object (writer);
  posture_json_writer_end_object (writer);
}

void
_posture_report_write_json (PostureReportSink *sink,
                            PostureAssessment *assessment,
                            PostureSnapshot   *snapshot)
{
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (sink->buffer, TRUE);
  GListModel *controls = posture_assessment_get_controls (assessment);
  GListModel *recommendations = posture_assessment_get_recommendations (assessment);
  const char * const *warnings = posture_assessment_get_warnings (assessment);
  GPtrArray *decisions = posture_assessment_get_decisions (assessment);
  PostureScore score;
  guint n;

  posture_json_writer_begin_object (writer);

  posture_json_writer_member (writer, "tenant");
  posture_json_writer_begin_object (writer);
  posture_json_writer_member_string (writer, "id", posture_assessment_get_tenant_id (assessment));
  posture_json_writer_member_string (writer, "display_name",
                                     posture_assessment_get_tenant_name (assessment));
  posture_json_writer_end_object (writer);

  write_date (writer, "assessed_at", posture_assessment_get_assessed_at (assessment));
  write_date (writer, "captured_at", posture_assessment_get_captured_at (assessment));
  posture_json_writer_member_string (writer, "profile",
                                     posture_profile_to_string (
                                       posture_assessment_get_profile (assessment)));

  posture_assessment_get_score (assessment, &score);
  write_score (writer, "score", &score);

  posture_json_writer_member (writer, "controls");
  posture_json_writer_begin_array (writer);
  n = g_list_model_get_n_items (controls);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);

      if (!write_control (sink, writer, result))
        return;
    }
  posture_json_writer_end_array (writer);

  posture_json_writer_member (writer, "recommendations");
  posture_json_writer_begin_array (writer);
  n = g_list_model_get_n_items (recommendations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);

      posture_json_writer_string (writer, posture_control_result_get_id (result));
    }
  posture_json_writer_end_array (writer);

  posture_json_writer_member (writer, "warnings");
  posture_json_writer_begin_array (writer);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    posture_json_writer_string (writer, warnings[i]);
  posture_json_writer_end_array (writer);

  if (decisions != NULL && decisions->len > 0)
    {
      PostureScore planned;

      posture_assessment_get_planned_score (assessment, &planned);
      write_score (writer, "planned_score", &planned);

      posture_json_writer_member (writer, "decisions");
      posture_json_writer_begin_array (writer);
      for (guint i = 0; i < decisions->len; i++)
        write_decision (writer, g_ptr_array_index (decisions, i));
      posture_json_writer_end_array (writer);
    }

  if (snapshot != NULL)
    write_sources (writer, snapshot);

  posture_json_writer_end_object (writer);
  g_assert (posture_json_writer_is_complete (writer));
}
