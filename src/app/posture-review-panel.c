/* posture-review-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-review-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "posture-error.h"
#include "posture-review-panel.h"
#include "posture-labels.h"
#include "posture-training-state.h"

struct _PostureReviewPanel
{
  GtkWidget               parent_instance;

  /* Owned */
  PostureTrainingLibrary *library;
  PostureTrainingModule  *module;
  GSignalGroup           *module_signals;

  /* Template children */
  AdwEntryRow            *reviewer_row;
  AdwEntryRow            *notes_row;
  GtkLabel               *error_label;
};

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_MODULE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PostureReviewPanel, posture_review_panel, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static const struct {
  const char                 *action;
  PostureTrainingReviewState  state;
} review_actions[] = {
  { "review.start",           POSTURE_TRAINING_REVIEW_IN_REVIEW },
  { "review.approve",         POSTURE_TRAINING_REVIEW_APPROVED },
  { "review.request-changes", POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED },
  { "review.retire",          POSTURE_TRAINING_REVIEW_RETIRED },
};

/* The one place the actions' state is decided: by the workflow, in core. */
static void
posture_review_panel_update_actions (PostureReviewPanel *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), review_actions [i].action,
                                   self->module != NULL && self->library != NULL &&
                                       posture_training_module_can_record_review (self->module,
                                                                                  review_actions [i]
                                                                                      .state));
}

static char *
format_state (gpointer                   unused,
              PostureTrainingReviewState state)
{
  return g_strdup (posture_training_review_state_label (state));
}

static char *
format_state_details (gpointer                    unused,
                      PostureTrainingModule      *module,
                      PostureTrainingReviewState  state,
                      const char                 *reviewer,
                      GDateTime                  *reviewed_at,
                      const char                 *notes,
                      PostureTrainingStaleReason  stale_reason,
                      guint                       interval_days)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *reason = posture_training_stale_reason_label (stale_reason);

  if (module == NULL)
    return g_strdup ("");

  if (reviewer != NULL && state != POSTURE_TRAINING_REVIEW_DRAFT)
    {
      g_autofree char *date = posture_format_local_date (reviewed_at);

      /* Translators: who recorded the review state, and when: "By Ana Silva on 2 Dec 2026". */
      g_string_append_printf (text, _("By %s on %s"), reviewer, date);
    }
  if (state == POSTURE_TRAINING_REVIEW_APPROVED)
    {
      g_autoptr(GDateTime) due = posture_training_module_dup_review_due (module, interval_days);
      g_autofree char *date = posture_format_local_date (due);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("Review due %s"), date);
    }
  if (reason != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("Needs review: %s"), reason);
    }
  if (notes != NULL && notes[0] != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, notes);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* @reviewed_at only makes the history follow each recorded review. */
static char *
format_history (gpointer                unused,
                PostureTrainingLibrary *library,
                PostureTrainingModule  *module,
                GDateTime              *reviewed_at)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (library == NULL || module == NULL)
    return g_strdup ("");

  history = posture_training_library_dup_review_history (library,
                                                         posture_training_module_get_id (module));
  for (guint i = history->len; i > 0; i--)
    {
      const PostureTrainingReview *review = g_ptr_array_index (history, i - 1);
      g_autofree char *date = posture_format_local_date (review->at);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (review->notes != NULL && review->notes[0] != '\0')
        /* Translators: a review: "2 Dec 2026: Approved by Ana Silva: Looks right". */
        g_string_append_printf (text, _("%s: %s by %s: %s"), date,
                                posture_training_review_state_label (review->state),
                                review->reviewer ? review->reviewer : "", review->notes);
      else
        /* Translators: a review: "2 Dec 2026: Approved by Ana Silva". */
        g_string_append_printf (text, _("%s: %s by %s"), date,
                                posture_training_review_state_label (review->state),
                                review->reviewer ? review->reviewer : "");
    }

  if (text->len == 0)
    return g_strdup (_("Not reviewed yet."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
posture_review_panel_show_error (PostureReviewPanel *self,
                                 const char         *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
posture_review_panel_record (PostureReviewPanel         *self,
                             PostureTrainingReviewState  state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;

  if (self->module == NULL || self->library == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row))));
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));

  if (name[0] == '\0')
    {
      posture_review_panel_show_error (self, _("Enter your name to record a review."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reviewer_row));
      return;
    }
  if (state == POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED && note[0] == '\0')
    {
      posture_review_panel_show_error (self, _("Say in the notes what should change."));
      gtk_widget_grab_focus (GTK_WIDGET (self->notes_row));
      return;
    }

  if (!posture_training_library_record_review (self->library,
                                               posture_training_module_get_id (self->module), state,
                                               name, note, NULL, &error))
    {
      g_autofree char *text = NULL;

      g_debug ("Cannot record the review: %s", error->message);
      /* Translators: %s says why (the core's message). */
      text = g_strdup_printf (_("The review could not be recorded: %s"), error->message);
      posture_review_panel_show_error (self, text);
      return;
    }

  posture_review_panel_show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), "");
  posture_review_panel_update_actions (self);
}

static void
posture_review_panel_review_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_actions); i++)
    if (g_str_equal (action_name, review_actions[i].action))
      posture_review_panel_record (POSTURE_REVIEW_PANEL (widget), review_actions[i].state);
}

typedef struct
{
  PostureReviewPanel    *self;
  PostureTrainingModule *module;   /* the module the question was about */
} RetireRequest;

static void
retire_request_free (RetireRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->module);
  g_free (request);
}

static void
on_retire_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  RetireRequest *request = user_data;

  if (g_strcmp0 (response, "retire") == 0 && request->self->module == request->module)
    posture_review_panel_record (request->self, POSTURE_TRAINING_REVIEW_RETIRED);
}

static void
posture_review_panel_retire_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  PostureReviewPanel *self = POSTURE_REVIEW_PANEL (widget);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  RetireRequest *request;
  GtkWidget *dialog;

  if (self->module == NULL)
    return;

  /* Translators: %s is a training module's title. */
  heading = g_strdup_printf (_("Retire “%s”?"), posture_training_module_get_title (self->module));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("A retired module is no longer offered from findings and "
                                     "takes no further reviews. Its progress and review history "
                                     "are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  request = g_new0 (RetireRequest, 1);
  request->self = g_object_ref (self);
  request->module = g_object_ref (self->module);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_response_cb), request,
                         (GClosureNotify) retire_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
posture_review_panel_dispose (GObject *object)
{
  PostureReviewPanel *self = (PostureReviewPanel *) object;
  GtkWidget *child;

  if (self->module_signals != NULL)
    g_signal_group_set_target (self->module_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_REVIEW_PANEL);
  /* The template's children without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->module_signals);
  g_clear_object (&self->library);
  g_clear_object (&self->module);

  G_OBJECT_CLASS (posture_review_panel_parent_class)->dispose (object);
}

static void
posture_review_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PostureReviewPanel *self = POSTURE_REVIEW_PANEL (object);

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
posture_review_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PostureReviewPanel *self = POSTURE_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      if (g_set_object (&self->library, g_value_get_object (value)))
        {
          posture_review_panel_update_actions (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_MODULE:
      if (g_set_object (&self->module, g_value_get_object (value)))
        {
          g_signal_group_set_target (self->module_signals, self->module);
          posture_review_panel_show_error (self, NULL);
          gtk_editable_set_text (GTK_EDITABLE (self->notes_row), "");
          posture_review_panel_update_actions (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_review_panel_class_init (PostureReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_review_panel_dispose;
  object_class->get_property = posture_review_panel_get_property;
  object_class->set_property = posture_review_panel_set_property;

  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MODULE] =
    g_param_spec_object ("module", NULL, NULL, POSTURE_TYPE_TRAINING_MODULE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "review.start", NULL,
                                   posture_review_panel_review_action);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL,
                                   posture_review_panel_review_action);
  gtk_widget_class_install_action (widget_class, "review.request-changes", NULL,
                                   posture_review_panel_review_action);
  gtk_widget_class_install_action (widget_class, "review.retire", NULL,
                                   posture_review_panel_retire_action);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureReviewPanel, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, PostureReviewPanel, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PostureReviewPanel, error_label);
  /* Reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "state_row", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "history_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "approve_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "request_changes_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, format_state);
  gtk_widget_class_bind_template_callback (widget_class, format_state_details);
  gtk_widget_class_bind_template_callback (widget_class, format_history);
}

/* The reviewer is the person at the keyboard: their real name, else their login. */
static const char *
default_reviewer (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return name;
}

static void
posture_review_panel_init (PostureReviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->module_signals = g_signal_group_new (POSTURE_TYPE_TRAINING_MODULE);
  g_signal_group_connect_swapped (self->module_signals, "notify::review-state",
                                  G_CALLBACK (posture_review_panel_update_actions), self);
  g_signal_group_connect_swapped (self->module_signals, "notify::stale-reason",
                                  G_CALLBACK (posture_review_panel_update_actions), self);

  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_row), default_reviewer ());
  posture_review_panel_update_actions (self);
}

GtkWidget *
posture_review_panel_new (void)
{
  return g_object_new (POSTURE_TYPE_REVIEW_PANEL, NULL);
}
