/* posture-ui-test.h: what the app's widget tests share: waiting for the main loop,
 * finding a widget by its id in the .ui, and typing on the keyboard (XTEST, through
 * xdotool, as a person would: the events go through X and GDK like real ones)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*PostureTestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after @seconds. */
void       posture_test_spin_until   (PostureTestCondition  condition,
                                      gpointer              data,
                                      guint                 seconds);
/* Lets pending events and idles run. */
void       posture_test_spin_a_little (void);
/* The widget under @root (popovers included) built from the .ui element with this id. */
GtkWidget *posture_test_find         (GtkWidget            *root,
                                      const char           *id);
/* The first toplevel of @type (other than @not_this), or NULL. */
GtkWindow *posture_test_find_window  (GType                 type,
                                      GtkWindow            *not_this);
/* Gives @window the keyboard focus and presses @keys (xdotool key names, e.g.
 * "ctrl+n", "Down", "Return"), one after the other. */
void       posture_test_press        (GtkWindow            *window,
                                      const char           *keys,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Gives @window the keyboard focus and types @text. */
void       posture_test_type         (GtkWindow            *window,
                                      const char           *text);
/* The first widget under @root (itself included) whose widget name is @name, or NULL. */
GtkWidget *posture_test_find_named   (GtkWidget            *root,
                                      const char           *name);
/* The first visible widget of @type under @root (itself included), or NULL: a hidden
 * part of a composite widget (an expander row's own switch) is passed over. */
GtkWidget *posture_test_find_type    (GtkWidget            *root,
                                      GType                 type);

/* Shows a view of a PostureWindow through its actions: "overview", "recommendations",
 * "policies", "training", "history", or "recommendation" (the next recommendation in
 * detail) and "module" (a training module). */
void       posture_test_show_view    (GtkWidget            *window,
                                      const char           *view);

G_END_DECLS
