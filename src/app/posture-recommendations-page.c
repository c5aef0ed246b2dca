/* posture-recommendations-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-recommendations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-error-text.h"
#include "posture-labels.h"
#include "posture-recommendations-page.h"
#include "posture-training-module.h"

/* Indexes of the "Show" drop-down (ui/posture-recommendations-page.ui). */
enum {
  SHOW_RECOMMENDATIONS,
  SHOW_ALL,
  SHOW_FAILING,
  SHOW_PARTIAL,
  SHOW_PASSING,
  SHOW_RESOLVED,
  SHOW_OTHER,
};

struct _PostureRecommendationsPage
{
  AdwBin                  parent_instance;

  /* Owned */
  PostureSession         *session;
  PostureTrainingLibrary *library;
  GSignalGroup           *session_signals;
  GListStore             *store;            /* PostureControlResult, priority order */
  GHashTable             *recommended;      /* ids in the assessment's recommendations */
  GtkCustomFilter        *filter;
  GtkFilterListModel     *filtered;
  GtkSingleSelection     *selection;
  GtkNoSelection         *resources;
  char                   *selected_id;
  gboolean                updating;         /* the detail is being filled: ignore its signals */

  /* Template children */
  GtkStack               *stack;
  AdwStatusPage          *empty_page;
  GtkStack               *list_stack;
  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar;
  GtkWidget              *detail;
  GtkScrolledWindow      *detail_scroller;
  GtkSearchEntry         *search_entry;
  GtkListView            *list_view;
  GtkDropDown            *status_dropdown;
  GtkDropDown            *severity_dropdown;
  GtkDropDown            *category_dropdown;
  GtkDropDown            *principle_dropdown;
  GtkDropDown            *profile_dropdown;
  GtkLabel               *title_label;
  GtkLabel               *summary_label;
  GtkWidget              *what_if_row;
  GtkSwitch              *what_if_switch;
  GtkWidget              *fix_row;
  GtkWidget              *fix_button;
  GtkLabel               *description_label;
  GtkLabel               *rationale_label;
  AdwPreferencesGroup    *resources_group;
  GtkColumnView          *resources_view;
  GtkBox                 *remediation_box;
  AdwActionRow           *scuba_row;
  AdwActionRow           *ppac_row;
  AdwActionRow           *waf_row;
  AdwActionRow           *principle_row;
  GtkWidget              *training_group;
  GtkListBox             *training_list;
  AdwComboRow            *decision_row;
  AdwEntryRow            *note_row;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_CONTROL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureRecommendationsPage, posture_recommendations_page, ADW_TYPE_BIN)

static gboolean
is_resolved (PostureControlResult *result)
{
  PostureDecision *decision = posture_control_result_get_decision (result);

  if (decision == NULL)
    return FALSE;

  switch (posture_decision_get_status (decision))
    {
    case POSTURE_DECISION_RISK_ACCEPTED:
    case POSTURE_DECISION_ALTERNATE_MITIGATION:
    case POSTURE_DECISION_THIRD_PARTY:
      return TRUE;
    case POSTURE_DECISION_TO_ADDRESS:
    case POSTURE_DECISION_PLANNED:
    default:
      return FALSE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PostureRecommendationsPage *self = user_data;
  PostureControlResult *result = item;
  PostureControl *control = posture_control_result_get_control (result);
  PostureStatus status = posture_control_result_get_status (result);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint severity = gtk_drop_down_get_selected (self->severity_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint principle = gtk_drop_down_get_selected (self->principle_dropdown);
  guint profile = gtk_drop_down_get_selected (self->profile_dropdown);
  gboolean shown = TRUE;

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case SHOW_RECOMMENDATIONS:
      shown = g_hash_table_contains (self->recommended, posture_control_get_id (control));
      break;
    case SHOW_FAILING:
      shown = status == POSTURE_STATUS_FAIL;
      break;
    case SHOW_PARTIAL:
      shown = status == POSTURE_STATUS_PARTIAL;
      break;
    case SHOW_PASSING:
      shown = status == POSTURE_STATUS_PASS;
      break;
    case SHOW_RESOLVED:
      shown = is_resolved (result);
      break;
    case SHOW_OTHER:
      shown = status == POSTURE_STATUS_UNKNOWN || status == POSTURE_STATUS_NOT_APPLICABLE ||
              status == POSTURE_STATUS_MANUAL;
      break;
    case SHOW_ALL:
    default:
      break;
    }

  /* Severity items run High, Medium, Low; the enum runs Low, Medium, High. */
  if (shown && severity > 0 && posture_control_get_severity (control) != (PostureSeverity) (3 - severity))
    shown = FALSE;
  if (shown && category > 0 && posture_control_get_category (control) != (PostureCategory) (category - 1))
    shown = FALSE;
  if (shown && principle > 0 && posture_control_get_principle (control) != (PosturePrinciple) (principle - 1))
    shown = FALSE;
  if (shown && profile > 0 && !posture_control_in_profile (control, (PostureProfile) profile))
    shown = FALSE;

  if (shown && search != NULL && *search != '\0')
    shown = g_str_match_string (search, posture_control_get_title (control), TRUE) ||
            strstr (posture_control_get_id (control), search) != NULL ||
            g_str_match_string (search, posture_control_get_description (control), TRUE);

  return shown;
}

static char *
describe_row (PostureRecommendationsPage *self,
              PostureControlResult       *result)
{
  PostureControl *control = posture_control_result_get_control (result);
  PostureDecision *decision = posture_control_result_get_decision (result);
  GString *text = g_string_new (NULL);

  /* Translators: "High severity" in a list row */
  g_string_append_printf (text, _("%s severity"), posture_severity_label (posture_control_get_severity (control)));
  g_string_append (text, " · ");
  if (g_hash_table_contains (self->recommended, posture_control_get_id (control)))
    /* Translators: potential score increase in percent points, e.g. "+6.7 %" */
    g_string_append_printf (text, _("+%.1f %%"), posture_control_result_get_gain (result));
  else
    g_string_append (text, posture_status_label (posture_control_result_get_status (result)));

  if (decision != NULL && posture_decision_get_status (decision) != POSTURE_DECISION_TO_ADDRESS)
    {
      g_string_append (text, " · ");
      g_string_append (text, posture_decision_label (posture_decision_get_status (decision)));
    }

  return g_string_free (text, FALSE);
}

static void
list_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
list_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  PostureRecommendationsPage *self = user_data;
  PostureControlResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *text = describe_row (self, result);
  const char *title_text = posture_control_get_title (posture_control_result_get_control (result));

  gtk_label_set_label (GTK_LABEL (title), title_text);
  gtk_label_set_label (GTK_LABEL (subtitle), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title_text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

typedef enum
{
  COLUMN_NAME,
  COLUMN_TYPE,
  COLUMN_STATUS,
  COLUMN_REASON,
} Column;

static void
column_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
column_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  PostureResourceResult *resource = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = NULL;

  gtk_widget_remove_css_class (label, "result-pass");
  gtk_widget_remove_css_class (label, "result-fail");
  gtk_widget_remove_css_class (label, "result-unknown");

  switch ((Column) GPOINTER_TO_UINT (user_data))
    {
    case COLUMN_NAME:
      text = posture_resource_result_get_name (resource);
      if (text == NULL || *text == '\0')
        text = posture_resource_result_get_id (resource);
      break;
    case COLUMN_TYPE:
      text = posture_resource_result_get_environment_type (resource);
      break;
    case COLUMN_STATUS:
      text = posture_result_label (posture_resource_result_get_status (resource));
      gtk_widget_add_css_class (label, (const char *[]) { "result-pass", "result-fail", "result-unknown" }
                                       [MIN (posture_resource_result_get_status (resource), 2)]);
      break;
    case COLUMN_REASON:
      text = posture_resource_result_get_reason (resource);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Plain text, never markup: names come from the tenant and may hold anything. */
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  /* The reason is often longer than its column: show it whole on hover. */
  if (GPOINTER_TO_UINT (user_data) == COLUMN_REASON)
    gtk_widget_set_tooltip_text (label, text);
}

/* Fixed widths: otherwise the column view measures the cells again whenever rows are
 * recycled while scrolling, and a list of 10,000 environments relayouts every frame. */
static void
add_column (PostureRecommendationsPage *self,
            const char                 *title,
            Column                      column,
            int                         width,
            gboolean                    expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (column_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->resources_view, view_column);
}

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("None"));
}

static void
posture_recommendations_page_show_detail (PostureRecommendationsPage *self,
                                          PostureControlResult       *result)
{
  PostureControl *control;
  PostureDecision *decision;
  const char * const *steps;
  const char * const *training;
  g_autofree char *summary = NULL;
  g_autofree char *resources_text = NULL;
  g_autofree char *scuba = NULL;
  GtkWidget *child;
  PostureStatus status;
  gboolean fixable;

  if (result == NULL)
    {
      g_clear_pointer (&self->selected_id, g_free);
      gtk_widget_set_visible (self->detail, FALSE);
      gtk_no_selection_set_model (self->resources, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_CONTROL]);
      return;
    }

  control = posture_control_result_get_control (result);
  decision = posture_control_result_get_decision (result);
  status = posture_control_result_get_status (result);

  self->updating = TRUE;

  if (g_strcmp0 (self->selected_id, posture_control_get_id (control)) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (posture_control_get_id (control));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_CONTROL]);
    }

  gtk_widget_set_visible (self->detail, TRUE);
  gtk_label_set_label (self->title_label, posture_control_get_title (control));

  if (posture_control_result_get_possible (result) > 0 || posture_control_result_get_raw_earned (result) > 0)
    /* Translators: "High severity · Partly passing · 3 of 10 points" */
    summary = g_strdup_printf (_("%s severity · %s · %u of %u points · could raise the score by %.1f points"),
                               posture_severity_label (posture_control_get_severity (control)),
                               posture_status_label (status),
                               posture_control_result_get_earned (result),
                               posture_control_result_get_possible (result),
                               posture_control_result_get_gain (result));
  else
    summary = g_strdup_printf (_("%s severity · %s"),
                               posture_severity_label (posture_control_get_severity (control)),
                               posture_status_label (status));
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_sensitive (self->what_if_row, status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL);
  gtk_switch_set_active (self->what_if_switch,
                         self->session != NULL &&
                         posture_session_get_what_if (self->session, posture_control_get_id (control)));

  fixable = self->session != NULL && posture_session_can_fix (self->session, posture_control_get_id (control));
  gtk_widget_set_visible (self->fix_row, fixable);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->fix_button), "s", posture_control_get_id (control));

  gtk_label_set_label (self->description_label, posture_control_get_description (control));
  gtk_label_set_label (self->rationale_label, posture_control_get_rationale (control));

  /* Translators: counts of an environment list: "3 pass, 5 fail, 2 unknown" */
  resources_text = g_strdup_printf (_("%u pass, %u fail, %u unknown"),
                                    posture_control_result_get_n_pass (result),
                                    posture_control_result_get_n_fail (result),
                                    posture_control_result_get_n_unknown (result));
  if (posture_control_result_get_evidence (result) != NULL)
    {
      g_autofree char *with_evidence = g_strdup_printf ("%s\n%s", resources_text,
                                                        posture_control_result_get_evidence (result));
      g_free (resources_text);
      resources_text = g_steal_pointer (&with_evidence);
    }
  adw_preferences_group_set_description (self->resources_group, resources_text);
  gtk_no_selection_set_model (self->resources, posture_control_result_get_resources (result));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->remediation_box))) != NULL)
    gtk_box_remove (self->remediation_box, child);
  steps = posture_control_get_remediation (control);
  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    {
      /* Translators: a numbered remediation step, "1. Open the admin center…" */
      g_autofree char *text = g_strdup_printf (_("%u. %s"), i + 1, steps[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->remediation_box, label);
    }

  if (posture_control_get_scuba_id (control) != NULL)
    scuba = g_strdup_printf ("%s (%s)", posture_control_get_scuba_id (control),
                             posture_control_get_scuba_requirement (control) != NULL ?
                             posture_control_get_scuba_requirement (control) : "—");
  set_row_subtitle (self->scuba_row, scuba);
  set_row_subtitle (self->ppac_row, posture_control_get_ppac_name (control));
  set_row_subtitle (self->waf_row, posture_control_get_waf_code (control));
  set_row_subtitle (self->principle_row, posture_principle_label (posture_control_get_principle (control)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->training_list))) != NULL)
    gtk_list_box_remove (self->training_list, child);
  training = posture_control_get_training (control);
  for (guint i = 0; training != NULL && training[i] != NULL; i++)
    {
      PostureTrainingModule *module = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Learn How"));
      const char *title = training[i];

      if (self->library != NULL &&
          (module = posture_training_library_lookup (self->library, training[i])) != NULL)
        title = posture_training_module_get_title (module);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.learn");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", training[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->training_list, row);
    }
  gtk_widget_set_visible (self->training_group, training != NULL && training[0] != NULL);

  adw_combo_row_set_selected (self->decision_row,
                              decision != NULL ? posture_decision_get_status (decision) : POSTURE_DECISION_TO_ADDRESS);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         decision != NULL && posture_decision_get_note (decision) != NULL ?
                         posture_decision_get_note (decision) : "");

  self->updating = FALSE;
}

static void
on_selection_changed_cb (PostureRecommendationsPage *self)
{
  PostureControlResult *result = gtk_single_selection_get_selected_item (self->selection);

  posture_recommendations_page_show_detail (self, result);
}

static void
update_list_stack (PostureRecommendationsPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "no-match" : "list");
}

static gboolean
select_id (PostureRecommendationsPage *self,
           const char                 *control_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_strcmp0 (posture_control_result_get_id (result), control_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* The same position may hold the new result object of the same control. */
          posture_recommendations_page_show_detail (self, result);
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_filters_changed_cb (PostureRecommendationsPage *self)
{
  g_autofree char *keep = NULL;

  /* The drop-downs notify while the template is being built. */
  if (self->filter == NULL)
    return;

  keep = g_strdup (self->selected_id);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);

  if (keep == NULL || !select_id (self, keep))
    on_selection_changed_cb (self);
}

static void
posture_recommendations_page_rebuild (PostureRecommendationsPage *self)
{
  PostureAssessment *assessment = self->session != NULL ? posture_session_get_assessment (self->session) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *keep = g_strdup (self->selected_id);
  GListModel *recommendations;
  GListModel *controls;
  guint n;

  g_hash_table_remove_all (self->recommended);

  if (assessment == NULL)
    {
      const GError *error = self->session != NULL ? posture_session_get_error (self->session) : NULL;

      g_list_store_remove_all (self->store);
      if (error != NULL)
        {
          g_autofree char *title = NULL;
          g_autofree char *description = NULL;
          const char *icon = NULL;

          /* The tenant could not be read: say why and what to do, not "nothing yet". */
          posture_error_describe (error, &title, &description, &icon);
          adw_status_page_set_title (self->empty_page, title);
          adw_status_page_set_description (self->empty_page, description);
          adw_status_page_set_icon_name (self->empty_page, icon);
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Recommendations Yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("Recommendations, ordered by risk, appear here once "
                                             "the tenant has been assessed."));
          adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Recommendations first, in the engine's priority order; then every other control
   * in catalog order, so "All controls" keeps the to-do list on top. */
  recommendations = posture_assessment_get_recommendations (assessment);
  n = g_list_model_get_n_items (recommendations);
  for (guint i = 0; i < n; i++)
    {
      PostureControlResult *result = g_list_model_get_item (recommendations, i);

      g_hash_table_add (self->recommended, g_strdup (posture_control_result_get_id (result)));
      g_ptr_array_add (items, result);
    }

  controls = posture_assessment_get_controls (assessment);
  n = g_list_model_get_n_items (controls);
  for (guint i = 0; i < n; i++)
    {
      PostureControlResult *result = g_list_model_get_item (controls, i);

      if (g_hash_table_contains (self->recommended, posture_control_result_get_id (result)))
        g_object_unref (result);
      else
        g_ptr_array_add (items, result);
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (keep == NULL || !select_id (self, keep))
    on_selection_changed_cb (self);
}

static void
on_list_view_activate_cb (PostureRecommendationsPage *self,
                          guint                       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (PostureRecommendationsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_what_if_switch_active_cb (PostureRecommendationsPage *self)
{
  if (self->updating || self->session == NULL || self->selected_id == NULL)
    return;

  posture_session_set_what_if (self->session, self->selected_id,
                               gtk_switch_get_active (self->what_if_switch));
}

static void
apply_decision (PostureRecommendationsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->decision_row);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));

  if (self->updating || self->session == NULL || self->selected_id == NULL ||
      selected == GTK_INVALID_LIST_POSITION)
    return;

  posture_session_set_decision (self->session, self->selected_id, (PostureDecisionStatus) selected,
                                note != NULL && *note != '\0' ? note : NULL, NULL, NULL);
}

static void
on_decision_row_selected_cb (PostureRecommendationsPage *self)
{
  apply_decision (self);
}

static void
on_note_row_apply_cb (PostureRecommendationsPage *self)
{
  apply_decision (self);
}

static void
posture_recommendations_page_dispose (GObject *object)
{
  PostureRecommendationsPage *self = (PostureRecommendationsPage *) object;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->library);

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_RECOMMENDATIONS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->resources);
  g_clear_pointer (&self->recommended, g_hash_table_unref);

  G_OBJECT_CLASS (posture_recommendations_page_parent_class)->dispose (object);
}

static void
posture_recommendations_page_finalize (GObject *object)
{
  PostureRecommendationsPage *self = (PostureRecommendationsPage *) object;

  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (posture_recommendations_page_parent_class)->finalize (object);
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

    case PROP_SELECTED_CONTROL:
      g_value_set_string (value, self->selected_id);
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

    case PROP_SELECTED_CONTROL:
      posture_recommendations_page_select_control (self, g_value_get_string (value));
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
  object_class->finalize = posture_recommendations_page_finalize;
  object_class->get_property = posture_recommendations_page_get_property;
  object_class->set_property = posture_recommendations_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SELECTED_CONTROL] =
    g_param_spec_string ("selected-control", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-recommendations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, principle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, what_if_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, what_if_switch);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, fix_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, fix_button);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, rationale_label);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, resources_group);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, resources_view);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, remediation_box);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, scuba_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, ppac_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, waf_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, principle_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, training_group);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, training_list);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, decision_row);
  gtk_widget_class_bind_template_child (widget_class, PostureRecommendationsPage, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_what_if_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_row_apply_cb);
}

static void
posture_recommendations_page_init (PostureRecommendationsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  /* The template's signal handlers read these, so they exist before it is built. */
  self->recommended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store = g_list_store_new (POSTURE_TYPE_CONTROL_RESULT);
  self->updating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (list_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (list_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->resources = gtk_no_selection_new (NULL);
  gtk_column_view_set_model (self->resources_view, GTK_SELECTION_MODEL (self->resources));
  add_column (self, _("Environment"), COLUMN_NAME, 160, TRUE);
  add_column (self, _("Type"), COLUMN_TYPE, 90, FALSE);
  add_column (self, _("Result"), COLUMN_STATUS, 70, FALSE);
  add_column (self, _("Reason"), COLUMN_REASON, 200, TRUE);

  self->session_signals = g_signal_group_new (POSTURE_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::assessment",
                                  G_CALLBACK (posture_recommendations_page_rebuild), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::error",
                                  G_CALLBACK (posture_recommendations_page_rebuild), self);
  /* What-if and fixability do not change the assessment but change the detail. */
  g_signal_group_connect_swapped (self->session_signals, "notify::projected-percent",
                                  G_CALLBACK (on_selection_changed_cb), self);

  self->updating = FALSE;
  gtk_widget_set_visible (self->detail, FALSE);
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

  if (!g_set_object (&self->session, session))
    return;

  g_clear_pointer (&self->selected_id, g_free);
  g_signal_group_set_target (self->session_signals, session);
  posture_recommendations_page_rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

void
posture_recommendations_page_set_training_library (PostureRecommendationsPage *self,
                                                   PostureTrainingLibrary     *library)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));
  g_return_if_fail (!library || POSTURE_IS_TRAINING_LIBRARY (library));

  if (g_set_object (&self->library, library))
    on_selection_changed_cb (self);
}

gboolean
posture_recommendations_page_select_control (PostureRecommendationsPage *self,
                                             const char                 *control_id)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), FALSE);

  if (control_id == NULL)
    return FALSE;

  if (!select_id (self, control_id))
    {
      /* Hidden by the search or the filters: show everything, then look again. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->severity_dropdown, 0);
      gtk_drop_down_set_selected (self->category_dropdown, 0);
      gtk_drop_down_set_selected (self->principle_dropdown, 0);
      gtk_drop_down_set_selected (self->profile_dropdown, 0);
      gtk_drop_down_set_selected (self->status_dropdown, SHOW_ALL);
      on_filters_changed_cb (self);
      if (!select_id (self, control_id))
        return FALSE;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  return TRUE;
}

const char *
posture_recommendations_page_get_selected_control (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return self->selected_id;
}

void
posture_recommendations_page_focus_search (PostureRecommendationsPage *self)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
posture_recommendations_page_get_model (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GListModel *
posture_recommendations_page_get_resources_model (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->resources);
}

GtkWidget *
posture_recommendations_page_get_resources_view (PostureRecommendationsPage *self)
{
  g_return_val_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return GTK_WIDGET (self->resources_view);
}

void
posture_recommendations_page_set_status_filter (PostureRecommendationsPage *self,
                                                guint                       index)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));

  gtk_drop_down_set_selected (self->status_dropdown, index);
}

void
posture_recommendations_page_set_search (PostureRecommendationsPage *self,
                                         const char                 *text)
{
  g_return_if_fail (POSTURE_IS_RECOMMENDATIONS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* search-changed is delayed; apply now so callers see the result. */
  on_filters_changed_cb (self);
}
