/* test-app-views.c: the Overview, Recommendations and History against the demo tenant,
 * read through their widgets: the score is the engine's, the list is the engine's
 * recommendations in its order, the control shown stays shown (what-if, decisions,
 * fixes, filters), a fix says in one toast what it moved, Reset Demo asks and starts
 * the history again, what changed after a reading, read errors, and every object
 * finalizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "posture-api-paths.h"
#include "posture-application.h"
#include "posture-control-row.h"
#include "posture-demo-server.h"
#include "posture-diff.h"
#include "posture-engine.h"
#include "posture-fix-dialog.h"
#include "posture-fix-step.h"
#include "posture-history.h"
#include "posture-history-page.h"
#include "posture-labels.h"
#include "posture-policies-page.h"
#include "posture-preferences-window.h"
#include "posture-recommendations-page.h"
#include "posture-training-page.h"
#include "posture-ui-test.h"
#include "posture-window.h"

typedef struct
{
  PostureApplication *app;
  PostureWindow      *window;
  PostureSession     *session;
} Fixture;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
switch_is_active (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
switch_is_inactive (gpointer data)
{
  return !gtk_switch_get_active (data);
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
is_idle (gpointer data)
{
  return !posture_session_get_busy (data);
}

static gboolean
has_history (gpointer data)
{
  return g_list_model_get_n_items (posture_session_get_history (data)) >= 1;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
assessment_changed (gpointer data)
{
  gpointer *pair = data;

  return !posture_session_get_busy (pair[0]) && posture_session_get_assessment (pair[0]) != pair[1];
}

static void
wait_for_new_assessment (PostureSession *session)
{
  gpointer pair[2] = { session, posture_session_get_assessment (session) };

  posture_test_spin_until (assessment_changed, pair, 30);
}

static const char *const bound_pages [] = { "overview_page", "recommendations_page",
                                            "history_page" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.posture.Posture.TestViews%u", ++counter);
  const char *faults = user_data;

  fixture->app = posture_application_new (id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  fixture->session = posture_session_new_demo (0, &error);
  g_assert_no_error (error);
  if (faults != NULL)
    {
      posture_demo_server_set_faults (posture_session_get_demo_server (fixture->session), faults,
                                      &error);
      g_assert_no_error (error);
    }

  fixture->window = g_object_ref (posture_window_new (fixture->app));
  g_object_set (fixture->window, "session", fixture->session, NULL);

  /* The views follow the window's session through bindings in its .ui. */
  for (guint i = 0; i < G_N_ELEMENTS (bound_pages); i++)
    {
      g_autoptr(PostureSession) bound = NULL;
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                     POSTURE_TYPE_WINDOW, bound_pages[i]);

      g_object_get (page, "session", &bound, NULL);
      g_assert_true (bound == fixture->session);
    }

  gtk_window_present (GTK_WINDOW (fixture->window));
  posture_test_spin_until (is_mapped, fixture->window, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (posture_session_get_busy (fixture->session));
  posture_test_spin_until (is_idle, fixture->session, 30);
  posture_test_spin_a_little ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *dialog;

  while ((dialog = posture_test_find_window (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  posture_test_spin_a_little ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->session);
  /* GtkApplication keeps internal references after registration (as in test-window). */
  g_object_unref (fixture->app);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = posture_test_find (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static PostureAssessment *
assessment (Fixture *fixture)
{
  return posture_session_get_assessment (fixture->session);
}

static PostureControlResult *
shown_result (Fixture *fixture)
{
  return posture_recommendations_page_get_result (
      POSTURE_RECOMMENDATIONS_PAGE (find (fixture, "recommendations_page")));
}

static guint
n_rows (GtkWidget *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), (int) n) != NULL)
    n++;
  return n;
}

static const char *
row_control_id (GtkWidget *list_box,
                guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), (int) index);

  return posture_control_result_get_id (posture_control_row_get_result (POSTURE_CONTROL_ROW (row)));
}

/* The labels under @root holding @text, as a person reading the screen would find them. */
static guint
count_labels_with (GtkWidget  *root,
                   const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels_with (child, text);
  return n;
}

/* The toasts on screen holding @text. */
static guint
count_toasts_with (Fixture    *fixture,
                   const char *text)
{
  GtkWidget *overlay = find (fixture, "toasts");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      n += count_labels_with (child, text) > 0;
  return n;
}

/* No visible label under @root ends in "…". */
static void
assert_not_ellipsized (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_not_ellipsized (child);
}

/* Every toast on screen says all it has to say. */
static void
assert_toasts_whole (Fixture *fixture)
{
  GtkWidget *overlay = find (fixture, "toasts");

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      assert_not_ellipsized (child);
}

static const char *
label_text (Fixture    *fixture,
            const char *id)
{
  return gtk_label_get_text (GTK_LABEL (find (fixture, id)));
}

static void
select_dropdown (Fixture    *fixture,
                 const char *id,
                 const char *value)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (fixture, id));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        posture_test_spin_a_little ();
        return;
      }

  g_assert_not_reached ();
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  user_data)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureAssessment) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *when = NULL;
  GListModel *recommendations;
  GtkWidget *top_list;
  PostureScore score;

  /* The Overview shows the engine's score for the same snapshot, the level in words. */
  engine =
      posture_engine_assess (posture_session_get_snapshot (fixture->session), &options, &error);
  g_assert_no_error (error);
  posture_assessment_get_score (engine, &score);
  expected = posture_format_percent (score.percent);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "overview_stack"))),
                   ==, "content");
  g_assert_cmpstr (label_text (fixture, "percent_label"), ==, expected);
  g_assert_cmpstr (label_text (fixture, "level_label"), ==, posture_level_label (score.level));
  g_assert_true (gtk_widget_has_css_class (find (fixture, "level_label"),
                                           posture_level_css_class (score.level)));

  /* The one date format: the reading's time as the labels module writes it. */
  when = posture_format_date_time (posture_assessment_get_captured_at (assessment (fixture)));
  g_assert_nonnull (strstr (label_text (fixture, "read_label"), when));

  /* The top recommendations are the engine's first five, in its order. */
  recommendations = posture_assessment_get_recommendations (assessment (fixture));
  top_list = find (fixture, "top_list");
  g_assert_cmpuint (n_rows (top_list), ==, MIN (5, g_list_model_get_n_items (recommendations)));
  for (guint i = 0; i < n_rows (top_list); i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);

      g_assert_cmpstr (row_control_id (top_list, i), ==, posture_control_result_get_id (result));
    }

  /* Choosing one opens it in Recommendations. */
  g_signal_emit_by_name (top_list, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (top_list), 1));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "recommendations");
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==,
                   row_control_id (top_list, 1));

  /* Alt+1's action leaves no button focused, so that a stray Enter does nothing. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "overview"));
  g_assert_null (gtk_window_get_focus (GTK_WINDOW (fixture->window)));
}

static void
test_recommendations (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GListModel *recommendations = posture_assessment_get_recommendations (assessment (fixture));
  guint n_controls =
      g_list_model_get_n_items (posture_assessment_get_controls (assessment (fixture)));
  GtkWidget *list_box = find (fixture, "list_box");
  g_autoptr(PostureControlResult) first = g_list_model_get_item (recommendations, 0);

  /* The list is the engine's recommendations, in its order; the first is shown. */
  g_assert_cmpuint (g_list_model_get_n_items (recommendations), >, 0);
  g_assert_cmpuint (n_rows (list_box), ==, g_list_model_get_n_items (recommendations));
  for (guint i = 0; i < n_rows (list_box); i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);

      g_assert_cmpstr (row_control_id (list_box, i), ==, posture_control_result_get_id (result));
    }
  g_assert_true (shown_result (fixture) == first);

  /* "All controls": every control, the recommendations still on top. */
  select_dropdown (fixture, "show_dropdown", "*");
  g_assert_cmpuint (n_rows (list_box), ==, n_controls);
  g_assert_cmpstr (row_control_id (list_box, 0), ==, posture_control_result_get_id (first));

  /* Severity: only high. */
  select_dropdown (fixture, "severity_dropdown", "high");
  g_assert_cmpuint (n_rows (list_box), >, 0);
  for (guint i = 0; i < n_rows (list_box); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), (int) i);
      PostureControlResult *result = posture_control_row_get_result (POSTURE_CONTROL_ROW (row));

      g_assert_cmpint (posture_control_get_severity (posture_control_result_get_control (result)),
                       ==, POSTURE_SEVERITY_HIGH);
    }
  select_dropdown (fixture, "severity_dropdown", "*");

  /* A search narrows; one that matches nothing says so, and the control stays shown. */
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "search_entry")), "isolation");
  posture_test_spin_a_little ();
  g_assert_cmpuint (n_rows (list_box), >=, 1);
  g_assert_cmpuint (n_rows (list_box), <, 4);
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "search_entry")),
                         "no control is called this");
  posture_test_spin_a_little ();
  g_assert_cmpuint (n_rows (list_box), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "list_stack"))), ==,
                   "no-match");
  g_assert_true (shown_result (fixture) == first);

  /* Ctrl+F searches the view in front. */
  posture_window_set_view (fixture->window, "recommendations");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_widget_is_focus (find (fixture, "search_entry")) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                         find (fixture, "search_entry")));
  posture_window_set_view (fixture->window, "history");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "history");
  posture_window_set_view (fixture->window, "training");
  posture_test_spin_a_little ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "training");
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                             GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                         find (fixture, "training_page")));

  /* The detail lists the resources, failing first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-recommendation", "s", "auditing"));
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==, "auditing");
  g_assert_cmpuint (n_rows (find (fixture, "resources_list")), ==,
                    MIN (50, posture_control_result_get_n_resources (shown_result (fixture))));
  /* The filters were cleared to show its row. */
  g_assert_cmpuint (n_rows (list_box), ==, n_controls);
}

static gboolean
label_differs (gpointer data)
{
  gpointer *args = data;   /* label, text */

  return g_strcmp0 (gtk_label_get_text (args[0]), args[1]) != 0;
}

/* The shown control stays shown, in its new state, through what-if, decisions and
 * fixes; the decision drop-down keeps what was chosen (it used to snap back). */
static void
test_steady_selection (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GListModel *recommendations = posture_assessment_get_recommendations (assessment (fixture));
  g_autoptr(PostureControlResult) second = g_list_model_get_item (recommendations, 1);
  g_autofree char *id = g_strdup (posture_control_result_get_id (second));
  g_autofree char *before_text = NULL;
  GtkWidget *list_box = find (fixture, "list_box");
  AdwComboRow *decision_row = ADW_COMBO_ROW (find (fixture, "decision_row"));
  PostureDecision *decision;

  posture_window_set_view (fixture->window, "recommendations");
  g_signal_emit_by_name (list_box, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 1));
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==, id);

  /* Simulate as Fixed: the projected score moves (once projected), the control stays. */
  before_text = g_strdup (label_text (fixture, "projected_label"));
  gtk_switch_set_active (GTK_SWITCH (find (fixture, "what_if_switch")), TRUE);
  g_assert_true (posture_session_get_what_if (fixture->session, id));
  {
    gpointer args[2] = { find (fixture, "projected_label"), before_text };

    posture_test_spin_until (label_differs, args, 20);
  }
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==, id);
  gtk_switch_set_active (GTK_SWITCH (find (fixture, "what_if_switch")), FALSE);
  posture_test_spin_a_little ();
  g_assert_cmpstr (label_text (fixture, "projected_label"), ==, before_text);

  /* Planned, chosen in the drop-down: it sticks, to this control. */
  adw_combo_row_set_selected (decision_row, POSTURE_DECISION_PLANNED);
  wait_for_new_assessment (fixture->session);
  posture_test_spin_a_little ();
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==, id);
  decision = posture_control_result_get_decision (shown_result (fixture));
  g_assert_nonnull (decision);
  g_assert_cmpint (posture_decision_get_status (decision), ==, POSTURE_DECISION_PLANNED);
  g_assert_cmpuint (adw_combo_row_get_selected (decision_row), ==, POSTURE_DECISION_PLANNED);
  g_assert_true (shown_result (fixture) == posture_assessment_lookup (assessment (fixture), id));
  g_assert_true (POSTURE_CONTROL_ROW (gtk_list_box_get_selected_row (GTK_LIST_BOX (list_box))) !=
                 NULL);
  g_assert_cmpstr (posture_control_result_get_id (
                       posture_control_row_get_result (POSTURE_CONTROL_ROW (
                           gtk_list_box_get_selected_row (GTK_LIST_BOX (list_box))))),
                   ==, id);

  /* Alternate mitigation resolves it: it leaves the to-do list, and stays on screen. */
  adw_combo_row_set_selected (decision_row, POSTURE_DECISION_ALTERNATE_MITIGATION);
  wait_for_new_assessment (fixture->session);
  posture_test_spin_a_little ();
  g_assert_cmpstr (posture_control_result_get_id (shown_result (fixture)), ==, id);
  g_assert_cmpuint (adw_combo_row_get_selected (decision_row), ==,
                    POSTURE_DECISION_ALTERNATE_MITIGATION);
  for (guint i = 0; i < n_rows (list_box); i++)
    g_assert_cmpstr (row_control_id (list_box, i), !=, id);

  /* "Resolved by a decision" lists it. */
  select_dropdown (fixture, "show_dropdown", "resolved");
  g_assert_cmpuint (n_rows (list_box), ==, 1);
  g_assert_cmpstr (row_control_id (list_box, 0), ==, id);
  select_dropdown (fixture, "show_dropdown", "recommended");

  /* Next Recommendation (Ctrl+N): from a control that left the list, the one that came
   * after it (now in its place), then the one after that. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-recommendation", NULL));
  {
    GListModel *now = posture_assessment_get_recommendations (assessment (fixture));
    g_autoptr(PostureControlResult) in_its_place = g_list_model_get_item (now, 1);
    g_autoptr(PostureControlResult) after_that = g_list_model_get_item (now, 2);

    g_assert_true (shown_result (fixture) == in_its_place);
    g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-recommendation", NULL));
    g_assert_true (shown_result (fixture) == after_that);
  }
}

static GtkWindow *
wait_for_dialog (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWindow *dialog;

  while ((dialog = posture_test_find_window (type, NULL)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
dialog_is_done (gpointer data)
{
  GtkWidget *stack = posture_test_find (data, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "done") == 0;
}

static void
fix (Fixture    *fixture,
     const char *control_id)
{
  GtkWindow *dialog;
  PostureFixPlan *plan;

  /* Ctrl+Return on the control shown: the plan first; Fix writes, follows the service,
   * reads back, then the tenant is read again; every resource has its outcome. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-recommendation", "s", control_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.fix-shown", NULL));
  dialog = wait_for_dialog (POSTURE_TYPE_FIX_DIALOG);
  g_assert_cmpstr (posture_fix_dialog_get_control_id (POSTURE_FIX_DIALOG (dialog)), ==, control_id);
  plan = posture_fix_dialog_get_plan (POSTURE_FIX_DIALOG (dialog));
  g_assert_nonnull (plan);
  g_assert_cmpuint (posture_fix_plan_get_n_changes (plan), >, 0);
  g_assert_cmpuint (n_rows (posture_test_find (GTK_WIDGET (dialog), "changes_list")), ==,
                    posture_fix_plan_get_n_changes (plan));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "fix.run", NULL));
  g_assert_true (posture_session_get_busy (fixture->session));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                       GTK_STACK (posture_test_find (GTK_WIDGET (dialog), "stack"))),
                   ==, "running");
  g_assert_false (gtk_widget_is_sensitive (posture_test_find (GTK_WIDGET (dialog), "fix_button")));
  posture_test_spin_until (dialog_is_done, dialog, 60);
  posture_test_spin_until (is_idle, fixture->session, 30);
  g_assert_cmpuint (posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_VERIFIED) +
                    posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_PENDING), ==,
                    posture_fix_plan_get_n_changes (plan));
  g_assert_cmpuint (n_rows (posture_test_find (GTK_WIDGET (dialog), "outcomes_list")), ==,
                    g_list_model_get_n_items (posture_fix_plan_get_steps (plan)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  posture_test_spin_a_little ();
}

static gboolean
projection_moved (gpointer data)
{
  gpointer *args = data;   /* session, earned before as text */
  g_autofree char *earned = NULL;
  PostureScore projected;

  posture_session_get_projected_score (args[0], &projected);
  earned = g_strdup_printf ("%u", projected.earned);
  return g_strcmp0 (earned, args[1]) != 0;
}

static void
test_fix (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *title = NULL;
  PostureControlResult *result;
  PostureScore before;
  PostureScore after;

  posture_assessment_get_score (assessment (fixture), &before);
  fix (fixture, "trial-env-creation-admins-only");

  /* The control shown is the one fixed, now passing. */
  result = posture_assessment_lookup (assessment (fixture), "trial-env-creation-admins-only");
  g_assert_cmpint (posture_control_result_get_status (result), ==, POSTURE_STATUS_PASS);
  g_assert_true (shown_result (fixture) == result);
  posture_assessment_get_score (assessment (fixture), &after);
  g_assert_cmpuint (after.earned, >, before.earned);
  g_assert_false (posture_session_can_fix (fixture->session, "trial-env-creation-admins-only"));

  /* One toast names it, with the score before and after. */
  {
    g_autofree char *from = posture_format_percent (before.percent);
    g_autofree char *to = posture_format_percent (after.percent);
    g_autofree char *scores = g_strdup_printf ("%s → %s", from, to);

    g_assert_cmpuint (count_toasts_with (fixture, posture_control_get_title (
                                                      posture_control_result_get_control (result))),
                      ==, 1);
    g_assert_cmpuint (count_toasts_with (fixture, scores), ==, 1);
  }

  /* A second fix replaces that toast: one on screen, never an older score. */
  title = g_strdup (posture_control_get_title (posture_control_result_get_control (result)));
  fix (fixture, "share-with-everyone-disabled");
  posture_test_spin_a_little ();
  g_assert_cmpuint (count_toasts_with (fixture, "“"), ==, 1);
  g_assert_cmpuint (count_toasts_with (fixture, title), ==, 0);

  /* The what-if is exact: simulating the DLP baseline projects what fixing it gives,
   * its side effects on the other data-policy controls included. */
  {
    PostureScore projected;
    PostureScore fixed;
    gpointer args[2];
    g_autofree char *before_projection = NULL;

    posture_session_get_projected_score (fixture->session, &projected);
    before_projection = g_strdup_printf ("%u", projected.earned);
    posture_session_set_what_if (fixture->session, "dlp-tenant-policy", TRUE);
    args[0] = fixture->session;
    args[1] = before_projection;
    posture_test_spin_until (projection_moved, args, 30);
    posture_session_get_projected_score (fixture->session, &projected);
    posture_session_set_what_if (fixture->session, "dlp-tenant-policy", FALSE);

    fix (fixture, "dlp-tenant-policy");
    posture_assessment_get_score (assessment (fixture), &fixed);
    g_assert_cmpuint (projected.earned, ==, fixed.earned);
    g_assert_cmpuint (projected.possible, ==, fixed.possible);
  }

  /* Not remediable through the API: no dialog. */
  g_assert_false (posture_session_can_fix (fixture->session, "customer-managed-key"));
  g_assert_null (
      posture_fix_dialog_new (GTK_WINDOW (fixture->window), fixture->session, "no-such-control"));
}

static void
test_reset_demo (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWindow *dialog;
  PostureScore fixed;
  PostureScore reset;

  posture_test_spin_until (has_history, fixture->session, 10);
  fix (fixture, "trial-env-creation-admins-only");
  posture_session_set_what_if (fixture->session, "tenant-isolation", TRUE);
  posture_assessment_get_score (assessment (fixture), &fixed);

  /* Reset Demo asks first; Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reset-demo", NULL));
  dialog = wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  g_assert_false (posture_session_get_busy (fixture->session));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reset-demo", NULL));
  dialog = wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reset");
  gtk_window_destroy (dialog);
  wait_for_new_assessment (fixture->session);
  posture_test_spin_until (is_idle, fixture->session, 30);
  posture_test_spin_until (has_history, fixture->session, 10);
  posture_test_spin_a_little ();

  /* The seed again, no simulated fix, a history of one reading, and no stale toast. */
  posture_assessment_get_score (assessment (fixture), &reset);
  g_assert_cmpuint (reset.earned, <, fixed.earned);
  g_assert_false (posture_session_get_what_if (fixture->session, "tenant-isolation"));
  g_assert_cmpuint (g_list_model_get_n_items (posture_session_get_history (fixture->session)), ==,
                    1);
  g_assert_cmpuint (count_toasts_with (fixture, "“"), ==, 0);
  g_assert_cmpuint (count_toasts_with (fixture, "starting point"), ==, 1);
}

/* A stand-in for the desktop's notification service: GIO's "gtk" notification backend
 * talks to whoever owns org.gtk.Notifications on the session bus, so the test owns it
 * and records what the app sends. */
static const char notifications_xml [] =
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='a{sv}' direction='in'/></method>"
    "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' "
    "direction='in'/></method>"
    "</interface></node>";
static GPtrArray *notifications;  /* "id: title" */
static gboolean   notifications_owned;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = NULL;
      const char *id = NULL;
      const char *title = "";

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, &id, &notification);
      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (notifications, g_strdup_printf ("%s: %s", id, title));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_bus_acquired_cb (GDBusConnection *connection,
                               const char      *name,
                               gpointer         user_data)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);

  g_dbus_connection_register_object (connection, "/org/gtk/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, NULL);
}

static void
notifications_name_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  notifications_owned = TRUE;
}

static void
notifications_lost_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

typedef struct
{
  GListModel *history;
  guint       n_items;
} HistoryWait;

static gboolean
history_grew (gpointer data)
{
  HistoryWait *wait = data;

  return g_list_model_get_n_items (wait->history) > wait->n_items;
}

static void
settings_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Writes @setting = false through the tenant's own API (updateTenantSettings takes the
 * members that change), as an admin would elsewhere. */
static void
weaken_setting (PostureSession *session,
                const char     *setting)
{
  PostureDemoServer *server = posture_session_get_demo_server (session);
  g_autofree char *token = posture_demo_server_mint_access_token (server,
                                                                  "https://service.powerapps.com",
                                                                  600);
  g_autofree char *uri = g_strconcat (posture_demo_server_get_base_uri (server),
                                      POSTURE_API_UPDATE_TENANT_SETTINGS, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *json = g_strdup_printf ("{\"%s\":false}", setting);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);
  gboolean done = FALSE;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_session_send_and_read_async (soup, message, G_PRIORITY_DEFAULT, NULL,
                                    settings_written_cb, &done);
  posture_test_spin_until (is_true, &done, 20);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
}

/* After a fix, what changed compares the fix's reading with the one before; after
 * someone weakens the tenant elsewhere, the next reading shows the regression in the
 * History view and, the window being in the background, as a desktop notification. */
static void
test_what_changed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  HistoryWait wait = { posture_session_get_history (fixture->session), 0 };
  PostureHistoryPage *history_page = POSTURE_HISTORY_PAGE (find (fixture, "history_page"));
  PostureDiff *diff;

  posture_test_spin_until (has_history, fixture->session, 10);
  g_ptr_array_set_size (notifications, 0);

  /* One record per reading, even two within a second (the fixture's and the fix's). */
  wait.n_items = g_list_model_get_n_items (wait.history);
  fix (fixture, "trial-env-creation-admins-only");
  posture_test_spin_until (history_grew, &wait, 20);
  posture_test_spin_a_little ();

  /* The History view compares the latest reading with the one before it. */
  diff = posture_history_page_get_diff (history_page);
  g_assert_nonnull (diff);
  g_assert_cmpuint (posture_diff_get_n_improved (diff), >=, 1);
  g_assert_cmpuint (posture_diff_get_n_regressed (diff), ==, 0);
  g_assert_cmpfloat (posture_diff_get_score_delta (diff), >, 0.0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, "to_row"))), ==,
                    g_list_model_get_n_items (wait.history) - 1);
  g_assert_cmpuint (n_rows (find (fixture, "changes_list")), >=, 1);

  /* Someone turns the setting off again in the admin center. */
  wait.n_items = g_list_model_get_n_items (wait.history);
  weaken_setting (fixture->session, "disableTrialEnvironmentCreationByNonAdminUsers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  posture_test_spin_until (is_idle, fixture->session, 30);
  posture_test_spin_until (history_grew, &wait, 20);
  posture_test_spin_a_little ();

  diff = posture_history_page_get_diff (history_page);
  g_assert_nonnull (diff);
  g_assert_cmpuint (posture_diff_get_n_regressed (diff), >=, 1);
  g_assert_cmpfloat (posture_diff_get_score_delta (diff), <, 0.0);
  /* The fix's toast gives way to this one; its widget stays while it animates out. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       count_toasts_with (fixture, "→") > 1 && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_toasts_with (fixture, "→"), ==, 1);

  /* The toast's Details button goes to the History view. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "history"));
  g_assert_cmpstr (posture_window_get_view (fixture->window), ==, "history");

  /* The window is not in front here (no window manager under Xvfb), so the regression,
   * and only it, reached the desktop as a notification. */
  if (!notifications_owned)
    {
      g_test_skip ("No session bus to stand in for the notification service on: the "
                   "desktop notification was not checked");
      return;
    }
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (notifications->len == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (notifications->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==,
                     "posture-regressed: Security Posture Regressed");
  }
}

/* Ctrl+F, then typing, on each view with a search: the keys go through X and GDK, the
 * view's own search field takes them, and its list model narrows. */
typedef struct
{
  const char *keys;       /* the view's shortcut */
  const char *view;
  const char *page;       /* the page's id in the window's .ui */
  GType     (*type) (void);
  const char *models[6];  /* the page's filtered models (their items are counted) */
  const char *query;
} SearchCase;

static const SearchCase search_cases[] = {
  { "alt+2", "recommendations", "recommendations_page", posture_recommendations_page_get_type,
    { "filtered" }, "isolation" },
  /* An environment's name: the policies that list it stay. */
  { "alt+3", "policies", "policies_page", posture_policies_page_get_type,
    { "identity_model", "data_protection_model", "identity_access_model", "network_model",
      "compliance_model", "threat_detection_model" }, "field service" },
  { "alt+4", "training", "training_page", posture_training_page_get_type,
    { "filtered" }, "guest" },
};

static guint
count_items (GtkWidget        *page,
             const SearchCase *search)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (search->models) && search->models[i] != NULL; i++)
    n += g_list_model_get_n_items (
        G_LIST_MODEL (gtk_widget_get_template_child (page, search->type (), search->models [i])));
  return n;
}

typedef struct
{
  GtkWidget        *page;
  const SearchCase *search;
  guint             n;
} Narrowed;

static gboolean
is_narrowed (gpointer data)
{
  Narrowed *narrowed = data;

  return count_items (narrowed->page, narrowed->search) < narrowed->n;
}

static gboolean
is_back_to (gpointer data)
{
  Narrowed *narrowed = data;

  return count_items (narrowed->page, narrowed->search) == narrowed->n;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      const SearchCase *search = &search_cases[i];
      GtkWidget *page = find (fixture, search->page);
      GtkWidget *focus;
      GtkWidget *entry;
      Narrowed narrowed = { page, search, 0 };
      guint n_after;

      g_test_message ("search in %s", search->view);
      posture_test_press (window, search->keys, NULL);
      g_assert_cmpstr (posture_window_get_view (fixture->window), ==, search->view);
      narrowed.n = count_items (page, search);
      g_assert_cmpuint (narrowed.n, >, 1);

      posture_test_press (window, "ctrl+f", NULL);
      focus = gtk_window_get_focus (window);
      g_assert_nonnull (focus);
      entry = GTK_IS_SEARCH_ENTRY (focus) ? focus :
                                            gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
      g_assert_nonnull (entry);
      g_assert_true (gtk_widget_is_ancestor (entry, page));
      g_assert_true (gtk_widget_is_drawable (entry));

      posture_test_type (window, search->query);
      /* The last keys can be handled a little after xdotool has sent them. */
      for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
           g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), search->query) != 0 &&
           g_get_monotonic_time () < deadline;)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, search->query);
      posture_test_spin_until (is_narrowed, &narrowed, 5);
      n_after = count_items (page, search);
      g_test_message ("%s: %u → %u", search->view, narrowed.n, n_after);
      g_assert_cmpuint (n_after, >, 0);

      /* What the Policies search kept lists the environment. */
      if (g_str_equal (search->view, "policies"))
        {
          for (guint m = 0; m < G_N_ELEMENTS (search->models) && search->models[m] != NULL; m++)
            {
              GListModel *model = G_LIST_MODEL (
                  gtk_widget_get_template_child (page, search->type (), search->models [m]));

              for (guint k = 0; k < g_list_model_get_n_items (model); k++)
                {
                  g_autoptr(PostureControlResult) result = g_list_model_get_item (model, k);
                  gboolean lists_it = FALSE;

                  for (guint r = 0; r < posture_control_result_get_n_resources (result); r++)
                    lists_it |=
                        g_ascii_strcasecmp (posture_resource_result_get_name (
                                                posture_control_result_get_resource (result, r)),
                                            search->query) == 0;
                  g_assert_true (lists_it);
                }
            }
        }

      /* Clearing the field brings every item back. */
      posture_test_press (window, "ctrl+a", "BackSpace", NULL);
      posture_test_spin_until (is_back_to, &narrowed, 5);
    }
}

/* The workshop switch in Preferences, by its mnemonic: the setting, the application's
 * workshop mode and the window's larger text follow at once, and back. */
static int
font_size (GtkWidget *widget)
{
  return pango_font_description_get_size (pango_context_get_font_description (
                                            gtk_widget_get_pango_context (widget)));
}

static gboolean
is_larger (gpointer data)
{
  gpointer *pair = data;

  return font_size (pair[0]) > GPOINTER_TO_INT (pair[1]);
}

static gboolean
is_same_size (gpointer data)
{
  gpointer *pair = data;

  return font_size (pair[0]) == GPOINTER_TO_INT (pair[1]);
}

static void
test_workshop_switch (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GSettings *settings = posture_application_get_settings (fixture->app);
  GtkWidget *title = find (fixture, "switcher_title");
  GtkWindow *preferences;
  GtkWidget *toggle;
  int normal = font_size (title);
  gpointer pair[2] = { title, GINT_TO_POINTER (normal) };

  g_settings_set_boolean (settings, "workshop-mode", FALSE);
  g_assert_false (posture_application_get_workshop (fixture->app));

  /* Ctrl+comma opens Preferences. */
  posture_test_press (GTK_WINDOW (fixture->window), "ctrl+comma", NULL);
  preferences = posture_test_find_window (POSTURE_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (preferences);
  posture_test_spin_until (is_mapped, preferences, 10);
  toggle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                      POSTURE_TYPE_PREFERENCES_WINDOW,
                                                      "workshop_switch"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* Keys go to the window once it is active; under load that comes after it is mapped,
   * and the key can be handled a little after xdotool has sent it. */
  posture_test_spin_until (window_is_active, preferences, 10);
  posture_test_press (preferences, "alt+w", NULL);
  posture_test_spin_until (switch_is_active, toggle, 10);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (g_settings_get_boolean (settings, "workshop-mode"));
  g_assert_true (posture_application_get_workshop (fixture->app));
  posture_test_spin_until (is_larger, pair, 5);
  g_test_message ("text size %d → %d", normal, font_size (title));
  /* Workshop mode shows the demo tenant: this one stays. */
  g_assert_true (posture_window_get_session (fixture->window) == fixture->session);

  /* Space on the focused switch turns it off again. */
  g_assert_true (gtk_widget_has_focus (toggle) || gtk_widget_is_focus (toggle) ||
                 gtk_widget_grab_focus (toggle));
  posture_test_press (preferences, "space", NULL);
  posture_test_spin_until (switch_is_inactive, toggle, 10);
  g_assert_false (g_settings_get_boolean (settings, "workshop-mode"));
  g_assert_false (posture_application_get_workshop (fixture->app));
  posture_test_spin_until (is_same_size, pair, 5);

  gtk_window_destroy (preferences);
  posture_test_spin_a_little ();
}

/* A workshop on the demo, through the app's own actions and keys: Fix on every
 * recommendation that has a fix through the API (typing what a plan asks for), confirmed
 * in the dialog, from Low to High; then Reset Demo, confirmed, and the same again. The
 * scores are logged; with POSTURE_TEST_SHOT_DIR set, the screen before and after each
 * workshop is saved there. */
static void
save_screen (Fixture    *fixture,
             const char *name)
{
  const char *dir = g_getenv ("POSTURE_TEST_SHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  /* The score, on the Overview (Alt+1). */
  posture_test_press (GTK_WINDOW (fixture->window), "alt+1", NULL);
  posture_test_spin_a_little ();
  path = g_strdup_printf ("%s/%s.png", dir, name);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };
    g_autoptr(GError) error = NULL;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       NULL, &error))
      g_test_message ("no screenshot: %s", error->message);
  }
}

static char *
describe_score (Fixture *fixture)
{
  PostureScore score;
  g_autofree char *percent = NULL;

  posture_assessment_get_score (assessment (fixture), &score);
  percent = posture_format_percent (score.percent);
  return g_strdup_printf ("%s %s (%u of %u)", percent, posture_level_label (score.level),
                          score.earned, score.possible);
}

/* The next recommendation, in the engine's order, with a fix through the API. */
static const char *
next_fixable (Fixture    *fixture,
              GHashTable *tried)
{
  GListModel *recommendations = posture_assessment_get_recommendations (assessment (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (recommendations, i);
      const char *id = posture_control_result_get_id (result);

      if (!g_hash_table_contains (tried, id) && posture_session_can_fix (fixture->session, id))
        return posture_control_get_id (posture_control_result_get_control (result));
    }

  return NULL;
}

static gboolean
fix_dialog_gone (gpointer data)
{
  return posture_test_find_window (POSTURE_TYPE_FIX_DIALOG, NULL) == NULL;
}

/* Types @text into the dialog's entry row @id when the plan asks for it. */
static void
type_input (GtkWindow  *dialog,
            const char *id,
            const char *text)
{
  GtkWidget *row = posture_test_find (GTK_WIDGET (dialog), id);

  if (!gtk_widget_get_visible (row))
    return;

  gtk_widget_grab_focus (row);
  posture_test_press (dialog, "ctrl+a", "BackSpace", NULL);
  posture_test_type (dialog, text);
}

static void
log_skipped (const char     *name,
             PostureFixPlan *plan)
{
  GListModel *steps = posture_fix_plan_get_steps (plan);

  for (guint k = 0; k < g_list_model_get_n_items (steps); k++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, k);
      const char *why = posture_fix_step_get_message (step);

      if (posture_fix_step_get_outcome (step) == POSTURE_FIX_OUTCOME_SKIPPED)
        g_test_message ("%s:   skipped %s: %s", name, posture_fix_step_get_name (step),
                        why != NULL ? why : posture_fix_step_get_reason (step));
    }
}

/* Ctrl+Return on @id, what the plan asks for typed (in a later @round, its enforcing
 * step too), then Alt+F and Alt+L. FALSE when the plan had nothing left to change. */
static gboolean
fix_by_keyboard (Fixture    *fixture,
                 const char *name,
                 const char *id,
                 guint       round)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  PostureFixPlan *plan;
  GtkWindow *dialog;

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-recommendation", "s", id));
  posture_test_press (window, "ctrl+Return", NULL);
  dialog = wait_for_dialog (POSTURE_TYPE_FIX_DIALOG);
  posture_test_spin_until (is_mapped, dialog, 10);

  type_input (dialog, "ip_ranges_row", "203.0.113.0/24");
  type_input (dialog, "app_ids_row", "00000007-0000-0000-c000-000000000000");
  /* A week of audit mode later (the next round), the presenter enforces. */
  if (round > 1 && gtk_widget_get_visible (posture_test_find (GTK_WIDGET (dialog), "enforce_row")))
    {
      GtkWidget *toggle = posture_test_find (GTK_WIDGET (dialog), "enforce_switch");

      gtk_widget_grab_focus (toggle);
      posture_test_press (dialog, "space", NULL);
      /* The key can be handled a little after xdotool has sent it. */
      posture_test_spin_until (switch_is_active, toggle, 10);
      g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
    }

  if (!gtk_widget_is_sensitive (posture_test_find (GTK_WIDGET (dialog), "fix_button")))
    {
      g_test_message ("%s: %s: nothing left to change through the API", name, id);
      posture_test_press (dialog, "Escape", NULL);
      if (!fix_dialog_gone (NULL))
        gtk_window_destroy (dialog);
      posture_test_spin_until (fix_dialog_gone, NULL, 10);
      return FALSE;
    }

  /* Alt+F: Fix. The dialog follows the service, then says what happened. */
  posture_test_press (dialog, "alt+f", NULL);
  posture_test_spin_until (dialog_is_done, dialog, 60);
  posture_test_spin_until (is_idle, fixture->session, 30);
  plan = posture_fix_dialog_get_plan (POSTURE_FIX_DIALOG (dialog));
  g_test_message ("%s: %s: %u verified, %u pending, %u failed, %u skipped", name, id,
                  posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_VERIFIED),
                  posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_PENDING),
                  posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_FAILED),
                  posture_fix_plan_count_outcome (plan, POSTURE_FIX_OUTCOME_SKIPPED));
  log_skipped (name, plan);
  posture_test_press (dialog, "alt+l", NULL);
  posture_test_spin_until (fix_dialog_gone, NULL, 10);

  return TRUE;
}

/* Rounds of Fix on every recommendation with a fix through the API, until a round moves
 * nothing: a control fixed in part (another one's fix was its precondition) stays
 * recommended, and a presenter takes it again. Returns the number of fixes. */
static guint
run_workshop (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GHashTable) tried = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *start = describe_score (fixture);
  g_autofree char *end = NULL;
  guint n_fixes = 0;

  g_test_message ("%s: start %s", name, start);
  for (guint round = 1; round <= 3; round++)
    {
      PostureScore before;
      PostureScore after;
      const char *id;

      posture_assessment_get_score (assessment (fixture), &before);
      g_hash_table_remove_all (tried);
      while ((id = next_fixable (fixture, tried)) != NULL)
        {
          g_autofree char *score = NULL;

          g_hash_table_add (tried, (gpointer) id);
          if (!fix_by_keyboard (fixture, name, id, round))
            continue;

          n_fixes++;
          score = describe_score (fixture);
          g_test_message ("%s: fix %u (round %u) %s: %s, score %s", name, n_fixes, round, id,
                          posture_status_label (posture_control_result_get_status (
                              posture_assessment_lookup (assessment (fixture), id))),
                          score);
          /* One toast says what the fix moved, whole; none is left from before. */
          g_assert_cmpuint (count_toasts_with (fixture, "“"), <=, 1);
          assert_toasts_whole (fixture);
        }

      posture_assessment_get_score (assessment (fixture), &after);
      if (after.earned == before.earned)
        break;
    }

  end = describe_score (fixture);
  g_test_message ("%s: %u fixes, %s → %s", name, n_fixes, start, end);
  return n_fixes;
}

static void
test_workshop_run (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PostureScore first_start;
  PostureScore score;
  guint n_first;
  guint n_second;

  posture_test_spin_until (has_history, fixture->session, 10);
  posture_assessment_get_score (assessment (fixture), &first_start);
  g_assert_cmpint (first_start.level, ==, POSTURE_LEVEL_LOW);

  save_screen (fixture, "workshop-1-before");
  n_first = run_workshop (fixture, "workshop 1");
  posture_assessment_get_score (assessment (fixture), &score);
  save_screen (fixture, "workshop-1-after");
  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_HIGH);
  g_assert_cmpuint (g_list_model_get_n_items (posture_session_get_history (fixture->session)), >,
                    1);

  /* Reset Demo from its action (the menu's), confirmed with its key. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reset-demo", NULL));
  {
    GtkWindow *dialog = wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG);

    posture_test_spin_until (is_mapped, dialog, 10);
    posture_test_press (dialog, "alt+r", NULL);
  }
  wait_for_new_assessment (fixture->session);
  posture_test_spin_until (is_idle, fixture->session, 30);
  posture_test_spin_until (has_history, fixture->session, 10);
  posture_test_spin_a_little ();

  /* The seed's score, a history of one reading, and nothing said about the first run. */
  posture_assessment_get_score (assessment (fixture), &score);
  g_assert_cmpuint (score.earned, ==, first_start.earned);
  g_assert_cmpuint (g_list_model_get_n_items (posture_session_get_history (fixture->session)), ==,
                    1);
  g_assert_cmpuint (count_toasts_with (fixture, "“"), ==, 0);
  g_assert_cmpuint (count_toasts_with (fixture, "Score"), ==, 0);
  g_assert_cmpuint (count_toasts_with (fixture, "starting point"), ==, 1);

  save_screen (fixture, "workshop-2-before");
  n_second = run_workshop (fixture, "workshop 2");
  posture_assessment_get_score (assessment (fixture), &score);
  save_screen (fixture, "workshop-2-after");
  g_assert_cmpuint (n_second, ==, n_first);
  g_assert_cmpint (score.level, ==, POSTURE_LEVEL_HIGH);
}

static void
test_read_error (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *error_page = find (fixture, "error_page");

  /* Every request answered 403: no assessment, status pages that say what to do. */
  g_assert_null (assessment (fixture));
  g_assert_nonnull (posture_session_get_error (fixture->session));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "overview_stack"))),
                   ==, "error");
  g_assert_nonnull (adw_status_page_get_title (ADW_STATUS_PAGE (error_page)));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (error_page)), !=, "");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (find (fixture, "empty_page"))), ==,
                   adw_status_page_get_title (ADW_STATUS_PAGE (error_page)));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("posture-test-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* gtk_test_init() cannot isolate the XDG folders: the session writes the score
   * history and cache there, so point them at a temporary folder. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Own org.gtk.Notifications before any application registers, so that GIO's gtk
   * notification backend is chosen and sends to us; without a session bus the
   * notification check is skipped, and says so. */
  notifications = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  {
    gboolean lost = FALSE;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_bus_own_name (G_BUS_TYPE_SESSION, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                    notifications_bus_acquired_cb, notifications_name_cb, notifications_lost_cb,
                    &lost, NULL);
    while (!notifications_owned && !lost && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }

  g_test_add ("/posture/ui/views/overview", Fixture, NULL,
              fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/posture/ui/views/recommendations", Fixture, NULL,
              fixture_set_up, test_recommendations, fixture_tear_down);
  g_test_add ("/posture/ui/views/steady-selection", Fixture, NULL,
              fixture_set_up, test_steady_selection, fixture_tear_down);
  g_test_add ("/posture/ui/views/fix", Fixture, NULL,
              fixture_set_up, test_fix, fixture_tear_down);
  g_test_add ("/posture/ui/views/reset-demo", Fixture, NULL,
              fixture_set_up, test_reset_demo, fixture_tear_down);
  g_test_add ("/posture/ui/views/what-changed", Fixture, NULL,
              fixture_set_up, test_what_changed, fixture_tear_down);
  g_test_add ("/posture/ui/views/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/posture/ui/views/workshop-switch", Fixture, NULL,
              fixture_set_up, test_workshop_switch, fixture_tear_down);
  g_test_add ("/posture/ui/views/workshop-run", Fixture, NULL,
              fixture_set_up, test_workshop_run, fixture_tear_down);
  g_test_add ("/posture/ui/views/read-error", Fixture, "403=1",
              fixture_set_up, test_read_error, fixture_tear_down);

  status = g_test_run ();

  /* Leave nothing behind: the history and cache files the tests wrote. */
  if (g_str_has_prefix (home, g_get_tmp_dir ()) && strstr (home, "posture-test-") != NULL)
    {
      const char *rm[] = { "rm", "-rf", "--", home, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
    }

  return status;
}
