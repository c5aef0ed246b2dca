/* posture-assessment.h: the result of assessing a snapshot (engine output)
 *
 * Three immutable GObject types the UI binds directly (STYLE.md B12):
 *   PostureAssessment      the score and the lists below
 *   PostureControlResult   one control's status, points and resources
 *   PostureResourceResult  one environment's (or the tenant's) result with its reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-control.h"
#include "posture-decision.h"
#include "posture-types.h"

G_BEGIN_DECLS

/* A score: integer points, percent = 100 × earned / possible, level per DESIGN.md. */
typedef struct
{
  guint        earned;
  guint        possible;
  double       percent;   /* -1 when possible is 0 */
  PostureLevel level;
} PostureScore;

#define POSTURE_TYPE_RESOURCE_RESULT (posture_resource_result_get_type ())
G_DECLARE_FINAL_TYPE (PostureResourceResult, posture_resource_result, POSTURE, RESOURCE_RESULT, GObject)

/* Properties: id (environment name, or the tenant id for tenant controls), name (display
 * name), status (PostureResult), reason (one line naming the value seen, translated),
 * environment-type (nullable, environmentSku). */
const char    *posture_resource_result_get_id               (PostureResourceResult *self);
const char    *posture_resource_result_get_name             (PostureResourceResult *self);
PostureResult  posture_resource_result_get_status           (PostureResourceResult *self);
const char    *posture_resource_result_get_reason           (PostureResourceResult *self);
const char    *posture_resource_result_get_environment_type (PostureResourceResult *self);

#define POSTURE_TYPE_CONTROL_RESULT (posture_control_result_get_type ())
G_DECLARE_FINAL_TYPE (PostureControlResult, posture_control_result, POSTURE, CONTROL_RESULT, GObject)

/* Properties: control (PostureControl), id, title, severity (mirrors of the control's, for
 * sorting and binding), status (PostureStatus), earned, possible (guint; after decisions),
 * raw-earned (before decisions), gain (double: percent points the score would rise if this
 * control passed everywhere), decision (PostureDecision, nullable), resources (GListModel of
 * PostureResourceResult), n-pass, n-fail, n-unknown, evidence (nullable text, e.g. the
 * allowed tenants for the manual allow-list control). */
PostureControl        *posture_control_result_get_control    (PostureControlResult *self);
const char            *posture_control_result_get_id         (PostureControlResult *self);
PostureStatus          posture_control_result_get_status     (PostureControlResult *self);
guint                  posture_control_result_get_earned     (PostureControlResult *self);
guint                  posture_control_result_get_possible   (PostureControlResult *self);
guint                  posture_control_result_get_raw_earned (PostureControlResult *self);
double                 posture_control_result_get_gain       (PostureControlResult *self);
PostureDecision       *posture_control_result_get_decision   (PostureControlResult *self);
GListModel            *posture_control_result_get_resources  (PostureControlResult *self);
guint                  posture_control_result_get_n_pass     (PostureControlResult *self);
guint                  posture_control_result_get_n_fail     (PostureControlResult *self);
guint                  posture_control_result_get_n_unknown  (PostureControlResult *self);
const char            *posture_control_result_get_evidence   (PostureControlResult *self);
/* Added: the resources without building the GListModel (for reports over large tenants). */
guint                  posture_control_result_get_n_resources (PostureControlResult *self);
PostureResourceResult *posture_control_result_get_resource   (PostureControlResult *self,
                                                              guint                 position);

#define POSTURE_TYPE_ASSESSMENT (posture_assessment_get_type ())
G_DECLARE_FINAL_TYPE (PostureAssessment, posture_assessment, POSTURE, ASSESSMENT, GObject)

/* Properties: tenant-id, tenant-name, profile (PostureProfile), assessed-at, captured-at
 * (GDateTime), earned, possible (guint), percent (double, -1 when nothing is possible),
 * level (PostureLevel), planned-percent, planned-level (the projected score when every
 * "planned" control is fixed), controls (GListModel of PostureControlResult, catalog
 * order), recommendations (GListModel of PostureControlResult: failing and partial controls
 * not risk-accepted/mitigated, highest severity first, then most points to gain, then id),
 * warnings (GStrv). */
const char   *posture_assessment_get_tenant_id       (PostureAssessment *self);
const char   *posture_assessment_get_tenant_name     (PostureAssessment *self);
PostureProfile posture_assessment_get_profile        (PostureAssessment *self);
GDateTime    *posture_assessment_get_assessed_at     (PostureAssessment *self);
GDateTime    *posture_assessment_get_captured_at     (PostureAssessment *self);
void          posture_assessment_get_score           (PostureAssessment *self,
                                                      PostureScore      *score);
void          posture_assessment_get_planned_score   (PostureAssessment *self,
                                                      PostureScore      *score);
GListModel   *posture_assessment_get_controls        (PostureAssessment *self);
GListModel   *posture_assessment_get_recommendations (PostureAssessment *self);
const char * const *posture_assessment_get_warnings  (PostureAssessment *self);
PostureControlResult *posture_assessment_lookup      (PostureAssessment *self,
                                                      const char        *control_id);
/* What-if: the score if the given controls passed everywhere, and the given resources
 * ("control-id/resource-id") passed. Either may be NULL. Pure; the assessment is unchanged. */
void          posture_assessment_what_if             (PostureAssessment *self,
                                                      const char * const *control_ids,
                                                      const char * const *resource_keys,
                                                      PostureScore       *score);
/* DESIGN.md's `assess --format json` object (plus "decisions" when any are set). */
JsonNode     *posture_assessment_to_json             (PostureAssessment *self);
/* Added: the same as text, numbers in their shortest form (56.67), newline-terminated. */
char         *posture_assessment_to_json_data        (PostureAssessment *self,
                                                      gboolean           pretty,
                                                      gsize             *length);
/* Added: (element-type PostureDecision) (transfer none) every decision applied. */
GPtrArray    *posture_assessment_get_decisions       (PostureAssessment *self);

G_END_DECLS
