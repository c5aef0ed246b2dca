/* posture-training-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-error.h"
#include "posture-markdown-view.h"
#include "posture-training-page.h"
#include "posture-training-state.h"

struct _PostureTrainingPage
{
  AdwBin                  parent_instance;

  /* Owned */
  PostureTrainingLibrary *library;
  PostureTrainingModule  *module;          /* shown in the detail */
  GSettings              *settings;        /* NULL when the schema is not installed */
  GtkCustomFilter        *filter;
  GtkFilterListModel     *filtered;
  GtkSingleSelection     *selection;
  GPtrArray              *quiz_buttons;    /* per question: GPtrArray of GtkCheckButton */
  GPtrArray              *quiz_why;        /* per question: GtkLabel */
  char                  **failing;
  GCancellable           *cancellable;     /* the state being loaded */
  gboolean                updating;
  gboolean                state_loaded;

  /* Template children */
  AdwLeaflet             *leaflet;
  GtkSearchEntry         *search_entry;
  GtkDropDown            *audience_dropdown;
  GtkDropDown            *phase_dropdown;
  GtkDropDown            *principle_dropdown;
  GtkToggleButton        *needs_review_toggle;
  GtkLabel               *problems_label;
  GtkListView            *list_view;
  GtkStack               *detail_stack;
  GtkButton              *back_button;
  GtkLabel               *title_label;
  GtkLabel               *summary_label;
  GtkLabel               *meta_label;
  GtkDropDown            *progress_dropdown;
  GtkLabel               *quiz_score_label;
  GtkWidget              *findings_box;
  GtkFlowBox             *findings_flow;
  PostureMarkdownView    *objectives_view;
  PostureMarkdownView    *lesson_view;
  PostureMarkdownView    *exercise_view;
  GtkBox                 *quiz_box;
  GtkLabel               *quiz_result_label;
  PostureMarkdownView    *references_view;
  GtkLabel               *controls_label;
  AdwActionRow           *review_state_row;
  AdwEntryRow            *reviewer_row;
  AdwEntryRow            *notes_row;
  GtkLabel               *review_error_label;
  GtkBox                 *history_box;
};

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  SHOW_MODULE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureTrainingPage, posture_training_page, ADW_TYPE_BIN)

/* Labels ---------------------------------------------------------------------------- */

static const char *
audience_label (const char *audience)
{
  if (g_strcmp0 (audience, "maker") == 0)
    return _("Makers");
  if (g_strcmp0 (audience, "pro-developer") == 0)
    return _("Pro developers");
  if (g_strcmp0 (audience, "admin") == 0)
    return _("Admins");
  return audience;
}

static const char *
phase_label (const char *phase)
{
  if (g_strcmp0 (phase, "plan") == 0)
    return _("Plan");
  if (g_strcmp0 (phase, "build") == 0)
    return _("Build");
  if (g_strcmp0 (phase, "test") == 0)
    return _("Test");
  if (g_strcmp0 (phase, "deploy") == 0)
    return _("Deploy");
  if (g_strcmp0 (phase, "operate") == 0)
    return _("Operate");
  return phase;
}

static const char *
principle_label (const char *principle)
{
  if (g_strcmp0 (principle, "verify-explicitly") == 0)
    return _("Verify explicitly");
  if (g_strcmp0 (principle, "least-privilege") == 0)
    return _("Least privilege");
  if (g_strcmp0 (principle, "assume-breach") == 0)
    return _("Assume breach");
  return principle;
}

static const char *
progress_label (PostureTrainingProgress progress)
{
  switch (progress)
    {
    case POSTURE_TRAINING_PROGRESS_IN_PROGRESS: return _("In progress");
    case POSTURE_TRAINING_PROGRESS_COMPLETED:   return _("Completed");
    case POSTURE_TRAINING_PROGRESS_NOT_STARTED:
    default:                                    return _("Not started");
    }
}

static const char *
review_state_label (PostureTrainingReviewState state)
{
  switch (state)
    {
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:         return _("In review");
    case POSTURE_TRAINING_REVIEW_APPROVED:          return _("Approved");
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED: return _("Changes requested");
    case POSTURE_TRAINING_REVIEW_RETIRED:           return _("Retired");
    case POSTURE_TRAINING_REVIEW_DRAFT:
    default:                                        return _("Draft");
    }
}

static const char *
stale_reason_label (PostureTrainingStaleReason reason)
{
  switch (reason)
    {
    case POSTURE_TRAINING_STALE_NEVER_REVIEWED:    return _("Never reviewed");
    case POSTURE_TRAINING_STALE_IN_REVIEW:         return _("Review in progress");
    case POSTURE_TRAINING_STALE_CHANGES_REQUESTED: return _("Waiting for the requested changes");
    case POSTURE_TRAINING_STALE_CONTENT_CHANGED:   return _("The content changed since it was approved");
    case POSTURE_TRAINING_STALE_INTERVAL_PASSED:   return _("The review interval has passed");
    case POSTURE_TRAINING_STALE_NONE:
    default:                                       return NULL;
    }
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%x");
}

/* Filtering ------------------------------------------------------------------------- */

static const char * const audience_values[] = { NULL, "maker", "pro-developer", "admin" };
static const char * const phase_values[] = { NULL, "plan", "build", "test", "deploy", "operate" };
static const char * const principle_values[] = { NULL, "verify-explicitly", "least-privilege", "assume-breach" };

static const char *
dropdown_value (GtkDropDown        *dropdown,
                const char * const *values,
                guint               n_values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < n_values ? values[selected] : NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PostureTrainingPage *self = user_data;
  PostureTrainingModule *module = item;

  if (gtk_toggle_button_get_active (self->needs_review_toggle) &&
      !posture_training_module_get_needs_review (module))
    return FALSE;

  return posture_training_module_matches (module,
                                          gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                          dropdown_value (self->audience_dropdown, audience_values,
                                                          G_N_ELEMENTS (audience_values)),
                                          dropdown_value (self->phase_dropdown, phase_values,
                                                          G_N_ELEMENTS (phase_values)),
                                          dropdown_value (self->principle_dropdown, principle_values,
                                                          G_N_ELEMENTS (principle_values)),
                                          NULL);
}

static void
on_filters_changed_cb (PostureTrainingPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* List rows ------------------------------------------------------------------------- */

static void
update_row (GtkListItem *list_item)
{
  PostureTrainingModule *module = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkLabel *title;
  GtkLabel *subtitle;
  g_autoptr(GString) text = g_string_new (NULL);

  if (module == NULL || box == NULL)
    return;

  title = GTK_LABEL (gtk_widget_get_first_child (box));
  subtitle = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (title)));

  /* Plain text only: a module's title is never markup. */
  gtk_label_set_text (title, posture_training_module_get_title (module));

  g_string_append_printf (text, _("%s · %u min · %s"),
                          phase_label (posture_training_module_get_phase (module)),
                          posture_training_module_get_duration (module),
                          progress_label (posture_training_module_get_progress (module)));
  if (posture_training_module_get_origin (module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    g_string_append_printf (text, " · %s", _("Organization"));
  if (posture_training_module_get_needs_review (module))
    g_string_append_printf (text, " · %s", _("Needs review"));
  gtk_label_set_text (subtitle, text->str);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PostureTrainingModule *module = gtk_list_item_get_item (list_item);
  gulong handler;

  update_row (list_item);
  handler = g_signal_connect_object (module, "notify", G_CALLBACK (update_row), list_item, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (list_item), "posture-notify-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  PostureTrainingModule *module = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "posture-notify-handler"));

  if (module != NULL && handler != 0)
    g_signal_handler_disconnect (module, handler);
  g_object_set_data (G_OBJECT (list_item), "posture-notify-handler", NULL);
}

/* Module detail --------------------------------------------------------------------- */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static void
update_findings (PostureTrainingPage *self)
{
  const char * const *controls;
  guint shown = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_flow))) != NULL)
    gtk_flow_box_remove (self->findings_flow, child);

  if (self->module != NULL && self->failing != NULL)
    {
      controls = posture_training_module_get_controls (self->module);
      for (guint i = 0; controls[i] != NULL; i++)
        {
          GtkWidget *button;

          if (!g_strv_contains ((const char * const *) self->failing, controls[i]))
            continue;

          /* The id as plain text; the window shows the finding. */
          button = gtk_button_new_with_label (controls[i]);
          gtk_widget_set_tooltip_text (button, _("Show this finding in Recommendations"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-recommendation");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (controls[i]));
          gtk_widget_add_css_class (button, "pill");
          gtk_flow_box_append (self->findings_flow, button);
          shown++;
        }
    }

  gtk_widget_set_visible (self->findings_box, shown > 0);
}

static void
update_progress (PostureTrainingPage *self)
{
  int correct = posture_training_module_get_quiz_correct (self->module);
  int total = posture_training_module_get_quiz_total (self->module);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->progress_dropdown, posture_training_module_get_progress (self->module));
  self->updating = FALSE;

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Last quiz: %d of %d right"), correct, total);
      gtk_label_set_text (self->quiz_score_label, text);
    }
  else
    gtk_label_set_text (self->quiz_score_label, "");
}

static void
update_review (PostureTrainingPage *self)
{
  PostureTrainingModule *module = self->module;
  PostureTrainingReviewState state = posture_training_module_get_review_state (module);
  const char *reason = stale_reason_label (posture_training_module_get_stale_reason (module));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *escaped = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->review_state_row), review_state_label (state));

  if (posture_training_module_get_reviewer (module) != NULL && state != POSTURE_TRAINING_REVIEW_DRAFT)
    {
      g_autofree char *date = format_date (posture_training_module_get_reviewed_at (module));

      g_string_append_printf (subtitle, _("By %s on %s"), posture_training_module_get_reviewer (module), date);
    }
  if (state == POSTURE_TRAINING_REVIEW_APPROVED)
    {
      g_autoptr(GDateTime) due = posture_training_module_dup_review_due (module,
                                   posture_training_library_get_review_interval_days (self->library));
      g_autofree char *date = format_date (due);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Review due %s"), date);
    }
  if (reason != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Needs review: %s"), reason);
    }
  if (posture_training_module_get_review_notes (module) != NULL &&
      posture_training_module_get_review_notes (module)[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, "\n");
      g_string_append (subtitle, posture_training_module_get_review_notes (module));
    }

  /* AdwActionRow subtitles are markup: escape what came from people and files. */
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (self->review_state_row, escaped);

  clear_box (GTK_WIDGET (self->history_box));
  history = posture_training_library_dup_review_history (self->library, posture_training_module_get_id (module));
  for (guint i = history->len; i > 0; i--)
    {
      PostureTrainingReview *review = g_ptr_array_index (history, i - 1);
      g_autofree char *date = format_date (review->at);
      g_autofree char *line = NULL;
      GtkWidget *label;

      if (review->notes != NULL && review->notes[0] != '\0')
        line = g_strdup_printf (_("%s: %s by %s: %s"), date, review_state_label (review->state),
                                review->reviewer ? review->reviewer : "", review->notes);
      else
        line = g_strdup_printf (_("%s: %s by %s"), date, review_state_label (review->state),
                                review->reviewer ? review->reviewer : "");
      label = gtk_label_new (line);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->history_box, label);
    }
  if (history->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Not reviewed yet."));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->history_box, label);
    }
}

static void
build_quiz (PostureTrainingPage *self)
{
  GPtrArray *questions = posture_training_module_get_questions (self->module);

  clear_box (GTK_WIDGET (self->quiz_box));
  g_ptr_array_set_size (self->quiz_buttons, 0);
  g_ptr_array_set_size (self->quiz_why, 0);
  gtk_label_set_text (self->quiz_result_label, "");

  for (guint q = 0; q < questions->len; q++)
    {
      PostureTrainingQuestion *question = g_ptr_array_index (questions, q);
      g_autofree char *markup = posture_markdown_inline_to_markup (question->text);
      GPtrArray *buttons = g_ptr_array_new ();
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *why;
      GtkCheckButton *group = NULL;

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->quiz_box, label);

      for (guint o = 0; question->options[o] != NULL; o++)
        {
          /* Check button labels are plain text. */
          GtkWidget *button = gtk_check_button_new_with_label (question->options[o]);

          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
          else
            group = GTK_CHECK_BUTTON (button);
          gtk_box_append (self->quiz_box, button);
          g_ptr_array_add (buttons, button);
        }

      why = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_label_set_xalign (GTK_LABEL (why), 0.0);
      gtk_widget_set_visible (why, FALSE);
      gtk_box_append (self->quiz_box, why);

      g_ptr_array_add (self->quiz_buttons, buttons);
      g_ptr_array_add (self->quiz_why, why);
    }
}

static void
display_module (PostureTrainingPage   *self,
                PostureTrainingModule *module)
{
  g_autoptr(GString) objectives = g_string_new (NULL);
  g_autoptr(GString) references = g_string_new (NULL);
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GString) audience = g_string_new (NULL);
  g_autofree char *controls = NULL;
  g_autofree char *controls_text = NULL;
  const char * const *items;
  GPtrArray *refs;

  if (!g_set_object (&self->module, module))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->review_error_label), FALSE);

  if (module == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  gtk_label_set_text (self->title_label, posture_training_module_get_title (module));
  gtk_label_set_text (self->summary_label, posture_training_module_get_summary (module));

  items = posture_training_module_get_audience (module);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (audience, "%s%s", i > 0 ? ", " : "", audience_label (items[i]));
  g_string_append_printf (meta, _("For %s · %s phase · %s · %u minutes"), audience->str,
                          phase_label (posture_training_module_get_phase (module)),
                          principle_label (posture_training_module_get_principle (module)),
                          posture_training_module_get_duration (module));
  if (posture_training_module_get_origin (module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    g_string_append_printf (meta, "\n%s %s", _("From your organization:"), posture_training_module_get_source (module));
  else
    g_string_append_printf (meta, " · %s", _("Built-in"));
  gtk_label_set_text (self->meta_label, meta->str);

  items = posture_training_module_get_objectives (module);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (objectives, "- %s\n", items[i]);
  posture_markdown_view_set_markdown (self->objectives_view, objectives->str);
  posture_markdown_view_set_markdown (self->lesson_view, posture_training_module_get_lesson (module));
  posture_markdown_view_set_markdown (self->exercise_view, posture_training_module_get_exercise (module));

  refs = posture_training_module_get_references (module);
  for (guint i = 0; i < refs->len; i++)
    {
      PostureTrainingReference *reference = g_ptr_array_index (refs, i);

      g_string_append_printf (references, "- [%s](%s)\n", reference->title, reference->url);
    }
  posture_markdown_view_set_markdown (self->references_view, references->str);

  controls = g_strjoinv (", ", (char **) posture_training_module_get_controls (module));
  controls_text = g_strdup_printf (_("Related controls: %s"), controls);
  gtk_label_set_text (self->controls_label, controls_text);

  build_quiz (self);
  update_progress (self);
  update_review (self);
  update_findings (self);

  gtk_stack_set_visible_child_name (self->detail_stack, "module");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* Callbacks ------------------------------------------------------------------------- */

static void
on_list_view_activate_cb (PostureTrainingPage *self,
                          guint                position)
{
  g_autoptr(PostureTrainingModule) module = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  gtk_single_selection_set_selected (self->selection, position);
  display_module (self, module);
}

static void
on_back_clicked_cb (PostureTrainingPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_progress_selected_cb (PostureTrainingPage *self)
{
  g_autoptr(GError) error = NULL;
  guint selected;

  if (self->updating || self->module == NULL || self->library == NULL)
    return;

  selected = gtk_drop_down_get_selected (self->progress_dropdown);
  if (selected > POSTURE_TRAINING_PROGRESS_COMPLETED ||
      selected == (guint) posture_training_module_get_progress (self->module))
    return;

  if (!posture_training_library_set_progress (self->library, posture_training_module_get_id (self->module),
                                              selected, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Progress could not be saved: %s"), error->message);

      g_debug ("%s", error->message);
      gtk_label_set_text (self->quiz_score_label, text);
      update_progress (self);
    }
}

static void
on_check_clicked_cb (PostureTrainingPage *self)
{
  GPtrArray *questions;
  g_autofree int *answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  guint correct;

  if (self->module == NULL || self->library == NULL)
    return;

  questions = posture_training_module_get_questions (self->module);
  answers = g_new0 (int, questions->len);

  for (guint q = 0; q < questions->len && q < self->quiz_buttons->len; q++)
    {
      PostureTrainingQuestion *question = g_ptr_array_index (questions, q);
      GPtrArray *buttons = g_ptr_array_index (self->quiz_buttons, q);
      GtkLabel *why = g_ptr_array_index (self->quiz_why, q);
      g_autofree char *text = NULL;

      answers[q] = -1;
      for (guint o = 0; o < buttons->len; o++)
        if (gtk_check_button_get_active (g_ptr_array_index (buttons, o)))
          answers[q] = (int) o;

      if (answers[q] < 0)
        text = g_strdup_printf (_("Not answered. %s"), question->why);
      else if ((guint) answers[q] == question->correct)
        text = g_strdup_printf (_("Right. %s"), question->why);
      else
        text = g_strdup_printf (_("Not quite: the answer is “%s”. %s"),
                                question->options[question->correct], question->why);
      gtk_label_set_text (why, text);
      gtk_widget_remove_css_class (GTK_WIDGET (why), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (why), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (why),
                                answers[q] >= 0 && (guint) answers[q] == question->correct ? "success" : "warning");
      gtk_widget_set_visible (GTK_WIDGET (why), TRUE);
    }

  correct = posture_training_module_grade_quiz (self->module, answers, questions->len);
  result = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u question right", "%u of %u questions right",
                                         questions->len), correct, questions->len);
  gtk_label_set_text (self->quiz_result_label, result);

  if (!posture_training_library_record_quiz (self->library, posture_training_module_get_id (self->module),
                                             correct, questions->len, &error))
    {
      g_autofree char *text = g_strdup_printf (_("%s; the result could not be saved: %s"), result, error->message);

      g_debug ("%s", error->message);
      gtk_label_set_text (self->quiz_result_label, text);
      return;
    }

  update_progress (self);
}

static void
record_review (PostureTrainingPage        *self,
               PostureTrainingReviewState  state)
{
  g_autoptr(GError) error = NULL;
  const char *reviewer;
  const char *notes;

  if (self->module == NULL || self->library == NULL)
    return;

  reviewer = gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row));
  notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));

  if (!posture_training_library_record_review (self->library, posture_training_module_get_id (self->module),
                                               state, reviewer, notes, NULL, &error))
    {
      g_autofree char *text = NULL;

      g_debug ("%s", error->message);
      g_autofree char *name = g_strstrip (g_strdup (reviewer ? reviewer : ""));

      if (g_error_matches (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID) && name[0] == '\0')
        text = g_strdup (_("Enter your name to record a review."));
      else if (state == POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED &&
               g_error_matches (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID))
        text = g_strdup (_("Say in the notes what should change."));
      else
        text = g_strdup_printf (_("The review could not be recorded: %s"), error->message);
      gtk_label_set_text (self->review_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->review_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->review_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), "");
  update_review (self);
  on_filters_changed_cb (self);
}

static void
on_start_review_clicked_cb (PostureTrainingPage *self)
{
  record_review (self, POSTURE_TRAINING_REVIEW_IN_REVIEW);
}

static void
on_approve_clicked_cb (PostureTrainingPage *self)
{
  record_review (self, POSTURE_TRAINING_REVIEW_APPROVED);
}

static void
on_request_changes_clicked_cb (PostureTrainingPage *self)
{
  record_review (self, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
}

static void
on_retire_clicked_cb (PostureTrainingPage *self)
{
  record_review (self, POSTURE_TRAINING_REVIEW_RETIRED);
}

static void
update_problems (PostureTrainingPage *self,
                 const GError        *recovered)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *problems = self->library ? posture_training_library_get_problems (self->library) : NULL;

  if (problems != NULL && problems->len > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u organization module could not be loaded:",
                                                 "%u organization modules could not be loaded:",
                                                 problems->len), problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (text, "\n%s", ((GError *) g_ptr_array_index (problems, i))->message);
    }
  if (recovered != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Saved progress or reviews were damaged and have been set aside: %s"),
                              recovered->message);
    }

  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
}

static void
show_module_handler (PostureTrainingPage *self,
                     const char          *module_id)
{
  posture_training_page_show_module (self, module_id);
}

/* GObject --------------------------------------------------------------------------- */

static void
posture_training_page_dispose (GObject *object)
{
  PostureTrainingPage *self = (PostureTrainingPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->quiz_buttons != NULL)
    g_ptr_array_set_size (self->quiz_buttons, 0);
  if (self->quiz_why != NULL)
    g_ptr_array_set_size (self->quiz_why, 0);

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_TRAINING_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->module);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (posture_training_page_parent_class)->dispose (object);
}

static void
posture_training_page_finalize (GObject *object)
{
  PostureTrainingPage *self = (PostureTrainingPage *)object;

  g_clear_pointer (&self->quiz_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->quiz_why, g_ptr_array_unref);
  g_clear_pointer (&self->failing, g_strfreev);

  G_OBJECT_CLASS (posture_training_page_parent_class)->finalize (object);
}

static void
posture_training_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PostureTrainingPage *self = POSTURE_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PostureTrainingPage *self = POSTURE_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      posture_training_page_set_library (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_page_class_init (PostureTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_training_page_dispose;
  object_class->finalize = posture_training_page_finalize;
  object_class->get_property = posture_training_page_get_property;
  object_class->set_property = posture_training_page_set_property;

  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SHOW_MODULE] =
    g_signal_new_class_handler ("show-module", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (show_module_handler),
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (POSTURE_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/posture/Posture/ui/posture-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, audience_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, principle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, needs_review_toggle);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, progress_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, quiz_score_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, findings_box);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, findings_flow);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, objectives_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, lesson_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, exercise_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, quiz_box);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, quiz_result_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, references_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, controls_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, review_state_row);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, review_error_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, history_box);
  /* Reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "check_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "start_review_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "approve_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "request_changes_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "retire_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_request_changes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retire_clicked_cb);
}

static void on_training_dir_changed_cb (PostureTrainingPage *self);

static void
posture_training_page_init (PostureTrainingPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->quiz_buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->quiz_why = g_ptr_array_new ();

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::training-dir",
                               G_CALLBACK (on_training_dir_changed_cb), self, G_CONNECT_SWAPPED);
    }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
}

/* Public API ------------------------------------------------------------------------ */

GtkWidget *
posture_training_page_new (void)
{
  return g_object_new (POSTURE_TYPE_TRAINING_PAGE, NULL);
}

PostureTrainingLibrary *
posture_training_page_get_library (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);
  return self->library;
}

static void
load_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PostureTrainingPage) self = user_data;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_training_library_load_state_finish (POSTURE_TRAINING_LIBRARY (object), result, &recovered, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("%s", error->message);
      if (recovered == NULL)
        recovered = g_steal_pointer (&error);
    }

  if (POSTURE_TRAINING_LIBRARY (object) != self->library)
    return;

  self->state_loaded = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_stack), TRUE);
  update_problems (self, recovered);
  if (self->module != NULL)
    {
      update_progress (self);
      update_review (self);
    }
  on_filters_changed_cb (self);
}

/* Progress and reviews are read off the main thread; until they are in, the module
 * page is insensitive so that nothing recorded meanwhile is overwritten. */
static void
load_state (PostureTrainingPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  self->state_loaded = FALSE;
  if (self->library == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_stack), FALSE);
  self->cancellable = g_cancellable_new ();
  posture_training_library_load_state_async (self->library, self->cancellable, load_state_cb, g_object_ref (self));
}

/* @follow: the setting changed, so replace whatever folder is loaded. Otherwise (a new
 * library) load the setting's folder only if the library has none of its own. */
static void
load_directory (PostureTrainingPage *self,
                gboolean             follow)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (self->library == NULL || self->settings == NULL)
    return;

  dir = g_settings_get_string (self->settings, "training-dir");
  if (!follow && (dir[0] == '\0' || posture_training_library_get_directory (self->library) != NULL))
    return;

  if (self->module != NULL && posture_training_module_get_origin (self->module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    display_module (self, NULL);
  posture_training_library_clear_directory (self->library);
  if (dir[0] != '\0' && !posture_training_library_load_directory (self->library, dir, &error))
    {
      g_debug ("%s", error->message);
      g_ptr_array_add (posture_training_library_get_problems (self->library), g_steal_pointer (&error));
    }
}

static void
on_training_dir_changed_cb (PostureTrainingPage *self)
{
  load_directory (self, TRUE);
  update_problems (self, NULL);
  load_state (self);
}

void
posture_training_page_set_library (PostureTrainingPage    *self,
                                   PostureTrainingLibrary *library)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));
  g_return_if_fail (!library || POSTURE_IS_TRAINING_LIBRARY (library));

  if (self->library == library)
    return;

  display_module (self, NULL);
  if (self->library != NULL && self->settings != NULL)
    g_settings_unbind (self->library, "review-interval-days");
  g_set_object (&self->library, library);

  if (library != NULL && self->settings != NULL)
    {
      g_settings_bind (self->settings, "review-interval-days", library, "review-interval-days",
                       G_SETTINGS_BIND_GET);
      load_directory (self, FALSE);
    }

  gtk_filter_list_model_set_model (self->filtered, library ? G_LIST_MODEL (library) : NULL);
  update_problems (self, NULL);
  load_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIBRARY]);
}

gboolean
posture_training_page_is_ready (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), FALSE);
  return self->library != NULL && self->state_loaded;
}

gboolean
posture_training_page_show_module (PostureTrainingPage *self,
                                   const char          *module_id)
{
  PostureTrainingModule *module;
  GListModel *model;
  guint n;

  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), FALSE);

  if (self->library == NULL || !(module = posture_training_library_lookup (self->library, module_id)))
    return FALSE;

  model = G_LIST_MODEL (self->filtered);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PostureTrainingModule) item = g_list_model_get_item (model, i);

          if (item == module)
            {
              gtk_single_selection_set_selected (self->selection, i);
              display_module (self, module);
              return TRUE;
            }
        }

      /* Hidden by the filters: clear them and look again. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->audience_dropdown, 0);
      gtk_drop_down_set_selected (self->phase_dropdown, 0);
      gtk_drop_down_set_selected (self->principle_dropdown, 0);
      gtk_toggle_button_set_active (self->needs_review_toggle, FALSE);
      on_filters_changed_cb (self);
    }

  display_module (self, module);
  return TRUE;
}

PostureTrainingModule *
posture_training_page_get_module (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);
  return self->module;
}

void
posture_training_page_set_failing_controls (PostureTrainingPage *self,
                                            const char * const  *control_ids)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));

  g_clear_pointer (&self->failing, g_strfreev);
  self->failing = g_strdupv ((char **) control_ids);
  update_findings (self);
}

GListModel *
posture_training_page_get_model (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
posture_training_page_set_search (PostureTrainingPage *self,
                                  const char          *text)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  on_filters_changed_cb (self);
}
