/* posture-recommendations-page.c: the controls, recommendations first, and the one shown
 *
 * The list is the assessment's own model, sorted and filtered in
 * ui/posture-recommendations-page.ui; the detail pane binds the result shown. What is
 * left here is which result is shown: it follows a click or Enter in the list, stays
 * (in its new state) across readings, fixes and decisions, and moves to the next
 * recommendation only when asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-recommendations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-a11y.h"
#include "posture-control-detail.h"
#include "posture-control-row.h"
#include "posture-labels.h"
#include "posture-recommendations-page.h"
#include "posture-search.h"

struct _PostureRecommendationsPage
{
  AdwBin                  parent_instance;

  /* Owned */
  PostureSession         *session;
  PostureTrainingLibrary *library;
  PostureControlResult   *result;          /* the control on screen */
  GSignalGroup           *session_signals;
  guint                   rank;            /* its place among the recommendations when
                                            * last seen there; G_MAXUINT: never */

  /* Template children */
  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar;
  GtkWidget              *detail_box;
  GtkSearchEntry         *search_entry;
  GtkListBox             *list_box;
  GListModel             *filtered;
  GtkDropDown            *show_dropdown;
  GtkDropDown            *severity_dropdown;
  GtkDropDown            *category_dropdown;
  GtkDropDown            *principle_dropdown;
  GtkDropDown            *profile_dropdown;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LIBRARY,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureRecommendationsPage, posture_recommendations_page, ADW_TYPE_BIN)

/* Closures of the template */

static char *
page_state (gpointer           unused,
            PostureAssessment *assessment)
{
  return g_strdup (assessment != NULL ? "content" : "empty");
}

static char *
list_state (gpointer unused,
            guint    n_items)
{
  return g_strdup (n_items > 0 ? "list" : "no-match");
}

static char *
detail_state (gpointer              unused,
              PostureControlResult *result)
{
  return g_strdup (result != NULL ? "control" : "none");
}

/* Without a reading: why (the tenant could not be read), or that it is coming. */
static char *
empty_title (gpointer      unused,
             const GError *error)
{
  if (error == NULL)
    return g_strdup (_("No Recommendations Yet"));
  return g_strdup (posture_error_get_title (error));
}

static char *
empty_description (gpointer      unused,
                   const GError *error)
{
  if (error == NULL)
    return g_strdup (
        _("Recommendations, ordered by risk, appear here once the tenant has been assessed."));
  return posture_error_to_text (error);
}

static char *
empty_icon (gpointer      unused,
            const GError *error)
{
  return g_strdup (error != NULL ? "dialog-warning-symbolic" : "view-list-bullet-symbolic");
}

/* The recommendations (failing and partial controls with something left to do, in
 * the engine's priority order: core's rank) before every other control. */
static guint
recommendation_rank (PostureControlResult *result)
{
  guint rank = posture_control_result_get_rank (result);

  return rank > 0 ? rank - 1 : G_MAXUINT;
}

/* The filters compare the drop-downs' values with words of the row: every row holds
 * "*", the value of the "any" items, then its own values. */
#define ANY "*"

/* What the "Show" drop-down matches: the control's status group, and whether it is
 * a recommendation or resolved by a decision. */
static char *
control_facets (PostureControlResult *result)
{
  PostureDecision *decision = posture_control_result_get_decision (result);
  GString *facets = g_string_new (ANY " ");

  switch (posture_control_result_get_status (result))
    {
    case POSTURE_STATUS_FAIL:
      g_string_append (facets, "fail");
      break;
    case POSTURE_STATUS_PARTIAL:
      g_string_append (facets, "partial");
      break;
    case POSTURE_STATUS_PASS:
      g_string_append (facets, "pass");
      break;
    case POSTURE_STATUS_NOT_APPLICABLE:
    case POSTURE_STATUS_UNKNOWN:
    case POSTURE_STATUS_MANUAL:
    default:
      g_string_append (facets, "other");
      break;
    }

  if (posture_control_result_get_recommended (result))
    g_string_append (facets, " recommended");

  if (decision != NULL)
    switch (posture_decision_get_status (decision))
      {
      case POSTURE_DECISION_RISK_ACCEPTED:
      case POSTURE_DECISION_ALTERNATE_MITIGATION:
      case POSTURE_DECISION_THIRD_PARTY:
        g_string_append (facets, " resolved");
        break;
      case POSTURE_DECISION_TO_ADDRESS:
      case POSTURE_DECISION_PLANNED:
      default:
        break;
      }

  return g_string_free (facets, FALSE);
}

static char *
severity_nick (gpointer        unused,
               PostureSeverity severity)
{
  return g_strconcat (ANY " ", posture_severity_to_string (severity), NULL);
}

static char *
category_nick (gpointer        unused,
               PostureCategory category)
{
  return g_strconcat (ANY " ", posture_category_to_string (category), NULL);
}

static char *
principle_nick (gpointer         unused,
                PosturePrinciple principle)
{
  return g_strconcat (ANY " ", posture_principle_to_string (principle), NULL);
}

static char *
control_profiles (gpointer        unused,
                  PostureControl *control)
{
  GString *profiles = g_string_new (ANY " ");

  if (control == NULL)
    return g_string_free (profiles, FALSE);

  for (PostureProfile p = POSTURE_PROFILE_SCUBA; p <= POSTURE_PROFILE_PPAC; p++)
    if (posture_control_in_profile (control, p))
      g_string_append_printf (profiles, "%s ", posture_profile_to_string (p));

  return g_string_free (profiles, FALSE);
}

static char *
search_text (gpointer        unused,
             PostureControl *control)
{
  if (control == NULL)
    return NULL;

  return g_strjoin ("\n", posture_control_get_title (control), posture_control_get_id (control),
                    posture_control_get_description (control), NULL);
}

static char *
show_choice_label (gpointer    unused,
                   const char *nick)
{
  static const struct { const char *nick; const char *label; } choices[] = {
    { "recommended", N_("Recommendations") },
    { ANY, N_("All controls") },
    { "fail", N_("Failing") },
    { "partial", N_("Partly passing") },
    { "pass", N_("Passing") },
    { "resolved", N_("Resolved by a decision") },
    { "other", N_("Unknown, not applicable or manual") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_strcmp0 (nick, choices[i].nick) == 0)
      return g_strdup (_(choices[i].label));

  return g_strdup (nick);
}

static char *
severity_choice_label (gpointer    unused,
                       const char *nick)
{
  PostureSeverity severity;

  if (posture_severity_from_string (nick, &severity))
    return g_strdup (posture_severity_label (severity));
  return g_strdup (_("Any severity"));
}

static char *
category_choice_label (gpointer    unused,
                       const char *nick)
{
  PostureCategory category;

  if (posture_category_from_string (nick, &category))
    return g_strdup (posture_category_label (category));
  return g_strdup (_("Any category"));
}

static char *
principle_choice_label (gpointer    unused,
                        const char *nick)
{
  PosturePrinciple principle;

  if (posture_principle_from_string (nick, &principle))
    return g_strdup (posture_principle_label (principle));
  return g_strdup (_("Any principle"));
}

static char *
profile_choice_label (gpointer    unused,
                      const char *nick)
{
  PostureProfile profile;

  if (!posture_profile_from_string (nick, &profile))
    profile = POSTURE_PROFILE_ALL;
  return g_strdup (posture_profile_label (profile));
}

static char *
describe_count (gpointer         unused,
                guint            n_items,
                GtkStringObject *show)
{
  if (show != NULL && g_strcmp0 (gtk_string_object_get_string (show), "recommended") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recommendation, highest risk first",
                                         "%u recommendations, highest risk first", n_items),
                            n_items);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u control", "%u controls", n_items),
                          n_items);
}

/* The shown control and the list */

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return posture_control_row_new (item);
}

static GtkListBoxRow *
find_row (PostureRecommendationsPage *self,
          const char                 *control_id)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, (int) i)) != NULL; i++)
    {
      PostureControlResult *result = posture_control_row_get_result (POSTURE_CONTROL_ROW (row));

      if (g_strcmp0 (posture_control_result_get_id (result), control_id) == 0)
        return row;
    }

  return NULL;
}

static void
posture_recommendations_page_update_actions (PostureRecommendationsPage *self)
{
  PostureStatus status = self->result != NULL ? posture_control_result_get_status (self->result)
                                               : POSTURE_STATUS_UNKNOWN;
  PostureAssessment *assessment =
      self->session != NULL ? posture_session_get_assessment (self->session) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.simulate",
                                 status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.fix",
                                 self->result != NULL && self->session != NULL &&
                                     posture_session_can_fix (self->session,
                                                              posture_control_result_get_id (
                                                                  self->result)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.next",
                                 assessment != NULL &&
                                     g_list_model_get_n_items (
                                         posture_assessment_get_recommendations (assessment)) > 0);
}

/* Shows @result; the list highlights its row when the filters let it through. */
static void
posture_recommendations_page_show (PostureRecommendationsPage *self,
                                   PostureControlResult       *result)
{
  GtkListBoxRow *row = NULL;

  if (g_set_object (&self->result, result))
    {
      if (result == NULL)
        self->rank = G_MAXUINT;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESULT]);
    }

  /* Where it stands in the to-do list, for "next" once it has left it. */
  if (result != NULL && posture_control_result_get_recommended (result))
    self->rank = recommendation_rank (result);

  if (result != NULL)
    row = find_row (self, posture_control_result_get_id (result));
  if (row != gtk_list_box_get_selected_row (self->list_box))
    {
      if (row != NULL)
        gtk_list_box_select_row (self->list_box, row);
      else
        gtk_list_box_unselect_all (self->list_box);
    }

  posture_recommendations_page_update_actions (self);
}

static void
on_list_box_row_selected_cb (PostureRecommendationsPage *self,
                             GtkListBoxRow              *row)
{
  /* A row goes away when the list changes: the control stays on screen. */
  if (row != NULL)
    posture_recommendations_page_show (self,
                                       posture_control_row_get_result (POSTURE_CONTROL_ROW (row)));
}

static void
on_list_box_row_activated_cb (PostureRecommendationsPage *self,
                              GtkListBoxRow              *row)
{
  posture_recommendations_page_show (self,
                                     posture_control_row_get_result (POSTURE_CONTROL_ROW (row)));
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
on_back_button_clicked_cb (PostureRecommendationsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The list was filtered again, or holds a new reading: the shown control keeps its row. */
static void
on_filtered_items_changed_cb (PostureRecommendationsPage *self)
{
  posture_recommendations_page_show (self, self->result);
}

/* A new assessment: the same control, in its new state; at first, the top of the list. */
static void
on_assessment_changed_cb (PostureRecommendationsPage *self)
{
  PostureAssessment *assessment = posture_session_get_assessment (self->session);
  g_autoptr(PostureControlResult) first = NULL;
  PostureControlResult *result = NULL;

  if (assessment != NULL && self->result != NULL)
    result = posture_assessment_lookup (assessment, posture_control_result_get_id (self->result));
  else if (assessment != NULL && g_list_model_get_n_items (self->filtered) > 0)
    result = first = g_list_model_get_item (self->filtered, 0);

  posture_recommendations_page_show (self, result);
}

/* Actions */

static void
posture_recommendations_page_next_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (widget);
  g_autoptr(PostureControlResult) next = NULL;
  PostureAssessment *assessment;
  GListModel *recommendations;
  guint position;
  guint n;

  if (self->session == NULL ||
      (assessment = posture_session_get_assessment (self->session)) == NULL)
    return;

  /* After the one on screen. When it has left the list (fixed, decided), the one that
   * came after it now holds its place; from the top when it never was one. */
  recommendations = posture_assessment_get_recommendations (assessment);
  n = g_list_model_get_n_items (recommendations);
  if (n == 0)
    return;
  position = self->result != NULL ? recommendation_rank (self->result) : G_MAXUINT;
  if (position != G_MAXUINT)
    {
      g_autoptr(PostureControlResult) there = g_list_model_get_item (recommendations, position);

      /* A result of an older assessment ranks in that one. */
      if (there != self->result)
        position = G_MAXUINT;
    }
  if (position != G_MAXUINT)
    position = position + 1;
  else if (self->rank != G_MAXUINT)
    position = self->rank;
  else
    position = 0;
  next = g_list_model_get_item (recommendations, position % n);

  posture_recommendations_page_show (self, next);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
posture_recommendations_page_fix_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (widget);

  if (self->result != NULL)
    gtk_widget_activate_action (widget, "win.confirm-fix", "s",
                                posture_control_result_get_id (self->result));
}

static void
posture_recommendations_page_simulate_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (widget);
  const char *id;

  if (self->result == NULL || self->session == NULL)
    return;

  id = posture_control_result_get_id (self->result);
  posture_session_set_what_if (self->session, id, !posture_session_get_what_if (self->session, id));
}

static void
posture_recommendations_page_clear_filters_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->principle_dropdown, 0);
  gtk_drop_down_set_selected (self->profile_dropdown, 0);
  /* "All controls" */
  gtk_drop_down_set_selected (self->show_dropdown, 1);
}

/* Ctrl+F (win.search): the list's search, the list shown first when the page is folded. */
static void
posture_recommendations_page_search_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (widget);

  posture_search_focus (self->search_entry);
}

static void
posture_recommendations_page_dispose (GObject *object)
{
  PostureRecommendationsPage *self = (PostureRecommendationsPage *) object;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_RECOMMENDATIONS_PAGE);

  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (posture_recommendations_page_parent_class)->dispose (object);
}

static void
posture_recommendations_page_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_recommendations_page_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  PostureRecommendationsPage *self = POSTURE_RECOMMENDATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      posture_recommendations_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_LIBRARY:
      posture_recommendations_page_set_training_library (self, g_value_get_object (value));
      break;

    case PROP_RESULT:
      posture_recommendations_page_show (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_recommendations_page_class_init (PostureRecommendationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_recommendations_page_dispose;
  object_class->get_property = posture_recommendations_page_get_property;
  object_class->set_property = posture_recommendations_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, POSTURE_TYPE_CONTROL_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-recommendations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, filtered);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage,
                                        severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage,
                                        category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage,
                                        principle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, profile_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, page_state);
  gtk_widget_class_bind_template_callback (widget_class, list_state);
  gtk_widget_class_bind_template_callback (widget_class, detail_state);
  gtk_widget_class_bind_template_callback (widget_class, empty_title);
  gtk_widget_class_bind_template_callback (widget_class, empty_description);
  gtk_widget_class_bind_template_callback (widget_class, empty_icon);
  gtk_widget_class_bind_template_callback (widget_class, recommendation_rank);
  gtk_widget_class_bind_template_callback (widget_class, control_facets);
  gtk_widget_class_bind_template_callback (widget_class, severity_nick);
  gtk_widget_class_bind_template_callback (widget_class, category_nick);
  gtk_widget_class_bind_template_callback (widget_class, principle_nick);
  gtk_widget_class_bind_template_callback (widget_class, control_profiles);
  gtk_widget_class_bind_template_callback (widget_class, search_text);
  gtk_widget_class_bind_template_callback (widget_class, show_choice_label);
  gtk_widget_class_bind_template_callback (widget_class, severity_choice_label);
  gtk_widget_class_bind_template_callback (widget_class, category_choice_label);
  gtk_widget_class_bind_template_callback (widget_class, principle_choice_label);
  gtk_widget_class_bind_template_callback (widget_class, profile_choice_label);
  gtk_widget_class_bind_template_callback (widget_class, describe_count);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "recommendations.next", NULL,
                                   posture_recommendations_page_next_action);
  gtk_widget_class_install_action (widget_class, "recommendations.fix", NULL,
                                   posture_recommendations_page_fix_action);
  gtk_widget_class_install_action (widget_class, "recommendations.simulate", NULL,
                                   posture_recommendations_page_simulate_action);
  gtk_widget_class_install_action (widget_class, "recommendations.clear-filters", NULL,
                                   posture_recommendations_page_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "recommendations.search", NULL,
                                   posture_recommendations_page_search_action);

  g_type_ensure (POSTURE_TYPE_ASSESSMENT);
  g_type_ensure (POSTURE_TYPE_CONTROL);
  g_type_ensure (POSTURE_TYPE_CONTROL_DETAIL);
  g_type_ensure (POSTURE_TYPE_CONTROL_RESULT);
  g_type_ensure (POSTURE_TYPE_SESSION);
}

static void
posture_recommendations_page_init (PostureRecommendationsPage *self)
{
  self->rank = G_MAXUINT;

  gtk_widget_init_template (GTK_WIDGET (self));
  posture_a11y_name_status_pages (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->list_box, self->filtered, create_row_cb, NULL, NULL);
  /* After the list box's own handler: the rows are there. */
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->session_signals = g_signal_group_new (POSTURE_TYPE_SESSION);
  /* After the template's bindings: the list holds the new assessment by then. */
  g_signal_group_connect_data (self->session_signals, "notify::assessment",
                               G_CALLBACK (on_assessment_changed_cb), self, NULL,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_group_connect_data (self->session_signals, "notify::busy",
                               G_CALLBACK (posture_recommendations_page_update_actions), self, NULL,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  posture_recommendations_page_update_actions (self);
}

GtkWidget *
posture_recommendations_page_new (void)
{
  return g_object_new (POSTURE_TYPE_RECOMMENDATIONS_PAGE, NULL);
}

PostureSession *
posture_recommendations_page_get_session (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return self->session;
}

void
posture_recommendations_page_set_session (PostureRecommendationsPage *self,
                                          PostureSession             *session)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));
  g_return_if_fail (!session || POSTURE_IS_SESSION (session));

  if (self->session == session)
    return;

  /* Another tenant: nothing of the last one stays on screen. */
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);

  posture_recommendations_page_show (self, NULL);
  if (session != NULL)
    on_assessment_changed_cb (self);
}

void
posture_recommendations_page_set_training_library (PostureRecommendationsPage *self,
                                                   PostureTrainingLibrary     *library)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));
  g_return_if_fail (!library || POSTURE_IS_TRAINING_LIBRARY (library));

  if (g_set_object (&self->library, library))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIBRARY]);
}

PostureControlResult *
posture_recommendations_page_get_result (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return self->result;
}

/**
 * posture_recommendations_page_select_control:
 * @control_id: a control of the assessment
 *
 * Shows @control_id, and its row: the search and the filters are cleared when they
 * hide it.
 *
 * Returns: %FALSE when the assessment has no such control
 */
gboolean
posture_recommendations_page_select_control (PostureRecommendationsPage *self,
                                             const char                 *control_id)
{
  PostureAssessment *assessment;
  PostureControlResult *result;

  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), FALSE);

  if (control_id == NULL || self->session == NULL ||
      (assessment = posture_session_get_assessment (self->session)) == NULL ||
      (result = posture_assessment_lookup (assessment, control_id)) == NULL)
    return FALSE;

  if (find_row (self, control_id) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "recommendations.clear-filters", NULL);
  posture_recommendations_page_show (self, result);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);

  return TRUE;
}

