/* posture-history-page.c: the assessments of a tenant and what changed between two
 *
 * The page holds no assessment logic: the records come from PostureHistory and the
 * changes from PostureDiff; it only names them for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-history-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-diff.h"
#include "posture-history-page.h"
#include "posture-history.h"
#include "posture-labels.h"
#include "posture-score-chart.h"

/* Rows beyond these are summarised in one row: a 10,000-environment tenant can change
 * thousands of resources at once, and years of daily assessments add up. */
#define MAX_RECORD_ROWS 100
#define MAX_CHANGE_ROWS 200

struct _PostureHistoryPage
{
  AdwBin             parent_instance;

  /* Owned */
  PostureSession    *session;
  GListModel        *history;
  gulong             items_changed_id;
  PostureSnapshot   *snapshot;
  PostureDiff       *diff;
  gboolean           updating;

  /* Template children */
  GtkStack          *stack;
  PostureScoreChart *chart;
  AdwPreferencesGroup *changes_group;
  AdwComboRow       *from_row;
  AdwComboRow       *to_row;
  GtkLabel          *summary_label;
  GtkListBox        *changes_list;
  GtkListBox        *records_list;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_HISTORY,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureHistoryPage, posture_history_page, ADW_TYPE_BIN)

static guint
n_records (PostureHistoryPage *self)
{
  return self->history ? g_list_model_get_n_items (self->history) : 0;
}

static char *
format_when (PostureHistoryRecord *record)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (posture_history_record_get_assessed_at (record));
  char *text;

  /* Translators: when an assessment was made; see g_date_time_format() */
  text = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  return g_strstrip (text);
}

static char *
describe_score (PostureHistoryRecord *record)
{
  g_autofree char *percent = posture_format_percent (posture_history_record_get_percent (record));
  const char *level = posture_level_label (posture_history_record_get_level (record));

  if (posture_history_record_get_percent (record) < 0)
    return g_strdup (level);
  /* Translators: "64 %, Medium, 7 of 11 points" */
  return g_strdup_printf (_("%s, %s, %u of %u points"), percent, level,
                          posture_history_record_get_earned (record),
                          posture_history_record_get_possible (record));
}

static const char *
status_label (const char *status)
{
  PostureStatus value;

  if (status == NULL)
    return "";
  if (!posture_status_from_string (status, &value))
    return status;
  return posture_status_label (value);
}

static const char *
control_title (const char *control_id)
{
  PostureControl *control = posture_catalog_lookup (posture_catalog_get_default (), control_id);

  return control ? posture_control_get_title (control) : control_id;
}

static const char *
resource_name (PostureHistoryPage *self,
               const char         *resource_id)
{
  const PostureEnvironment *environment;

  if (self->snapshot != NULL &&
      (environment = posture_snapshot_lookup_environment (self->snapshot, resource_id)) != NULL &&
      environment->display_name != NULL && environment->display_name[0] != '\0')
    return environment->display_name;
  return resource_id;
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from the tenant: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      /* Decorative: the subtitle says the same in words. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
make_change_row (PostureHistoryPage *self,
                 PostureDiffEntry   *entry)
{
  const char *control = posture_diff_entry_get_control_id (entry);
  const char *resource = posture_diff_entry_get_resource_id (entry);
  const char *from = status_label (posture_diff_entry_get_from_status (entry));
  const char *to = status_label (posture_diff_entry_get_to_status (entry));
  g_autofree char *subtitle = NULL;
  guint fe, fp, te, tp;

  posture_diff_entry_get_points (entry, &fe, &fp, &te, &tp);

  switch (posture_diff_entry_get_kind (entry))
    {
    case POSTURE_DIFF_CONTROL_REGRESSED:
      /* Translators: "Regressed: Passing → Partly passing (2 of 2 → 1 of 2 points)" */
      subtitle = g_strdup_printf (_("Regressed: %s → %s (%u of %u → %u of %u points)"),
                                  from, to, fe, fp, te, tp);
      return make_row (control_title (control), subtitle, "go-down-symbolic");
    case POSTURE_DIFF_CONTROL_IMPROVED:
      subtitle = g_strdup_printf (_("Improved: %s → %s (%u of %u → %u of %u points)"),
                                  from, to, fe, fp, te, tp);
      return make_row (control_title (control), subtitle, "go-up-symbolic");
    case POSTURE_DIFF_CONTROL_CHANGED:
      subtitle = g_strdup_printf (_("Changed: %s → %s"), from, to);
      return make_row (control_title (control), subtitle, "view-refresh-symbolic");
    case POSTURE_DIFF_CONTROL_ADDED:
      subtitle = g_strdup_printf (_("Now assessed: %s"), to);
      return make_row (control_title (control), subtitle, "list-add-symbolic");
    case POSTURE_DIFF_CONTROL_REMOVED:
      subtitle = g_strdup_printf (_("No longer assessed (was %s)"), from);
      return make_row (control_title (control), subtitle, "list-remove-symbolic");
    case POSTURE_DIFF_RESOURCE_FAILING:
      subtitle = g_strdup_printf (_("Now fails: %s"), control_title (control));
      return make_row (resource_name (self, resource), subtitle, "dialog-warning-symbolic");
    case POSTURE_DIFF_RESOURCE_FIXED:
      subtitle = g_strdup_printf (_("No longer fails: %s"), control_title (control));
      return make_row (resource_name (self, resource), subtitle, "object-select-symbolic");
    case POSTURE_DIFF_RESOURCE_APPEARED:
      return make_row (resource_name (self, resource), _("New environment"), "list-add-symbolic");
    case POSTURE_DIFF_RESOURCE_WENT_AWAY:
    default:
      return make_row (resource_name (self, resource), _("Environment gone"), "list-remove-symbolic");
    }
}

static void
show_diff (PostureHistoryPage *self,
           guint               older,
           guint               newer)
{
  g_autoptr(PostureHistoryRecord) a = NULL;
  g_autoptr(PostureHistoryRecord) b = NULL;
  g_autofree char *from_score = NULL;
  g_autofree char *to_score = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *summary = NULL;
  GString *text;
  guint n_changes;
  double delta;

  clear_list (self->changes_list);
  g_clear_object (&self->diff);

  a = g_list_model_get_item (self->history, older);
  b = g_list_model_get_item (self->history, newer);
  self->diff = posture_diff_new (a, b);
  n_changes = g_list_model_get_n_items (G_LIST_MODEL (self->diff));
  delta = posture_diff_get_score_delta (self->diff);
  from_score = posture_format_percent (posture_history_record_get_percent (a));
  to_score = posture_format_percent (posture_history_record_get_percent (b));

  text = g_string_new (NULL);
  if (older == newer)
    g_string_append (text, _("The same assessment on both sides: nothing changed."));
  else
    {
      int points = isnan (delta) ? 0 : (int) (floor (posture_history_record_get_percent (b) + 0.5) -
                                              floor (posture_history_record_get_percent (a) + 0.5));

      if (isnan (delta))
        g_string_append_printf (text, _("Score %s → %s."), from_score, to_score);
      else if (points > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Score %s → %s, up %d point.",
                                                   "Score %s → %s, up %d points.", points),
                                from_score, to_score, points);
      else if (points < 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Score %s → %s, down %d point.",
                                                   "Score %s → %s, down %d points.", -points),
                                from_score, to_score, -points);
      else
        g_string_append_printf (text, _("Score unchanged at %s."), to_score);

      g_string_append_c (text, ' ');
      if (n_changes == 0)
        g_string_append (text, _("No control or resource changed."));
      else
        {
          guint regressed = posture_diff_get_n_regressed (self->diff);
          guint improved = posture_diff_get_n_improved (self->diff);

          /* Translators: "2 controls regressed, 1 improved." */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u control regressed",
                                                     "%u controls regressed", regressed), regressed);
          g_string_append (text, _(", "));
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u improved.",
                                                     "%u improved.", improved), improved);
        }
    }

  summary = g_string_free (text, FALSE);
  gtk_label_set_label (self->summary_label, summary);

  for (guint i = 0; i < n_changes && i < MAX_CHANGE_ROWS; i++)
    {
      g_autoptr(PostureDiffEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->diff), i);

      gtk_list_box_append (self->changes_list, make_change_row (self, entry));
    }
  if (n_changes > MAX_CHANGE_ROWS)
    {
      guint more = n_changes - MAX_CHANGE_ROWS;

      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more change",
                                             "%u more changes", more), more);
      gtk_list_box_append (self->changes_list,
                           make_row (counts, _("The full list: posture-cli history --diff"), NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->changes_list), n_changes > 0);
}

static void
on_compare_changed_cb (PostureHistoryPage *self)
{
  guint older, newer;

  if (self->updating || n_records (self) < 2)
    return;

  older = adw_combo_row_get_selected (self->from_row);
  newer = adw_combo_row_get_selected (self->to_row);
  if (older == GTK_INVALID_LIST_POSITION || newer == GTK_INVALID_LIST_POSITION)
    return;
  show_diff (self, older, newer);
}

static void
on_records_list_row_activated_cb (PostureHistoryPage *self,
                                  GtkListBoxRow      *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "record-index"));

  if (index == 0)
    return;
  posture_history_page_compare (self, index - 1, index);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_label));
}

static void
rebuild (PostureHistoryPage *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint n = n_records (self);

  gtk_stack_set_visible_child_name (self->stack, n == 0 ? "empty" : "history");
  clear_list (self->records_list);
  clear_list (self->changes_list);
  g_clear_object (&self->diff);

  /* Newest first. */
  for (guint k = 0; k < n && k < MAX_RECORD_ROWS; k++)
    {
      guint i = n - 1 - k;
      g_autoptr(PostureHistoryRecord) record = g_list_model_get_item (self->history, i);
      g_autofree char *when = format_when (record);
      g_autofree char *score = describe_score (record);
      g_autofree char *subtitle = g_strdup_printf (_("%s · profile %s"), score,
                                                   posture_history_record_get_profile (record));
      GtkWidget *row = make_row (when, subtitle, NULL);

      g_object_set_data (G_OBJECT (row), "record-index", GUINT_TO_POINTER (i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), i > 0);
      if (i > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->records_list, row);
    }
  if (n > MAX_RECORD_ROWS)
    {
      guint older = n - MAX_RECORD_ROWS;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u older assessment",
                                                             "%u older assessments", older), older);

      gtk_list_box_append (self->records_list,
                           make_row (title, _("In the chart, and compared with From and To"), NULL));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureHistoryRecord) record = g_list_model_get_item (self->history, i);
      g_autofree char *when = format_when (record);
      g_autofree char *percent = posture_format_percent (posture_history_record_get_percent (record));
      g_autofree char *choice = g_strdup_printf ("%s — %s", when, percent);

      gtk_string_list_append (choices, choice);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (choices));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (choices));
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), n >= 2);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), n >= 2);

  if (n >= 2)
    posture_history_page_compare (self, n - 2, n - 1);
  else
    {
      gtk_label_set_label (self->summary_label,
                           _("Assess the tenant again to see what changed since this assessment."));
      gtk_widget_set_visible (GTK_WIDGET (self->changes_list), FALSE);
    }
}

static void
on_items_changed_cb (GListModel         *model,
                     guint               position,
                     guint               removed,
                     guint               added,
                     PostureHistoryPage *self)
{
  rebuild (self);
}

static void
posture_history_page_dispose (GObject *object)
{
  PostureHistoryPage *self = (PostureHistoryPage *) object;

  if (self->history != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->history);
  g_clear_object (&self->history);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->diff);
  g_clear_object (&self->session);

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (posture_history_page_parent_class)->dispose (object);
}

static void
posture_history_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PostureHistoryPage *self = POSTURE_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PostureHistoryPage *self = POSTURE_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      posture_history_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_HISTORY:
      posture_history_page_set_history (self, g_value_get_object (value));
      break;
    case PROP_SNAPSHOT:
      posture_history_page_set_snapshot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_page_class_init (PostureHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_history_page_dispose;
  object_class->get_property = posture_history_page_get_property;
  object_class->set_property = posture_history_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL, POSTURE_TYPE_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POSTURE_TYPE_SCORE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, records_list);
  gtk_widget_class_bind_template_callback (widget_class, on_records_list_row_activated_cb);
}

static void
posture_history_page_init (PostureHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_selectable (self->summary_label, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->summary_label), TRUE);
  g_signal_connect_swapped (self->from_row, "notify::selected", G_CALLBACK (on_compare_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "notify::selected", G_CALLBACK (on_compare_changed_cb), self);
  rebuild (self);
}

GtkWidget *
posture_history_page_new (void)
{
  return g_object_new (POSTURE_TYPE_HISTORY_PAGE, NULL);
}

PostureSession *
posture_history_page_get_session (PostureHistoryPage *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_PAGE (self), NULL);
  return self->session;
}

/* The page's history and snapshot follow the session through bindings in its .ui. */
void
posture_history_page_set_session (PostureHistoryPage *self,
                                  PostureSession     *session)
{
  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));
  g_return_if_fail (session == NULL || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  if (session == NULL)
    {
      posture_history_page_set_history (self, NULL);
      posture_history_page_set_snapshot (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GListModel *
posture_history_page_get_history (PostureHistoryPage *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_PAGE (self), NULL);
  return self->history;
}

void
posture_history_page_set_history (PostureHistoryPage *self,
                                  GListModel         *history)
{
  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));

  if (self->history == history)
    return;

  if (self->history != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->history);
  g_set_object (&self->history, history);
  if (history != NULL)
    self->items_changed_id = g_signal_connect (history, "items-changed",
                                               G_CALLBACK (on_items_changed_cb), self);

  posture_score_chart_set_history (self->chart, history);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
posture_history_page_set_snapshot (PostureHistoryPage *self,
                                   PostureSnapshot    *snapshot)
{
  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));
  g_return_if_fail (snapshot == NULL || POSTURE_IS_SNAPSHOT (snapshot));

  if (!g_set_object (&self->snapshot, snapshot))
    return;

  /* Names in the shown changes follow. */
  on_compare_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

void
posture_history_page_compare (PostureHistoryPage *self,
                              guint               older,
                              guint               newer)
{
  guint n;

  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));

  n = n_records (self);
  g_return_if_fail (older < n && newer < n);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->from_row, older);
  adw_combo_row_set_selected (self->to_row, newer);
  self->updating = FALSE;

  show_diff (self, older, newer);
}
