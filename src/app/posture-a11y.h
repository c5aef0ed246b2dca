/* posture-a11y.h: what screen readers need that the widgets of GTK 4.8 do not say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Every AdwStatusPage under @root scrolls its content in a focusable pane that has no
 * name of its own: it takes the status page's title, and follows it. */
void posture_a11y_name_status_pages (GtkWidget *root);

G_END_DECLS
