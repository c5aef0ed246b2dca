/* test-training.c: the training library, its content, progress and reviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-training-library.h"

/* The controls catalog of DESIGN.md: every one must link to a built-in module. */
static const char * const catalog_controls[] = {
  "tenant-isolation", "dlp-tenant-policy", "dlp-default-environment", "env-creation-admins-only",
  "trial-env-creation-admins-only", "developer-env-creation-admins-only", "pages-creation-admins-only",
  "share-with-everyone-disabled", "guest-makers-disabled", "dlp-environment-coverage",
  "managed-environment", "environment-security-group", "sharing-limits", "ip-firewall",
  "ip-cookie-binding", "auditing", "content-security-policy", "customer-managed-key",
  "virtual-network", "tenant-isolation-allowlist", NULL
};

static const char * const expected_modules[] = {
  "zero-trust", "security-model", "dlp-strategy", "default-environment", "sharing-hygiene",
  "secrets-and-connections", "app-hardening", "copilot-agents", "sdl-low-code", "tenant-isolation",
  "auditing-monitoring", "incident-response", "compliance-basics", "continuous-improvement",
  "conditional-access", "admin-hygiene", "guest-access", "app-access-control",
  "default-environment-connectors", NULL
};

static PostureTrainingLibrary *
new_builtin_library (void)
{
  g_autoptr(GError) error = NULL;
  PostureTrainingLibrary *library = posture_training_library_new ();

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  return library;
}

static gboolean
list_has (GListModel *model,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (model, i);

      if (g_str_equal (posture_training_module_get_id (module), id))
        return TRUE;
    }
  return FALSE;
}

static void
test_training_builtin_valid (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  GListModel *model = G_LIST_MODEL (library);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >=, 14);
  g_assert_cmpuint (posture_training_library_get_problems (library)->len, ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == POSTURE_TYPE_TRAINING_MODULE);

  for (guint i = 0; expected_modules[i] != NULL; i++)
    g_assert_nonnull (posture_training_library_lookup (library, expected_modules[i]));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (model, i);
      GPtrArray *questions = posture_training_module_get_questions (module);
      GPtrArray *references = posture_training_module_get_references (module);
      g_autofree char *title = NULL;
      g_auto(GStrv) audience = NULL;

      g_assert_cmpint (posture_training_module_get_origin (module), ==, POSTURE_TRAINING_ORIGIN_BUILTIN);
      g_assert_cmpuint (strlen (posture_training_module_get_content_version (module)), ==, 64);
      g_assert_cmpuint (posture_training_module_get_duration (module), >, 0);
      g_assert_nonnull (posture_training_module_get_objectives (module)[0]);
      g_assert_cmpuint (strlen (posture_training_module_get_lesson (module)), >, 200);
      g_assert_true (strstr (posture_training_module_get_exercise (module), "--demo") != NULL);
      g_assert_cmpuint (questions->len, >=, 3);
      for (guint q = 0; q < questions->len; q++)
        {
          PostureTrainingQuestion *question = g_ptr_array_index (questions, q);

          g_assert_cmpuint (g_strv_length (question->options), >=, 2);
          g_assert_cmpuint (question->correct, <, g_strv_length (question->options));
          g_assert_nonnull (question->why);
        }
      g_assert_cmpuint (references->len, >=, 3);
      for (guint r = 0; r < references->len; r++)
        {
          PostureTrainingReference *reference = g_ptr_array_index (references, r);

          g_assert_true (g_str_has_prefix (reference->url, "https://learn.microsoft.com/"));
        }

      /* Properties mirror the accessors (the app binds them). */
      g_object_get (module, "title", &title, "audience", &audience, NULL);
      g_assert_cmpstr (title, ==, posture_training_module_get_title (module));
      g_assert_cmpuint (g_strv_length (audience), >=, 1);
    }
}

static void
test_training_controls_covered (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GHashTable) catalog = posture_training_library_dup_known_controls ();

  for (guint i = 0; catalog_controls[i] != NULL; i++)
    {
      g_autoptr(GListModel) modules = posture_training_library_search (library, NULL, NULL, NULL, NULL,
                                                                       catalog_controls[i]);

      if (g_list_model_get_n_items (modules) == 0)
        g_error ("control %s links to no training module", catalog_controls[i]);
    }

  /* Once the catalog in data/controls/ lists controls, they must be covered too,
   * and every module's controls must exist in it (load_builtin validates that). */
  if (catalog != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, catalog);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autoptr(GListModel) modules = posture_training_library_search (library, NULL, NULL, NULL, NULL, key);

          if (g_list_model_get_n_items (modules) == 0)
            g_error ("catalog control %s links to no training module", (const char *) key);
        }
    }

  /* The catalog's "Learn how" links resolve, and the module names the control back. */
  {
    g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/posture/Posture/data/controls/controls.json",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonArray *controls;

    g_assert_nonnull (bytes);
    root = posture_json_parse_bytes (bytes, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL);
    g_assert_nonnull (root);
    controls = posture_json_get_array (json_node_get_object (root), "controls");
    for (guint i = 0; controls != NULL && i < json_array_get_length (controls); i++)
      {
        JsonObject *control = json_array_get_object_element (controls, i);
        const char *id = posture_json_get_string (control, "id");
        JsonArray *training = posture_json_get_array (control, "training");

        for (guint t = 0; training != NULL && t < json_array_get_length (training); t++)
          {
            const char *module_id = json_array_get_string_element (training, t);
            PostureTrainingModule *module = posture_training_library_lookup (library, module_id);

            if (module == NULL)
              g_error ("control %s links to the unknown module %s", id, module_id);
            if (!posture_training_module_has_control (module, id))
              g_error ("control %s links to module %s, which does not list it under controls", id, module_id);
          }
      }
  }

  /* And the other way round: modules only name known controls. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char * const *controls = posture_training_module_get_controls (module);

      g_assert_nonnull (controls[0]);
      for (guint c = 0; controls[c] != NULL; c++)
        g_assert_true (g_hash_table_contains (catalog, controls[c]));
    }
}

static void
test_training_search_filters (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GListModel) by_title = posture_training_library_search (library, "ZERO trust", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) by_body = posture_training_library_search (library, "cookie replay", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) by_tag = posture_training_library_search (library, "stride", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) none = posture_training_library_search (library, "xylophone-quartz", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) all = posture_training_library_search (library, "  ", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) bad_utf8 = posture_training_library_search (library, "\xff\xfe", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) admins = posture_training_library_search (library, NULL, "admin", NULL, NULL, NULL);
  g_autoptr(GListModel) operate = posture_training_library_search (library, NULL, NULL, "operate", NULL, NULL);
  g_autoptr(GListModel) breach = posture_training_library_search (library, NULL, NULL, NULL, "assume-breach", NULL);
  g_autoptr(GListModel) cookie = posture_training_library_search (library, NULL, NULL, NULL, NULL, "ip-cookie-binding");
  g_autoptr(GListModel) combined = posture_training_library_search (library, "tenant", "admin", "operate",
                                                                    "assume-breach", "tenant-isolation");

  g_assert_true (list_has (by_title, "zero-trust"));
  g_assert_true (list_has (by_body, "app-hardening"));
  g_assert_false (list_has (by_body, "dlp-strategy"));
  g_assert_true (list_has (by_tag, "sdl-low-code"));
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bad_utf8), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, g_list_model_get_n_items (G_LIST_MODEL (library)));

  g_assert_cmpuint (g_list_model_get_n_items (admins), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (admins), <=, g_list_model_get_n_items (G_LIST_MODEL (library)));
  for (guint i = 0; i < g_list_model_get_n_items (admins); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (admins, i);
      g_assert_true (posture_training_module_has_audience (module, "admin"));
    }
  for (guint i = 0; i < g_list_model_get_n_items (operate); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (operate, i);
      g_assert_cmpstr (posture_training_module_get_phase (module), ==, "operate");
    }
  g_assert_true (list_has (operate, "incident-response"));
  g_assert_false (list_has (operate, "zero-trust"));
  for (guint i = 0; i < g_list_model_get_n_items (breach); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (breach, i);
      g_assert_cmpstr (posture_training_module_get_principle (module), ==, "assume-breach");
    }
  g_assert_true (list_has (cookie, "app-hardening"));
  g_assert_false (list_has (cookie, "dlp-strategy"));
  for (guint i = 0; i < g_list_model_get_n_items (cookie); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (cookie, i);
      g_assert_true (posture_training_module_has_control (module, "ip-cookie-binding"));
    }
  g_assert_true (list_has (combined, "tenant-isolation"));
  g_assert_false (list_has (combined, "zero-trust"));
}

static void
test_training_progress_persists (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(PostureTrainingLibrary) again = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, POSTURE_TRAINING_PROGRESS_FILE, NULL);
  PostureTrainingModule *module;
  const int answers[] = { 1, 0, 0 };

  g_remove (path);
  g_assert_true (posture_training_library_load_state (library, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);

  module = posture_training_library_lookup (library, "zero-trust");
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);
  g_assert_cmpint (posture_training_module_get_quiz_total (module), ==, -1);

  g_assert_true (posture_training_library_set_progress (library, "zero-trust",
                                                        POSTURE_TRAINING_PROGRESS_IN_PROGRESS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_IN_PROGRESS);

  /* zero-trust's answers are option 1, 0, 1: two of three right. */
  g_assert_cmpuint (posture_training_module_grade_quiz (module, answers, G_N_ELEMENTS (answers)), ==, 2);
  g_assert_true (posture_training_library_record_quiz (library, "zero-trust", 2, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  g_assert_true (posture_training_library_record_quiz (library, "dlp-strategy", 3, 3, &error));
  g_assert_no_error (error);

  /* Bad requests are refused clearly. */
  g_assert_false (posture_training_library_record_quiz (library, "zero-trust", 4, 3, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_set_progress (library, "no-such-module",
                                                         POSTURE_TRAINING_PROGRESS_COMPLETED, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-module"));
  g_clear_error (&error);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A second library (the CLI, or the app after a restart) reads the same state. */
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "zero-trust");
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_IN_PROGRESS);
  g_assert_cmpint (posture_training_module_get_quiz_correct (module), ==, 2);
  g_assert_cmpint (posture_training_module_get_quiz_total (module), ==, 3);
  module = posture_training_library_lookup (again, "dlp-strategy");
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_COMPLETED);
  module = posture_training_library_lookup (again, "sharing-hygiene");
  g_assert_cmpint (posture_training_module_get_progress (module), ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);
}

static void
test_training_corrupt_state (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, POSTURE_TRAINING_PROGRESS_FILE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"posture_training_progress\": 1, \"modules\": {[[[", -1, NULL));

  g_assert_true (posture_training_library_load_state (library, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "moved"));
  g_assert_cmpint (posture_training_module_get_progress (posture_training_library_lookup (library, "zero-trust")),
                   ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    moved |= g_str_has_prefix (name, POSTURE_TRAINING_PROGRESS_FILE ".corrupt-");
  g_assert_true (moved);

  /* Writing works again afterwards. */
  g_assert_true (posture_training_library_set_progress (library, "zero-trust",
                                                        POSTURE_TRAINING_PROGRESS_COMPLETED, &error));
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
  g_autoptr(GListModel) queue = NULL;
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, POSTURE_TRAINING_REVIEWS_FILE, NULL);
  PostureTrainingModule *module;

  g_remove (path);
  posture_training_library_set_now (library, now);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);

  module = posture_training_library_lookup (library, "auditing-monitoring");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_DRAFT);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_NEVER_REVIEWED);
  g_assert_true (posture_training_module_get_needs_review (module));

  /* Approved 200 days ago: past the default 180-day interval. */
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_IN_REVIEW, "Ana Champion",
                                                         "Starting review", long_ago, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_IN_REVIEW);
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_APPROVED, "Ana Champion",
                                                         "Accurate", long_ago, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  g_assert_true (posture_training_module_get_needs_review (module));

  /* Approved 10 days ago: current. */
  g_assert_true (posture_training_library_record_review (library, "auditing-monitoring",
                                                         POSTURE_TRAINING_REVIEW_APPROVED, "Bo Reviewer",
                                                         NULL, recently, &error));
  g_assert_no_error (error);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_NONE);
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Bo Reviewer");

  /* A shorter interval (the setting) makes it stale. */
  posture_training_library_set_review_interval_days (library, 7);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  posture_training_library_set_review_interval_days (library, POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS);
  g_assert_false (posture_training_module_get_needs_review (module));

  /* And time passing does too. */
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 171);

    posture_training_library_set_now (library, later);
    g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_INTERVAL_PASSED);
    posture_training_library_set_now (library, now);
  }

  /* Other states and the queue. */
  g_assert_true (posture_training_library_record_review (library, "zero-trust", POSTURE_TRAINING_REVIEW_RETIRED,
                                                         "Ana Champion", "Superseded", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_record_review (library, "dlp-strategy", POSTURE_TRAINING_REVIEW_IN_REVIEW,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
                                                          "Ana Champion", "   ", NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_APPROVED, " ", NULL, NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (posture_training_library_record_review (library, "sharing-hygiene",
                                                          POSTURE_TRAINING_REVIEW_APPROVED, "Eve\nInjected", NULL, NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);

  queue = posture_training_library_dup_review_queue (library);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, g_list_model_get_n_items (G_LIST_MODEL (library)) - 2);
  g_assert_false (list_has (queue, "zero-trust"));           /* retired */
  g_assert_false (list_has (queue, "auditing-monitoring"));  /* approved and current */
  {
    g_autoptr(PostureTrainingModule) first = g_list_model_get_item (queue, 0);
    g_assert_cmpstr (posture_training_module_get_id (first), ==, "dlp-strategy");   /* in review comes first */
  }

  /* History keeps every review, oldest first. */
  history = posture_training_library_dup_review_history (library, "auditing-monitoring");
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (((PostureTrainingReview *) g_ptr_array_index (history, 0))->state, ==, POSTURE_TRAINING_REVIEW_IN_REVIEW);
  g_assert_cmpstr (((PostureTrainingReview *) g_ptr_array_index (history, 2))->reviewer, ==, "Bo Reviewer");
  g_assert_cmpstr (((PostureTrainingReview *) g_ptr_array_index (history, 2))->content_version, ==,
                   posture_training_module_get_content_version (module));

  /* It all persists. */
  posture_training_library_set_now (again, now);
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "auditing-monitoring");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpstr (posture_training_module_get_reviewer (module), ==, "Bo Reviewer");
  g_assert_false (posture_training_module_get_needs_review (module));
  g_assert_true (g_date_time_equal (posture_training_module_get_reviewed_at (module), recently));
  g_assert_cmpint (posture_training_module_get_review_state (posture_training_library_lookup (again, "zero-trust")),
                   ==, POSTURE_TRAINING_REVIEW_RETIRED);
}

static char *
make_org_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "training", "org", "org-onboarding.md", NULL);
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
  g_autoptr(GListModel) queue = NULL;
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
  g_assert_true (posture_training_library_record_review (library, "org-onboarding", POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Ana Champion", "Fine", NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (library, "org-onboarding");
  g_assert_false (posture_training_module_get_needs_review (module));

  /* An author edits the file: the approval no longer covers it. */
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  changed = g_strconcat (contents, "- [Another reference](https://learn.microsoft.com/en-us/power-platform/)\n", NULL);
  g_assert_true (g_file_set_contents (file, changed, -1, NULL));

  g_assert_true (posture_training_library_load_directory (again, dir, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_load_state (again, NULL, &error));
  g_assert_no_error (error);
  module = posture_training_library_lookup (again, "org-onboarding");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_APPROVED);
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_CONTENT_CHANGED);
  g_assert_cmpstr (posture_training_module_get_reviewed_version (module), !=,
                   posture_training_module_get_content_version (module));

  queue = posture_training_library_dup_review_queue (again);
  g_assert_true (list_has (queue, "org-onboarding"));

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
  static const PostureTrainingReviewState targets[] = {
    POSTURE_TRAINING_REVIEW_DRAFT, POSTURE_TRAINING_REVIEW_IN_REVIEW, POSTURE_TRAINING_REVIEW_APPROVED,
    POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED, POSTURE_TRAINING_REVIEW_RETIRED,
  };
  /* Rows: the state now; columns: the targets above. */
  static const gboolean allowed[][5] = {
    /* draft */             { FALSE, TRUE,  TRUE,  TRUE,  TRUE },
    /* in review */         { FALSE, FALSE, TRUE,  TRUE,  TRUE },
    /* approved, current */ { FALSE, TRUE,  FALSE, TRUE,  TRUE },
    /* changes requested */ { FALSE, FALSE, FALSE, FALSE, TRUE },
    /* retired */           { FALSE, FALSE, FALSE, FALSE, FALSE },
  };
  static const PostureTrainingReviewState path[] = {
    POSTURE_TRAINING_REVIEW_DRAFT, POSTURE_TRAINING_REVIEW_IN_REVIEW, POSTURE_TRAINING_REVIEW_APPROVED,
    POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED, POSTURE_TRAINING_REVIEW_RETIRED,
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
          g_assert_true (posture_training_library_record_review (library, "org-onboarding", path[step],
                                                                 "Ana Champion", "Why", NULL, &error));
          g_assert_no_error (error);
        }
      g_assert_cmpint (posture_training_module_get_review_state (module), ==, path[step]);
      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          g_test_message ("%s → %s", posture_training_review_state_to_string (path[step]),
                          posture_training_review_state_to_string (targets[t]));
          g_assert_true (posture_training_module_can_record_review (module, targets[t]) == allowed[step][t]);
        }
    }

  /* Sent back, then the author edits the file: the new version may be reviewed. */
  g_assert_true (posture_training_library_record_review (again, "org-onboarding",
                                                         POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED,
                                                         "Ana Champion", "More detail", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (posture_training_module_can_record_review (posture_training_library_lookup (again, "org-onboarding"),
                                                             POSTURE_TRAINING_REVIEW_APPROVED));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  changed = g_strconcat (contents, "\n", NULL);
  g_assert_true (g_file_set_contents (file, changed, -1, NULL));
  g_clear_object (&again);
  again = new_org_library (dir);
  module = posture_training_library_lookup (again, "org-onboarding");
  g_assert_cmpint (posture_training_module_get_review_state (module), ==, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED);
  g_assert_true (posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));
  g_assert_true (posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_IN_REVIEW));
  g_assert_true (posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED));

  /* An approval that went stale (the interval passed) may be renewed. */
  g_assert_true (posture_training_library_record_review (again, "org-onboarding", POSTURE_TRAINING_REVIEW_APPROVED,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));
  {
    g_autoptr(GDateTime) later = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) past_due = g_date_time_add_days (later, POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS + 1);

    posture_training_library_set_now (again, past_due);
    posture_training_library_refresh_staleness (again);
  }
  g_assert_cmpint (posture_training_module_get_stale_reason (module), ==, POSTURE_TRAINING_STALE_INTERVAL_PASSED);
  g_assert_true (posture_training_module_can_record_review (module, POSTURE_TRAINING_REVIEW_APPROVED));

  remove_org_dir (dir);
}

static void
test_training_org_folder (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "training", "org", NULL);
  guint builtin = g_list_model_get_n_items (G_LIST_MODEL (library));
  PostureTrainingModule *module;
  GPtrArray *problems;
  gboolean saw_broken = FALSE;
  gboolean saw_duplicate = FALSE;

  g_assert_true (posture_training_library_load_directory (library, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (posture_training_library_get_directory (library), ==, dir);

  /* One valid module; README.md and notes.txt are not modules. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, builtin + 1);
  module = posture_training_library_lookup (library, "org-onboarding");
  g_assert_nonnull (module);
  g_assert_cmpint (posture_training_module_get_origin (module), ==, POSTURE_TRAINING_ORIGIN_ORGANIZATION);
  g_assert_true (g_str_has_suffix (posture_training_module_get_source (module), "org-onboarding.md"));
  /* Organization modules come after the built-in ones. */
  {
    g_autoptr(PostureTrainingModule) last = g_list_model_get_item (G_LIST_MODEL (library), builtin);
    g_assert_true (last == module);
  }
  /* The built-in zero-trust is not replaced. */
  g_assert_cmpint (posture_training_module_get_origin (posture_training_library_lookup (library, "zero-trust")),
                   ==, POSTURE_TRAINING_ORIGIN_BUILTIN);

  problems = posture_training_library_get_problems (library);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      GError *problem = g_ptr_array_index (problems, i);

      g_assert_error (problem, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
      if (strstr (problem->message, "broken.md") && strstr (problem->message, "\"audience\"") &&
          strstr (problem->message, "everyone"))
        saw_broken = TRUE;
      if (strstr (problem->message, "zero-trust.md") && strstr (problem->message, "already used"))
        saw_duplicate = TRUE;
    }
  g_assert_true (saw_broken);
  g_assert_true (saw_duplicate);

  /* A folder that does not exist is a clear error. */
  g_assert_false (posture_training_library_load_directory (library, "/nonexistent/posture-training", &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/posture-training"));
}

static void
test_training_malformed (void)
{
  static const struct {
    const char *file;
    const char *expect1;
    const char *expect2;
  } cases[] = {
    { "bad-audience.md",      "\"audience\"",           "wizard" },
    { "missing-summary.md",   "\"summary\" is missing", ":" },
    { "bad-duration.md",      "\"duration\"",           "fifteen" },
    { "bad-phase.md",         "\"phase\"",              "someday" },
    { "bad-principle.md",     "\"principle\"",          "trust-everyone" },
    { "unknown-field.md",     "unknown field",          "colour" },
    { "javascript-link.md",   "\"References\"",         "https://" },
    { "no-right-answer.md",   "\"Self-check\"",         "no right option" },
    { "two-right-answers.md", "\"Self-check\"",         "more than one" },
    { "no-why.md",            "\"Self-check\"",         "Why:" },
    { "no-header.md",         ":1:",                    "---" },
    { "missing-exercise.md",  "Exercise",               "section" },
    { "bad-control.md",       "\"controls\"",           "Not A Control" },
    { "repeated-section.md",  "Lesson",                 "out of order or repeated" },
    { "control-character.md", ":3:",                    "control character" },
    { "bidi-override.md",     ":4:",                    "U+202E" },
    { "Bad_Name.md",          "\"id\"",                 "Bad_Name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "training", "malformed", cases[i].file, NULL);
      g_autoptr(PostureTrainingModule) module = NULL;
      g_autoptr(GError) error = NULL;

      module = posture_training_module_new_from_file (path, POSTURE_TRAINING_ORIGIN_ORGANIZATION, NULL, &error);
      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(valid)");
      g_assert_null (module);
      g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].file));
      g_assert_nonnull (strstr (error->message, cases[i].expect1));
      g_assert_nonnull (strstr (error->message, cases[i].expect2));
    }
}

static void
test_training_hostile_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureTrainingModule) module = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) huge = g_string_new ("---\ntitle: x\n");

  /* Not UTF-8. */
  bytes = g_bytes_new_static ("---\ntitle: \xff\xfe\n---\n", 20);
  module = posture_training_module_new_from_bytes ("binary", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                   "binary.md", NULL, &error);
  g_assert_null (module);
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Larger than the bound: refused before parsing. */
  while (huge->len <= POSTURE_TRAINING_MODULE_MAX_SIZE)
    g_string_append (huge, "tags: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
  bytes = g_bytes_new (huge->str, huge->len);
  module = posture_training_module_new_from_bytes ("huge", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                   "huge.md", NULL, &error);
  g_assert_null (module);
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Empty, and a header that never closes. */
  bytes = g_bytes_new_static ("", 0);
  g_assert_null (posture_training_module_new_from_bytes ("empty", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                         "empty.md", NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static ("---\ntitle: open\n", 16);
  g_assert_null (posture_training_module_new_from_bytes ("open", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                         "open.md", NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "closing"));
  g_clear_error (&error);

  g_assert_false (posture_training_module_id_is_valid ("../etc/passwd"));
  g_assert_false (posture_training_module_id_is_valid (""));
  g_assert_false (posture_training_module_id_is_valid ("trailing-"));
  g_assert_true (posture_training_module_id_is_valid ("zero-trust"));
}

static void
test_training_report (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *reviews = posture_state_path (POSTURE_STATE_DATA, POSTURE_TRAINING_REVIEWS_FILE, NULL);
  g_auto(GStrv) lines = NULL;
  guint n_modules = g_list_model_get_n_items (G_LIST_MODEL (library));

  g_remove (reviews);
  g_assert_true (posture_training_library_load_state (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (posture_training_library_record_review (library, "tenant-isolation",
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
  g_assert_true (posture_training_library_record_review (writer, "copilot-agents", POSTURE_TRAINING_REVIEW_IN_REVIEW,
                                                         "Ana Champion", NULL, NULL, &error));
  g_assert_no_error (error);

  posture_training_library_load_state_async (reader, NULL, load_state_cb, &result);
  while (result.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.calls, ==, 1);
  g_assert_true (result.ok);
  g_assert_no_error (result.error);
  g_assert_no_error (result.recovered);
  g_assert_cmpint (posture_training_module_get_progress (posture_training_library_lookup (reader, "copilot-agents")),
                   ==, POSTURE_TRAINING_PROGRESS_COMPLETED);
  g_assert_cmpint (posture_training_module_get_review_state (posture_training_library_lookup (reader, "copilot-agents")),
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
  g_assert_cmpint (posture_training_module_get_progress (posture_training_library_lookup (cancelled, "copilot-agents")),
                   ==, POSTURE_TRAINING_PROGRESS_NOT_STARTED);

  g_clear_error (&cancel_result.error);
  g_source_remove (timeout);
}

static void
test_training_clear_directory (void)
{
  g_autoptr(PostureTrainingLibrary) library = new_builtin_library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "training", "org", NULL);
  guint builtin = g_list_model_get_n_items (G_LIST_MODEL (library));

  g_assert_true (posture_training_library_load_directory (library, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, builtin + 1);
  g_assert_cmpuint (posture_training_library_get_problems (library)->len, >, 0);

  posture_training_library_clear_directory (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, builtin);
  g_assert_cmpuint (posture_training_library_get_problems (library)->len, ==, 0);
  g_assert_null (posture_training_library_get_directory (library));
  g_assert_null (posture_training_library_lookup (library, "org-onboarding"));
  g_assert_nonnull (posture_training_library_lookup (library, "zero-trust"));

  /* And loading again works. */
  g_assert_true (posture_training_library_load_directory (library, dir, &error));
  g_assert_no_error (error);
  g_assert_nonnull (posture_training_library_lookup (library, "org-onboarding"));
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

  out = run_cli ((const char *[]) { "training", "list", "--training-dir", org, "--audience", "maker",
                                    "--format", "json", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"id\": \"org-onboarding\""));
  g_assert_nonnull (strstr (out, "\"organization\""));
  g_assert_null (strstr (out, "\"id\": \"tenant-isolation\""));   /* admin-only module filtered out */
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

  out = run_cli ((const char *[]) { "training", "review-report", "--format", "markdown", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Cli Champion"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors exit with 2. */
  out = run_cli ((const char *[]) { "training", "frobnicate", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]) { "training", "list", "--audience", "everyone", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "maker"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ((const char *[]) { "training", "review-report", "--format", "xlsx", NULL }, &status, &err);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/training/builtin-valid", test_training_builtin_valid);
  g_test_add_func ("/posture/core/training/controls-covered", test_training_controls_covered);
  g_test_add_func ("/posture/core/training/search-filters", test_training_search_filters);
  g_test_add_func ("/posture/core/training/progress-persists", test_training_progress_persists);
  g_test_add_func ("/posture/core/training/corrupt-state", test_training_corrupt_state);
  g_test_add_func ("/posture/core/training/review-interval", test_training_review_interval);
  g_test_add_func ("/posture/core/training/review-content-change", test_training_review_content_change);
  g_test_add_func ("/posture/core/training/org-folder", test_training_org_folder);
  g_test_add_func ("/posture/core/training/review-workflow", test_training_review_workflow);
  g_test_add_func ("/posture/core/training/malformed", test_training_malformed);
  g_test_add_func ("/posture/core/training/hostile-bytes", test_training_hostile_bytes);
  g_test_add_func ("/posture/core/training/report", test_training_report);
  g_test_add_func ("/posture/core/training/async-state", test_training_async_state);
  g_test_add_func ("/posture/core/training/clear-directory", test_training_clear_directory);
  g_test_add_func ("/posture/core/training/cli", test_training_cli);

  return g_test_run ();
}
