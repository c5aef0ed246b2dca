/* posture-score-chart.h: the score over time, drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_SCORE_CHART (posture_score_chart_get_type ())

/* Properties: history (GListModel of PostureHistoryRecord, oldest first; nullable),
 * selected (int: the point shown with its value, -1 for none; follows the pointer, and
 * Left/Right/Home/End when focused). The accessible description summarises the trend. */
G_DECLARE_FINAL_TYPE (PostureScoreChart, posture_score_chart, POSTURE, SCORE_CHART, GtkWidget)

GtkWidget  *posture_score_chart_new             (void);
GListModel *posture_score_chart_get_history     (PostureScoreChart *self);
void        posture_score_chart_set_history     (PostureScoreChart *self,
                                                 GListModel        *history);
int         posture_score_chart_get_selected    (PostureScoreChart *self);
void        posture_score_chart_set_selected    (PostureScoreChart *self,
                                                 int                selected);
/* The trend as one translated sentence (the accessible description). */
char       *posture_score_chart_dup_summary     (PostureScoreChart *self);

G_END_DECLS
