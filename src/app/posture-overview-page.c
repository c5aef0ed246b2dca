/* posture-overview-page.c: the score, what changed it, and what to do first
 *
 * Everything is bound in ui/posture-overview-page.ui to the session; this file names
 * the values for people (the closures) and makes the rows of core's breakdowns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-a11y.h"
#include "posture-application.h"
#include "posture-control-row.h"
#include "posture-labels.h"
#include "posture-overview-page.h"
#include "posture-phase-label.h"
#include "posture-score-chart.h"

struct _PostureOverviewPage
{
  AdwBin          parent_instance;

  /* Owned */
  PostureSession *session;
  GtkWidget      *native;          /* unowned: the window, while rooted */
  GdkFrameClock  *frame_clock;     /* its clock, while it is realized */
  gulong          after_paint_id;
  gboolean        score_drawn;

  /* Template children */
  GtkLabel       *percent_label;
  GtkListBox     *category_list;
  GtkListBox     *principle_list;
  GListModel     *categories;
  GListModel     *principles;
  GtkListBox     *top_list;
  GListModel     *top_recommendations;
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

/* Closures of the template */

static char *
overview_state (gpointer           unused,
                PostureAssessment *assessment,
                const GError      *error,
                gboolean           busy)
{
  if (assessment != NULL)
    return g_strdup ("content");
  return g_strdup (error != NULL && !busy ? "error" : "loading");
}

/* Why the tenant could not be read, in the words of the one error mapper. */
static char *
error_title (gpointer      unused,
             const GError *error)
{
  return error != NULL ? g_strdup (posture_error_get_title (error)) : NULL;
}

static char *
error_description (gpointer      unused,
                   const GError *error)
{
  return error != NULL ? posture_error_to_text (error) : NULL;
}

static char *
describe_progress (gpointer unused,
                   guint    phase,
                   guint    done,
                   guint    total)
{
  /* Translators: "Reading environments, 12 of 40 requests" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u of %u request",
                                       "%s, %u of %u requests", total),
                          posture_phase_label (phase), done, total);
}

static char *
format_percent (gpointer unused,
                double   percent)
{
  return posture_format_percent (percent);
}

static char *
level_label (gpointer     unused,
             PostureLevel level)
{
  return g_strdup (posture_level_label (level));
}

static GStrv
level_css_classes (gpointer     unused,
                   PostureLevel level)
{
  const char *classes[] = { "level-pill", posture_level_css_class (level), NULL };

  return g_strdupv ((GStrv) classes);
}

static char *
describe_points (gpointer unused,
                 guint    earned,
                 guint    possible)
{
  /* Translators: "17 of 30 points earned" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u point earned",
                                       "%u of %u points earned", possible),
                          earned, possible);
}

static char *
describe_projected (gpointer     unused,
                    double       percent,
                    double       projected,
                    PostureLevel projected_level)
{
  g_autofree char *now = posture_format_percent (percent);
  g_autofree char *then = posture_format_percent (projected);

  if (projected < 0 || g_strcmp0 (now, then) == 0)
    return g_strdup (
        _("Plan fixes or simulate them in Recommendations to see the projected score"));

  /* Translators: "Projected: 72 % (Medium) with planned and simulated fixes" */
  return g_strdup_printf (_("Projected: %s (%s) with planned and simulated fixes"),
                          then, posture_level_label (projected_level));
}

static char *
describe_read (gpointer   unused,
               GDateTime *captured_at)
{
  g_autofree char *when = NULL;

  if (captured_at == NULL)
    return g_strdup (_("Not read yet"));

  when = posture_format_date_time (captured_at);
  /* Translators: %s is a date and time, "2 Dec 2026, 04:58" */
  return g_strdup_printf (_("Read on %s"), when);
}

/* "4 warnings about this reading": what it could not see, in words when opened. */
static char *
count_warnings (gpointer            unused,
                const char * const *warnings)
{
  guint n = warnings != NULL ? g_strv_length ((GStrv) warnings) : 0;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning about this reading",
                                       "%u warnings about this reading", n), n);
}

static char *
describe_warnings (gpointer            unused,
                   const char * const *warnings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", warnings[i]);

  return g_string_free (text, FALSE);
}

static gboolean
strv_not_empty (gpointer            unused,
                const char * const *strv)
{
  return strv != NULL && strv[0] != NULL;
}

/* Counts per status */

static guint
count_with_status (PostureAssessment *assessment,
                   const char        *nick)
{
  GListModel *controls;
  PostureStatus status;
  guint count = 0;
  guint n;

  if (assessment == NULL || !posture_status_from_string (nick, &status))
    return 0;

  controls = posture_assessment_get_controls (assessment);
  n = g_list_model_get_n_items (controls);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, i);

      count += posture_control_result_get_status (result) == status;
    }

  return count;
}

static char *
status_title (gpointer    unused,
              const char *nick)
{
  PostureStatus status = POSTURE_STATUS_UNKNOWN;

  posture_status_from_string (nick, &status);
  return g_strdup (posture_status_label (status));
}

static char *
count_status (gpointer           unused,
              PostureAssessment *assessment,
              const char        *nick)
{
  return g_strdup_printf ("%u", count_with_status (assessment, nick));
}

static gboolean
has_status (gpointer           unused,
            PostureAssessment *assessment,
            const char        *nick)
{
  return count_with_status (assessment, nick) > 0;
}

/* Points per category and per Zero Trust principle: core's breakdowns, one row each */

static gboolean
breakdown_shown (PostureBreakdown *breakdown)
{
  return posture_breakdown_get_possible (breakdown) > 0 ||
         posture_breakdown_get_n_failing (breakdown) > 0;
}

static GtkWidget *
create_breakdown_row_cb (gpointer item,
                         gpointer user_data)
{
  PostureBreakdown *breakdown = item;
  double percent = posture_breakdown_get_percent (breakdown);
  guint n_failing = posture_breakdown_get_n_failing (breakdown);
  g_autofree char *subtitle = NULL;
  g_autofree char *text = posture_format_percent (percent);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
  GtkWidget *label = gtk_label_new (text);

  /* Translators: "12 of 20 points, 2 controls to improve" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u points, %u control to improve",
                                           "%u of %u points, %u controls to improve",
                                           n_failing),
                              posture_breakdown_get_earned (breakdown),
                              posture_breakdown_get_possible (breakdown), n_failing);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 posture_breakdown_get_label (breakdown));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MAX (percent, 0));
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Share of the points earned"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);

  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* Top recommendations */

static GtkWidget *
create_top_row_cb (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = posture_control_row_new (item);
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
on_top_list_row_activated_cb (PostureOverviewPage *self,
                              GtkListBoxRow       *row)
{
  PostureControlResult *result = posture_control_row_get_result (POSTURE_CONTROL_ROW (row));

  g_signal_emit (self, signals [RECOMMENDATION_ACTIVATED], 0,
                 posture_control_result_get_id (result));
}

/* Every frame of the window (whichever view it shows): after the first one with an
 * assessment, the session loads what that frame did not need (posture_session_shown()).
 * When the Overview was on screen, that frame drew the score (the "score-drawn"
 * milestone of bench/cold-start.sh). */
static void
on_after_paint_cb (PostureOverviewPage *self)
{
  PostureAssessment *assessment;
  g_autofree char *percent = NULL;
  PostureScore score;

  if (self->session == NULL || !(assessment = posture_session_get_assessment (self->session)))
    return;

  posture_session_shown (self->session);
  if (self->score_drawn || !gtk_widget_get_mapped (GTK_WIDGET (self->percent_label)))
    return;

  posture_assessment_get_score (assessment, &score);
  percent = posture_format_percent (score.percent);
  if (g_strcmp0 (gtk_label_get_label (self->percent_label), percent) == 0)
    {
      self->score_drawn = TRUE;
      posture_startup_mark ("score-drawn");
    }
}

static void
posture_overview_page_unwatch_frames (PostureOverviewPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

/* The window's frame clock, also while this page is not the one shown (not realized). */
static void
on_native_realized_cb (PostureOverviewPage *self,
                       GtkWidget           *native)
{
  posture_overview_page_unwatch_frames (self);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (native));
  self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                   G_CALLBACK (on_after_paint_cb), self);
}

static void
posture_overview_page_root (GtkWidget *widget)
{
  PostureOverviewPage *self = POSTURE_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (posture_overview_page_parent_class)->root (widget);

  self->native = GTK_WIDGET (gtk_widget_get_native (widget));
  g_signal_connect_object (self->native, "realize", G_CALLBACK (on_native_realized_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->native, "unrealize",
                           G_CALLBACK (posture_overview_page_unwatch_frames), self,
                           G_CONNECT_SWAPPED);
  if (gtk_widget_get_realized (self->native))
    on_native_realized_cb (self, self->native);
}

static void
posture_overview_page_unroot (GtkWidget *widget)
{
  PostureOverviewPage *self = POSTURE_OVERVIEW_PAGE (widget);

  posture_overview_page_unwatch_frames (self);
  if (self->native != NULL)
    g_signal_handlers_disconnect_by_data (self->native, self);
  self->native = NULL;

  GTK_WIDGET_CLASS (posture_overview_page_parent_class)->unroot (widget);
}

static void
posture_overview_page_dispose (GObject *object)
{
  PostureOverviewPage *self = (PostureOverviewPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_OVERVIEW_PAGE);
  posture_overview_page_unwatch_frames (self);
  g_clear_object (&self->session);

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

  widget_class->root = posture_overview_page_root;
  widget_class->unroot = posture_overview_page_unroot;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PostureOverviewPage::recommendation-activated:
   * @control_id: the control of the top recommendation chosen
   */
  signals [RECOMMENDATION_ACTIVATED] =
    g_signal_new ("recommendation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, percent_label);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, principle_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, categories);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, principles);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, top_list);
  gtk_widget_class_bind_template_child (widget_class, PostureOverviewPage, top_recommendations);
  gtk_widget_class_bind_template_callback (widget_class, overview_state);
  gtk_widget_class_bind_template_callback (widget_class, error_title);
  gtk_widget_class_bind_template_callback (widget_class, error_description);
  gtk_widget_class_bind_template_callback (widget_class, describe_progress);
  gtk_widget_class_bind_template_callback (widget_class, format_percent);
  gtk_widget_class_bind_template_callback (widget_class, level_label);
  gtk_widget_class_bind_template_callback (widget_class, level_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, describe_points);
  gtk_widget_class_bind_template_callback (widget_class, describe_projected);
  gtk_widget_class_bind_template_callback (widget_class, describe_read);
  gtk_widget_class_bind_template_callback (widget_class, count_warnings);
  gtk_widget_class_bind_template_callback (widget_class, describe_warnings);
  gtk_widget_class_bind_template_callback (widget_class, strv_not_empty);
  gtk_widget_class_bind_template_callback (widget_class, status_title);
  gtk_widget_class_bind_template_callback (widget_class, count_status);
  gtk_widget_class_bind_template_callback (widget_class, has_status);
  gtk_widget_class_bind_template_callback (widget_class, breakdown_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_top_list_row_activated_cb);

  g_type_ensure (POSTURE_TYPE_ASSESSMENT);
  g_type_ensure (POSTURE_TYPE_SCORE_CHART);
  g_type_ensure (POSTURE_TYPE_SESSION);
  g_type_ensure (POSTURE_TYPE_TENANT_PROGRESS);
}

static void
posture_overview_page_init (PostureOverviewPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  posture_a11y_name_status_pages (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->top_list, self->top_recommendations, create_top_row_cb, NULL,
                           NULL);
  gtk_list_box_bind_model (self->category_list, self->categories, create_breakdown_row_cb, NULL,
                           NULL);
  gtk_list_box_bind_model (self->principle_list, self->principles, create_breakdown_row_cb, NULL,
                           NULL);

  placeholder = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (placeholder), _("Nothing to do"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (placeholder),
                               _("Every assessed control passes or has a decision"));
  gtk_list_box_set_placeholder (self->top_list, placeholder);
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

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}
