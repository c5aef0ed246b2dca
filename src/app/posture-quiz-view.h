/* posture-quiz-view.h: a training module's self-check, graded and recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_QUIZ_VIEW (posture_quiz_view_get_type ())

G_DECLARE_FINAL_TYPE (PostureQuizView, posture_quiz_view, POSTURE, QUIZ_VIEW, GtkWidget)

/* Properties: library (PostureTrainingLibrary, where results are recorded), module
 * (PostureTrainingModule, nullable). Each question is a radio group named by the
 * question; the "quiz.check" action grades the answers with the module, explains each
 * one, and records the result in the library (which updates the module's progress). */
GtkWidget *posture_quiz_view_new (void);

G_END_DECLS
