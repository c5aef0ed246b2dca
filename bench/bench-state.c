/* bench-state.c: opening a large tenant from the cache, in the core
 *
 * What the app does between start and the first frame of the Overview when it opens
 * on the cached reading of a tenant (posture-session.c): load the cached snapshot
 * (mapped from its GVariant file), load the decisions and the history, assess; then,
 * after the frame, append the record to the history. Each step is timed on a synthetic
 * tenant of N environments (default 10,000), best of RUNS (default 5).
 *
 * The baseline, measured in the same run on the same file: loading the snapshot by
 * parsing its JSON (what a cold start did before the variant file), against mapping the
 * variant; the ratio is printed.
 *
 *   ninja -C BUILD tests/state/bench-state && BUILD/tests/state/bench-state [N] [RUNS]
 * [SNAPSHOT.json]
 *
 * With SNAPSHOT.json (e.g. from bench/gen-snapshot.py) that file is cached instead of
 * the built-in generator's. It works in a temporary XDG_CACHE_HOME / XDG_DATA_HOME.
 * Output: one line per figure, "name value unit".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "posture-decision-store.h"
#include "posture-engine.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-snapshot-cache.h"
#include "posture-cache-variant.h"
#include "posture-state-file.h"
#include "../tests/state/state-fixture.h"

#define TENANT "bench-tenant"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of this process (user + system) in ms: the machine may be shared. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *home = g_dir_make_tmp ("posture-bench-state-XXXXXX", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autoptr(PostureSnapshot) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  double best_load = G_MAXDOUBLE, best_assess = G_MAXDOUBLE, best_state = G_MAXDOUBLE;
  double best_total = G_MAXDOUBLE, best_append = G_MAXDOUBLE, save_ms;
  double cpu_load = G_MAXDOUBLE, cpu_assess = G_MAXDOUBLE, cpu_total = G_MAXDOUBLE,
         cpu_append = G_MAXDOUBLE;
  double best_json = G_MAXDOUBLE, best_variant = G_MAXDOUBLE, cpu_json = G_MAXDOUBLE,
         cpu_variant = G_MAXDOUBLE;
  g_autofree char *variant_path = NULL;
  GStatBuf vst;
  struct rusage usage;
  GStatBuf st;
  gint64 start;

  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (argc > 3)
    source = posture_snapshot_new_from_file (argv[3], &error);
  else
    {
      g_autofree char *text = state_fixture_snapshot (n, 1);
      g_autoptr(JsonNode) root = posture_json_parse (text, strlen (text), 64, &error);

      if (root != NULL)
        source = posture_snapshot_new_from_json (root, "generated", &error);
    }
  if (source == NULL)
    g_error ("bench: %s", error->message);
  n = posture_snapshot_get_n_environments (source);

  start = g_get_monotonic_time ();
  if (!posture_snapshot_cache_save (TENANT, source, &error))
    g_error ("bench: %s", error->message);
  save_ms = ms_since (start);
  g_clear_object (&source);

  /* Some state, as after a few weeks of use. */
  for (guint i = 0; i < 20; i++)
    {
      PostureDecisionRequest request = { 0 };
      g_autoptr(PostureDecisionStore) store = posture_decision_store_new (TENANT);

      request.control_id = i % 2 ? "auditing" : "ip-firewall";
      request.status = i % 3 ? POSTURE_DECISION_PLANNED : POSTURE_DECISION_RISK_ACCEPTED;
      request.note = "bench";
      posture_decision_store_decide (store, &request, NULL, NULL);
    }

  cache_path = posture_snapshot_cache_dup_path (TENANT);
  g_stat (cache_path, &st);
  {
    g_autoptr(PostureSnapshotCache) cache = posture_snapshot_cache_new (TENANT);

    variant_path = posture_snapshot_cache_dup_variant_path (cache);
    g_stat (variant_path, &vst);
  }

  /* The same snapshot, by parsing the JSON file and by mapping the variant, in turns. */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(PostureSnapshot) parsed = NULL;
      g_autoptr(PostureSnapshot) mapped = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 t = g_get_monotonic_time ();
      double c = cpu_ms ();

      if (!(bytes = posture_state_file_read (cache_path, POSTURE_SNAPSHOT_MAX_SIZE, &error)) ||
          !(parsed = posture_snapshot_new_from_data (g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes), cache_path, &error)))
        g_error ("bench: %s", error->message);
      best_json = MIN (best_json, ms_since (t));
      cpu_json = MIN (cpu_json, cpu_ms () - c);

      t = g_get_monotonic_time ();
      c = cpu_ms ();
      if (!(mapped = posture_cache_variant_read (variant_path, cache_path, &error)))
        g_error ("bench: %s", error->message);
      best_variant = MIN (best_variant, ms_since (t));
      cpu_variant = MIN (cpu_variant, cpu_ms () - c);

      if (posture_snapshot_get_n_environments (mapped) !=
          posture_snapshot_get_n_environments (parsed))
        g_error ("bench: the variant holds %u environments, the JSON %u",
                 posture_snapshot_get_n_environments (mapped),
                 posture_snapshot_get_n_environments (parsed));
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(PostureSnapshot) snapshot = NULL;
      g_autoptr(PostureAssessment) assessment = NULL;
      g_autoptr(PostureDecisionStore) store = posture_decision_store_new (TENANT);
      g_autoptr(PostureHistory) history = posture_history_new (TENANT);
      g_autoptr(GHashTable) decisions = NULL;
      g_autoptr(PostureHistoryRecord) record = NULL;
      PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
      gint64 t0 = g_get_monotonic_time (), t;
      double c0 = cpu_ms (), c;
      double load, state, assess;

      t = g_get_monotonic_time ();
      if (!(snapshot = posture_snapshot_cache_load_view (TENANT, NULL, &error)))
        g_error ("bench: %s", error->message);
      load = ms_since (t);
      cpu_load = MIN (cpu_load, cpu_ms () - c0);

      t = g_get_monotonic_time ();
      if (!posture_decision_store_load (store, NULL, &error) ||
          !posture_history_load (history, NULL, &error))
        g_error ("bench: %s", error->message);
      decisions = posture_decision_store_dup_table (store);
      state = ms_since (t);

      t = g_get_monotonic_time ();
      c = cpu_ms ();
      options.decisions = decisions;
      if (!(assessment = posture_engine_assess (snapshot, &options, &error)))
        g_error ("bench: %s", error->message);
      assess = ms_since (t);
      cpu_assess = MIN (cpu_assess, cpu_ms () - c);

      best_total = MIN (best_total, ms_since (t0));
      cpu_total = MIN (cpu_total, cpu_ms () - c0);
      best_load = MIN (best_load, load);
      best_state = MIN (best_state, state);
      best_assess = MIN (best_assess, assess);

      /* After the first frame: the record of this assessment. */
      t = g_get_monotonic_time ();
      c = cpu_ms ();
      record = posture_history_record_new_from_assessment (assessment);
      if (!posture_history_append (history, record, NULL, &error))
        g_error ("bench: %s", error->message);
      best_append = MIN (best_append, ms_since (t));
      cpu_append = MIN (cpu_append, cpu_ms () - c);
    }

  getrusage (RUSAGE_SELF, &usage);

  g_print ("environments %u\n", n);
  g_print ("cache_file_size %.1f MB\n", st.st_size / 1e6);
  g_print ("variant_file_size %.1f MB\n", vst.st_size / 1e6);
  g_print ("cache_save %.1f ms (JSON and variant)\n", save_ms);
  g_print ("snapshot_from_json %.1f ms (cpu %.1f ms)\n", best_json, cpu_json);
  g_print ("snapshot_from_variant %.1f ms (cpu %.1f ms)\n", best_variant, cpu_variant);
  g_print ("variant_to_json_ratio %.2f (cpu %.2f)\n", best_variant / best_json,
           cpu_variant / cpu_json);
  g_print ("cache_load %.1f ms (cpu %.1f ms)\n", best_load, cpu_load);
  g_print ("state_load %.1f ms\n", best_state);
  g_print ("assess %.1f ms (cpu %.1f ms)\n", best_assess, cpu_assess);
  g_print ("cache_to_assessment %.1f ms (cpu %.1f ms)\n", best_total, cpu_total);
  g_print ("history_append %.1f ms (cpu %.1f ms, %u records of %u environments)\n",
           best_append, cpu_append, runs, n);
  g_print ("peak_rss %.1f MB\n", usage.ru_maxrss / 1024.0);

  remove_tree (home);
  return 0;
}
