/* posture-score-chart.c: the score over time, drawn with GtkSnapshot
 *
 * Points are placed by time; the low (0–50), medium (51–80) and high (81–100) bands are
 * shaded with Adwaita's named error / warning / success colours and named in words, so
 * that colour never carries meaning alone and the dark style follows. The pointer or the
 * keyboard (Left, Right, Home, End) selects a point, whose value is drawn beside it and
 * given to assistive technologies as the slider's value text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-score-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "posture-history.h"
#include "posture-labels.h"
#include "posture-score-chart.h"

#define PAD_LEFT    40.0
#define PAD_RIGHT   16.0
#define PAD_TOP     12.0
#define PAD_BOTTOM  24.0
#define DOT_RADIUS   3.0
#define SEL_RADIUS   5.5
#define MAX_DOTS   120u

struct _PostureScoreChart
{
  GtkWidget   parent_instance;

  /* Owned */
  GListModel *history;
  gulong      items_changed_id;

  int         selected;
  gboolean    pointer_inside;
};

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureScoreChart, posture_score_chart, GTK_TYPE_WIDGET)

static guint
n_records (PostureScoreChart *self)
{
  return self->history ? g_list_model_get_n_items (self->history) : 0;
}

static PostureHistoryRecord *
get_record (PostureScoreChart *self,
            guint              position)
{
  return g_list_model_get_item (self->history, position);
}

static char *
format_when (GDateTime  *when,
             gboolean    with_time)
{
  return with_time ? posture_format_date_time (when) : posture_format_local_date (when);
}

static char *
describe_record (PostureHistoryRecord *record,
                 gboolean              with_time)
{
  g_autofree char *percent = posture_format_percent (posture_history_record_get_percent (record));
  g_autofree char *when = format_when (posture_history_record_get_assessed_at (record), with_time);
  const char *level = posture_level_label (posture_history_record_get_level (record));

  g_strstrip (when);
  if (posture_history_record_get_percent (record) < 0)
    /* Translators: a point of the score chart without a score: "No score, 8 Nov 2026" */
    return g_strdup_printf (_("%s, %s"), level, when);
  /* Translators: a point of the score chart: "64 %, Medium, 8 Nov 2026, 10:00" */
  return g_strdup_printf (_("%s, %s, %s"), percent, level, when);
}

/* ---- Accessibility -------------------------------------------------------------- */

char *
posture_score_chart_dup_summary (PostureScoreChart *self)
{
  g_autoptr(PostureHistoryRecord) first = NULL;
  g_autoptr(PostureHistoryRecord) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  double lowest = G_MAXDOUBLE, highest = -1, delta;
  guint n;

  g_return_val_if_fail (POSTURE_IS_SCORE_CHART (self), NULL);

  n = n_records (self);
  if (n == 0)
    return g_strdup (_("No assessment has been recorded yet."));

  last = get_record (self, n - 1);
  last_text = describe_record (last, FALSE);
  if (n == 1)
    return g_strdup_printf (_("One assessment: %s."), last_text);

  first = get_record (self, 0);
  first_text = describe_record (first, FALSE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureHistoryRecord) record = get_record (self, i);
      double percent = posture_history_record_get_percent (record);

      if (percent < 0)
        continue;
      lowest = MIN (lowest, percent);
      highest = MAX (highest, percent);
    }

  if (highest < 0 || posture_history_record_get_percent (first) < 0 ||
      posture_history_record_get_percent (last) < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u assessment, from %s to %s.",
                                         "%u assessments, from %s to %s.", n),
                            n, first_text, last_text);

  delta = floor (posture_history_record_get_percent (last) + 0.5) -
          floor (posture_history_record_get_percent (first) + 0.5);
  {
    g_autofree char *low = posture_format_percent (lowest);
    g_autofree char *high = posture_format_percent (highest);
    g_autofree char *trend = NULL;

    if (delta > 0)
      trend = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up %d point", "up %d points",
                                            (gulong) delta), (int) delta);
    else if (delta < 0)
      trend = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "down %d point", "down %d points",
                                            (gulong) -delta), (int) -delta);
    else
      trend = g_strdup (_("unchanged"));

    /* Translators: "12 assessments, from 40 %, Low, 1 Nov 2026 to 64 %, Medium, 8 Nov 2026:
     * up 24 points; lowest 38 %, highest 70 %." */
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u assessment, from %s to %s: %s; lowest %s, highest %s.",
                     "%u assessments, from %s to %s: %s; lowest %s, highest %s.", n),
        n, first_text, last_text, trend, low, high);
  }
}

static void
update_accessible (PostureScoreChart *self)
{
  g_autofree char *summary = posture_score_chart_dup_summary (self);
  guint n = n_records (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) (n > 0 ? n - 1 : 0),
                                  -1);

  if (self->selected >= 0 && (guint) self->selected < n)
    {
      g_autoptr(PostureHistoryRecord) record = get_record (self, self->selected);
      g_autofree char *text = describe_record (record, TRUE);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->selected,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, summary,
                                    -1);
}

/* ---- Geometry ----------------------------------------------------------------------- */

typedef struct
{
  double x0, y0, w, h;
  gint64 t_min, t_max;
} Geometry;

static void
compute_geometry (PostureScoreChart *self,
                  Geometry          *g)
{
  guint n = n_records (self);

  g->x0 = PAD_LEFT;
  g->y0 = PAD_TOP;
  g->w = MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT);
  g->h = MAX (1.0, gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM);
  g->t_min = g->t_max = 0;

  if (n > 0)
    {
      g_autoptr(PostureHistoryRecord) first = get_record (self, 0);
      g_autoptr(PostureHistoryRecord) last = get_record (self, n - 1);

      g->t_min = g_date_time_to_unix (posture_history_record_get_assessed_at (first));
      g->t_max = g_date_time_to_unix (posture_history_record_get_assessed_at (last));
    }
}

static double
x_for (const Geometry       *g,
       PostureHistoryRecord *record,
       guint                 index,
       guint                 n)
{
  gint64 t = g_date_time_to_unix (posture_history_record_get_assessed_at (record));

  if (n == 1)
    return g->x0 + g->w / 2;
  if (g->t_max <= g->t_min)
    return g->x0 + g->w * index / (n - 1);
  return g->x0 + g->w * (double) (t - g->t_min) / (double) (g->t_max - g->t_min);
}

static double
y_for (const Geometry *g,
       double          percent)
{
  return g->y0 + g->h * (1.0 - CLAMP (percent, 0.0, 100.0) / 100.0);
}

static int
nearest_point (PostureScoreChart *self,
               double             x)
{
  Geometry g;
  guint n = n_records (self);
  double best = G_MAXDOUBLE;
  int found = -1;

  if (n == 0)
    return -1;

  compute_geometry (self, &g);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureHistoryRecord) record = get_record (self, i);
      double d = fabs (x_for (&g, record, i, n) - x);

      /* Ties go to the later record (two assessments at the same time). */
      if (d <= best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

/* ---- Drawing ------------------------------------------------------------------------ */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
append_text (GtkSnapshot   *snapshot,
             GtkWidget     *widget,
             const char    *text,
             double         x,
             double         y,
             double         x_align,    /* 0 left, 0.5 centre, 1 right of x */
             gboolean       small,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - width * x_align),
                                                          round (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
with_alpha (const GdkRGBA *in,
            double         alpha,
            GdkRGBA       *out)
{
  *out = *in;
  out->alpha = in->alpha * alpha;
}

static void
draw_value_label (PostureScoreChart *self,
                  GtkSnapshot       *snapshot,
                  const Geometry    *g,
                  double             px,
                  double             py,
                  const char        *text,
                  const GdkRGBA     *fg,
                  const GdkRGBA     *bg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  GskRoundedRect box;
  GdkRGBA border;
  int width, height;
  double bx, by, bw, bh;

  pango_layout_get_pixel_size (layout, &width, &height);
  bw = width + 16;
  bh = height + 8;

  /* Beside the point, kept inside the widget. */
  bx = px + 10;
  if (bx + bw > gtk_widget_get_width (widget) - 2)
    bx = px - 10 - bw;
  bx = MAX (2, bx);
  by = py - bh - 8;
  if (by < 2)
    by = py + 10;
  by = MIN (by, gtk_widget_get_height (widget) - bh - 2);

  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (bx, by, bw, bh), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (bx, by, bw, bh));
  gtk_snapshot_pop (snapshot);
  with_alpha (fg, 0.25, &border);
  gtk_snapshot_append_border (snapshot, &box, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (bx + 8), round (by + 4)));
  gtk_snapshot_append_layout (snapshot, layout, fg);
  gtk_snapshot_restore (snapshot);
}

static void
posture_score_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PostureScoreChart *self = POSTURE_SCORE_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  guint n = n_records (self);
  GdkRGBA fg, accent, bands[3], band_fill, grid, dim, label_bg;
  const PostureLevel levels[3] = { POSTURE_LEVEL_LOW, POSTURE_LEVEL_MEDIUM, POSTURE_LEVEL_HIGH };
  double band_edges[4] = { 0, 0, 0, 100 };
  Geometry g;
  cairo_t *cr;

  gtk_style_context_get_color (context, &fg);
  lookup_color (widget, "accent_color", &accent, "#3584e4");
  lookup_color (widget, "error_color", &bands[0], "#c01c28");
  lookup_color (widget, "warning_color", &bands[1], "#9c6e03");
  lookup_color (widget, "success_color", &bands[2], "#1b8553");
  lookup_color (widget, "popover_bg_color", &label_bg, "#ffffff");
  with_alpha (&fg, 0.15, &grid);
  with_alpha (&fg, 0.7, &dim);

  compute_geometry (self, &g);

  /* The bands end where core's levels end (a point on an edge belongs to the band below:
   * 80 % is medium). */
  for (guint b = 0; b < 2; b++)
    {
      int highest = 0;

      posture_level_get_range (levels[b], NULL, &highest);
      band_edges[b + 1] = highest;
    }

  /* Bands, each named in words at its left edge. */
  for (guint b = 0; b < 3; b++)
    {
      double top = y_for (&g, band_edges[b + 1]);
      double bottom = y_for (&g, band_edges[b]);

      with_alpha (&bands[b], 0.12, &band_fill);
      gtk_snapshot_append_color (snapshot, &band_fill,
                                 &GRAPHENE_RECT_INIT (g.x0, top, g.w, bottom - top));
      if (bottom - top > 14)
        append_text (snapshot, widget, posture_level_label (levels [b]), g.x0 + 6, top + 9, 0, TRUE,
                     &dim);
    }

  /* Axis: 0, the band edges and 100, with grid lines at the band edges. */
  for (guint e = 0; e < G_N_ELEMENTS (band_edges); e++)
    {
      g_autofree char *label = g_strdup_printf ("%d", (int) band_edges[e]);
      double y = y_for (&g, band_edges[e]);

      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (g.x0, round (y), g.w, 1));
      append_text (snapshot, widget, label, g.x0 - 6, y, 1.0, TRUE, &dim);
    }

  if (n == 0)
    {
      append_text (snapshot, widget, _("No assessments yet"), g.x0 + g.w / 2, g.y0 + g.h / 2,
                   0.5, FALSE, &dim);
      goto focus;
    }

  /* The line, broken where an assessment had no score. */
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (g.x0 - SEL_RADIUS, g.y0 - SEL_RADIUS,
                                                       g.w + 2 * SEL_RADIUS, g.h + 2 * SEL_RADIUS));
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &accent);
  {
    gboolean pen_down = FALSE;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PostureHistoryRecord) record = get_record (self, i);
        double percent = posture_history_record_get_percent (record);
        double x = x_for (&g, record, i, n);

        if (percent < 0)
          {
            pen_down = FALSE;
            continue;
          }
        if (pen_down)
          cairo_line_to (cr, x, y_for (&g, percent));
        else
          cairo_move_to (cr, x, y_for (&g, percent));
        pen_down = TRUE;
      }
    cairo_stroke (cr);

    /* Dots while they can be told apart. */
    if (n <= MAX_DOTS)
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PostureHistoryRecord) record = get_record (self, i);
          double percent = posture_history_record_get_percent (record);

          if (percent < 0)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, x_for (&g, record, i, n), y_for (&g, percent), DOT_RADIUS, 0, 2 * G_PI);
        }
    cairo_fill (cr);
  }

  /* The selected point: a guide, a ring, and its value. */
  if (self->selected >= 0 && (guint) self->selected < n)
    {
      g_autoptr(PostureHistoryRecord) record = get_record (self, self->selected);
      g_autofree char *text = describe_record (record, TRUE);
      double percent = posture_history_record_get_percent (record);
      double x = x_for (&g, record, self->selected, n);
      double y = percent < 0 ? g.y0 + g.h / 2 : y_for (&g, percent);

      cairo_new_path (cr);
      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, round (x) + 0.5, g.y0);
      cairo_line_to (cr, round (x) + 0.5, g.y0 + g.h);
      cairo_stroke (cr);

      if (percent >= 0)
        {
          gdk_cairo_set_source_rgba (cr, &label_bg);
          cairo_arc (cr, x, y, SEL_RADIUS + 2, 0, 2 * G_PI);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_arc (cr, x, y, SEL_RADIUS, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_destroy (cr);
      cr = NULL;

      draw_value_label (self, snapshot, &g, x, y, text, &fg, &label_bg);
    }
  else
    cairo_destroy (cr);

  /* The first and the last dates under the axis. */
  {
    g_autoptr(PostureHistoryRecord) first = get_record (self, 0);
    g_autoptr(PostureHistoryRecord) last = get_record (self, n - 1);
    g_autofree char *first_text =
        format_when (posture_history_record_get_assessed_at (first), FALSE);
    g_autofree char *last_text = format_when (posture_history_record_get_assessed_at (last), FALSE);
    double y = g.y0 + g.h + PAD_BOTTOM / 2 + 1;

    g_strstrip (first_text);
    g_strstrip (last_text);
    if (n == 1 || g_str_equal (first_text, last_text))
      append_text (snapshot, widget, last_text, g.x0 + g.w / 2, y, 0.5, TRUE, &dim);
    else
      {
        append_text (snapshot, widget, first_text, g.x0, y, 0, TRUE, &dim);
        append_text (snapshot, widget, last_text, g.x0 + g.w, y, 1.0, TRUE, &dim);
      }
  }

focus:
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;
      GdkRGBA ring;

      with_alpha (&accent, 0.5, &ring);
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (1, 1, gtk_widget_get_width (widget) - 2,
                                                            gtk_widget_get_height (widget) - 2), 8);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

static void
posture_score_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

/* ---- Input ---------------------------------------------------------------------------- */

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              PostureScoreChart        *self)
{
  self->pointer_inside = TRUE;
  posture_score_chart_set_selected (self, nearest_point (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             PostureScoreChart        *self)
{
  self->pointer_inside = FALSE;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    posture_score_chart_set_selected (self, -1);
}

static void
on_pressed_cb (GtkGestureClick   *gesture,
               int                n_press,
               double             x,
               double             y,
               PostureScoreChart *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  posture_score_chart_set_selected (self, nearest_point (self, x));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   PostureScoreChart     *self)
{
  int n = (int) n_records (self);
  int selected = self->selected;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      selected = selected < 0 ? n - 1 : MAX (0, selected - 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      selected = selected < 0 ? n - 1 : MIN (n - 1, selected + 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      selected = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      selected = n - 1;
      break;
    default:
      return FALSE;
    }

  posture_score_chart_set_selected (self, selected);
  return TRUE;
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   PostureScoreChart       *self)
{
  /* Focus shows the latest value at once, so the keyboard starts from somewhere. */
  if (self->selected < 0 && n_records (self) > 0)
    posture_score_chart_set_selected (self, n_records (self) - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   PostureScoreChart       *self)
{
  if (!self->pointer_inside)
    posture_score_chart_set_selected (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     PostureScoreChart *self)
{
  guint n = n_records (self);

  if (self->selected >= 0 && (guint) self->selected >= n)
    posture_score_chart_set_selected (self, n > 0 ? (int) n - 1 : -1);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
posture_score_chart_dispose (GObject *object)
{
  PostureScoreChart *self = (PostureScoreChart *) object;

  if (self->history != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->history);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (posture_score_chart_parent_class)->dispose (object);
}

static void
posture_score_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureScoreChart *self = POSTURE_SCORE_CHART (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_score_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PostureScoreChart *self = POSTURE_SCORE_CHART (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      posture_score_chart_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      posture_score_chart_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_score_chart_class_init (PostureScoreChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_score_chart_dispose;
  object_class->get_property = posture_score_chart_get_property;
  object_class->set_property = posture_score_chart_set_property;

  widget_class->snapshot = posture_score_chart_snapshot;
  widget_class->measure = posture_score_chart_measure;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scorechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
posture_score_chart_init (PostureScoreChart *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score history"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
posture_score_chart_new (void)
{
  return g_object_new (POSTURE_TYPE_SCORE_CHART, NULL);
}

GListModel *
posture_score_chart_get_history (PostureScoreChart *self)
{
  g_return_val_if_fail (POSTURE_IS_SCORE_CHART (self), NULL);
  return self->history;
}

void
posture_score_chart_set_history (PostureScoreChart *self,
                                 GListModel        *history)
{
  g_return_if_fail (POSTURE_IS_SCORE_CHART (self));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));

  if (self->history == history)
    return;

  if (history != NULL)
    g_return_if_fail (
        g_type_is_a (g_list_model_get_item_type (history), POSTURE_TYPE_HISTORY_RECORD));

  if (self->history != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->history);
  g_set_object (&self->history, history);
  if (history != NULL)
    self->items_changed_id = g_signal_connect (history, "items-changed",
                                               G_CALLBACK (on_items_changed_cb), self);

  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
posture_score_chart_get_selected (PostureScoreChart *self)
{
  g_return_val_if_fail (POSTURE_IS_SCORE_CHART (self), -1);
  return self->selected;
}

void
posture_score_chart_set_selected (PostureScoreChart *self,
                                  int                selected)
{
  guint n;

  g_return_if_fail (POSTURE_IS_SCORE_CHART (self));

  n = n_records (self);
  if (selected < 0 || (guint) selected >= n)
    selected = -1;
  if (self->selected == selected)
    return;

  self->selected = selected;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
