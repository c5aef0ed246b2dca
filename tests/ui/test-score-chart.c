/* test-score-chart.c: the score chart renders 0, 1 and 1,000 points, in light and dark,
 * follows the keyboard and summarises the trend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "posture-history.h"
#include "posture-json.h"
#include "posture-score-chart.h"

static PostureHistoryRecord *
record_at (GDateTime *when,
           double     percent)
{
  g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  PostureHistoryRecord *record;

  if (percent < 0)
    text = g_strdup_printf ("{\"assessed_at\":\"%s\",\"percent\":null,\"earned\":0,\"possible\":0}",
                            iso);
  else
    text =
        g_strdup_printf ("{\"assessed_at\":\"%s\",\"percent\":%s,\"earned\":%d,\"possible\":100}",
                         iso, g_ascii_dtostr (buf, sizeof buf, percent), (int) percent);
  node = posture_json_parse (text, strlen (text), 16, &error);
  g_assert_no_error (error);
  record = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  return record;
}

static GListStore *
make_history (guint n)
{
  GListStore *store = g_list_store_new (POSTURE_TYPE_HISTORY_RECORD);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 1, 9, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_hours (start, 6 * i);
      /* A climb with dips; every 97th assessment has no score. */
      double percent =
          i % 97 == 96 ? -1 : CLAMP (20.0 + 70.0 * i / MAX (n, 2) + (i % 7) - 3, 0, 100);
      g_autoptr(PostureHistoryRecord) record = record_at (when, percent);

      g_list_store_append (store, record);
    }
  return store;
}

static GtkWidget *
show_chart (GListModel *history,
            GtkWindow **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = posture_score_chart_new ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  posture_score_chart_set_history (POSTURE_SCORE_CHART (chart), history);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 260);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (chart) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (chart));
  gtk_test_widget_wait_for_draw (chart);

  *out_window = GTK_WINDOW (window);
  return chart;
}

/* The window gives the chart focus when the X server says the window is active, which
 * under load can be long after the first frame: wait for it (2 s at most; without a
 * focus the chart just starts from no point). */
static void
wait_for_focus (GtkWidget *chart)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!gtk_widget_has_focus (chart) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  guint  distinct;
  gulong accentish;   /* pixels close to the accent colour */
} Pixels;

/* Renders the chart with the window's renderer and looks at the pixels. */
static void
render (GtkWidget *chart,
        Pixels    *pixels,
        gint64    *out_usec)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *data = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (chart));
  GdkRGBA accent;
  int width = gtk_widget_get_width (chart);
  int height = gtk_widget_get_height (chart);
  gint64 start = g_get_monotonic_time ();

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (chart), "accent_color",
                                       &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (out_usec)
    *out_usec = g_get_monotonic_time () - start;

  data = g_malloc (width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  memset (pixels, 0, sizeof *pixels);
  for (int i = 0; i < width * height; i++)
    {
      /* GDK_MEMORY_DEFAULT: premultiplied B G R A on little-endian */
      guchar b = data[4 * i], gr = data[4 * i + 1], r = data[4 * i + 2];
      guint32 key = (r << 16) | (gr << 8) | b;

      g_hash_table_add (colours, GUINT_TO_POINTER (key));
      if (ABS (r - accent.red * 255) < 30 && ABS (gr - accent.green * 255) < 30 &&
          ABS (b - accent.blue * 255) < 30)
        pixels->accentish++;
    }
  pixels->distinct = g_hash_table_size (colours);
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
test_score_chart_empty (void)
{
  g_autoptr(GListStore) history = make_history (0);
  g_autofree char *summary = NULL;
  GtkWindow *window = NULL;
  GtkWidget *chart = show_chart (G_LIST_MODEL (history), &window);
  Pixels pixels;

  summary = posture_score_chart_dup_summary (POSTURE_SCORE_CHART (chart));
  g_assert_cmpstr (summary, ==, "No assessment has been recorded yet.");
  g_assert_cmpint (posture_score_chart_get_selected (POSTURE_SCORE_CHART (chart)), ==, -1);
  g_assert_false (press_key (chart, GDK_KEY_Left));

  /* Bands and the "No assessments yet" text are drawn; no line. */
  render (chart, &pixels, NULL);
  g_assert_cmpuint (pixels.distinct, >, 4);

  /* No model at all is the same empty chart. */
  posture_score_chart_set_history (POSTURE_SCORE_CHART (chart), NULL);
  render (chart, &pixels, NULL);

  gtk_window_destroy (window);
}

static void
test_score_chart_one (void)
{
  g_autoptr(GListStore) history = make_history (1);
  g_autofree char *summary = NULL;
  GtkWindow *window = NULL;
  GtkWidget *chart = show_chart (G_LIST_MODEL (history), &window);
  Pixels before, after;

  summary = posture_score_chart_dup_summary (POSTURE_SCORE_CHART (chart));
  g_assert_true (g_str_has_prefix (summary, "One assessment: 17 %, Low, "));
  g_assert_nonnull (strstr (summary, "2026"));

  /* The window gave the chart focus, which shows the latest point: start from none,
   * once the focus has arrived (under load it can come late and select again). */
  wait_for_focus (chart);
  posture_score_chart_set_selected (POSTURE_SCORE_CHART (chart), -1);
  render (chart, &before, NULL);
  g_assert_true (press_key (chart, GDK_KEY_End));
  g_assert_cmpint (posture_score_chart_get_selected (POSTURE_SCORE_CHART (chart)), ==, 0);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (posture_score_chart_get_selected (POSTURE_SCORE_CHART (chart)), ==, 0);
  render (chart, &after, NULL);
  /* The selected point and its value label add pixels of the accent colour. */
  g_assert_cmpuint (after.accentish, >, before.accentish);

  gtk_window_destroy (window);
}

static void
test_score_chart_thousand (void)
{
  g_autoptr(GListStore) history = make_history (1000);
  g_autofree char *summary = NULL;
  GtkWindow *window = NULL;
  GtkWidget *chart = show_chart (G_LIST_MODEL (history), &window);
  PostureScoreChart *self = POSTURE_SCORE_CHART (chart);
  Pixels light, dark;
  gint64 usec = 0;

  summary = posture_score_chart_dup_summary (self);
  g_assert_true (g_str_has_prefix (summary, "1000 assessments, from 17 %, Low, "));
  g_assert_nonnull (strstr (summary, ": up "));
  g_assert_nonnull (strstr (summary, "highest"));

  render (chart, &light, &usec);
  g_test_message ("1,000 points rendered in %.1f ms", usec / 1000.0);
  g_assert_cmpuint (light.accentish, >, 100);

  /* Keyboard: Home, Right, Left, End; Left from nothing starts at the end. */
  posture_score_chart_set_selected (self, -1);
  g_assert_true (press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 999);
  g_assert_true (press_key (chart, GDK_KEY_Home));
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 0);
  g_assert_true (press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 0);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 2);
  g_assert_true (press_key (chart, GDK_KEY_End));
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 999);
  g_assert_false (press_key (chart, GDK_KEY_a));

  /* A point without a score can be selected too. */
  posture_score_chart_set_selected (self, 96);
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 96);
  render (chart, &light, NULL);

  /* Dark style: drawn from the style's colours, still with the line and bands. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (chart);
  render (chart, &dark, NULL);
  g_assert_cmpuint (dark.accentish, >, 100);
  g_assert_cmpuint (dark.distinct, >, 4);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The model shrinking moves the selection back inside it. */
  g_list_store_splice (history, 10, 990, NULL, 0);
  g_assert_cmpint (posture_score_chart_get_selected (self), ==, 9);
  g_clear_pointer (&summary, g_free);
  summary = posture_score_chart_dup_summary (self);
  g_assert_true (g_str_has_prefix (summary, "10 assessments"));

  gtk_window_destroy (window);
}

static void
test_score_chart_finalize (void)
{
  g_autoptr(GListStore) history = make_history (3);
  GtkWidget *chart = posture_score_chart_new ();

  g_object_ref_sink (chart);
  g_object_set (chart, "history", history, "selected", 1, NULL);
  g_assert_cmpint (posture_score_chart_get_selected (POSTURE_SCORE_CHART (chart)), ==, 1);
  posture_score_chart_set_selected (POSTURE_SCORE_CHART (chart), 7);
  g_assert_cmpint (posture_score_chart_get_selected (POSTURE_SCORE_CHART (chart)), ==, -1);
  g_assert_true (posture_score_chart_get_history (POSTURE_SCORE_CHART (chart)) ==
                 G_LIST_MODEL (history));
  g_assert_finalize_object (chart);
  /* The chart let go of the model's signal. */
  g_list_store_remove (history, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/score-chart/empty", test_score_chart_empty);
  g_test_add_func ("/posture/ui/score-chart/one", test_score_chart_one);
  g_test_add_func ("/posture/ui/score-chart/thousand", test_score_chart_thousand);
  g_test_add_func ("/posture/ui/score-chart/finalize", test_score_chart_finalize);

  return g_test_run ();
}
