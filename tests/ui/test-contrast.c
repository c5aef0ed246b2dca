/* test-contrast.c: secondary text (captions, subtitles, dimmed labels) reads at WCAG AA
 * (4.5:1) in the light and the dark style, on every view, measured on the pixels GTK
 * draws: each such label's own text colour against the background under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "posture-application.h"
#include "posture-ui-test.h"
#include "posture-window.h"

#define AA_RATIO 4.5

/* The classes that make a label secondary text. */
static const char * const secondary_classes[] = {
  "caption", "caption-heading", "dim-label", "subtitle", "caption-text", "detail-summary",
  "score-heading", NULL
};

typedef struct
{
  guchar *pixels;   /* Cairo's ARGB32 (native order), the view drawn on its opaque background */
  gsize   stride;
  int     width;
  int     height;
} Picture;

static double
channel (guint value)
{
  double c = value / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance of the pixel at (x, y). */
static double
luminance (const Picture *picture,
           int            x,
           int            y)
{
  const guchar *p = picture->pixels + y * picture->stride + x * 4;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return 0.2126 * channel (p[2]) + 0.7152 * channel (p[1]) + 0.0722 * channel (p[0]);
#else
  return 0.2126 * channel (p[1]) + 0.7152 * channel (p[2]) + 0.0722 * channel (p[3]);
#endif
}

/* The label's contrast: its background (the luminance most of its box has) against its
 * text (the pixel furthest from that). Antialiasing only lowers the figure. */
static double
measure_contrast (const Picture         *picture,
                  const graphene_rect_t *box)
{
  guint histogram[256] = { 0 };
  int x0 = MAX (0, (int) floorf (box->origin.x));
  int y0 = MAX (0, (int) floorf (box->origin.y));
  int x1 = MIN (picture->width, (int) ceilf (box->origin.x + box->size.width));
  int y1 = MIN (picture->height, (int) ceilf (box->origin.y + box->size.height));
  double background = 0;
  double text;
  guint most = 0;

  if (x1 <= x0 || y1 <= y0)
    return -1;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      histogram[(guint) lround (luminance (picture, x, y) * 255)]++;
  for (guint i = 0; i < 256; i++)
    if (histogram[i] > most)
      {
        most = histogram[i];
        background = i / 255.0;
      }

  text = background;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double l = luminance (picture, x, y);

        if (fabs (l - background) > fabs (text - background))
          text = l;
      }

  return (MAX (text, background) + 0.05) / (MIN (text, background) + 0.05);
}

static void
take_picture (GtkWidget *root,
              Picture   *picture)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (root);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (root));

  /* The paintable holds what the widget drew after it was made: draw a frame. */
  gtk_widget_queue_draw (root);
  gtk_test_widget_wait_for_draw (root);
  posture_test_spin_a_little ();

  picture->width = gtk_widget_get_width (root);
  picture->height = gtk_widget_get_height (root);
  gdk_paintable_snapshot (paintable, snapshot, picture->width, picture->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture =
      gsk_renderer_render_texture (renderer, node,
                                   &GRAPHENE_RECT_INIT (0, 0, picture->width, picture->height));
  picture->stride = picture->width * 4;
  picture->pixels = g_malloc (picture->stride * picture->height);
  gdk_texture_download (texture, picture->pixels, picture->stride);
}

static gboolean
is_secondary (GtkWidget *label)
{
  for (guint i = 0; secondary_classes[i] != NULL; i++)
    if (gtk_widget_has_css_class (label, secondary_classes[i]))
      return TRUE;

  /* A row's subtitle is styled through its parent. */
  return gtk_widget_has_css_class (gtk_widget_get_parent (label), "subtitle");
}

/* Every secondary label drawn under @widget: its contrast, the lowest in *@lowest. */
static void
check_labels (GtkWidget     *widget,
              GtkWidget     *root,
              const Picture *picture,
              const char    *where,
              guint         *n_checked,
              double        *lowest)
{
  if (!gtk_widget_get_child_visible (widget) || !gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && is_secondary (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0' &&
      gtk_widget_get_width (widget) > 0)
    {
      graphene_rect_t box;
      double ratio;

      if (gtk_widget_compute_bounds (widget, root, &box) &&
          box.origin.y >= 0 && box.origin.y + box.size.height <= picture->height &&
          (ratio = measure_contrast (picture, &box)) > 0)
        {
          (*n_checked)++;
          if (ratio < *lowest)
            g_test_message ("%s: lowest so far “%s” at %.2f:1", where,
                            gtk_label_get_text (GTK_LABEL (widget)), ratio);
          *lowest = MIN (*lowest, ratio);
          if (ratio < AA_RATIO)
            g_test_message ("%s: “%s” at %.2f:1", where, gtk_label_get_text (GTK_LABEL (widget)),
                            ratio);
          g_assert_cmpfloat (ratio, >=, AA_RATIO);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels (child, root, picture, where, n_checked, lowest);
}

static gboolean
is_ready (gpointer data)
{
  return !posture_session_get_busy (data) && posture_session_get_assessment (data) != NULL;
}

static void
test_contrast (void)
{
  static const char *const views [] = { "overview", "recommendation", "policies", "module",
                                        "history" };
  static const AdwColorScheme schemes [] = { ADW_COLOR_SCHEME_FORCE_LIGHT,
                                             ADW_COLOR_SCHEME_FORCE_DARK };
  g_autoptr(PostureApplication) app = NULL;
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  PostureWindow *window;
  GtkWidget *content;

  app =
      posture_application_new ("io.github.posture.Posture.TestContrast", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  session = posture_session_new_demo (0, &error);
  g_assert_no_error (error);

  window = g_object_ref (posture_window_new (app));
  g_object_set (window, "session", session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  posture_test_spin_until (is_ready, session, 30);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (style, schemes[s]);

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          g_autofree char *where = g_strdup_printf ("%s, %s", views[v], s == 0 ? "light" : "dark");
          Picture picture = { 0 };
          double lowest = G_MAXDOUBLE;
          guint n_checked = 0;

          posture_test_show_view (GTK_WIDGET (window), views[v]);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
          posture_test_spin_a_little ();

          /* The window draws the background the content lies on. */
          take_picture (GTK_WIDGET (window), &picture);
          check_labels (content, GTK_WIDGET (window), &picture, where, &n_checked, &lowest);
          g_test_message ("%s: %u secondary labels, lowest contrast %.2f:1", where, n_checked,
                          lowest);
          g_assert_cmpuint (n_checked, >, 0);
          g_free (picture.pixels);
        }
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  posture_test_spin_a_little ();
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/contrast/secondary-text", test_contrast);

  return g_test_run ();
}
