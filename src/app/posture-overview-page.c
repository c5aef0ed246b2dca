/* posture-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-error-text.h"
#include "posture-labels.h"
#include "posture-overview-page.h"
#include "posture-phase-label.h"
#include "posture-score-chart.h"

#define N_TOP 5

struct _PostureOverviewPage
{
  AdwBin          parent_instance;

  /* Owned */
  PostureSession *session;
  GSignalGroup   *session_signals;
  GSignalGroup   *progress_signals;
  guint           progress_source;  /* throttles progress repaints (see the window) */

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkProgressBar *loading_progress;
  GtkWidget      *demo_notice;
  GtkLabel       *percent_label;
  GtkLabel       *level_label;
  GtkLabel       *points_label;
  GtkLabel       *projected_label;
  GtkLabel       *read_label;
  GtkProgressBar *progress_bar;
  GtkBox         *history_slot;
  GtkWidget      *chart;
  GtkListBox     *top_list;
  GtkListBox     *status_list;
  GtkListBox     *category_list;
  GtkListBox     *principle_list;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  RECOMMENDATION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureOverviewPage, posture_overview_page, ADW_TYPE_BIN)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
make_points_row (const char *title,
                 guint       earned,
                 guint       possible,
                 guint       n_failing)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *percent_text = NULL;
  GtkWidget *row;
  GtkWidget *bar;
  GtkWidget *label;
  double percent = possible > 0 ? 100.0 * earned / possible : -1;

  /* Translators: "12 of 20 points, 2 controls to improve" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u points, %u control to improve",
                                           "%u of %u points, %u controls to improve",
                                           n_failing),
                              earned, possible, n_failing);
  row = make_row (title, subtitle);

  bar = gtk_level_bar_new_for_interval (0, 100);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MAX (percent, 0));
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);

  percent_text = posture_format_percent (percent);
  label = gtk_label_new (percent_text);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

typedef struct
{
  guint earned;
  guint possible;
  guint failing;
} Tally;

static void
posture_overview_page_update_score (PostureOverviewPage *self)
{
  PostureAssessment *assessment;
  PostureScore score;
  PostureScore projected;
  g_autofree char *percent = NULL;
  g_autofree char *points = NULL;
  g_autofree char *projected_text = NULL;

  assessment = self->session != NULL ? posture_session_get_assessment (self->session) : NULL;
  if (assessment == NULL)
    return;

  posture_assessment_get_score (assessment, &score);
  percent = posture_format_percent (score.percent);
  gtk_label_set_label (self->percent_label, percent);

  for (guint l = POSTURE_LEVEL_UNKNOWN; l <= POSTURE_LEVEL_HIGH; l++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), posture_level_css_class (l));
  gtk_widget_add_css_class (GTK_WIDGET (self->level_label), posture_level_css_class (score.level));
  gtk_label_set_label (self->level_label, posture_level_label (score.level));

  /* Translators: "17 of 30 points earned" */
  points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u point earned", "%u of %u points earned",
                                         score.possible),
                            score.earned, score.possible);
  gtk_label_set_label (self->points_label, points);

  posture_session_get_projected_score (self->session, &projected);
  if (projected.percent >= 0 && projected.earned != score.earned)
    {
      g_autofree char *projected_percent = posture_format_percent (projected.percent);

      /* Translators: "Projected: 72 % (Medium) with planned and simulated fixes" */
      projected_text = g_strdup_printf (_("Projected: %s (%s) with planned and simulated fixes"),
                                        projected_percent, posture_level_label (projected.level));
    }
  else
    projected_text = g_strdup (_("Plan fixes or simulate them in Recommendations to see the projected score"));
  gtk_label_set_label (self->projected_label, projected_text);
}

static void
posture_overview_page_update_breakdowns (PostureOverviewPage *self)
{
  static const PostureStatus statuses[] = {
    POSTURE_STATUS_FAIL, POSTURE_STATUS_PARTIAL, POSTURE_STATUS_PASS,
    POSTURE_STATUS_UNKNOWN, POSTURE_STATUS_NOT_APPLICABLE, POSTURE_STATUS_MANUAL,
  };
  Tally categories[POSTURE_CATEGORY_THREAT_DETECTION + 1] = { { 0 } };
  Tally principles[POSTURE_PRINCIPLE_ASSUME_BREACH + 1] = { { 0 } };
  guint status_counts[POSTURE_STATUS_MANUAL + 1] = { 0 };
  PostureAssessment *assessment;
  GListModel *controls;
  GListModel *recommendations;
  guint n;

  assessment = posture_session_get_assessment (self->session);
  controls = posture_assessment_get_controls (assessment);
  recommendations = posture_assessment_get_recommendations (assessment);

  n = g_list_model_get_n_items (controls);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);
      PostureControl *control = posture_control_result_get_control (result);
      PostureStatus status = posture_control_result_get_status (result);
      gboolean failing = status == POSTURE_STATUS_FAIL || status == POSTURE_STATUS_PARTIAL;
      Tally *c = &categories[posture_control_get_category (control)];
      Tally *p = &principles[posture_control_get_principle (control)];

      status_counts[status]++;
      c->earned += posture_control_result_get_earned (result);
      c->possible += posture_control_result_get_possible (result);
      c->failing += failing;
      p->earned += posture_control_result_get_earned (result);
      p->possible += posture_control_result_get_possible (result);
      p->failing += failing;
    }

  clear_list (self->status_list);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *count = NULL;
      GtkWidget *row;
      GtkWidget *label;

      if (status_counts[statuses[i]] == 0 && statuses[i] != POSTURE_STATUS_FAIL &&
          statuses[i] != POSTURE_STATUS_PASS)
        continue;

      row = make_row (posture_status_label (statuses[i]), NULL);
      count = g_strdup_printf ("%u", status_counts[statuses[i]]);
      label = gtk_label_new (count);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->status_list, row);
    }

  clear_list (self->category_list);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (categories[i].possible > 0 || categories[i].failing > 0)
      gtk_list_box_append (self->category_list,
                           make_points_row (posture_category_label (i), categories[i].earned,
                                            categories[i].possible, categories[i].failing));

  clear_list (self->principle_list);
  for (guint i = 0; i < G_N_ELEMENTS (principles); i++)
    if (principles[i].possible > 0 || principles[i].failing > 0)
      gtk_list_box_append (self->principle_list,
                           make_points_row (posture_principle_label (i), principles[i].earned,
                                            principles[i].possible, principles[i].failing));

  clear_list (self->top_list);
  n = MIN (N_TOP, g_list_model_get_n_items (recommendations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);
      PostureControl *control = posture_control_result_get_control (result);
      g_autofree char *subtitle = NULL;
      g_autofree char *gain = NULL;
      GtkWidget *row;
      GtkWidget *label;

      /* Translators: "High severity, Failing" */
      subtitle = g_strdup_printf (_("%s severity, %s"),
                                  posture_severity_label (posture_control_get_severity (control)),
                                  posture_status_label (posture_control_result_get_status (result)));
      row = make_row (posture_control_get_title (control), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "control-id",
                              g_strdup (posture_control_get_id (control)), g_free);

      /* Translators: potential score increase in percent points, e.g. "+6.7 %" */
      gain = g_strdup_printf (_("+%.1f %%"), posture_control_result_get_gain (result));
      label = gtk_label_new (gain);
      gtk_widget_add_css_class (label, "gain");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_tooltip_text (label, _("Potential score increase"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->top_list, row);
    }

  if (n == 0)
    gtk_list_box_append (self->top_list,
                         make_row (_("Nothing to do"), _("Every assessed control passes or has a decision")));
}

static void
posture_overview_page_update_read (PostureOverviewPage *self)
{
  PostureAssessment *assessment = posture_session_get_assessment (self->session);
  GDateTime *captured = posture_assessment_get_captured_at (assessment);
  g_autofree char *text = NULL;

  if (captured != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (captured);
      g_autofree char *when = g_date_time_format (local, "%x %X");

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Read on %s"), when);
    }
  else
    text = g_strdup (_("Not read yet"));

  gtk_label_set_label (self->read_label, text);
}

static void
posture_overview_page_update_progress (PostureOverviewPage *self)
{
  PostureTenantProgress *progress;
  g_autofree char *text = NULL;
  guint done, total;

  if (self->session == NULL)
    return;

  progress = posture_session_get_progress (self->session);
  done = posture_tenant_progress_get_done (progress);
  total = posture_tenant_progress_get_total (progress);

  /* Translators: "Reading environments, 12 of 40 requests" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u of %u request", "%s, %u of %u requests", total),
                          posture_phase_label (posture_tenant_progress_get_phase (progress)), done, total);

  gtk_progress_bar_set_fraction (self->progress_bar, posture_tenant_progress_get_fraction (progress));
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->loading_progress, posture_tenant_progress_get_fraction (progress));
  gtk_progress_bar_set_text (self->loading_progress, text);
}

static void
posture_overview_page_update (PostureOverviewPage *self)
{
  PostureAssessment *assessment = NULL;
  const GError *error = NULL;
  gboolean busy = FALSE;

  if (self->session != NULL)
    {
      assessment = posture_session_get_assessment (self->session);
      error = posture_session_get_error (self->session);
      busy = posture_session_get_busy (self->session);
      gtk_widget_set_visible (self->demo_notice, posture_session_get_demo (self->session));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy && assessment != NULL);
  posture_overview_page_update_progress (self);

  if (assessment == NULL)
    {
      if (error != NULL && !busy)
        {
          g_autofree char *title = NULL;
          g_autofree char *description = NULL;
          const char *icon = NULL;

          posture_error_describe (error, &title, &description, &icon);
          adw_status_page_set_title (self->error_page, title);
          adw_status_page_set_description (self->error_page, description);
          adw_status_page_set_icon_name (self->error_page, icon);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  posture_overview_page_update_score (self);
  posture_overview_page_update_breakdowns (self);
  posture_overview_page_update_read (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
on_session_changed_cb (PostureOverviewPage *self)
{
  posture_overview_page_update (self);
}

static void
on_projected_changed_cb (PostureOverviewPage *self)
{
  posture_overview_page_update_score (self);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  PostureOverviewPage *self = user_data;

  self->progress_source = 0;
  posture_overview_page_update_progress (self);

  return G_SOURCE_REMOVE;
}

static void
on_progress_changed_cb (PostureOverviewPage *self)
{
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (250, progress_timeout_cb, self);
}

static void
on_top_list_row_activated_cb (PostureOverviewPage *self,
                              GtkListBoxRow       *row)
{
  const char *control_id = g_object_get_data (G_OBJECT (row), "control-id");

  if (control_id != NULL)
    g_signal_emit (self, signals [RECOMMENDATION_ACTIVATED], 0, control_id);
}

static void
posture_overview_page_dispose (GObject *object)
{
  PostureOverviewPage *self = (PostureOverviewPage *) object;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->progress_signals != NULL)
    g_signal_group_set_target (self->progress_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->progress_signals);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->session);

  /* AdwBin keeps its own pointer to the child: drop it before the template unparents it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (posture_overview_page_parent_class)->dispose (object);
}

static void
posture_overview_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PostureOverviewPage *self = POSTURE_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_overview_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PostureOverviewPage *self = POSTURE_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      posture_overview_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_overview_page_class_init (PostureOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_overview_page_dispose;
  object_class->get_property = posture_overview_page_get_property;
  object_class->set_property = posture_overview_page_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [RECOMMENDATION_ACTIVATED] =
    g_signal_new ("recommendation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, demo_notice);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, percent_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, level_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, points_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, projected_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, read_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, history_slot);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, top_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, principle_list);
  gtk_widget_class_bind_template_callback (widget_class, on_top_list_row_activated_cb);
}

static void
posture_overview_page_init (PostureOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (POSTURE_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::assessment",
                                  G_CALLBACK (on_session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (on_session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::error",
                                  G_CALLBACK (on_session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::projected-percent",
                                  G_CALLBACK (on_projected_changed_cb), self);

  self->progress_signals = g_signal_group_new (POSTURE_TYPE_TENANT_PROGRESS);
  g_signal_group_connect_swapped (self->progress_signals, "notify::done",
                                  G_CALLBACK (on_progress_changed_cb), self);
  g_signal_group_connect_swapped (self->progress_signals, "notify::total",
                                  G_CALLBACK (on_progress_changed_cb), self);
  g_signal_group_connect_swapped (self->progress_signals, "notify::phase",
                                  G_CALLBACK (on_progress_changed_cb), self);

  self->chart = posture_score_chart_new ();
  gtk_widget_set_size_request (self->chart, -1, 180);
  gtk_box_append (self->history_slot, self->chart);
  gtk_widget_set_visible (GTK_WIDGET (self->history_slot), TRUE);

  posture_overview_page_update (self);
}

GtkWidget *
posture_overview_page_new (void)
{
  return g_object_new (POSTURE_TYPE_OVERVIEW_PAGE, NULL);
}

PostureSession *
posture_overview_page_get_session (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return self->session;
}

void
posture_overview_page_set_session (PostureOverviewPage *self,
                                   PostureSession      *session)
{
  g_return_if_fail (POSTURE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (!session || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->progress_signals,
                             session != NULL ? posture_session_get_progress (session) : NULL);
  posture_score_chart_set_history (POSTURE_SCORE_CHART (self->chart),
                                   session != NULL ? posture_session_get_history (session) : NULL);
  posture_overview_page_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

const char *
posture_overview_page_get_score_text (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_label (self->percent_label);
}

const char *
posture_overview_page_get_level_text (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_label (self->level_label);
}

const char *
posture_overview_page_get_projected_text (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_label (self->projected_label);
}

GtkBox *
posture_overview_page_get_history_slot (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return self->history_slot;
}

const char *
posture_overview_page_get_state (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
posture_overview_page_get_error_title (PostureOverviewPage *self)
{
  g_return_val_if_fail (POSTURE_IS_OVERVIEW_PAGE (self), NULL);

  return adw_status_page_get_title (self->error_page);
}
