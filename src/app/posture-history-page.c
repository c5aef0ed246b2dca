/* posture-history-page.c: the readings of a tenant and what changed between two
 *
 * The page holds no assessment logic: the records come from PostureHistory and the
 * changes from PostureDiff; ui/posture-history-page.ui binds them, and this file names
 * them for people. What it decides is which two readings are compared: the latest and
 * the one before it, unless the admin chooses others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-history-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "posture-a11y.h"
#include "posture-catalog.h"
#include "posture-history-page.h"
#include "posture-labels.h"
#include "posture-score-chart.h"

struct _PostureHistoryPage
{
  AdwBin               parent_instance;

  /* Owned */
  PostureSession      *session;
  GBindingGroup       *session_bindings;   /* history and snapshot follow the session */
  GListModel          *history;
  PostureSnapshot     *snapshot;
  PostureDiff         *diff;

  /* Template children */
  AdwComboRow         *from_row;
  AdwComboRow         *to_row;
  GtkListBox          *changes_list;
  GtkListBox          *records_list;
  GListModel          *records;
  GListModel          *newest_records;
  GListModel          *changes;

  gboolean             comparing;   /* the drop-downs are being set: one diff, not two */
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_HISTORY,
  PROP_SNAPSHOT,
  PROP_DIFF,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureHistoryPage, posture_history_page, ADW_TYPE_BIN)

/* Closures of the template */

static char *
history_state (gpointer unused,
               guint    n_records)
{
  return g_strdup (n_records > 0 ? "history" : "empty");
}

static gboolean
can_compare (gpointer unused,
             guint    n_records)
{
  return n_records >= 2;
}

static gboolean
has_items (gpointer unused,
           guint    n_items)
{
  return n_items > 0;
}

static gboolean
has_more (gpointer unused,
          guint    n_items,
          guint    shown)
{
  return n_items > shown;
}

static gboolean
has_more_changes (gpointer     unused,
                  PostureDiff *diff,
                  guint        shown)
{
  return diff != NULL && g_list_model_get_n_items (G_LIST_MODEL (diff)) > shown;
}

static gint64
record_time (gpointer   unused,
             GDateTime *assessed_at)
{
  return assessed_at != NULL ? g_date_time_to_unix (assessed_at) : 0;
}

/* "2 Dec 2026, 04:58 — 35 %" */
static char *
describe_choice (gpointer   unused,
                 GDateTime *assessed_at,
                 double     percent)
{
  g_autofree char *when = posture_format_date_time (assessed_at);
  g_autofree char *score = posture_format_percent (percent);

  return g_strdup_printf ("%s — %s", when, score);
}

static char *
describe_more_changes (gpointer     unused,
                       PostureDiff *diff,
                       guint        shown)
{
  guint n = diff != NULL ? g_list_model_get_n_items (G_LIST_MODEL (diff)) : 0;

  if (n <= shown)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u more change. The full list: posture-cli history --diff",
                                       "%u more changes. The full list: posture-cli history --diff",
                                       n - shown),
                          n - shown);
}

static char *
describe_older (gpointer unused,
                guint    n_records,
                guint    shown)
{
  if (n_records <= shown)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u older assessment, in the chart and in From and To",
                                       "%u older assessments, in the chart and in From and To",
                                       n_records - shown),
                          n_records - shown);
}

/* "Score 35 % → 41 %, up 6 points. 1 control improved, 0 regressed." The points are
 * the difference of the two scores as shown. */
static char *
describe_diff (gpointer     unused,
               PostureDiff *diff)
{
  PostureHistoryRecord *older;
  PostureHistoryRecord *newer;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GString *text;
  double delta;
  guint n_changes;

  if (diff == NULL)
    return g_strdup (_("Assess the tenant again to see what changed since this assessment."));

  older = posture_diff_get_older (diff);
  newer = posture_diff_get_newer (diff);
  if (older == newer)
    return g_strdup (_("The same assessment on both sides: nothing changed."));

  from = posture_format_percent (posture_history_record_get_percent (older));
  to = posture_format_percent (posture_history_record_get_percent (newer));
  delta = posture_diff_get_score_delta (diff);
  n_changes = g_list_model_get_n_items (G_LIST_MODEL (diff));
  text = g_string_new (NULL);

  if (isnan (delta))
    g_string_append_printf (text, _("Score %s → %s."), from, to);
  else
    {
      int points = posture_percent_round (posture_history_record_get_percent (newer)) -
                   posture_percent_round (posture_history_record_get_percent (older));

      if (points > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Score %s → %s, up %d point.",
                                                   "Score %s → %s, up %d points.", points),
                                from, to, points);
      else if (points < 0)
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE, "Score %s → %s, down %d point.",
                                             "Score %s → %s, down %d points.", -points),
                                from, to, -points);
      else
        g_string_append_printf (text, _("Score unchanged at %s."), to);
    }

  g_string_append_c (text, ' ');
  if (n_changes == 0)
    g_string_append (text, _("No control or resource changed."));
  else
    {
      guint regressed = posture_diff_get_n_regressed (diff);
      guint improved = posture_diff_get_n_improved (diff);

      /* Translators: "2 controls regressed, 1 improved." */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u control regressed",
                                                 "%u controls regressed", regressed), regressed);
      g_string_append (text, _(", "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u improved.",
                                                 "%u improved.", improved), improved);
    }

  return g_string_free (text, FALSE);
}

/* Rows */

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

/* An environment's display name, or the tenant's for a tenant control; the id only
 * when the reading shown does not know it any more. */
static const char *
resource_name (PostureHistoryPage *self,
               const char         *resource_id)
{
  const PostureEnvironment *environment;

  if (self->snapshot == NULL || resource_id == NULL)
    return resource_id;
  if (g_strcmp0 (resource_id, posture_snapshot_get_tenant_id (self->snapshot)) == 0 &&
      posture_snapshot_get_tenant_name (self->snapshot) != NULL)
    return posture_snapshot_get_tenant_name (self->snapshot);
  environment = posture_snapshot_lookup_environment (self->snapshot, resource_id);
  if (environment != NULL && environment->display_name != NULL &&
      environment->display_name [0] != '\0')
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

static GtkWidget *
create_change_row_cb (gpointer item,
                      gpointer user_data)
{
  PostureHistoryPage *self = user_data;
  PostureDiffEntry *entry = item;
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
      return make_row (resource_name (self, resource), _("Environment gone"),
                       "list-remove-symbolic");
    }
}

static guint
record_position (PostureHistoryPage   *self,
                 PostureHistoryRecord *record)
{
  guint n = g_list_model_get_n_items (self->records);

  /* Newest first: the record is usually near the end. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PostureHistoryRecord) other = g_list_model_get_item (self->records, i - 1);

      if (other == record)
        return i - 1;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* "64 %, Medium, 7 of 11 points", and the profile when it is not every control. */
static GtkWidget *
create_record_row_cb (gpointer item,
                      gpointer user_data)
{
  PostureHistoryPage *self = user_data;
  PostureHistoryRecord *record = item;
  g_autofree char *when =
      posture_format_date_time (posture_history_record_get_assessed_at (record));
  g_autofree char *percent = posture_format_percent (posture_history_record_get_percent (record));
  const char *level = posture_level_label (posture_history_record_get_level (record));
  const char *profile_name = posture_history_record_get_profile (record);
  g_autofree char *subtitle = NULL;
  PostureProfile profile = POSTURE_PROFILE_ALL;
  GtkWidget *row;

  if (posture_history_record_get_percent (record) < 0)
    subtitle = g_strdup (level);
  else
    /* Translators: "64 %, Medium, 7 of 11 points" */
    subtitle = g_strdup_printf (_("%s, %s, %u of %u points"), percent, level,
                                posture_history_record_get_earned (record),
                                posture_history_record_get_possible (record));

  if (posture_profile_from_string (profile_name, &profile) && profile != POSTURE_PROFILE_ALL)
    {
      g_autofree char *with_profile = NULL;

      /* Translators: the score, then the controls it covered */
      with_profile = g_strdup_printf (_("%s · %s"), subtitle, posture_profile_label (profile));
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_profile);
    }

  row = make_row (when, subtitle, NULL);
  if (record_position (self, record) > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }

  return row;
}

/* Comparing */

static void
posture_history_page_set_diff (PostureHistoryPage *self,
                               PostureDiff        *diff)
{
  if (g_set_object (&self->diff, diff))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIFF]);
}

static void
on_compare_changed_cb (PostureHistoryPage *self)
{
  g_autoptr(PostureHistoryRecord) older = NULL;
  g_autoptr(PostureHistoryRecord) newer = NULL;
  g_autoptr(PostureDiff) diff = NULL;

  if (self->comparing)
    return;

  older = adw_combo_row_get_selected_item (self->from_row) ?
              g_object_ref (adw_combo_row_get_selected_item (self->from_row)) :
              NULL;
  newer = adw_combo_row_get_selected_item (self->to_row) ?
              g_object_ref (adw_combo_row_get_selected_item (self->to_row)) :
              NULL;
  if (older != NULL && newer != NULL && g_list_model_get_n_items (self->records) >= 2)
    diff = posture_diff_new (older, newer);

  posture_history_page_set_diff (self, diff);
}

/* A new reading (or another tenant): the latest against the one before it. */
static void
on_records_changed_cb (PostureHistoryPage *self)
{
  guint n = g_list_model_get_n_items (self->records);

  if (n >= 2)
    posture_history_page_compare (self, n - 2, n - 1);
  else
    posture_history_page_set_diff (self, NULL);
}

static void
on_records_list_row_activated_cb (PostureHistoryPage *self,
                                  GtkListBoxRow      *row)
{
  g_autoptr(PostureHistoryRecord) record = NULL;
  guint position;

  record = g_list_model_get_item (self->newest_records, (guint) gtk_list_box_row_get_index (row));
  position = record != NULL ? record_position (self, record) : GTK_INVALID_LIST_POSITION;
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return;

  posture_history_page_compare (self, position - 1, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->from_row));
}

static void
posture_history_page_dispose (GObject *object)
{
  PostureHistoryPage *self = (PostureHistoryPage *) object;

  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->session_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_HISTORY_PAGE);

  g_clear_object (&self->session);
  g_clear_object (&self->history);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->diff);

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
    case PROP_DIFF:
      g_value_set_object (value, self->diff);
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
  properties[PROP_DIFF] =
    g_param_spec_object ("diff", NULL, NULL, POSTURE_TYPE_DIFF,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POSTURE_TYPE_DIFF);
  g_type_ensure (POSTURE_TYPE_HISTORY_RECORD);
  g_type_ensure (POSTURE_TYPE_SCORE_CHART);
  g_type_ensure (POSTURE_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, records_list);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, records);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, newest_records);
  gtk_widget_class_bind_template_child (widget_class, PostureHistoryPage, changes);
  gtk_widget_class_bind_template_callback (widget_class, history_state);
  gtk_widget_class_bind_template_callback (widget_class, can_compare);
  gtk_widget_class_bind_template_callback (widget_class, has_items);
  gtk_widget_class_bind_template_callback (widget_class, has_more);
  gtk_widget_class_bind_template_callback (widget_class, has_more_changes);
  gtk_widget_class_bind_template_callback (widget_class, record_time);
  gtk_widget_class_bind_template_callback (widget_class, describe_choice);
  gtk_widget_class_bind_template_callback (widget_class, describe_more_changes);
  gtk_widget_class_bind_template_callback (widget_class, describe_older);
  gtk_widget_class_bind_template_callback (widget_class, describe_diff);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_records_list_row_activated_cb);
}

static void
posture_history_page_init (PostureHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  posture_a11y_name_status_pages (GTK_WIDGET (self));

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "history", self, "history", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "snapshot", self, "snapshot",
                        G_BINDING_SYNC_CREATE);

  gtk_list_box_bind_model (self->records_list, self->newest_records, create_record_row_cb, self,
                           NULL);
  gtk_list_box_bind_model (self->changes_list, self->changes, create_change_row_cb, self, NULL);
  /* After the drop-downs have seen the new records. */
  g_signal_connect_object (self->records, "items-changed", G_CALLBACK (on_records_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
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

/* The page's history and snapshot follow the session's. */
void
posture_history_page_set_session (PostureHistoryPage *self,
                                  PostureSession     *session)
{
  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));
  g_return_if_fail (session == NULL || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_binding_group_set_source (self->session_bindings, session);
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

  if (g_set_object (&self->history, history))
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

  /* Names in the changes shown follow the newest reading. */
  gtk_list_box_bind_model (self->changes_list, self->changes, create_change_row_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

/**
 * posture_history_page_compare:
 * @older: a position in the history
 * @newer: a position in the history
 *
 * Shows what changed from the reading at @older to the one at @newer (the From and To
 * drop-downs follow).
 */
void
posture_history_page_compare (PostureHistoryPage *self,
                              guint               older,
                              guint               newer)
{
  guint n;

  g_return_if_fail (POSTURE_IS_HISTORY_PAGE (self));

  n = g_list_model_get_n_items (self->records);
  g_return_if_fail (older < n && newer < n);

  self->comparing = TRUE;
  adw_combo_row_set_selected (self->from_row, older);
  adw_combo_row_set_selected (self->to_row, newer);
  self->comparing = FALSE;

  on_compare_changed_cb (self);
}

/**
 * posture_history_page_get_diff:
 *
 * Returns: (transfer none) (nullable): what the page shows as changed
 */
PostureDiff *
posture_history_page_get_diff (PostureHistoryPage *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY_PAGE (self), NULL);
  return self->diff;
}
