/* posture-training-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-labels.h"
#include "posture-list-row.h"
#include "posture-markdown-view.h"
#include "posture-quiz-view.h"
#include "posture-review-panel.h"
#include "posture-search.h"
#include "posture-training-page.h"
#include "posture-training-state.h"

struct _PostureTrainingPage
{
  AdwBin                  parent_instance;

  /* Owned */
  PostureTrainingLibrary *library;
  PostureSession         *session;
  PostureAssessment      *assessment;      /* the session's, followed through the binding group */
  GBindingGroup          *session_bindings;
  PostureTrainingModule  *module;          /* shown in the module pane */
  char                   *audience;        /* the filters; "" for all */
  char                   *phase;
  char                   *principle;
  char                   *review;
  GSettings              *settings;        /* NULL when the schema is not installed */
  GCancellable           *cancellable;     /* the state being loaded */

  /* Template children */
  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar;
  GtkSearchEntry         *search_entry;
  GtkLabel               *problems_label;
  GtkListView            *list_view;
  GtkSingleSelection     *selection;
  GtkFilterListModel     *filtered;
  GtkFilter              *text_filter;
  GtkStack               *detail_stack;
  GtkScrolledWindow      *module_scroller;
  GtkListBox             *controls_list;
  GtkFilterListModel     *controls;
  GtkFilter              *controls_filter;
};

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SESSION,
  PROP_ASSESSMENT,
  PROP_MODULE,
  PROP_AUDIENCE,
  PROP_PHASE,
  PROP_PRINCIPLE,
  PROP_REVIEW,
  N_PROPS
};

enum {
  SHOW_MODULE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PostureTrainingPage, posture_training_page, ADW_TYPE_BIN)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Closures of the template ------------------------------------------------------- */

static gboolean
has_text (gpointer    unused,
          const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
is_nonzero (gpointer unused,
            guint    n)
{
  return n > 0;
}

static char *
format_filters (gpointer    unused,
                const char *audience,
                const char *phase,
                const char *principle,
                const char *review)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (has_text (NULL, audience))
    g_string_append (text, posture_training_audience_label (audience));
  if (has_text (NULL, phase))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "",
                            posture_training_phase_label (phase));
  if (has_text (NULL, principle))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "",
                            posture_training_principle_label (principle));
  if (has_text (NULL, review))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "",
                            posture_training_review_filter_label (review));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
list_page_name (gpointer unused,
                guint    n_items)
{
  return g_strdup (n_items > 0 ? "list" : "none");
}

static char *
detail_page_name (gpointer               unused,
                  PostureTrainingModule *module)
{
  return g_strdup (module != NULL ? "module" : "empty");
}

static char *
format_row_subtitle (gpointer                 unused,
                     const char              *phase,
                     guint                    duration,
                     PostureTrainingProgress  progress,
                     PostureTrainingOrigin    origin)
{
  /* Translators: a module in the list: its phase, length and the learner's progress,
   * e.g. "Build · 40 min · Not started". */
  g_autofree char *text =
      g_strdup_printf (_("%s · %u min · %s"), posture_training_phase_label (phase), duration,
                       posture_training_progress_label (progress));

  if (origin == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    /* Translators: appended to a module's line when it comes from the organization's folder. */
    return g_strdup_printf (_("%s · Organization"), text);

  return g_steal_pointer (&text);
}

/* Every review state shows, so champions see the whole workflow in the list. */
static char *
format_row_status (gpointer                    unused,
                   PostureTrainingReviewState  state,
                   PostureTrainingStaleReason  reason)
{
  if (state == POSTURE_TRAINING_REVIEW_APPROVED && reason != POSTURE_TRAINING_STALE_NONE)
    /* Translators: an approval that has gone stale. */
    return g_strdup (_("Approved · Needs review"));

  return g_strdup (posture_training_review_state_label (state));
}

static char *
format_meta (gpointer               unused,
             PostureTrainingModule *module)
{
  g_autoptr(GString) audience = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *items;

  if (module == NULL)
    return g_strdup ("");

  items = posture_training_module_get_audience (module);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (audience, "%s%s", i > 0 ? ", " : "",
                            posture_training_audience_label (items [i]));

  /* Translators: who a module is for, its phase, Zero Trust principle and length:
   * "For Admins · Operate phase · Least privilege · 40 minutes". */
  g_string_append_printf (text, _("For %s · %s phase · %s · %u minutes"), audience->str,
                          posture_training_phase_label (posture_training_module_get_phase (module)),
                          posture_training_principle_label (
                              posture_training_module_get_principle (module)),
                          posture_training_module_get_duration (module));
  if (posture_training_module_get_origin (module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    /* Translators: %s is the module's file. */
    g_string_append_printf (text, _("\nFrom your organization: %s"),
                            posture_training_module_get_source (module));
  else
    g_string_append_printf (text, " · %s", _("Built-in"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_quiz_score (gpointer unused,
                   int      correct,
                   int      total)
{
  if (total <= 0)
    return g_strdup (_("Take the self-check to complete the module"));

  /* Translators: the last self-check's result. */
  return g_strdup_printf (_("Last self-check: %d of %d right"), correct, total);
}

static guint
progress_position (gpointer                unused,
                   PostureTrainingProgress progress)
{
  /* AdwEnumListModel lists the values in order, from 0. */
  return (guint) progress;
}

static char *
format_progress (gpointer unused,
                 int      value)
{
  return g_strdup (posture_training_progress_label (value));
}

static char *
format_objectives (gpointer               unused,
                   PostureTrainingModule *module)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *items;

  if (module == NULL)
    return g_strdup ("");

  items = posture_training_module_get_objectives (module);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (text, "- %s\n", items[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
module_lesson (gpointer               unused,
               PostureTrainingModule *module)
{
  return g_strdup (module != NULL ? posture_training_module_get_lesson (module) : "");
}

static char *
module_exercise (gpointer               unused,
                 PostureTrainingModule *module)
{
  return g_strdup (module != NULL ? posture_training_module_get_exercise (module) : "");
}

static char *
format_references (gpointer               unused,
                   PostureTrainingModule *module)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *references;

  if (module == NULL)
    return g_strdup ("");

  references = posture_training_module_get_references (module);
  for (guint i = 0; i < references->len; i++)
    {
      const PostureTrainingReference *reference = g_ptr_array_index (references, i);

      g_string_append_printf (text, "- [%s](%s)\n", reference->title, reference->url);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The filters' expressions: the item is the closure's instance. */
static gboolean
module_matches_text (PostureTrainingModule *module,
                     const char            *text)
{
  return posture_training_module_matches_text (module, text);
}

static char *
module_audience_text (PostureTrainingModule *module)
{
  return g_strjoinv (" ", (char **) posture_training_module_get_audience (module));
}

/* The review filter's words: the state, and "needs-review" while it is in the queue. */
static char *
module_review_text (PostureTrainingModule      *module,
                    PostureTrainingReviewState  state,
                    PostureTrainingStaleReason  reason)
{
  return g_strconcat (posture_training_review_state_to_string (state),
                      reason != POSTURE_TRAINING_STALE_NONE ? " needs-review" : "",
                      NULL);
}

/* (transfer full) (nullable) */
static GListModel *
assessment_controls (gpointer           unused,
                     PostureAssessment *assessment)
{
  return assessment != NULL ? g_object_ref (posture_assessment_get_controls (assessment)) : NULL;
}

static gboolean
result_in_module (PostureControlResult  *result,
                  PostureTrainingModule *module)
{
  return module != NULL &&
         posture_training_module_has_control (module, posture_control_result_get_id (result));
}

/* Rows --------------------------------------------------------------------------- */

/* A related control: its title and status here; activating it shows the finding. */
static GtkWidget *
create_control_row (gpointer item,
                    gpointer user_data)
{
  PostureControlResult *result = item;
  PostureControl *control = posture_control_result_get_control (result);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), posture_control_get_title (control));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               posture_status_label (posture_control_result_get_status (result)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-recommendation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                    posture_control_result_get_id (result));
  gtk_widget_set_tooltip_text (row, _("Show this control in Recommendations"));

  return row;
}

/* Callbacks ------------------------------------------------------------------------ */

static void
on_search_changed_cb (PostureTrainingPage *self)
{
  /* A GtkBoolFilter does not watch its expression's inputs. */
  gtk_filter_changed (self->text_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_list_view_activate_cb (PostureTrainingPage *self,
                          guint                position)
{
  g_autoptr (PostureTrainingModule) module =
      g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  gtk_single_selection_set_selected (self->selection, position);
  posture_training_page_set_module (self, module);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* Enter in the search field opens the first module it found. */
static void
on_search_entry_activate_cb (PostureTrainingPage *self)
{
  /* The field may not have said "search-changed" yet. */
  on_search_changed_cb (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    on_list_view_activate_cb (self, 0);
}

static void
on_progress_selected_cb (PostureTrainingPage *self,
                         GParamSpec          *pspec,
                         AdwComboRow         *row)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->module == NULL || self->library == NULL ||
      selected > POSTURE_TRAINING_PROGRESS_COMPLETED ||
      selected == (guint) posture_training_module_get_progress (self->module))
    return;

  if (!posture_training_library_set_progress (self->library,
                                              posture_training_module_get_id (self->module),
                                              selected, &error))
    {
      g_autofree char *text = NULL;

      g_debug ("Cannot save the progress: %s", error->message);
      /* Translators: %s says why. */
      text = g_strdup_printf (_("Your progress could not be saved: %s"), error->message);
      gtk_label_set_text (self->problems_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
      /* Back to what is stored. */
      adw_combo_row_set_selected (row, posture_training_module_get_progress (self->module));
    }
}

static void
posture_training_page_update_problems (PostureTrainingPage *self,
                                       const GError        *recovered)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *problems =
      self->library ? posture_training_library_get_problems (self->library) : NULL;

  if (problems != NULL && problems->len > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u organization module could not be loaded:",
                                                 "%u organization modules could not be loaded:",
                                                 problems->len), problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (text, "\n%s",
                                ((GError *) g_ptr_array_index (problems, i))->message);
    }
  if (recovered != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s names the damaged file and what happened. */
      g_string_append_printf (
          text, _("Saved progress or reviews were damaged and have been set aside: %s"),
          recovered->message);
    }

  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
}

static void
load_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PostureTrainingPage) self = user_data;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_training_library_load_state_finish (POSTURE_TRAINING_LIBRARY (object), result,
                                                   &recovered, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Cannot read the training progress and reviews: %s", error->message);
      if (recovered == NULL)
        recovered = g_steal_pointer (&error);
    }

  if (POSTURE_TRAINING_LIBRARY (object) != self->library)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_stack), TRUE);
  posture_training_page_update_problems (self, recovered);
}

/* Progress and reviews are read off the main thread; until they are in, the module
 * pane is insensitive so that nothing recorded meanwhile is overwritten. */
static void
posture_training_page_load_state (PostureTrainingPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->library == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_stack), FALSE);
  self->cancellable = g_cancellable_new ();
  posture_training_library_load_state_async (self->library, self->cancellable, load_state_cb,
                                             g_object_ref (self));
}

/* @follow: the setting changed, so replace whatever folder is loaded. Otherwise (a new
 * library) load the setting's folder only if the library has none of its own. */
static void
posture_training_page_load_directory (PostureTrainingPage *self,
                                      gboolean             follow)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (self->library == NULL || self->settings == NULL)
    return;

  dir = g_settings_get_string (self->settings, "training-dir");
  if (!follow && (dir[0] == '\0' || posture_training_library_get_directory (self->library) != NULL))
    return;

  if (self->module != NULL &&
      posture_training_module_get_origin (self->module) == POSTURE_TRAINING_ORIGIN_ORGANIZATION)
    posture_training_page_set_module (self, NULL);
  posture_training_library_clear_directory (self->library);
  if (dir[0] != '\0' && !posture_training_library_load_directory (self->library, dir, &error))
    {
      g_debug ("Cannot load the training folder: %s", error->message);
      g_ptr_array_add (posture_training_library_get_problems (self->library),
                       g_steal_pointer (&error));
    }
}

static void
on_training_dir_changed_cb (PostureTrainingPage *self)
{
  posture_training_page_load_directory (self, TRUE);
  posture_training_page_update_problems (self, NULL);
  posture_training_page_load_state (self);
}

static void
show_module_handler (PostureTrainingPage *self,
                     const char          *module_id)
{
  posture_training_page_show_module (self, module_id);
}

/* Actions -------------------------------------------------------------------------- */

static void
posture_training_page_clear_filters_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  PostureTrainingPage *self = POSTURE_TRAINING_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed_cb (self);
  g_object_set (self, "audience", "", "phase", "", "principle", "", "review", "", NULL);
}

/* Ctrl+F: the module list's search, the list shown first when the page is folded. */
static void
posture_training_page_search_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  PostureTrainingPage *self = POSTURE_TRAINING_PAGE (widget);

  posture_search_focus (self->search_entry);
}

static void
posture_training_page_back_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  PostureTrainingPage *self = POSTURE_TRAINING_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* GObject -------------------------------------------------------------------------- */

static void
posture_training_page_dispose (GObject *object)
{
  PostureTrainingPage *self = (PostureTrainingPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_TRAINING_PAGE);

  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->module);
  g_clear_object (&self->session);
  g_clear_object (&self->assessment);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (posture_training_page_parent_class)->dispose (object);
}

static void
posture_training_page_finalize (GObject *object)
{
  PostureTrainingPage *self = (PostureTrainingPage *) object;

  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->phase, g_free);
  g_clear_pointer (&self->principle, g_free);
  g_clear_pointer (&self->review, g_free);

  G_OBJECT_CLASS (posture_training_page_parent_class)->finalize (object);
}

static char **
filter_field (PostureTrainingPage *self,
              guint                prop_id)
{
  switch (prop_id)
    {
    case PROP_AUDIENCE:  return &self->audience;
    case PROP_PHASE:     return &self->phase;
    case PROP_PRINCIPLE: return &self->principle;
    case PROP_REVIEW:    return &self->review;
    default:             g_assert_not_reached ();
    }
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

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ASSESSMENT:
      g_value_set_object (value, self->assessment);
      break;

    case PROP_MODULE:
      g_value_set_object (value, self->module);
      break;

    case PROP_AUDIENCE:
    case PROP_PHASE:
    case PROP_PRINCIPLE:
    case PROP_REVIEW:
      g_value_set_string (value, *filter_field (self, prop_id));
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

    case PROP_SESSION:
      posture_training_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_ASSESSMENT:
      if (g_set_object (&self->assessment, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_MODULE:
      posture_training_page_set_module (self, g_value_get_object (value));
      break;

    case PROP_AUDIENCE:
    case PROP_PHASE:
    case PROP_PRINCIPLE:
    case PROP_REVIEW:
      {
        char **field = filter_field (self, prop_id);
        const char *text = g_value_get_string (value);

        if (g_strcmp0 (*field, text ? text : "") != 0)
          {
            g_free (*field);
            *field = g_strdup (text ? text : "");
            g_object_notify_by_pspec (object, pspec);
          }
      }
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
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The session's assessment, or NULL without a session: a lookup through a NULL
   * session would fail and leave the last tenant's results on screen. Written only by
   * the binding group. */
  properties [PROP_ASSESSMENT] =
    g_param_spec_object ("assessment", NULL, NULL, POSTURE_TYPE_ASSESSMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MODULE] =
    g_param_spec_object ("module", NULL, NULL, POSTURE_TYPE_TRAINING_MODULE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PHASE] =
    g_param_spec_string ("phase", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PRINCIPLE] =
    g_param_spec_string ("principle", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_REVIEW] =
    g_param_spec_string ("review", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SHOW_MODULE] =
    g_signal_new_class_handler ("show-module", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (show_module_handler),
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_property_action (widget_class, "training.audience", "audience");
  gtk_widget_class_install_property_action (widget_class, "training.phase", "phase");
  gtk_widget_class_install_property_action (widget_class, "training.principle", "principle");
  gtk_widget_class_install_property_action (widget_class, "training.review", "review");
  gtk_widget_class_install_action (widget_class, "training.clear-filters", NULL,
                                   posture_training_page_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "training.back", NULL,
                                   posture_training_page_back_action);
  gtk_widget_class_install_action (widget_class, "training.search", NULL,
                                   posture_training_page_search_action);

  g_type_ensure (POSTURE_TYPE_LIST_ROW);
  g_type_ensure (POSTURE_TYPE_MARKDOWN_VIEW);
  g_type_ensure (POSTURE_TYPE_QUIZ_VIEW);
  g_type_ensure (POSTURE_TYPE_REVIEW_PANEL);
  g_type_ensure (POSTURE_TYPE_TRAINING_MODULE);
  g_type_ensure (POSTURE_TYPE_TRAINING_PROGRESS);
  g_type_ensure (POSTURE_TYPE_ASSESSMENT);
  g_type_ensure (POSTURE_TYPE_CONTROL_RESULT);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, selection);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, filtered);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, text_filter);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, module_scroller);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, controls_list);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, controls);
  gtk_widget_class_bind_template_child (widget_class, PostureTrainingPage, controls_filter);
  /* Reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "list_stack", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "filters_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "title_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "progress_row", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "controls_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "quiz_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "review_panel", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "module_box", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, is_nonzero);
  gtk_widget_class_bind_template_callback (widget_class, format_filters);
  gtk_widget_class_bind_template_callback (widget_class, list_page_name);
  gtk_widget_class_bind_template_callback (widget_class, detail_page_name);
  gtk_widget_class_bind_template_callback (widget_class, format_row_subtitle);
  gtk_widget_class_bind_template_callback (widget_class, format_row_status);
  gtk_widget_class_bind_template_callback (widget_class, format_meta);
  gtk_widget_class_bind_template_callback (widget_class, format_quiz_score);
  gtk_widget_class_bind_template_callback (widget_class, progress_position);
  gtk_widget_class_bind_template_callback (widget_class, format_progress);
  gtk_widget_class_bind_template_callback (widget_class, format_objectives);
  gtk_widget_class_bind_template_callback (widget_class, module_lesson);
  gtk_widget_class_bind_template_callback (widget_class, module_exercise);
  gtk_widget_class_bind_template_callback (widget_class, format_references);
  gtk_widget_class_bind_template_callback (widget_class, module_matches_text);
  gtk_widget_class_bind_template_callback (widget_class, module_audience_text);
  gtk_widget_class_bind_template_callback (widget_class, module_review_text);
  gtk_widget_class_bind_template_callback (widget_class, result_in_module);
  gtk_widget_class_bind_template_callback (widget_class, assessment_controls);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_selected_cb);
}

static void
posture_training_page_init (PostureTrainingPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "assessment", self, "assessment",
                        G_BINDING_SYNC_CREATE);

  self->audience = g_strdup ("");
  self->phase = g_strdup ("");
  self->principle = g_strdup ("");
  self->review = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->controls_list, G_LIST_MODEL (self->controls),
                           create_control_row, NULL, NULL);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::training-dir",
                               G_CALLBACK (on_training_dir_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Public API ----------------------------------------------------------------------- */

GtkWidget *
posture_training_page_new (void)
{
  return g_object_new (POSTURE_TYPE_TRAINING_PAGE, NULL);
}

/**
 * posture_training_page_get_library:
 *
 * Returns: (transfer none) (nullable): the training library shown
 */
PostureTrainingLibrary *
posture_training_page_get_library (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);

  return self->library;
}

void
posture_training_page_set_library (PostureTrainingPage    *self,
                                   PostureTrainingLibrary *library)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));
  g_return_if_fail (!library || POSTURE_IS_TRAINING_LIBRARY (library));

  if (self->library == library)
    return;

  posture_training_page_set_module (self, NULL);
  if (self->library != NULL && self->settings != NULL)
    g_settings_unbind (self->library, "review-interval-days");
  g_set_object (&self->library, library);

  if (library != NULL && self->settings != NULL)
    {
      g_settings_bind (self->settings, "review-interval-days", library, "review-interval-days",
                       G_SETTINGS_BIND_GET);
      posture_training_page_load_directory (self, FALSE);
    }

  posture_training_page_update_problems (self, NULL);
  posture_training_page_load_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIBRARY]);
}

/**
 * posture_training_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session whose results are shown
 */
PostureSession *
posture_training_page_get_session (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);

  return self->session;
}

void
posture_training_page_set_session (PostureTrainingPage *self,
                                   PostureSession      *session)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));
  g_return_if_fail (!session || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_binding_group_set_source (self->session_bindings, session);
  if (session == NULL)
    g_object_set (self, "assessment", NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

/**
 * posture_training_page_get_module:
 *
 * Returns: (transfer none) (nullable): the module shown
 */
PostureTrainingModule *
posture_training_page_get_module (PostureTrainingPage *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), NULL);

  return self->module;
}

void
posture_training_page_set_module (PostureTrainingPage   *self,
                                  PostureTrainingModule *module)
{
  g_return_if_fail (POSTURE_IS_TRAINING_PAGE (self));
  g_return_if_fail (!module || POSTURE_IS_TRAINING_MODULE (module));

  if (!g_set_object (&self->module, module))
    return;

  /* A GtkBoolFilter does not watch its expression's inputs. */
  gtk_filter_changed (self->controls_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->module_scroller), 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODULE]);
}

gboolean
posture_training_page_show_module (PostureTrainingPage *self,
                                   const char          *module_id)
{
  PostureTrainingModule *module;
  GListModel *model;
  guint n;

  g_return_val_if_fail (POSTURE_IS_TRAINING_PAGE (self), FALSE);

  if (self->library == NULL || module_id == NULL ||
      (module = posture_training_library_lookup (self->library, module_id)) == NULL ||
      posture_training_module_get_review_state (module) == POSTURE_TRAINING_REVIEW_RETIRED)
    return FALSE;

  model = G_LIST_MODEL (self->filtered);
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PostureTrainingModule) item = g_list_model_get_item (model, i);

          if (item == module)
            {
              gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.activate-item", "u",
                                          i);
              return TRUE;
            }
        }

      /* Hidden by the search or the filters: show everything and look again. */
      gtk_widget_activate_action (GTK_WIDGET (self), "training.clear-filters", NULL);
    }

  posture_training_page_set_module (self, module);
  return TRUE;
}
