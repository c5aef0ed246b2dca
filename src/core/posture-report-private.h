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

/* Where a report goes while it is rendered: text is appended to @buffer, which is sent
 * on to @stream each time it holds 64 KiB, so a report of any size needs one buffer. The
 * first write error is kept; later output is dropped. */
typedef struct
{
  GString       *buffer;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} PostureReportSink;

#define POSTURE_REPORT_SINK_CHUNK (64 * 1024)

void        _posture_report_sink_init           (PostureReportSink     *sink,
                                                 GOutputStream         *stream,
                                                 GCancellable          *cancellable);
/* Sends the buffer on once it holds a chunk, or always with @force. FALSE after an error. */
gboolean    _posture_report_sink_flush          (PostureReportSink     *sink,
                                                 gboolean               force);
void        _posture_report_sink_clear          (PostureReportSink     *sink);

void        _posture_report_write_html          (PostureReportSink     *sink,
                                                 PostureAssessment     *assessment,
                                                 PostureSnapshot       *snapshot,
                                                 GListModel            *history);
void        _posture_report_write_csv           (PostureReportSink     *sink,
                                                 PostureAssessment     *assessment);
void        _posture_report_write_action_plan   (PostureReportSink     *sink,
                                                 PostureAssessment     *assessment);
void        _posture_report_write_json          (PostureReportSink     *sink,
                                                 PostureAssessment     *assessment,
                                                 PostureSnapshot       *snapshot);

G_END_DECLS
