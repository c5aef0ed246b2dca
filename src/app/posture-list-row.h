/* posture-list-row.h: the child of a list item, which names its row for assistive
 * technologies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_LIST_ROW (posture_list_row_get_type ())

G_DECLARE_FINAL_TYPE (PostureListRow, posture_list_row, POSTURE, LIST_ROW, GtkWidget)

/* A title, a dimmed subtitle and a status line (each hidden while empty), plain text.
 * GTK 4.8 gives a GtkListView's rows (the focusable GtkListItemWidget around a
 * factory's child) no accessible name; this widget names its parent after the title
 * and describes it with the other two lines. Use it as the child of a
 * GtkBuilderListItemFactory's template and bind its properties there. Property
 * "shorten" (default TRUE): a long title takes two lines, then an ellipsis; FALSE keeps
 * it whole on one line (a combo row's value). */
GtkWidget  *posture_list_row_new          (void);
const char *posture_list_row_get_title    (PostureListRow *self);
void        posture_list_row_set_title    (PostureListRow *self,
                                           const char     *title);
const char *posture_list_row_get_subtitle (PostureListRow *self);
void        posture_list_row_set_subtitle (PostureListRow *self,
                                           const char     *subtitle);
const char *posture_list_row_get_status   (PostureListRow *self);
void        posture_list_row_set_status   (PostureListRow *self,
                                           const char     *status);

G_END_DECLS
