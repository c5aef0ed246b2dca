/* assessment-tree.c: the oracle of the streaming test. DESIGN.md's `assess --format json`
 * object built as a json-glib tree, member by member from the assessment, independently of
 * the streaming writer the CLI and the reports use (src/core/posture-json-writer.c); the
 * test checks that what the CLI streams parses to this same document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "assessment-tree.h"
#include "posture-assessment-private.h"
#include "posture-json.h"

#define add_string_or_null posture_json_builder_add_string_or_null

static void
add_date (JsonBuilder *builder,
          const char  *member,
          GDateTime   *value)
{
  g_autofree char *text = value ? g_date_time_format_iso8601 (value) : NULL;

  add_string_or_null (builder, member, text);
}

/* Percent to two decimals (56.666… → 56.67), or null when nothing is possible. */
static void
add_score (JsonBuilder        *builder,
           const PostureScore *score)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "percent");
  if (score->possible > 0)
    json_builder_add_double_value (builder, posture_round_half_up (score->percent, 2));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, posture_level_to_string (score->level));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, score->earned);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, score->possible);
  json_builder_end_object (builder);
}

static void
add_decision (JsonBuilder     *builder,
              PostureDecision *decision)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "control");
  json_builder_add_string_value (builder, posture_decision_get_control_id (decision));
  add_string_or_null (builder, "resource", posture_decision_get_resource_id (decision));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, posture_decision_status_to_string (
                                   posture_decision_get_status (decision)));
  add_string_or_null (builder, "note", posture_decision_get_note (decision));
  add_string_or_null (builder, "author", posture_decision_get_author (decision));
  add_date (builder, "updated_at", posture_decision_get_updated_at (decision));
  add_string_or_null (builder, "owner", posture_decision_get_owner (decision));
  add_date (builder, "due", posture_decision_get_due (decision));
  json_builder_end_object (builder);
}

static void
add_control (JsonBuilder          *builder,
             PostureControlResult *result)
{
  PostureControl *control = result->control;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, posture_control_get_id (control));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, posture_control_get_title (control));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder,
                                 posture_scope_to_string (posture_control_get_scope (control)));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, posture_severity_to_string (
                                   posture_control_get_severity (control)));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, posture_status_to_string (result->status));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, result->earned);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, result->possible);
  json_builder_set_member_name (builder, "raw_earned");
  json_builder_add_int_value (builder, result->raw_earned);
  json_builder_set_member_name (builder, "gain");
  json_builder_add_double_value (builder, posture_round_half_up (result->gain, 2));
  add_string_or_null (builder, "decision",
                      result->decision != NULL
                      ? posture_decision_status_to_string (
                          posture_decision_get_status (result->decision))
                      : NULL);

  json_builder_set_member_name (builder, "references");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "scuba", posture_control_get_scuba_id (control));
  add_string_or_null (builder, "scuba_requirement",
                      posture_control_get_scuba_requirement (control));
  add_string_or_null (builder, "ppac", posture_control_get_ppac_name (control));
  add_string_or_null (builder, "zero_trust",
                      posture_principle_to_string (posture_control_get_principle (control)));
  add_string_or_null (builder, "waf", posture_control_get_waf_code (control));
  json_builder_end_object (builder);

  if (result->evidence != NULL)
    add_string_or_null (builder, "evidence", result->evidence);

  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->resource_array->len; i++)
    {
      PostureResourceResult *resource = g_ptr_array_index (result->resource_array, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, resource->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, resource->name);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, posture_result_to_string (resource->status));
      add_string_or_null (builder, "reason", resource->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/* DESIGN.md's `assess --format json` object, with "planned_score" and "decisions" added
 * when decisions were applied. */
JsonNode *
cli_assessment_tree (PostureAssessment *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (self), NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "tenant");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", self->tenant_id);
  add_string_or_null (builder, "display_name", self->tenant_name);
  json_builder_end_object (builder);

  add_date (builder, "assessed_at", self->assessed_at);
  add_date (builder, "captured_at", self->captured_at);
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, posture_profile_to_string (self->profile));

  json_builder_set_member_name (builder, "score");
  add_score (builder, &self->score);

  json_builder_set_member_name (builder, "controls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->control_array->len; i++)
    add_control (builder, g_ptr_array_index (self->control_array, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "recommendations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->recommendation_array->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (self->recommendation_array, i);

      json_builder_add_string_value (builder, posture_control_get_id (result->control));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; self->warnings != NULL && self->warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, self->warnings[i]);
  json_builder_end_array (builder);

  if (self->decisions->len > 0)
    {
      json_builder_set_member_name (builder, "planned_score");
      add_score (builder, &self->planned);

      json_builder_set_member_name (builder, "decisions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->decisions->len; i++)
        add_decision (builder, g_ptr_array_index (self->decisions, i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
