/* test-training-state.c: training progress and reviews on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-state-file.h"
#include "posture-training-state.h"
#include "../core/training-fixture.h"

static void
test_training_progress_persists (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) again = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, "training-progress.json", NULL);
  PostureTrainingModule *module;
  const int answers[] = { 1, 0, 0 };

  g_remove (path);
  g_assert_true (posture_training_library_load_state (library, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);

  module = posture_training_library_lookup (library, "zero-trust");
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_NOT_STARTED);
  g_assert_cmpint (posture_training_module_get_quiz_total (module), ==, -1);

  g_assert_true (posture_training_library_set_progress (library, "zero-trust",
                                                        POSTURE_TRAINING_PROGRESS_IN_PROGRESS,
                                                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_IN_PROGRESS);

  /* zero-trust's answers are option 1, 0, 1: two of three right. */
  g_assert_cmpuint (posture_training_module_grade_quiz (module, answers, G_N_ELEMENTS (answers)),
                    ==, 2);
  g_assert_true (posture_training_library_record_quiz (library, "zero-trust", 2, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  g_assert_true (posture_training_library_record_quiz (library, "dlp-strategy", 3, 3, &error));
  g_assert_no_error (error);

  /* Bad requests are refused clearly. */
  g_assert_false (posture_training_library_record_quiz (library, "zero-trust", 4, 3, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_set_progress (library, "no-such-module",
                                                         POSTURE_TRAINING_PROGRESS_COMPLETED,
                                                         &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-module"));
  g_clear_error (&error);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A second library (the CLI, or the app after a restart) reads the same state. */
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "zero-trust");
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  g_assert_cmpint (posture_training_module_get_quiz_correct (module), ==, 2);
  g_assert_cmpint (posture_training_module_get_quiz_total (module), ==, 3);
  module = posture_training_library_lookup (again, "dlp-strategy");
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_COMPLETED);
  module = posture_training_library_lookup (again, "sharing-hygiene");
  g_assert_cmpint (posture_training_module_get_progress (module), ==,
                   POSTURE_TRAINING_PROGRESS_NOT_STARTED);
}

static void
test_training_corrupt_state (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, "training-progress.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (
      g_file_set_contents (path, "{\"posture_training_progress\": 1, \"modules\": {[[[", -1, NULL));

  g_assert_true (posture_training_library_load_state (library, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "moved"));
  g_assert_cmpint (posture_training_module_get_progress (
                       posture_training_library_lookup (library, "zero-trust")),
                   ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    moved |= g_str_has_prefix (name, "training-progress.json.corrupt-");
  g_assert_true (moved);

  /* Writing works again afterwards. */
  g_assert_true (posture_training_library_set_progress (library, "zero-trust",
                                                        POSTURE_TRAINING_PROGRESS_COMPLETED,
                                                        &error));
  g_assert_no_error (error);
}

static void
test_training_review_interval (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) again = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -200);
  g_autoptr(GDateTime) recently = g_date_time_add_days (now, -10);
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, "training-reviews.json", NULL);
  PostureTrainingModule *module;

  g_remove (path);
  posture_training_library_set_now (library, now);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);

  module = posture_training_library_lookup (library, "auditing-monitoring");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_DRAFT);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_NEVER_REVIEWED);
  g_assert_true (posture_training_module_get_needs_review (module));

  /* Approved 200 days ago: past the default 180-day interval. */
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_IN_REVIEW,
                                                         "Ana Champion", "Starting review",
                                                         long_ago, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_IN_REVIEW);
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Ana Champion", "Accurate", long_ago,
                                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  g_assert_true (posture_training_module_get_needs_review (module));

  /* Approved 10 days ago: current. */
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Bo Reviewer", NULL, recently, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_NONE);
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Bo Reviewer");

  /* A shorter interval (the setting) makes it stale. */
  posture_training_library_set_review_interval_days (library, 7);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  posture_training_library_set_review_interval_days (library,
                                                     POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS);
  g_assert_false (posture_training_module_get_needs_review (module));

  /* And time passing does too. */
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 171);

    posture_training_library_set_now (library, later);
    g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                     POSTURE_TRAINING_STALE_INTERVAL_PASSED);
    posture_training_library_set_now (library, now);
  }

  /* Other states and the queue. */
  g_assert_true (posture_training_library_record_review (library, "zero-trust",
                                                         POSTURE_TRAINING_REVIEW_RETIRED,
                                                         "Ana Champion", "Superseded", NULL,
                                                         &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_record_review (library, "dlp-strategy",
                                                         POSTURE_TRAINING_REVIEW_IN_REVIEW,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
                                                          "Ana Champion", "   ", NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_APPROVED, " ",
                                                          NULL, NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_APPROVED,
                                                          "Eve\nInjected", NULL, NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);

  /* The "Needs review" queue: every module but the retired one and the current approval. */
  {
    GListModel *all = G_LIST_MODEL (library);
    guint n_queued = 0;

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(PostureTrainingModule) item = g_list_model_get_item (all, i);

        n_queued += posture_training_module_get_needs_review (item);
      }
    g_assert_cmpuint (n_queued, ==, g_list_model_get_n_items (all) - 2);
  }
  /* Retired, approved and current, in review. */
  g_assert_false (posture_training_module_get_needs_review (
                    posture_training_library_lookup (library, "zero-trust")));
  g_assert_false (posture_training_module_get_needs_review (
                    posture_training_library_lookup (library, "auditing-monitoring")));
  g_assert_true (posture_training_module_get_needs_review (
                   posture_training_library_lookup (library, "dlp-strategy")));

  /* History keeps every review, oldest first. */
  history = posture_training_library_dup_review_history (library, "auditing-monitoring");
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (((PostureTrainingReview *) g_ptr_array_index (history, 0))->state, ==,
                   POSTURE_TRAINING_REVIEW_IN_REVIEW);
  g_assert_cmpstr (((PostureTrainingReview *) g_ptr_array_index (history, 2))->reviewer, ==,
                   "Bo Reviewer");
  g_assert_cmpstr (((PostureTrainingReview *) g_ptr_array_index (history, 2))->content_version, ==,
                   posture_training_module_get_content_version (module));

  /* It all persists. */
  posture_training_library_set_now (again, now);
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "auditing-monitoring");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Bo Reviewer");
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_true (g_date_time_equal (posture_training_module_get_reviewed_at (module), recently));
  g_assert_cmpint (posture_training_module_get_review_state (
                       posture_training_library_lookup (again, "zero-trust")),
                   ==, POSTURE_TRAINING_REVIEW_RETIRED);
}

static char *
make_org_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source =
      g_test_build_filename (G_TEST_DIST, "data", "training", "org", "org-onboarding.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  char *dir = g_dir_make_tmp ("posture-training-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (source, &contents, NULL, &error));
  g_assert_no_error (error);
  target = g_build_filename (dir, "org-onboarding.md", NULL);
  g_assert_true (g_file_set_contents (target, contents, -1, &error));
  g_assert_no_error (error);
  return dir;
}

static void
remove_org_dir (const char *dir)
{
  g_autofree char *file = g_build_filename (dir, "org-onboarding.md", NULL);

  g_remove (file);
  g_rmdir (dir);
}

static void
test_training_review_content_change (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) again = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_org_dir ();
  g_autofree char *file = g_build_filename (dir, "org-onboarding.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  PostureTrainingModule *module;

  g_assert_true (posture_training_library_load_directory (library, dir, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_record_review (library, "org-onboarding",
                                                         POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Ana Champion", "Fine", NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (library, "org-onboarding");
  g_assert_false (posture_training_module_get_needs_review (module));

  /* An author edits the file: the approval no longer covers it. */
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  changed =
      g_strconcat (contents,
                   "- [Another reference](https://learn.microsoft.com/en-us/power-platform/)\n",
                   NULL);
  g_assert_true (g_file_set_contents (file, changed, -1, NULL));

  g_assert_true (posture_training_library_load_directory (again, dir, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "org-onboarding");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_CONTENT_CHANGED);
  g_assert_cmpstr (posture_training_module_get_reviewed_version (module), !=,
                   posture_training_module_get_content_version (module));

  g_assert_true (posture_training_module_get_needs_review (module));

  remove_org_dir (dir);
}

/* A library of the built-in modules and the organization folder @dir, with its state. */
static PostureTrainingLibrary *
new_org_library (const char *dir)
{
  g_autoptr(GError) error = NULL;
  PostureTrainingLibrary *library = new_builtin_library ();

  g_assert_true (posture_training_library_load_directory (library, dir, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);
  return library;
}

/* The review workflow (posture_training_module_can_record_review): which review may be
 * recorded in each state, and that a new version reopens a module sent back. */
static void
test_training_review_workflow (void)
{
  static const PostureTrainingReviewState targets [] = {
    POSTURE_TRAINING_REVIEW_DRAFT,    POSTURE_TRAINING_REVIEW_IN_REVIEW,
    POSTURE_TRAINING_REVIEW_APPROVED, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
    POSTURE_TRAINING_REVIEW_RETIRED,
  };
  /* Rows: the state now; columns: the targets above. */
  static const gboolean allowed[][5] = {
    /* draft */             { FALSE, TRUE,  TRUE,  TRUE,  TRUE },
    /* in review */         { FALSE, FALSE, TRUE,  TRUE,  TRUE },
    /* approved, current */ { FALSE, TRUE,  FALSE, TRUE,  TRUE },
    /* changes requested */ { FALSE, FALSE, FALSE, FALSE, TRUE },
    /* retired */           { FALSE, FALSE, FALSE, FALSE, FALSE },
  };
  static const PostureTrainingReviewState path [] = {
    POSTURE_TRAINING_REVIEW_DRAFT,    POSTURE_TRAINING_REVIEW_IN_REVIEW,
    POSTURE_TRAINING_REVIEW_APPROVED, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
    POSTURE_TRAINING_REVIEW_RETIRED,
  };
  g_autofree char *dir = make_org_dir ();
  g_autoptr(PostureTrainingLibrary) library = new_org_library (dir);
  g_autoptr(PostureTrainingLibrary) again = new_org_library (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (dir, "org-onboarding.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  PostureTrainingModule *module;

  module = posture_training_library_lookup (library, "org-onboarding");

  for (guint step = 0; step < G_N_ELEMENTS (path); step++)
    {
      if (step > 0)
        {
          g_assert_true (posture_training_library_record_review (library, "org-onboarding",
                                                                 path [step], "Ana Champion", "Why",
                                                                 NULL, &error));
          g_assert_no_error (error);
        }
      g_assert_cmpint (posture_training_module_get_review_state (module), ==, path[step]);
      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          g_test_message ("%s → %s", posture_training_review_state_to_string (path[step]),
                          posture_training_review_state_to_string (targets[t]));
          g_assert_true (posture_training_module_can_record_review (module, targets [t]) ==
                         allowed [step][t]);
        }
    }

  /* Sent back, then the author edits the file: the new version may be reviewed. */
  g_assert_true (posture_training_library_record_review (again, "org-onboarding",
                                                         POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
                                                         "Ana Champion", "More detail", NULL,
                                                         &error));
  g_assert_no_error (error);
  g_assert_false (
      posture_training_module_can_record_review (posture_training_library_lookup (again,
                                                                                  "org-onboarding"),
                                                 POSTURE_TRAINING_REVIEW_APPROVED));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  changed = g_strconcat (contents, "\n", NULL);
  g_assert_true (g_file_set_contents (file, changed, -1, NULL));
  g_clear_object (&again);
  again = new_org_library (dir);
  module = posture_training_library_lookup (again, "org-onboarding");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==,
                   POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
  g_assert_true (
      posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));
  g_assert_true (
      posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_IN_REVIEW));
  g_assert_true (
      posture_training_module_can_record_review (module,
                                                 POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED));

  /* An approval that went stale (the interval passed) may be renewed. */
  g_assert_true (posture_training_library_record_review (again, "org-onboarding",
                                                         POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (
      posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));
  {
    g_autoptr(GDateTime) later = g_date_time_new_now_utc ();
    g_autoptr (GDateTime) past_due =
        g_date_time_add_days (later, POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS + 1);

    posture_training_library_set_now (again, past_due);
    posture_training_library_refresh_staleness (again);
  }
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==,
                   POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  g_assert_true (
      posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));

  remove_org_dir (dir);
}

static void
test_training_report (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *reviews = posture_state_path (POSTURE_STATE_DATA, "training-reviews.json", NULL);
  g_auto(GStrv) lines = NULL;
  guint n_modules = g_list_model_get_n_items (G_LIST_MODEL (library));

  g_remove (reviews);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
      posture_training_library_record_review (library, "tenant-isolation",
                                              POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
                                              "=HYPERLINK(\"http://evil.example\")",
                                              "@SUM(1+1) | <b>bold</b> \"quoted\"\nsecond line",
                                              NULL, &error));
  g_assert_no_error (error);

  csv = posture_training_library_review_report (library, POSTURE_TRAINING_REPORT_CSV);
  g_assert_true (g_str_has_prefix (csv, "\"module\",\"title\","));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  /* Formula cells are neutralised with an apostrophe, quotes are doubled. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://evil.example\"\")\""));
  g_assert_nonnull (strstr (csv, "\"'@SUM(1+1) | <b>bold</b> \"\"quoted\"\"\nsecond line\""));
  g_assert_null (strstr (csv, ",=HYPERLINK"));
  g_assert_null (strstr (csv, "\",\"=HYPERLINK"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_modules + 2);   /* header, modules, empty tail */

  markdown = posture_training_library_review_report (library, POSTURE_TRAINING_REPORT_MARKDOWN);
  g_assert_true (g_str_has_prefix (markdown, "# Training review report\n"));
  g_assert_nonnull (strstr (markdown, "\\<b\\>bold\\</b\\>"));
  g_assert_null (strstr (markdown, "<b>"));
  g_assert_nonnull (strstr (markdown, "\\| \\<b"));
  g_assert_nonnull (strstr (markdown, "## History of tenant-isolation"));
  g_assert_nonnull (strstr (markdown, "changes-requested"));
  /* The note's newline does not break the table row. */
  g_assert_null (strstr (markdown, "\nsecond line"));
}

typedef struct
{
  gboolean  ok;
  guint     calls;
  GError   *error;
  GError   *recovered;
} AsyncResult;

static void
load_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *out = user_data;

  out->calls++;
  out->ok = posture_training_library_load_state_finish (POSTURE_TRAINING_LIBRARY (object), result,
                                                        &out->recovered, &out->error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for the state to load");
  return G_SOURCE_REMOVE;
}

static void
test_training_async_state (void)
{
  g_autoptr(PostureTrainingLibrary) writer = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) reader = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) cancelled = new_builtin_library ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncResult result = { 0 };
  AsyncResult cancel_result = { 0 };
  guint timeout = g_timeout_add_seconds (10, timeout_cb, NULL);

  g_assert_true (posture_training_library_record_quiz (writer, "copilot-agents", 3, 3, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_record_review (writer, "copilot-agents",
                                                         POSTURE_TRAINING_REVIEW_IN_REVIEW,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);

  posture_training_library_load_state_async (reader, NULL, load_state_cb, &result);
  while (result.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.calls, ==, 1);
  g_assert_true (result.ok);
  g_assert_no_error (result.error);
  g_assert_no_error (result.recovered);
  g_assert_cmpint (posture_training_module_get_progress (
                       posture_training_library_lookup (reader, "copilot-agents")),
                   ==, POSTURE_TRAINING_PROGRESS_COMPLETED);
  g_assert_cmpint (posture_training_module_get_review_state (
                       posture_training_library_lookup (reader, "copilot-agents")),
                   ==, POSTURE_TRAINING_REVIEW_IN_REVIEW);

  /* Cancelled at once: the callback runs exactly once, with G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  posture_training_library_load_state_async (cancelled, cancellable, load_state_cb, &cancel_result);
  while (cancel_result.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cancel_result.calls, ==, 1);
  g_assert_false (cancel_result.ok);
  g_assert_error (cancel_result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (posture_training_module_get_progress (
                       posture_training_library_lookup (cancelled, "copilot-agents")),
                   ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);

  g_clear_error (&cancel_result.error);
  g_source_remove (timeout);
}

static char *
run_cli (const char * const *args,
         int                *out_status,
         char              **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  const char *cli = g_getenv ("POSTURE_CLI");
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* The isolated per-test directories are not in the environment: pass them on. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, out_stderr, &status, &error));
  g_assert_no_error (error);
  *out_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return out;
}

static void
test_training_cli (void)
{
  g_autofree char *org = g_test_build_filename (G_TEST_DIST, "data", "training", "org", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("POSTURE_CLI") == NULL)
    {
      g_test_skip ("POSTURE_CLI is not set");
      return;
    }

  out = run_cli ((const char *[]) { "training", "validate", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "valid"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "training", "validate", org, NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "broken.md"));
  g_assert_nonnull (strstr (err, "zero-trust.md"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]){ "training", "list", "--training-dir", org, "--audience", "maker",
                                   "--format", "json", NULL },
                 &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"id\": \"org-onboarding\""));
  g_assert_nonnull (strstr (out, "\"organization\""));
  g_assert_null (strstr (out, "\"id\": \"tenant-isolation\"")); /* admin-only module filtered out */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "training", "show", "dlp-strategy", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "## Self-check"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "training", "show", "no-such-module", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "no-such-module"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]) { "training", "review", "copilot-agents", "--state", "approved",
                                    "--reviewer", "Cli Champion", NULL }, &status, &err);
  g_test_message ("review: %s", err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli ((const char *[]){ "training", "review-report", "--format", "markdown", NULL },
                 &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Cli Champion"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors exit with 2. */
  out = run_cli ((const char *[]) { "training", "frobnicate", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]){ "training", "list", "--audience", "everyone", NULL }, &status,
                 &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "maker"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]){ "training", "review-report", "--format", "xlsx", NULL }, &status,
                 &err);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/state/training/progress-persists", test_training_progress_persists);
  g_test_add_func ("/posture/state/training/corrupt-state", test_training_corrupt_state);
  g_test_add_func ("/posture/state/training/review-interval", test_training_review_interval);
  g_test_add_func ("/posture/state/training/review-content-change",
                   test_training_review_content_change);
  g_test_add_func ("/posture/state/training/review-workflow", test_training_review_workflow);
  g_test_add_func ("/posture/state/training/report", test_training_report);
  g_test_add_func ("/posture/state/training/async-state", test_training_async_state);
  g_test_add_func ("/posture/state/training/cli", test_training_cli);

  return g_test_run ();
}
