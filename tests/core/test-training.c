/* test-training.c: the training library and its content (progress and reviews on disk:
 * tests/state/test-training-state.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-training-library.h"
#include "training-fixture.h"

/* The controls catalog of DESIGN.md: every one must link to a built-in module. */
static const char *const catalog_controls [] = { "tenant-isolation",
                                                 "dlp-tenant-policy",
                                                 "dlp-default-environment",
                                                 "env-creation-admins-only",
                                                 "trial-env-creation-admins-only",
                                                 "developer-env-creation-admins-only",
                                                 "pages-creation-admins-only",
                                                 "share-with-everyone-disabled",
                                                 "guest-makers-disabled",
                                                 "dlp-environment-coverage",
                                                 "managed-environment",
                                                 "environment-security-group",
                                                 "sharing-limits",
                                                 "ip-firewall",
                                                 "ip-cookie-binding",
                                                 "auditing",
                                                 "content-security-policy",
                                                 "customer-managed-key",
                                                 "virtual-network",
                                                 "tenant-isolation-allowlist",
                                                 NULL };

static const char * const expected_modules[] = {
  "zero-trust", "security-model", "dlp-strategy", "default-environment", "sharing-hygiene",
  "secrets-and-connections", "app-hardening", "copilot-agents", "sdl-low-code", "tenant-isolation",
  "auditing-monitoring", "incident-response", "compliance-basics", "continuous-improvement",
  "conditional-access", "admin-hygiene", "guest-access", "app-access-control",
  "default-environment-connectors", NULL
};

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

      g_assert_cmpint (posture_training_module_get_origin (module), ==,
                       POSTURE_TRAINING_ORIGIN_BUILTIN);
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
      g_autoptr (GListModel) modules =
          posture_training_library_search (library, NULL, NULL, NULL, NULL, catalog_controls [i]);

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
          g_autoptr (GListModel) modules =
              posture_training_library_search (library, NULL, NULL, NULL, NULL, key);

          if (g_list_model_get_n_items (modules) == 0)
            g_error ("catalog control %s links to no training module", (const char *) key);
        }
    }

  /* The catalog's "Learn how" links resolve, and the module names the control back. */
  {
    g_autoptr (GBytes) bytes =
        g_resources_lookup_data ("/io/github/posture/Posture/data/controls/controls.json",
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
              g_error ("control %s links to module %s, which does not list it under controls", id,
                       module_id);
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
  g_autoptr (GListModel) by_title =
      posture_training_library_search (library, "ZERO trust", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) by_body =
      posture_training_library_search (library, "cookie replay", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) by_tag =
      posture_training_library_search (library, "stride", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) none =
      posture_training_library_search (library, "xylophone-quartz", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) all =
      posture_training_library_search (library, "  ", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) bad_utf8 =
      posture_training_library_search (library, "\xff\xfe", NULL, NULL, NULL, NULL);
  g_autoptr (GListModel) admins =
      posture_training_library_search (library, NULL, "admin", NULL, NULL, NULL);
  g_autoptr (GListModel) operate =
      posture_training_library_search (library, NULL, NULL, "operate", NULL, NULL);
  g_autoptr (GListModel) breach =
      posture_training_library_search (library, NULL, NULL, NULL, "assume-breach", NULL);
  g_autoptr (GListModel) cookie =
      posture_training_library_search (library, NULL, NULL, NULL, NULL, "ip-cookie-binding");
  g_autoptr (GListModel) combined =
      posture_training_library_search (library, "tenant", "admin", "operate", "assume-breach",
                                       "tenant-isolation");

  g_assert_true (list_has (by_title, "zero-trust"));
  g_assert_true (list_has (by_body, "app-hardening"));
  g_assert_false (list_has (by_body, "dlp-strategy"));
  g_assert_true (list_has (by_tag, "sdl-low-code"));
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bad_utf8), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (library)));

  g_assert_cmpuint (g_list_model_get_n_items (admins), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (admins), <=,
                    g_list_model_get_n_items (G_LIST_MODEL (library)));
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
  g_assert_cmpint (posture_training_module_get_origin (module), ==,
                   POSTURE_TRAINING_ORIGIN_ORGANIZATION);
  g_assert_true (
      g_str_has_suffix (posture_training_module_get_source (module), "org-onboarding.md"));
  /* Organization modules come after the built-in ones. */
  {
    g_autoptr(PostureTrainingModule) last = g_list_model_get_item (G_LIST_MODEL (library), builtin);
    g_assert_true (last == module);
  }
  /* The built-in zero-trust is not replaced. */
  g_assert_cmpint (posture_training_module_get_origin (
                       posture_training_library_lookup (library, "zero-trust")),
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
  g_assert_false (
      posture_training_library_load_directory (library, "/nonexistent/posture-training", &error));
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
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "training", "malformed",
                                                     cases [i].file, NULL);
      g_autoptr(PostureTrainingModule) module = NULL;
      g_autoptr(GError) error = NULL;

      module = posture_training_module_new_from_file (path, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                      NULL, &error);
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
  module =
      posture_training_module_new_from_bytes ("binary", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                              "binary.md", NULL, &error);
  g_assert_null (module);
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Larger than the bound: refused before parsing. */
  while (huge->len <= POSTURE_TRAINING_MODULE_MAX_SIZE)
    g_string_append (
        huge,
        "tags: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
  bytes = g_bytes_new (huge->str, huge->len);
  module =
      posture_training_module_new_from_bytes ("huge", bytes, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                              "huge.md", NULL, &error);
  g_assert_null (module);
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Empty, and a header that never closes. */
  bytes = g_bytes_new_static ("", 0);
  g_assert_null (posture_training_module_new_from_bytes ("empty", bytes,
                                                         POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                         "empty.md", NULL, &error));
  g_assert_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static ("---\ntitle: open\n", 16);
  g_assert_null (posture_training_module_new_from_bytes ("open", bytes,
                                                         POSTURE_TRAINING_ORIGIN_ORGANIZATION,
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/training/builtin-valid", test_training_builtin_valid);
  g_test_add_func ("/posture/core/training/controls-covered", test_training_controls_covered);
  g_test_add_func ("/posture/core/training/search-filters", test_training_search_filters);
  g_test_add_func ("/posture/core/training/org-folder", test_training_org_folder);
  g_test_add_func ("/posture/core/training/malformed", test_training_malformed);
  g_test_add_func ("/posture/core/training/hostile-bytes", test_training_hostile_bytes);
  g_test_add_func ("/posture/core/training/clear-directory", test_training_clear_directory);

  return g_test_run ();
}
