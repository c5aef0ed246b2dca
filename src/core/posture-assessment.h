/* posture-assessment.h: the result of assessing a snapshot (engine output)
 *
 * Immutable GObject types the UI binds directly (STYLE.md B12), each in its own file:
 *   PostureAssessment      the score and the lists below (this file)
 *   PostureControlResult   one control's status, points and resources
 *   PostureResourceResult  one environment's (or the tenant's) result, reason and evidence
 *   PostureBreakdown       the score of one category or Zero Trust principle
 * DESIGN.md's JSON form is a report: posture_report_write() (posture-report.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-breakdown.h"
#include "posture-control-result.h"
#include "posture-control.h"
#include "posture-decision.h"
#include "posture-resource-result.h"
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

#define POSTURE_TYPE_ASSESSMENT (posture_assessment_get_type ())
G_DECLARE_FINAL_TYPE (PostureAssessment, posture_assessment, POSTURE, ASSESSMENT, GObject)

/* Properties: tenant-id, tenant-name, profile (PostureProfile), assessed-at, captured-at
 * (GDateTime), earned, possible (guint), percent (double, -1 when nothing is possible),
 * level (PostureLevel), planned-percent, planned-level (the projected score when every
 * "planned" control is fixed), controls (GListModel of PostureControlResult, catalog
 * order), recommendations (GListModel of PostureControlResult: failing and partial controls
 * not risk-accepted/mitigated, highest severity first, then most points to gain, then id),
 * categories, principles (GListModel of PostureBreakdown: the categories and Zero Trust
 * principles that have a control in the assessment, in the enums' order), warnings
 * (GStrv: the snapshot's reader notes, then what the assessment found). */
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
/* (element-type PostureDecision) (transfer none) every decision applied. */
GPtrArray    *posture_assessment_get_decisions       (PostureAssessment *self);

G_END_DECLS
