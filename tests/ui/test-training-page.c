/* test-training-page.c: the Training view and its Markdown renderer, including
 * markup and Pango-markup injection from module files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "posture-list-row.h"
#include "posture-markdown-view.h"
#include "posture-quiz-view.h"
#include "posture-review-panel.h"
#include "posture-session.h"
#include "posture-labels.h"
#include "posture-training-page.h"

#define HOSTILE_TITLE "<span foreground=\"red\" size=\"xx-large\">INJECTED</span> &amp; <b>bold</b>"

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  return child_of (widget, POSTURE_TYPE_TRAINING_PAGE, name);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The module pane is insensitive until the stored progress and reviews are read. */
static void
wait_ready (PostureTrainingPage *page)
{
  GtkWidget *detail = child (page, "detail_stack");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  drain ();
  while (!gtk_widget_get_sensitive (detail) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (detail));
  drain ();
}

/* The list as shown (search and filters applied). */
static GListModel *
shown (PostureTrainingPage *page)
{
  return G_LIST_MODEL (gtk_list_view_get_model (child (page, "list_view")));
}

static void
search (PostureTrainingPage *page,
        const char          *text)
{
  GtkEditable *entry = child (page, "search_entry");

  gtk_editable_set_text (entry, text);
  /* GtkSearchEntry delays "search-changed"; send it now. */
  g_signal_emit_by_name (entry, "search-changed");
  drain ();
}

/* The list row showing @title: its child names it for assistive technologies. */
static PostureListRow *
find_row (PostureTrainingPage *page,
          const char          *title)
{
  GtkWidget *list_view = child (page, "list_view");

  for (GtkWidget *item = gtk_widget_get_first_child (list_view); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (POSTURE_IS_LIST_ROW (row) &&
          g_strcmp0 (posture_list_row_get_title (POSTURE_LIST_ROW (row)), title) == 0)
        return POSTURE_LIST_ROW (row);
    }

  return NULL;
}

/* An action's state as the widgets that use it show it: a button with its action
 * name, or a menu item with its label (a menu button's popover is its child, built
 * with the menu, and each item is sensitive as its action is enabled). */
static GtkWidget *
find_action_widget (GtkWidget  *widget,
                    const char *action_name,
                    const char *menu_label)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  if (menu_label != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") != NULL)
    {
      g_autofree char *text = NULL;

      g_object_get (widget, "text", &text, NULL);
      if (g_strcmp0 (text, menu_label) == 0)
        return widget;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action_widget (c, action_name, menu_label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
action_enabled (gpointer    widget,
                const char *action_name)
{
  const char *menu_label = NULL;
  GtkWidget *found;

  if (g_str_equal (action_name, "review.start"))
    menu_label = "Start Review";
  else if (g_str_equal (action_name, "review.retire"))
    menu_label = "Retire…";

  found = find_action_widget (GTK_WIDGET (widget), action_name, menu_label);
  g_assert_nonnull (found);
  return gtk_widget_get_sensitive (found);
}
/* GtkLabel parses Pango markup plus its <a> links; invalid markup makes it warn,
 * which fails the test. */
static char *
markup_to_text (const char *markup)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  char *text;

  gtk_label_set_markup (GTK_LABEL (label), markup);
  text = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_object_unref (label);
  return text;
}

static void
test_inline_markup_escapes (void)
{
  static const struct {
    const char *source;
    const char *text;      /* what the reader sees */
  } cases[] = {
    { "<span foreground=\"red\">x</span>", "<span foreground=\"red\">x</span>" },
    { "a &amp; b & c", "a &amp; b & c" },
    { "**<i>bold</i>**", "<i>bold</i>" },
    { "`</tt><b>`", "</tt><b>" },
    { "[click](javascript:alert(1))", "click" },
    { "[x](https://example.com/\"><b>y</b>)", "x" },
    { "**unclosed and *also", "**unclosed and *also" },
    { "snake_case_name stays", "snake_case_name stays" },
    { "\\*literal\\* and \\<b\\>", "*literal* and <b>" },
    { "*emphasis* and _more_", "emphasis and more" },
    { "[**<u>t</u>**](https://learn.microsoft.com/)", "<u>t</u>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = posture_markdown_inline_to_markup (cases[i].source);
      g_autofree char *text = markup_to_text (markup);

      g_test_message ("%s → %s", cases[i].source, markup);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_null (strstr (markup, "javascript"));
      g_assert_null (strstr (markup, "<span"));
      g_assert_null (strstr (markup, "<u>"));
    }

  /* Only safe links become links, with the address escaped. */
  {
    g_autofree char *markup =
        posture_markdown_inline_to_markup ("[ok](https://learn.microsoft.com/x?a=1&b=2)");
    g_assert_cmpstr (markup, ==, "<a href=\"https://learn.microsoft.com/x?a=1&amp;b=2\">ok</a>");
  }
  g_assert_true (posture_markdown_uri_is_safe ("https://learn.microsoft.com/"));
  g_assert_true (posture_markdown_uri_is_safe ("mailto:security@contoso.example"));
  g_assert_false (posture_markdown_uri_is_safe ("javascript:alert(1)"));
  g_assert_false (posture_markdown_uri_is_safe ("file:///etc/passwd"));
  g_assert_false (posture_markdown_uri_is_safe ("https://x.example/\"onmouseover"));
  g_assert_false (posture_markdown_uri_is_safe ("https://x.example/ space"));
  g_assert_false (posture_markdown_uri_is_safe (NULL));

  /* Deep nesting and invalid UTF-8 stay well-formed. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autofree char *markup = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < 500; i++)
      g_string_append (deep, "**[*_`");
    g_string_append (deep, "\xff\xfe<b>");
    markup = posture_markdown_inline_to_markup (deep->str);
    text = markup_to_text (markup);
    g_assert_true (g_utf8_validate (text, -1, NULL));
  }
}

static void
test_markdown_view_blocks (void)
{
  PostureMarkdownView *view = POSTURE_MARKDOWN_VIEW (posture_markdown_view_new ());
  g_autofree char *text = NULL;

  g_object_ref_sink (view);
  posture_markdown_view_set_markdown (view,
                                      "# <big>Heading</big>\n"
                                      "\n"
                                      "Para with <span background=\"red\">x</span>\n"
                                      "continues & ends.\n"
                                      "\n"
                                      "- one **two**\n"
                                      "- [link](javascript:alert(1))\n"
                                      "2. numbered\n"
                                      "\n"
                                      "```\n"
                                      "</tt><span>code</span>\n"
                                      "```\n");
  text = posture_markdown_view_dup_text (view);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==,
                   "<big>Heading</big>\n"
                   "Para with <span background=\"red\">x</span> continues & ends.\n"
                   "one two\n"
                   "link\n"
                   "numbered\n"
                   "</tt><span>code</span>\n");
  g_assert_cmpstr (posture_markdown_view_get_markdown (view), !=, NULL);

  posture_markdown_view_set_markdown (view, NULL);
  g_clear_pointer (&text, g_free);
  text = posture_markdown_view_dup_text (view);
  g_assert_cmpstr (text, ==, "");

  g_assert_finalize_object (view);
}

/* Every label in the page: markup ones must parse, and none may carry a link other
 * than http(s) or mailto. Returns the number of labels seen. */
static guint
check_labels (GtkWidget *widget,
              GString   *all_text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));

      if (gtk_label_get_use_markup (GTK_LABEL (widget)) && label != NULL)
        {
          g_assert_null (strstr (label, "javascript:"));
          g_assert_null (strstr (label, "<span"));
          g_assert_null (strstr (label, "<big>"));
        }
      g_string_append (all_text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (all_text, '\n');
      n++;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += check_labels (c, all_text);

  return n;
}

static PostureTrainingLibrary *
new_library (void)
{
  g_autofree char *hostile =
      g_test_build_filename (G_TEST_DIST, "data", "training", "hostile", NULL);
  g_autoptr(GError) error = NULL;
  PostureTrainingLibrary *library = posture_training_library_new ();

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_directory (library, hostile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (posture_training_library_get_problems (library)->len, ==, 0);
  return library;
}

static PostureTrainingPage *
show_page (PostureTrainingLibrary  *library,
           int                      width,
           GtkWindow              **out_window)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PostureTrainingPage *page = POSTURE_TRAINING_PAGE (posture_training_page_new ());

  gtk_window_set_default_size (window, width, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  posture_training_page_set_library (page, library);
  g_assert_true (posture_training_page_get_library (page) == library);
  gtk_window_present (window);
  wait_ready (page);

  *out_window = window;
  return page;
}

static void
test_training_page_injection (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  g_autoptr(GString) all_text = g_string_new (NULL);
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1000, &window);
  GtkLabel *title;

  g_assert_true (posture_training_page_show_module (page, "markup-injection"));
  drain ();

  title = child (page, "title_label");
  g_assert_false (gtk_label_get_use_markup (title));
  g_assert_cmpstr (gtk_label_get_text (title), ==, HOSTILE_TITLE);
  /* The row that names the module in the list shows it as text too. */
  g_assert_nonnull (find_row (page, HOSTILE_TITLE));

  g_assert_cmpuint (check_labels (GTK_WIDGET (page), all_text), >, 10);
  /* The hostile text is shown literally, never interpreted. */
  g_assert_nonnull (strstr (all_text->str, "<span background=\"red\">markup</span>"));
  g_assert_nonnull (strstr (all_text->str, "<big>Heading</big>"));
  g_assert_nonnull (strstr (all_text->str, "</tt><span foreground=\"red\">code block</span>"));
  g_assert_nonnull (strstr (all_text->str, "<script>alert(1)</script>"));
  g_assert_nonnull (strstr (all_text->str, "Is <b>this</b> bold?"));
  g_assert_nonnull (strstr (all_text->str, "entity &amp; and"));

  gtk_window_destroy (window);
  drain ();
}

/* Search, the filter actions, and "Learn how" clearing what hides a module. */
static void
test_training_page_filters (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1000, &window);
  GListModel *model = shown (page);
  guint n_all = g_list_model_get_n_items (model);
  PostureTrainingModule *module;

  g_assert_cmpuint (n_all, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "detail_stack")), ==, "empty");

  /* Every term must match, in any order (the core's rule). */
  search (page, "replay cookie");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.audience", "s", "admin");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.phase", "s", "operate");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  drain ();
  g_assert_cmpstr (gtk_label_get_text (child (page, "filters_label")), ==, "Admins · Operate");

  /* The filters alone. */
  search (page, "");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureTrainingModule) item = g_list_model_get_item (model, i);

      g_assert_true (posture_training_module_has_audience (item, "admin"));
      g_assert_cmpstr (posture_training_module_get_phase (item), ==, "operate");
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);

  /* Every module starts as a draft, so in the review queue. */
  gtk_widget_activate_action (GTK_WIDGET (page), "training.clear-filters", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.review", "s", "needs-review");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.review", "s", "approved");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "list_stack")), ==, "none");

  /* "Learn how" clears the filters that hide the module and opens it. */
  g_signal_emit_by_name (page, "show-module", "auditing-monitoring");
  drain ();
  module = posture_training_page_get_module (page);
  g_assert_nonnull (module);
  g_assert_cmpstr (posture_training_module_get_id (module), ==, "auditing-monitoring");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpstr (gtk_label_get_text (child (page, "title_label")), ==,
                   posture_training_module_get_title (module));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "detail_stack")), ==, "module");
  g_assert_false (posture_training_page_show_module (page, "no-such-module"));
  g_assert_true (posture_training_page_get_module (page) == module);

  gtk_window_destroy (window);
  drain ();
}

/* The quiz: radio groups; all right completes the module, and the progress row follows. */
static void
test_training_page_quiz (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1000, &window);
  PostureTrainingModule *module;
  PostureQuizView *quiz;
  GtkWidget *questions_box;
  GPtrArray *questions;
  AdwComboRow *progress_row;
  guint q = 0;

  g_assert_true (posture_training_page_show_module (page, "auditing-monitoring"));
  drain ();
  module = posture_training_page_get_module (page);
  questions = posture_training_module_get_questions (module);
  quiz = child (page, "quiz_view");
  questions_box = child_of (quiz, POSTURE_TYPE_QUIZ_VIEW, "questions_box");

  for (GtkWidget *group = gtk_widget_get_first_child (questions_box); group != NULL;
       group = gtk_widget_get_next_sibling (group), q++)
    {
      const PostureTrainingQuestion *question = g_ptr_array_index (questions, q);
      guint option = 0;

      /* A radio group per question, its answers radio buttons in one group. */
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (group)), ==,
                       GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
      for (GtkWidget *w = gtk_widget_get_first_child (group); w != NULL;
           w = gtk_widget_get_next_sibling (w))
        {
          if (!GTK_IS_CHECK_BUTTON (w))
            continue;
          g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)), ==,
                           GTK_ACCESSIBLE_ROLE_RADIO);
          g_assert_cmpstr (gtk_label_get_text (
                               GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (w)))),
                           ==, question->options [option]);
          /* A wrong one first: choosing the right one must replace it (one group). */
          if (option != question->correct)
            gtk_check_button_set_active (GTK_CHECK_BUTTON (w), TRUE);
          option++;
        }
      g_assert_cmpuint (option, ==, g_strv_length (question->options));
      option = 0;
      for (GtkWidget *w = gtk_widget_get_first_child (group); w != NULL;
           w = gtk_widget_get_next_sibling (w))
        if (GTK_IS_CHECK_BUTTON (w) && option++ == question->correct)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (w), TRUE);
      option = 0;
      for (GtkWidget *w = gtk_widget_get_first_child (group); w != NULL;
           w = gtk_widget_get_next_sibling (w))
        if (GTK_IS_CHECK_BUTTON (w))
          g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (w)) ==
                         (option++ == question->correct));
    }
  g_assert_cmpuint (q, ==, questions->len);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.check", NULL));
  drain ();
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_COMPLETED);
  g_assert_cmpint (posture_training_module_get_quiz_correct (module), ==, questions->len);
  g_assert_nonnull (
      strstr (gtk_label_get_text (child_of (quiz, POSTURE_TYPE_QUIZ_VIEW, "result_label")),
              "questions right"));

  progress_row = child (page, "progress_row");
  g_assert_cmpuint (adw_combo_row_get_selected (progress_row), ==,
                    POSTURE_TRAINING_PROGRESS_COMPLETED);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (progress_row)), "right"));

  /* Progress from the row is recorded. */
  adw_combo_row_set_selected (progress_row, POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  drain ();
  g_assert_cmpstr (posture_list_row_get_subtitle (
                       find_row (page, posture_training_module_get_title (module))),
                   ==, "Operate · 35 min · In progress");

  gtk_window_destroy (window);
  drain ();
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The review workflow: only valid actions enabled, the real name by default,
 * retiring confirmed, a retired module never offered by "Learn how". */
static void
test_training_page_review (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1000, &window);
  PostureReviewPanel *panel = child (page, "review_panel");
  GtkEditable *reviewer = child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "reviewer_row");
  GtkEditable *note = child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "notes_row");
  GtkWidget *error_label = child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "error_label");
  const char *real_name = g_get_real_name ();
  PostureTrainingModule *module;
  PostureListRow *row;
  AdwMessageDialog *dialog;

  g_assert_true (posture_training_page_show_module (page, "sharing-hygiene"));
  drain ();
  module = posture_training_page_get_module (page);
  row = find_row (page, posture_training_module_get_title (module));
  g_assert_nonnull (row);
  g_assert_cmpstr (posture_list_row_get_status (row), ==, "Draft");

  /* The person at the keyboard reviews. */
  if (real_name == NULL || real_name[0] == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = g_get_user_name ();
  g_assert_cmpstr (gtk_editable_get_text (reviewer), ==, real_name);

  /* A draft: every review action. */
  g_assert_true (action_enabled (panel, "review.approve"));
  g_assert_true (action_enabled (panel, "review.request-changes"));
  g_assert_true (action_enabled (panel, "review.start"));
  g_assert_true (action_enabled (panel, "review.retire"));

  /* Requesting changes needs a note, and says so. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.request-changes", NULL);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_DRAFT);

  gtk_editable_set_text (reviewer, "Ana <b>Champion</b>");
  gtk_editable_set_text (note, "Add the <span>guest</span> case");
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.request-changes", NULL);
  drain ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Ana <b>Champion</b>");
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "");
  g_assert_cmpstr (posture_list_row_get_status (row), ==, "Changes requested");
  {
    AdwActionRow *state_row = child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "state_row");
    GtkLabel *history = child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "history_label");

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (state_row)), ==,
                     "Changes requested");
    g_assert_nonnull (
        strstr (adw_action_row_get_subtitle (state_row), "Add the <span>guest</span> case"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (state_row), "By Ana <b>Champion</b>"));
    g_assert_nonnull (
        strstr (gtk_label_get_text (history), "Changes requested by Ana <b>Champion</b>"));
  }

  /* The same version cannot be approved, sent back or reviewed again: only retired. */
  g_assert_false (action_enabled (panel, "review.approve"));
  g_assert_false (action_enabled (panel, "review.request-changes"));
  g_assert_false (action_enabled (panel, "review.start"));
  g_assert_true (action_enabled (panel, "review.retire"));
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.approve", NULL);
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);

  /* Retiring asks first; cancelling keeps the module. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.retire", NULL);
  drain ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (
      strstr (adw_message_dialog_get_heading (dialog), posture_training_module_get_title (module)));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);

  gtk_widget_activate_action (GTK_WIDGET (panel), "review.retire", NULL);
  drain ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "retire");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_RETIRED);
  g_assert_cmpstr (posture_list_row_get_status (row), ==, "Retired");

  /* Nothing more to review; never offered to learners. */
  g_assert_false (action_enabled (panel, "review.approve"));
  g_assert_false (action_enabled (panel, "review.request-changes"));
  g_assert_false (action_enabled (panel, "review.start"));
  g_assert_false (action_enabled (panel, "review.retire"));
  posture_training_page_set_module (page, NULL);
  g_assert_false (posture_training_page_show_module (page, "sharing-hygiene"));
  g_assert_null (posture_training_page_get_module (page));

  /* The review filter shows every state. */
  gtk_widget_activate_action (GTK_WIDGET (page), "training.review", "s", "retired");
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, 1);

  /* Another module: approve from a draft, then only a new review, a request or retiring. */
  gtk_widget_activate_action (GTK_WIDGET (page), "training.clear-filters", NULL);
  g_assert_true (posture_training_page_show_module (page, "zero-trust"));
  drain ();
  module = posture_training_page_get_module (page);
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.approve", NULL);
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_false (action_enabled (panel, "review.approve"));
  g_assert_true (action_enabled (panel, "review.start"));
  g_assert_true (action_enabled (panel, "review.request-changes"));
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.start", NULL);
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_IN_REVIEW);
  g_assert_false (action_enabled (panel, "review.start"));
  g_assert_true (action_enabled (panel, "review.approve"));

  gtk_window_destroy (window);
  drain ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child_path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child_path);
      else
        g_remove (child_path);
    }
  g_rmdir (path);
}

static void
test_training_page_folder_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PostureTrainingLibrary) library = posture_training_library_new ();
  g_autofree char *hostile =
      g_test_build_filename (G_TEST_DIST, "data", "training", "hostile", NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  PostureTrainingPage *page;
  guint builtin;

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  builtin = g_list_model_get_n_items (G_LIST_MODEL (library));

  /* The folder of the setting is loaded with the library... */
  g_settings_set_string (settings, "training-dir", hostile);
  page = show_page (library, 1000, &window);
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, builtin + 1);
  g_assert_true (posture_training_page_show_module (page, "markup-injection"));

  /* ...and follows the setting: cleared, its modules go; a missing folder is reported. */
  g_settings_set_string (settings, "training-dir", "");
  wait_ready (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, builtin);
  g_assert_null (posture_training_page_get_module (page));
  g_assert_false (gtk_widget_get_visible (child (page, "problems_label")));

  g_settings_set_string (settings, "training-dir", "/nonexistent/posture-training");
  wait_ready (page);
  g_assert_true (gtk_widget_get_visible (child (page, "problems_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (page, "problems_label")),
                            "/nonexistent/posture-training"));

  g_settings_reset (settings, "training-dir");
  wait_ready (page);
  g_assert_false (gtk_widget_get_visible (child (page, "problems_label")));
  gtk_window_destroy (window);
  drain ();
}

/* A module sent back takes a new review once its file changed: a new version. */
static void
test_training_page_new_version (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PostureTrainingLibrary) library = posture_training_library_new ();
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "training", "org", NULL);
  g_autofree char *dir = g_dir_make_tmp ("posture-org-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  const char *name;
  GtkWindow *window;
  PostureTrainingPage *page;
  PostureReviewPanel *panel;
  PostureTrainingModule *module;

  /* A copy of an organization module that this test may edit. */
  name = "org-onboarding.md";
  id = g_strndup (name, strlen (name) - 3);
  {
    g_autofree char *from = g_build_filename (source, name, NULL);

    g_assert_true (g_file_get_contents (from, &contents, NULL, &error));
    g_assert_no_error (error);
  }
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "training-dir", dir);
  page = show_page (library, 1000, &window);
  panel = child (page, "review_panel");

  g_assert_true (posture_training_page_show_module (page, id));
  drain ();
  gtk_editable_set_text (child_of (panel, POSTURE_TYPE_REVIEW_PANEL, "notes_row"), "Say more");
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.request-changes", NULL);
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (
                       posture_training_page_get_module (page)),
                   ==, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
  g_assert_false (action_enabled (panel, "review.approve"));

  /* The author edits the file; the folder is read again. */
  {
    g_autofree char *edited = g_strconcat (contents, "\n", NULL);

    g_assert_true (g_file_set_contents (path, edited, -1, &error));
    g_assert_no_error (error);
  }
  g_settings_set_string (settings, "training-dir", "");
  wait_ready (page);
  g_settings_set_string (settings, "training-dir", dir);
  wait_ready (page);
  g_assert_true (posture_training_page_show_module (page, id));
  drain ();
  module = posture_training_page_get_module (page);
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
  g_assert_true (action_enabled (panel, "review.approve"));
  g_assert_true (action_enabled (panel, "review.start"));
  gtk_widget_activate_action (GTK_WIDGET (panel), "review.approve", NULL);
  drain ();
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_APPROVED);

  g_settings_reset (settings, "training-dir");
  wait_ready (page);
  gtk_window_destroy (window);
  drain ();
  remove_tree (dir);
}

static gboolean
session_has_assessment (PostureSession *session)
{
  return !posture_session_get_busy (session) && posture_session_get_assessment (session) != NULL;
}

/* With the demo's assessment, a module lists its controls with their status here. */
static void
test_training_page_related_controls (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1000, &window);
  GtkWidget *group = child (page, "controls_group");
  GtkWidget *list = child (page, "controls_list");
  PostureTrainingModule *module;
  gint64 deadline;
  guint n_rows = 0;

  session = posture_session_new_demo (4, &error);
  g_assert_no_error (error);
  posture_session_refresh_async (session, NULL, NULL, NULL);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!session_has_assessment (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (session_has_assessment (session));

  g_assert_true (posture_training_page_show_module (page, "auditing-monitoring"));
  drain ();
  module = posture_training_page_get_module (page);
  g_assert_false (gtk_widget_get_visible (group));

  posture_training_page_set_session (page, session);
  drain ();
  g_assert_true (gtk_widget_get_visible (group));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id;
      PostureControlResult *result;

      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_variant_get (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), "&s", &id);
      g_assert_true (posture_training_module_has_control (module, id));
      result = posture_assessment_lookup (posture_session_get_assessment (session), id);
      g_assert_nonnull (result);
      /* The control's human title, never its id, and its status from the engine. */
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       posture_control_get_title (posture_control_result_get_control (result)));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, id);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==,
                    g_strv_length ((char **) posture_training_module_get_controls (module)));

  /* Another module, other controls. */
  g_assert_true (posture_training_page_show_module (page, "markup-injection"));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (child (page, "controls")), ==, 1);

  /* Without a session, no result is left on screen. */
  g_assert_true (posture_training_page_show_module (page, "auditing-monitoring"));
  drain ();
  g_assert_true (gtk_widget_get_visible (group));
  posture_training_page_set_session (page, NULL);
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (child (page, "controls")), ==, 0);
  g_assert_false (gtk_widget_get_visible (group));
  gtk_window_destroy (window);
  drain ();
}

/* One pane below about 720 px, two above; nothing forces the window wider than 360 px. */
static void
test_training_page_adaptive (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  GtkWindow *window;
  PostureTrainingPage *page = show_page (library, 1200, &window);
  AdwLeaflet *leaflet = child (page, "leaflet");
  int minimum;

  g_assert_true (posture_training_page_show_module (page, "auditing-monitoring"));
  drain ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_leaflet_get_folded (leaflet));

  /* The widest module pane a module shows, with every section. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* Every module's page fits 360 px: nothing in it (a long command, a title) is wider
   * than the narrowest window leaves it (12 px margins on each side). */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (G_LIST_MODEL (library), i);
      GtkWidget *box = child (page, "module_box");

      posture_training_page_set_module (page, module);
      drain ();
      gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360 - 24)
        for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          {
            int m;

            gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
            g_test_message ("%s: %s is %d px", posture_training_module_get_id (module),
                            G_OBJECT_TYPE_NAME (c), m);
          }
      g_assert_cmpint (minimum, <=, 360 - 24);
    }

  gtk_window_set_default_size (window, 600, 700);
  drain ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* The X server's answer to the resize can come after that frame under load. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !adw_leaflet_get_folded (leaflet) && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 600);
  g_assert_true (gtk_widget_get_visible (child (page, "back_button")));

  /* Ctrl+F (training.search) goes back to the list and its search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.search", NULL));
  drain ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (page, "sidebar"));

  gtk_window_set_default_size (window, 760, 700);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((gtk_widget_get_width (GTK_WIDGET (window)) < 740 || adw_leaflet_get_folded (leaflet)) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (child (page, "back_button")));

  gtk_window_destroy (window);
  drain ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("posture-training-page-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* G_TEST_OPTION_ISOLATE_DIRS leaks GTK's cached system folders between tests
   * (GLib 2.74), so the progress and reviews the page writes go to a private
   * folder set up here instead, removed at the end. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/posture/ui/markdown/inline-escapes", test_inline_markup_escapes);
  g_test_add_func ("/posture/ui/markdown/blocks", test_markdown_view_blocks);
  g_test_add_func ("/posture/ui/training-page/injection", test_training_page_injection);
  g_test_add_func ("/posture/ui/training-page/filters", test_training_page_filters);
  g_test_add_func ("/posture/ui/training-page/quiz", test_training_page_quiz);
  g_test_add_func ("/posture/ui/training-page/review", test_training_page_review);
  g_test_add_func ("/posture/ui/training-page/new-version", test_training_page_new_version);
  g_test_add_func ("/posture/ui/training-page/related-controls",
                   test_training_page_related_controls);
  g_test_add_func ("/posture/ui/training-page/adaptive", test_training_page_adaptive);
  g_test_add_func ("/posture/ui/training-page/folder-setting", test_training_page_folder_setting);

  status = g_test_run ();
  remove_tree (home);
  return status;
}
