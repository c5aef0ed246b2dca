/* bench-snapshot-variant.c: a cold start from the serialised snapshot against JSON
 *
 * Loads a snapshot file (e.g. from bench/gen-snapshot.py) as the app would without a
 * cache (read, parse, normalise), writes its serialised form (posture_snapshot_to_variant)
 * to a file, and loads that back as a cache would (map the file, wrap it, read it), best
 * of RUNS (default 3) each. Checks that both assess alike. Output: one line per figure,
 * "name value unit".
 *
 *   ninja -C BUILD tests/core/bench-snapshot-variant && \
 *     BUILD/tests/core/bench-snapshot-variant SNAPSHOT.json [RUNS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "posture-engine.h"

#define SNAPSHOT_TYPE G_VARIANT_TYPE (POSTURE_SNAPSHOT_VARIANT_TYPE)

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static PostureSnapshot *
load_mapped (const char  *path,
             GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;

  if (!(mapped = g_mapped_file_new (path, FALSE, error)))
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  variant = g_variant_ref_sink (g_variant_new_from_bytes (SNAPSHOT_TYPE,
                                                          bytes, FALSE));
  return posture_snapshot_new_from_variant (variant, error);
}

static guint
earned (PostureSnapshot *snapshot)
{
  g_autoptr(PostureAssessment) assessment = posture_engine_assess (snapshot, NULL, NULL);
  PostureScore score;

  posture_assessment_get_score (assessment, &score);
  return score.earned * 100000 + score.possible;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  double json_ms = G_MAXDOUBLE;
  double variant_ms = G_MAXDOUBLE;
  double write_ms = G_MAXDOUBLE;
  guint runs;
  GStatBuf st;

  if (argc < 2)
    {
      g_printerr ("usage: %s SNAPSHOT.json [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  dir = g_dir_make_tmp ("posture-bench-XXXXXX", NULL);
  cache = g_build_filename (dir, "snapshot.cache", NULL);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&snapshot);
      if (!(snapshot = posture_snapshot_new_from_file (argv[1], &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      json_ms = MIN (json_ms, ms_since (start));
    }

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&variant, g_variant_unref);
      variant = g_variant_ref_sink (posture_snapshot_to_variant (snapshot));
      if (!g_file_set_contents (cache, g_variant_get_data (variant), g_variant_get_size (variant),
                                &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      write_ms = MIN (write_ms, ms_since (start));
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(PostureSnapshot) loaded = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!(loaded = load_mapped (cache, &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      variant_ms = MIN (variant_ms, ms_since (start));
      if (r == 0 && earned (loaded) != earned (snapshot))
        {
          g_printerr ("the serialised snapshot does not assess as the JSON does\n");
          return 1;
        }
    }

  g_stat (argv[1], &st);
  g_print ("environments %u\n", posture_snapshot_get_n_environments (snapshot));
  g_print ("json-size %" G_GUINT64_FORMAT " bytes\n", (guint64) st.st_size);
  g_stat (cache, &st);
  g_print ("variant-size %" G_GUINT64_FORMAT " bytes\n", (guint64) st.st_size);
  g_print ("load-json %.1f ms\n", json_ms);
  g_print ("write-variant %.1f ms\n", write_ms);
  g_print ("load-variant %.1f ms\n", variant_ms);
  g_print ("speed-up %.1f x\n", json_ms / variant_ms);

  g_unlink (cache);
  g_rmdir (dir);
  return 0;
}
