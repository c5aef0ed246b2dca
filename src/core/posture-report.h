/* posture-report.h: reports of an assessment (HTML, CSV, JSON, action plan)
 *
 * What an admin sends to the CISO, attaches to an audit, or publishes from a pipeline.
 * Core writes no files: a report renders to a GOutputStream (posture_report_write(), as
 * it is produced) or to memory (posture_report_render()); the CLI and the app decide
 * where it goes and how a file is replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-assessment.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

#define POSTURE_REPORT_ERROR (posture_report_error_quark ())

typedef enum
{
  POSTURE_REPORT_ERROR_UNKNOWN_FORMAT, /* not one of html, csv, json, action-plan */
} PostureReportError;

typedef enum
{
  POSTURE_REPORT_FORMAT_HTML,        /* one self-contained, printable HTML file */
  POSTURE_REPORT_FORMAT_CSV,         /* one row per control per resource */
  POSTURE_REPORT_FORMAT_JSON,        /* DESIGN.md's assess JSON, plus decisions and sources */
  POSTURE_REPORT_FORMAT_ACTION_PLAN, /* CSV of failing and partial controls with decisions */
} PostureReportFormat;

GQuark      posture_report_error_quark              (void);

/* "html", "csv", "json", "action-plan" (stable; used by the CLI). */
const char *posture_report_format_to_string         (PostureReportFormat   format);
gboolean    posture_report_format_from_string       (const char           *text,
                                                     PostureReportFormat  *format,
                                                     GError              **error);
/* "html", "csv", "json", "csv" (without the dot). */
const char *posture_report_format_get_extension     (PostureReportFormat   format);

gboolean    posture_report_write                    (PostureAssessment    *assessment,
                                                     PostureSnapshot      *snapshot,
                                                     GListModel           *history,
                                                     PostureReportFormat   format,
                                                     GOutputStream        *stream,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

/**
 * posture_report_render:
 * @assessment: the assessment (its control results carry the decisions)
 * @snapshot: (nullable): the snapshot it was made from, for "what was read"
 * @history: (nullable): earlier assessments for the HTML chart, oldest first: a
 *   #GListModel of #PostureAssessment, or of any #GObject with a #GDateTime property
 *   "assessed-at" (or "time") and a double property "percent" (negative: unknown)
 * @format: the format
 * @length: (out) (optional): the length in bytes, without the trailing NUL
 * @error: a #GError
 *
 * posture_report_write() to memory.
 *
 * Returns: (transfer full): the report, NUL-terminated UTF-8
 */
char       *posture_report_render                   (PostureAssessment    *assessment,
                                                     PostureSnapshot      *snapshot,
                                                     GListModel           *history,
                                                     PostureReportFormat   format,
                                                     gsize                *length,
                                                     GError              **error);

/* A file name such as "posture-contoso-2026-11-28.html" (the tenant name made safe). */
char       *posture_report_suggest_file_name        (PostureAssessment    *assessment,
                                                     PostureReportFormat   format);

G_END_DECLS
