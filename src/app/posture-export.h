/* posture-export.h: the Export… flow (a save dialog, then an atomic write off the main thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "posture-assessment.h"
#include "posture-report.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

/* Asks where to save and in which format (HTML, CSV, JSON, action plan), then writes the
 * report. Success is a toast in the window's AdwToastOverlay (with "Open"), or a message
 * dialog when the window has none; failure is a message dialog saying what happened and
 * what to do. @snapshot may be NULL (the "what was read" section then says so). */
void posture_export_run      (GtkWindow           *parent,
                              PostureAssessment   *assessment,
                              PostureSnapshot     *snapshot);
/* The same with the tenant's history (a GListModel of PostureHistoryRecord or
 * PostureAssessment, oldest first) for the HTML chart; @history may be NULL. */
void posture_export_run_full (GtkWindow           *parent,
                              PostureAssessment   *assessment,
                              PostureSnapshot     *snapshot,
                              GListModel          *history);
/* Writes without asking: what the dialog does once a file and format are chosen.
 * For tests and for callers that already know the file. */
void posture_export_save     (GtkWindow           *parent,
                              PostureAssessment   *assessment,
                              PostureSnapshot     *snapshot,
                              GListModel          *history,
                              PostureReportFormat  format,
                              GFile               *file);

G_END_DECLS
