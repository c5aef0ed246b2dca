/* posture-quiz-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-quiz-view"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-markdown-view.h"
#include "posture-quiz-view.h"
#include "posture-training-state.h"

/* The widgets of one question (borrowed: children of questions_box). */
typedef struct
{
  GtkLabel  *why;
  GPtrArray *options;   /* GtkCheckButton, in the module's order */
} Question;

struct _PostureQuizView
{
  GtkWidget               parent_instance;

  /* Owned */
  PostureTrainingLibrary *library;
  PostureTrainingModule  *module;
  GArray                 *questions;      /* Question, one per module question */

  /* Template children */
  GtkBox                 *questions_box;
  GtkLabel               *result_label;
};

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_MODULE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PostureQuizView, posture_quiz_view, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static void
question_clear (gpointer data)
{
  Question *question = data;

  g_clear_pointer (&question->options, g_ptr_array_unref);
}

static void
posture_quiz_view_clear (PostureQuizView *self)
{
  GtkWidget *child;

  g_array_set_size (self->questions, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
  gtk_label_set_text (self->result_label, "");
}

/* One radio group per question, named by the question for assistive technologies. */
static void
posture_quiz_view_add_question (PostureQuizView               *self,
                                const PostureTrainingQuestion *question)
{
  g_autofree char *markup = posture_markdown_inline_to_markup (question->text);
  GtkCheckButton *first = NULL;
  GtkWidget *group;
  GtkWidget *heading;
  Question entry = { NULL, g_ptr_array_new () };

  group = g_object_new (GTK_TYPE_BOX,
                        "orientation", GTK_ORIENTATION_VERTICAL,
                        "spacing", 6,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                        NULL);

  heading = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (heading), markup);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (group), heading);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (group),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  for (guint i = 0; question->options[i] != NULL; i++)
    {
      /* The answer as plain text (module content is never markup), in a label that
       * wraps: a check button's own label does not, and would widen the page. */
      GtkWidget *text = g_object_new (GTK_TYPE_LABEL,
                                      "label", question->options[i],
                                      "wrap", TRUE,
                                      "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                      "xalign", 0.0,
                                      NULL);
      GtkWidget *option = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                        "child", text,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        "group", first,
                                        NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (option),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, question->options[i],
                                      -1);

      if (first == NULL)
        first = GTK_CHECK_BUTTON (option);
      gtk_box_append (GTK_BOX (group), option);
      g_ptr_array_add (entry.options, option);
    }

  entry.why = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (entry.why, TRUE);
  gtk_label_set_xalign (entry.why, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (entry.why), FALSE);
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (entry.why));

  gtk_box_append (self->questions_box, group);
  g_array_append_val (self->questions, entry);
}

static void
posture_quiz_view_check_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  PostureQuizView *self = POSTURE_QUIZ_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree int *answers = NULL;
  g_autofree char *result = NULL;
  GPtrArray *questions;
  guint correct;

  if (self->module == NULL)
    return;

  questions = posture_training_module_get_questions (self->module);
  g_assert (questions->len == self->questions->len);
  answers = g_new0 (int, questions->len);

  for (guint q = 0; q < questions->len; q++)
    {
      const PostureTrainingQuestion *question = g_ptr_array_index (questions, q);
      Question *entry = &g_array_index (self->questions, Question, q);
      g_autofree char *text = NULL;
      gboolean right;

      answers[q] = -1;
      for (guint o = 0; o < entry->options->len; o++)
        if (gtk_check_button_get_active (g_ptr_array_index (entry->options, o)))
          answers[q] = (int) o;

      right = answers[q] >= 0 && (guint) answers[q] == question->correct;
      if (answers[q] < 0)
        text = g_strdup_printf (_("Not answered. %s"), question->why);
      else if (right)
        text = g_strdup_printf (_("Right. %s"), question->why);
      else
        /* Translators: the first %s is the right answer, the second why it is right. */
        text = g_strdup_printf (_("Not quite: the answer is “%s”. %s"),
                                question->options[question->correct], question->why);

      gtk_label_set_text (entry->why, text);
      gtk_widget_remove_css_class (GTK_WIDGET (entry->why), right ? "warning" : "success");
      gtk_widget_add_css_class (GTK_WIDGET (entry->why), right ? "success" : "warning");
      gtk_widget_set_visible (GTK_WIDGET (entry->why), TRUE);
    }

  correct = posture_training_module_grade_quiz (self->module, answers, questions->len);
  result = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u question right",
                                         "%u of %u questions right",
                                         questions->len),
                            correct, questions->len);

  if (self->library != NULL &&
      !posture_training_library_record_quiz (self->library,
                                             posture_training_module_get_id (self->module),
                                             correct, questions->len, &error))
    {
      g_autofree char *text = NULL;

      g_debug ("Cannot record the quiz: %s", error->message);
      /* Translators: the first %s is "2 of 3 questions right", the second why saving failed. */
      text = g_strdup_printf (_("%s. The result could not be saved: %s"), result, error->message);
      gtk_label_set_text (self->result_label, text);
      return;
    }

  gtk_label_set_text (self->result_label, result);
}

static void
posture_quiz_view_dispose (GObject *object)
{
  PostureQuizView *self = (PostureQuizView *) object;
  GtkWidget *child;

  if (self->questions != NULL)
    g_array_set_size (self->questions, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_QUIZ_VIEW);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->library);
  g_clear_object (&self->module);

  G_OBJECT_CLASS (posture_quiz_view_parent_class)->dispose (object);
}

static void
posture_quiz_view_finalize (GObject *object)
{
  PostureQuizView *self = (PostureQuizView *) object;

  g_clear_pointer (&self->questions, g_array_unref);

  G_OBJECT_CLASS (posture_quiz_view_parent_class)->finalize (object);
}

static void
posture_quiz_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PostureQuizView *self = POSTURE_QUIZ_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_MODULE:
      g_value_set_object (value, self->module);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_quiz_view_set_module (PostureQuizView       *self,
                              PostureTrainingModule *module)
{
  GPtrArray *questions;

  if (!g_set_object (&self->module, module))
    return;

  posture_quiz_view_clear (self);
  if (module != NULL)
    {
      questions = posture_training_module_get_questions (module);
      for (guint q = 0; q < questions->len; q++)
        posture_quiz_view_add_question (self, g_ptr_array_index (questions, q));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quiz.check", module != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODULE]);
}

static void
posture_quiz_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PostureQuizView *self = POSTURE_QUIZ_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      if (g_set_object (&self->library, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_MODULE:
      posture_quiz_view_set_module (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_quiz_view_class_init (PostureQuizViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_quiz_view_dispose;
  object_class->finalize = posture_quiz_view_finalize;
  object_class->get_property = posture_quiz_view_get_property;
  object_class->set_property = posture_quiz_view_set_property;

  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MODULE] =
    g_param_spec_object ("module", NULL, NULL, POSTURE_TYPE_TRAINING_MODULE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "quiz.check", NULL,
                                   posture_quiz_view_check_action);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-quiz-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureQuizView, questions_box);
  gtk_widget_class_bind_template_child (widget_class, PostureQuizView, result_label);
}

static void
posture_quiz_view_init (PostureQuizView *self)
{
  self->questions = g_array_new (FALSE, TRUE, sizeof (Question));
  g_array_set_clear_func (self->questions, question_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quiz.check", FALSE);
}

GtkWidget *
posture_quiz_view_new (void)
{
  return g_object_new (POSTURE_TYPE_QUIZ_VIEW, NULL);
}
