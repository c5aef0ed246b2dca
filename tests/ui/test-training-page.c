/* test-training-page.c: the Training view and its Markdown renderer, including
 * markup and Pango-markup injection from module files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "posture-markdown-view.h"
#include "posture-training-page.h"

#define HOSTILE_TITLE "<span foreground=\"red\" size=\"xx-large\">INJECTED</span> &amp; <b>bold</b>"

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), POSTURE_TYPE_TRAINING_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_ready (PostureTrainingPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!posture_training_page_is_ready (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (posture_training_page_is_ready (page));
  drain ();
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
    g_autofree char *markup = posture_markdown_inline_to_markup ("[ok](https://learn.microsoft.com/x?a=1&b=2)");
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

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += check_labels (c, all_text);

  return n;
}

static PostureTrainingLibrary *
new_library (void)
{
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", "training", "hostile", NULL);
  g_autoptr(GError) error = NULL;
  PostureTrainingLibrary *library = posture_training_library_new ();

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_directory (library, hostile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (posture_training_library_get_problems (library)->len, ==, 0);
  return library;
}

static void
test_training_page_injection (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  g_autoptr(GString) all_text = g_string_new (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PostureTrainingPage *page = POSTURE_TRAINING_PAGE (posture_training_page_new ());
  GtkLabel *title;

  gtk_window_set_child (window, GTK_WIDGET (page));
  posture_training_page_set_library (page, library);
  gtk_window_present (window);
  wait_ready (page);

  g_assert_true (posture_training_page_show_module (page, "markup-injection"));
  drain ();

  title = child (page, "title_label");
  g_assert_false (gtk_label_get_use_markup (title));
  g_assert_cmpstr (gtk_label_get_text (title), ==, HOSTILE_TITLE);

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

static void
test_training_page_workflow (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_library ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PostureTrainingPage *page = POSTURE_TRAINING_PAGE (posture_training_page_new ());
  const char * const failing[] = { "auditing", "ip-firewall", "not-related", NULL };
  GtkWidget *findings_box;
  GtkBox *quiz_box;
  GListModel *model;
  PostureTrainingModule *module;
  guint n_all;

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  posture_training_page_set_library (page, library);
  g_assert_true (posture_training_page_get_library (page) == library);
  gtk_window_present (window);
  wait_ready (page);

  /* Search and filters. */
  model = posture_training_page_get_model (page);
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  posture_training_page_set_search (page, "cookie replay");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_drop_down_set_selected (child (page, "audience_dropdown"), 3);   /* admins */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_drop_down_set_selected (child (page, "phase_dropdown"), 5);      /* operate */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* "Learn how" clears filters that would hide the module. */
  g_signal_emit_by_name (page, "show-module", "auditing-monitoring");
  drain ();
  module = posture_training_page_get_module (page);
  g_assert_nonnull (module);
  g_assert_cmpstr (posture_training_module_get_id (module), ==, "auditing-monitoring");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_false (posture_training_page_show_module (page, "no-such-module"));

  /* Related findings: the failing controls this module covers. */
  findings_box = child (page, "findings_box");
  g_assert_false (gtk_widget_get_visible (findings_box));
  posture_training_page_set_failing_controls (page, failing);
  g_assert_true (gtk_widget_get_visible (findings_box));
  posture_training_page_set_failing_controls (page, NULL);
  g_assert_false (gtk_widget_get_visible (findings_box));

  /* The quiz: answer every question right, progress becomes completed and is saved. */
  quiz_box = child (page, "quiz_box");
  {
    GPtrArray *questions = posture_training_module_get_questions (module);
    guint q = 0;
    guint option = 0;

    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (quiz_box)); w != NULL; w = gtk_widget_get_next_sibling (w))
      {
        if (GTK_IS_LABEL (w) && gtk_label_get_use_markup (GTK_LABEL (w)))
          {
            option = 0;
            continue;
          }
        if (GTK_IS_CHECK_BUTTON (w))
          {
            PostureTrainingQuestion *question = g_ptr_array_index (questions, q);

            if (option == question->correct)
              gtk_check_button_set_active (GTK_CHECK_BUTTON (w), TRUE);
            option++;
            if (question->options[option] == NULL)
              q++;
          }
      }
    g_assert_cmpuint (q, ==, questions->len);
  }
  g_signal_emit_by_name (child (page, "check_button"), "clicked");
  drain ();
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_COMPLETED);
  g_assert_cmpint (posture_training_module_get_quiz_correct (module), ==,
                   posture_training_module_get_questions (module)->len);
  g_assert_cmpuint (gtk_drop_down_get_selected (child (page, "progress_dropdown")), ==, 2);

  /* Progress from the drop-down. */
  gtk_drop_down_set_selected (child (page, "progress_dropdown"), 1);
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_IN_PROGRESS);

  /* Review: without a name it is refused with a message; with one it is recorded. */
  g_signal_emit_by_name (child (page, "approve_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (child (page, "review_error_label")));
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_DRAFT);

  gtk_editable_set_text (GTK_EDITABLE (child (page, "reviewer_row")), "Ana <b>Champion</b>");
  gtk_editable_set_text (GTK_EDITABLE (child (page, "notes_row")), "Looks <span>right</span>");
  g_signal_emit_by_name (child (page, "approve_button"), "clicked");
  drain ();
  g_assert_false (gtk_widget_get_visible (child (page, "review_error_label")));
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Ana <b>Champion</b>");
  {
    g_autoptr(GString) all_text = g_string_new (NULL);

    check_labels (GTK_WIDGET (page), all_text);
    g_assert_nonnull (strstr (all_text->str, "Ana <b>Champion</b>"));
    /* libadwaita returns the subtitle as displayed: the note's tags show as text. */
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (page, "review_state_row")),
                              "Looks <span>right</span>"));
  }

  /* The "Needs review" filter hides it now. */
  gtk_toggle_button_set_active (child (page, "needs_review_toggle"), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureTrainingModule) item = g_list_model_get_item (model, i);
      g_assert_true (posture_training_module_get_needs_review (item));
      g_assert_false (item == module);
    }

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

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR) && !g_file_test (child_path, G_FILE_TEST_IS_SYMLINK))
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
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", "training", "hostile", NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PostureTrainingPage *page = POSTURE_TRAINING_PAGE (posture_training_page_new ());
  guint builtin;

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  builtin = g_list_model_get_n_items (G_LIST_MODEL (library));

  /* The folder of the setting is loaded with the library... */
  g_settings_set_string (settings, "training-dir", hostile);
  gtk_window_set_child (window, GTK_WIDGET (page));
  posture_training_page_set_library (page, library);
  gtk_window_present (window);
  wait_ready (page);
  g_assert_cmpuint (g_list_model_get_n_items (posture_training_page_get_model (page)), ==, builtin + 1);
  g_assert_true (posture_training_page_show_module (page, "markup-injection"));

  /* ...and follows the setting: cleared, its modules go; a missing folder is reported. */
  g_settings_set_string (settings, "training-dir", "");
  wait_ready (page);
  g_assert_cmpuint (g_list_model_get_n_items (posture_training_page_get_model (page)), ==, builtin);
  g_assert_null (posture_training_page_get_module (page));
  g_assert_false (gtk_widget_get_visible (child (page, "problems_label")));

  g_settings_set_string (settings, "training-dir", "/nonexistent/posture-training");
  wait_ready (page);
  g_assert_true (gtk_widget_get_visible (child (page, "problems_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (page, "problems_label")), "/nonexistent/posture-training"));

  g_settings_reset (settings, "training-dir");
  wait_ready (page);
  g_assert_false (gtk_widget_get_visible (child (page, "problems_label")));
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
  g_test_add_func ("/posture/ui/training-page/workflow", test_training_page_workflow);
  g_test_add_func ("/posture/ui/training-page/folder-setting", test_training_page_folder_setting);

  status = g_test_run ();
  remove_tree (home);
  return status;
}
