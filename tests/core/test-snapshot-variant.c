/* test-snapshot-variant.c: the serialised snapshot assesses exactly as its JSON does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "engine-fixture.h"
#include "posture-engine.h"

#define SNAPSHOT_TYPE G_VARIANT_TYPE (POSTURE_SNAPSHOT_VARIANT_TYPE)
#include "posture-error.h"
#include "posture-report.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "engine", name, NULL);
}

static char *
assess_to_text (PostureSnapshot *snapshot)
{
  g_autoptr(PostureAssessment) assessment = engine_fixture_assess (snapshot, NULL, NULL);
  GListModel *controls;
  GString *text;

  /* The JSON form, plus what it leaves out: every resource's evidence. */
  text = g_string_new (NULL);
  {
    g_autofree char *json = posture_report_render (assessment, NULL, NULL,
                                                   POSTURE_REPORT_FORMAT_JSON, NULL, NULL);

    g_string_append (text, json);
  }
  controls = posture_assessment_get_controls (assessment);
  for (guint c = 0; c < g_list_model_get_n_items (controls); c++)
    {
      g_autoptr(PostureControlResult) result = g_list_model_get_item (controls, c);

      for (guint r = 0; r < posture_control_result_get_n_resources (result); r++)
        {
          g_autofree char *evidence =
            posture_resource_result_dup_evidence (posture_control_result_get_resource (result, r));

          g_string_append_printf (text, "%s\n", evidence ? evidence : "-");
        }
    }

  return g_string_free (text, FALSE);
}

/* Through bytes, as a mapped cache file is. */
static PostureSnapshot *
round_trip (PostureSnapshot *snapshot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) variant = g_variant_ref_sink (posture_snapshot_to_variant (snapshot));
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (variant);
  g_autoptr(GVariant) loaded = NULL;
  PostureSnapshot *copy;

  g_assert_true (g_variant_is_of_type (variant, SNAPSHOT_TYPE));
  loaded = g_variant_ref_sink (g_variant_new_from_bytes (SNAPSHOT_TYPE,
                                                         bytes, FALSE));
  copy = posture_snapshot_new_from_variant (loaded, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

/* assess (from variant) == assess (from JSON), on every fixture. */
static void
test_variant_every_fixture (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "engine", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autoptr(PostureSnapshot) snapshot = NULL;
      g_autoptr(PostureSnapshot) copy = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      const char * const *w1;
      const char * const *w2;

      if (!g_str_has_suffix (name, ".json") || g_str_equal (name, "version-3.json") ||
          g_str_equal (name, "not-a-snapshot.json"))
        continue;

      g_test_message ("%s", name);
      path = g_build_filename (dir, name, NULL);
      snapshot = posture_snapshot_new_from_file (path, &error);
      g_assert_no_error (error);
      copy = round_trip (snapshot);

      expected = assess_to_text (snapshot);
      got = assess_to_text (copy);
      g_assert_cmpstr (got, ==, expected);

      /* The same snapshot, as far as anything can ask it. */
      w1 = posture_snapshot_get_warnings (snapshot);
      w2 = posture_snapshot_get_warnings (copy);
      g_assert_true (g_strv_equal (w1, w2));
      g_assert_cmpuint (posture_snapshot_get_format_version (copy), ==,
                        posture_snapshot_get_format_version (snapshot));
      g_assert_cmpuint (posture_snapshot_get_n_settings (copy), ==,
                        posture_snapshot_get_n_settings (snapshot));
      g_assert_cmpuint (posture_snapshot_get_n_environments (copy), ==,
                        posture_snapshot_get_n_environments (snapshot));
      g_assert_cmpint (posture_snapshot_get_default_environment (copy) == NULL, ==,
                       posture_snapshot_get_default_environment (snapshot) == NULL);
      if (posture_snapshot_get_captured_at (snapshot) != NULL)
        g_assert_true (g_date_time_equal (posture_snapshot_get_captured_at (snapshot),
                                          posture_snapshot_get_captured_at (copy)));
      for (PostureSource s = POSTURE_SOURCE_TENANT_SETTINGS; s <= POSTURE_SOURCE_GLOBAL_ADMINS; s++)
        g_assert_cmpint (posture_snapshot_get_source_state (copy, s), ==,
                         posture_snapshot_get_source_state (snapshot, s));

      /* No raw document: said so, never a crash. */
      g_assert_true (posture_snapshot_has_json (snapshot));
      g_assert_false (posture_snapshot_has_json (copy));
      g_assert_null (posture_snapshot_get_json (copy));
      g_assert_null (posture_snapshot_to_data (copy, NULL));
      g_assert_null (posture_snapshot_get_tenant_settings (copy));

      /* And a copy of a copy is the same again. */
      {
        g_autoptr(PostureSnapshot) again = round_trip (copy);
        g_autofree char *third = assess_to_text (again);

        g_assert_cmpstr (third, ==, expected);
      }

      n++;
    }

  g_assert_cmpuint (n, >=, 40);
}

/* A cache file, mapped. */
static void
test_variant_mapped_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("partial.json");
  g_autofree char *cache = g_build_filename (g_get_tmp_dir (), "posture-variant.cache", NULL);
  g_autoptr(PostureSnapshot) snapshot = posture_snapshot_new_from_file (path, &error);
  g_autoptr(GVariant) variant = g_variant_ref_sink (posture_snapshot_to_variant (snapshot));
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) loaded = NULL;
  g_autoptr(PostureSnapshot) copy = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  g_assert_true (g_file_set_contents (cache, g_variant_get_data (variant),
                                      g_variant_get_size (variant), &error));
  mapped = g_mapped_file_new (cache, FALSE, &error);
  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  loaded = g_variant_ref_sink (g_variant_new_from_bytes (SNAPSHOT_TYPE,
                                                         bytes, FALSE));
  copy = posture_snapshot_new_from_variant (loaded, &error);
  g_assert_no_error (error);
  expected = assess_to_text (snapshot);
  got = assess_to_text (copy);
  g_assert_cmpstr (got, ==, expected);
  g_unlink (cache);
}

/* Another type, another layout, damaged bytes: refused or read, never a crash. */
static void
test_variant_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("all-pass.json");
  g_autoptr(PostureSnapshot) snapshot = posture_snapshot_new_from_file (path, &error);
  g_autoptr(GVariant) variant = g_variant_ref_sink (posture_snapshot_to_variant (snapshot));
  g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new ("(us)", 1, "x"));
  gsize size = g_variant_get_size (variant);
  const guchar *data = g_variant_get_data (variant);
  GRand *rand = g_rand_new_with_seed (17);
  guint refused = 0;

  g_assert_null (posture_snapshot_new_from_variant (other, &error));
  g_assert_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "(us)"));
  g_clear_error (&error);

  /* A layout this Posture does not write: the first member. */
  {
    g_autofree guchar *copy = g_memdup2 (data, size);
    g_autoptr(GVariant) changed = NULL;

    copy[0] = 2;
    changed = g_variant_ref_sink (g_variant_new_from_data (SNAPSHOT_TYPE,
                                                           copy, size, FALSE, NULL, NULL));
    g_assert_null (posture_snapshot_new_from_variant (changed, &error));
    g_assert_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "layout 2"));
    g_clear_error (&error);
  }

  /* Bytes changed at random (a damaged cache) and truncated: GVariant never reads out of
   * bounds; what does not make sense is refused. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree guchar *copy = g_memdup2 (data, size);
      g_autoptr(GVariant) changed = NULL;
      g_autoptr(PostureSnapshot) loaded = NULL;
      gsize length = i % 10 == 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) size) : size;

      for (guint flips = 0; flips < 1 + i % 8; flips++)
        copy[g_rand_int_range (rand, 0, (gint32) size)] = (guchar) g_rand_int (rand);
      changed = g_variant_ref_sink (g_variant_new_from_data (SNAPSHOT_TYPE,
                                                             copy, length, FALSE, NULL, NULL));
      loaded = posture_snapshot_new_from_variant (changed, &error);
      if (loaded == NULL)
        {
          g_assert_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID);
          refused++;
          g_clear_error (&error);
        }
      else
        {
          g_autofree char *text = assess_to_text (loaded);

          g_assert_nonnull (text);
        }
    }
  g_rand_free (rand);
  g_test_message ("%u of 300 damaged copies refused", refused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/snapshot-variant/every-fixture", test_variant_every_fixture);
  g_test_add_func ("/posture/core/snapshot-variant/mapped-file", test_variant_mapped_file);
  g_test_add_func ("/posture/core/snapshot-variant/refused", test_variant_refused);

  return g_test_run ();
}
