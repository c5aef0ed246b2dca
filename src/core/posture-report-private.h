/* posture-report-private.h: what the report renderers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-report.h"

G_BEGIN_DECLS

/* "What was read": the sources of a snapshot and their counts. */
typedef struct
{
  gboolean              has_tenant_settings;
  guint                 n_tenant_settings;
  PostureIsolationState isolation;
  guint                 n_allowed_tenants;
  guint                 n_environments;
  guint                 n_with_dataverse;
  guint                 n_dataverse_read;
  guint                 n_dataverse_error;
  guint                 n_dataverse_missing;
  guint                 n_dlp_policies;
} PostureReportSources;

void        _posture_report_sources_init        (PostureReportSources  *sources,
                                                 PostureSnapshot       *snapshot);

/* Translated display names of the model's values. */
const char *_posture_report_status_label        (PostureStatus          status);
const char *_posture_report_result_label        (PostureResult          result);
const char *_posture_report_severity_label      (PostureSeverity        severity);
const char *_posture_report_level_label         (PostureLevel           level);
const char *_posture_report_decision_label      (PostureDecisionStatus  status);
const char *_posture_report_profile_label       (PostureProfile         profile);
const char *_posture_report_principle_label     (PosturePrinciple       principle);

/* "2026-11-28T10:00:00Z"; NULL gives NULL. */
char       *_posture_report_format_iso8601      (GDateTime             *when);
/* "2026-11-28"; NULL gives NULL. */
char       *_posture_report_format_day          (GDateTime             *when);

/* The failing and partial controls, recommendations first (priority order), then the
 * others (risk accepted, mitigated) in catalog order. (element-type PostureControlResult) */
GPtrArray  *_posture_report_action_items        (PostureAssessment     *assessment);

/* The decisions taken on single resources, by "control-id/resource-id" (values borrowed
 * from the assessment). */
GHashTable *_posture_report_resource_decisions  (PostureAssessment     *assessment);

/* One RFC 4180 cell, neutralised against formula injection. */
void        _posture_report_csv_append_cell     (GString               *out,
                                                 const char            *text);

char       *_posture_report_render_html         (PostureAssessment     *assessment,
                                                 PostureSnapshot       *snapshot,
                                                 GListModel            *history,
                                                 gsize                 *length);
char       *_posture_report_render_csv          (PostureAssessment     *assessment,
                                                 gsize                 *length);
char       *_posture_report_render_action_plan  (PostureAssessment     *assessment,
                                                 gsize                 *length);

G_END_DECLS
