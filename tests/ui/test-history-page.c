/* test-history-page.c: the list of assessments and what changed between two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "posture-history-page.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-score-chart.h"
#include "posture-ui-test.h"

/* The widget of the page's .ui with this id. */
static gpointer
child (gpointer    widget,
       const char *name)
{
  GtkWidget *found = posture_test_find (GTK_WIDGET (widget), name);

  g_assert_nonnull (found);
  return found;
}

/* The label under @root that holds @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static PostureHistoryRecord *
record_from_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "state", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = posture_json_parse_file (path, 1 << 20, 64, &error);
  PostureHistoryRecord *record;

  g_assert_no_error (error);
  record = posture_history_record_new_from_assessment_json (node, &error);
  g_assert_no_error (error);
  return record;
}

static PostureHistoryRecord *
record_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = posture_json_parse (text, strlen (text), 64, &error);
  PostureHistoryRecord *record;

  g_assert_no_error (error);
  record = posture_history_record_new_from_json (node, &error);
  g_assert_no_error (error);
  return record;
}

/* With POSTURE_SCREENSHOT_DIR set, saves what the page looks like (for review). */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("POSTURE_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* Let the stack's transition and resizes finish. */
  {
    GtkStack *stack = child (gtk_window_get_child (GTK_WINDOW (widget)), "history_stack");
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while ((gtk_stack_get_transition_running (stack) ||
            g_get_monotonic_time () < until - 4 * G_USEC_PER_SEC) &&
           g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  gtk_test_widget_wait_for_draw (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static GtkWidget *
show_page (GtkWindow **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = posture_history_page_new ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (page));
  *out_window = GTK_WINDOW (window);
  return page;
}

static void
test_history_page_states (void)
{
  g_autoptr(GListStore) store = g_list_store_new (POSTURE_TYPE_HISTORY_RECORD);
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  GtkWindow *window = NULL;
  GtkWidget *page = show_page (&window);
  const char *summary;

  /* Nothing: the empty state. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "history_stack")), ==, "empty");
  posture_history_page_set_history (POSTURE_HISTORY_PAGE (page), G_LIST_MODEL (store));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "history_stack")), ==, "empty");

  /* One: the list, no comparison yet. */
  g_list_store_append (store, r1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "history_stack")), ==, "history");
  g_assert_cmpuint (count_rows (child (page, "records_list")), ==, 1);
  g_assert_false (gtk_widget_is_visible (child (page, "from_row")));
  g_assert_nonnull (
      strstr (gtk_label_get_label (child (page, "summary_label")), "Assess the tenant again"));
  g_assert_true (posture_score_chart_get_history (child (page, "chart")) == G_LIST_MODEL (store));

  /* Two: the latest against the one before, named for people. */
  g_list_store_append (store, r2);
  g_assert_cmpuint (count_rows (child (page, "records_list")), ==, 2);
  g_assert_true (gtk_widget_is_visible (child (page, "from_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (page, "from_row")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (child (page, "to_row")), ==, 1);
  summary = gtk_label_get_label (child (page, "summary_label"));
  g_assert_nonnull (strstr (summary, "Score 40 % → 64 %, up 24 points."));
  g_assert_nonnull (strstr (summary, "1 control regressed, 1 improved."));
  g_assert_cmpuint (count_rows (child (page, "changes_list")), ==, 11);
  {
    AdwActionRow *first =
        ADW_ACTION_ROW (gtk_widget_get_first_child (child (page, "changes_list")));

    g_assert_cmpstr (adw_action_row_get_subtitle (first), ==,
                     "Regressed: Passing → Partly passing (2 of 2 → 1 of 2 points)");
  }

  maybe_screenshot (GTK_WIDGET (window), "history-page-360.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (window, 800, 900);
  maybe_screenshot (GTK_WIDGET (window), "history-page-800-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The other way round, chosen with the combo rows. */
  adw_combo_row_set_selected (child (page, "from_row"), 1);
  adw_combo_row_set_selected (child (page, "to_row"), 0);
  summary = gtk_label_get_label (child (page, "summary_label"));
  g_assert_nonnull (strstr (summary, "down 24 points"));

  /* Activating the newest row compares it with the one before. */
  g_signal_emit_by_name (child (page, "records_list"), "row-activated",
                         gtk_widget_get_first_child (child (page, "records_list")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (page, "from_row")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (child (page, "to_row")), ==, 1);

  posture_history_page_compare (POSTURE_HISTORY_PAGE (page), 1, 1);
  g_assert_nonnull (
      strstr (gtk_label_get_label (child (page, "summary_label")), "nothing changed"));
  g_assert_false (gtk_widget_get_visible (child (page, "changes_list")));

  gtk_window_destroy (window);
}

static void
test_history_page_large (void)
{
  g_autoptr(GListStore) store = g_list_store_new (POSTURE_TYPE_HISTORY_RECORD);
  g_autoptr (GString) big_old =
      g_string_new ("{\"assessed_at\":\"2026-01-01T00:00:00Z\",\"percent\":50,"
                    "\"earned\":500,\"possible\":1000,\"controls\":[{\"id\":\"auditing\","
                    "\"status\":\"partial\",\"earned\":500,\"possible\":1000,\"failing\":[");
  g_autoptr(GString) big_new = NULL;
  GtkWindow *window = NULL;
  GtkWidget *page = show_page (&window);
  gint64 start;

  /* 150 assessments: the list shows the newest 100 and says how many more. */
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *text =
          g_strdup_printf ("{\"assessed_at\":\"2026-02-%02uT%02u:00:00Z\",\"percent\":%u,"
                           "\"earned\":%u,\"possible\":100}",
                           1 + i / 24, i % 24, i % 100, i % 100);
      g_autoptr(PostureHistoryRecord) record = record_text (text);

      g_list_store_append (store, record);
    }
  start = g_get_monotonic_time ();
  posture_history_page_set_history (POSTURE_HISTORY_PAGE (page), G_LIST_MODEL (store));
  g_test_message ("150 records shown in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (count_rows (child (page, "records_list")), ==, 100);
  g_assert_nonnull (find_label (page, "50 older assessments"));

  /* A diff of 1,000 environments: 200 rows, and the rest counted. */
  big_new = g_string_new (big_old->str);
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (big_old, "%s\"env-%u\"", i ? "," : "", i);
  for (guint i = 500; i < 1000; i++)
    g_string_append_printf (big_new, "%s\"env-%u\"", i > 500 ? "," : "", i);
  g_string_append (big_old, "]}]}");
  g_string_append (big_new, "]}]}");
  g_string_replace (big_new, "2026-01-01", "2026-01-02", 1);
  {
    g_autoptr(PostureHistoryRecord) a = record_text (big_old->str);
    g_autoptr(PostureHistoryRecord) b = record_text (big_new->str);
    g_autoptr(GListStore) pair = g_list_store_new (POSTURE_TYPE_HISTORY_RECORD);

    g_list_store_append (pair, a);
    g_list_store_append (pair, b);
    posture_history_page_set_history (POSTURE_HISTORY_PAGE (page), G_LIST_MODEL (pair));
    g_assert_cmpuint (count_rows (child (page, "changes_list")), ==, 200);
    g_assert_nonnull (find_label (page, "800 more changes"));
  }

  gtk_window_destroy (window);
}

static void
test_history_page_live (void)
{
  g_autoptr(PostureHistory) history = posture_history_new ("live");
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  g_autoptr(PostureHistoryRecord) r2 = record_from_fixture ("assessment-2.json");
  g_autoptr(GError) error = NULL;
  GtkWindow *window = NULL;
  GtkWidget *page = show_page (&window);

  /* Bound to a PostureHistory: an append after a refresh shows at once. */
  g_object_set (page, "history", history, NULL);
  g_assert_true (posture_history_append (history, r1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (child (page, "records_list")), ==, 1);
  g_assert_true (posture_history_append (history, r2, NULL, &error));
  g_assert_cmpuint (count_rows (child (page, "changes_list")), ==, 11);
  g_assert_true (posture_history_page_get_history (POSTURE_HISTORY_PAGE (page)) ==
                 G_LIST_MODEL (history));

  gtk_window_destroy (window);
}

static void
test_history_page_finalize (void)
{
  g_autoptr(GListStore) store = g_list_store_new (POSTURE_TYPE_HISTORY_RECORD);
  g_autoptr(PostureHistoryRecord) r1 = record_from_fixture ("assessment-1.json");
  GtkWidget *page = posture_history_page_new ();

  g_object_ref_sink (page);
  posture_history_page_set_history (POSTURE_HISTORY_PAGE (page), G_LIST_MODEL (store));
  g_assert_finalize_object (page);
  /* The page let go of the model's signal. */
  g_list_store_append (store, r1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("posture-history-page-XXXXXX", NULL);
  int status;

  /* Only the data folder is private (isolating every XDG folder would hide the icon
   * theme in /usr/share). */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/history-page/states", test_history_page_states);
  g_test_add_func ("/posture/ui/history-page/large", test_history_page_large);
  g_test_add_func ("/posture/ui/history-page/live", test_history_page_live);
  g_test_add_func ("/posture/ui/history-page/finalize", test_history_page_finalize);

  status = g_test_run ();

  {
    g_autofree char *history =
        g_build_filename (data_home, "posture", "history", "live.json", NULL);
    g_autofree char *lock = g_strconcat (history, ".lock", NULL);
    g_autofree char *folder = g_path_get_dirname (history);
    g_autofree char *posture = g_path_get_dirname (folder);

    g_remove (history);
    g_remove (lock);
    g_rmdir (folder);
    g_rmdir (posture);
    g_rmdir (data_home);
  }
  return status;
}
