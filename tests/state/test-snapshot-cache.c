/* test-snapshot-cache.c: the last snapshot of each tenant, for offline starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-engine.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-snapshot-cache.h"
#include "posture-cache-variant.h"
#include "posture-state-file.h"
#include "state-test.h"
#include "state-fixture.h"

static PostureSnapshot *
make_snapshot (guint n,
               guint variant)
{
  g_autofree char *text = state_fixture_snapshot (n, variant);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = posture_json_parse (text, strlen (text), 64, &error);
  PostureSnapshot *snapshot;

  g_assert_no_error (error);
  snapshot = posture_snapshot_new_from_json (root, "fixture", &error);
  g_assert_no_error (error);
  return snapshot;
}

static guint
count_moved_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_snapshot_cache_round_trip (void)
{
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (25, 1);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GDateTime) queried = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = posture_snapshot_cache_dup_path (STATE_FIXTURE_TENANT);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_true (g_str_has_suffix (path, "/posture/snapshots/" STATE_FIXTURE_TENANT ".json"));
  g_assert_false (posture_snapshot_cache_query (STATE_FIXTURE_TENANT, &queried));
  g_assert_null (queried);

  g_assert_true (posture_snapshot_cache_save (STATE_FIXTURE_TENANT, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (posture_snapshot_cache_query (STATE_FIXTURE_TENANT, &queried));
  g_assert_nonnull (queried);

  loaded = posture_snapshot_cache_load (STATE_FIXTURE_TENANT, &saved_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_nonnull (saved_at);
  g_assert_true (g_date_time_equal (saved_at, queried));
  g_assert_cmpstr (posture_snapshot_get_tenant_id (loaded), ==, STATE_FIXTURE_TENANT);
  g_assert_cmpuint (posture_snapshot_get_n_environments (loaded), ==, 25);
  g_assert_true (g_date_time_equal (posture_snapshot_get_captured_at (loaded),
                                    posture_snapshot_get_captured_at (snapshot)));

  a = posture_snapshot_to_data (snapshot, NULL);
  b = posture_snapshot_to_data (loaded, NULL);
  g_assert_cmpstr (a, ==, b);

  /* A second save replaces the first. */
  {
    g_autoptr(PostureSnapshot) other = make_snapshot (3, 2);
    g_autoptr(PostureSnapshot) again = NULL;

    g_assert_true (posture_snapshot_cache_save (STATE_FIXTURE_TENANT, other, &error));
    again = posture_snapshot_cache_load (STATE_FIXTURE_TENANT, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (posture_snapshot_get_n_environments (again), ==, 3);
  }

  /* Offline: the cached snapshot assesses like the live one. */
  {
    PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
    g_autoptr(PostureAssessment) live = posture_engine_assess (snapshot, &options, &error);
    g_autoptr(PostureAssessment) cached = posture_engine_assess (loaded, &options, &error);
    PostureScore s1, s2;

    g_assert_no_error (error);
    posture_assessment_get_score (live, &s1);
    posture_assessment_get_score (cached, &s2);
    g_assert_cmpuint (s1.earned, ==, s2.earned);
    g_assert_cmpuint (s1.possible, ==, s2.possible);
    g_assert_cmpuint (s1.possible, >, 0);
  }
}

static void
test_snapshot_cache_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved_at = NULL;

  g_assert_null (posture_snapshot_cache_load ("nobody", &saved_at, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "read the tenant once"));
  g_assert_null (saved_at);
}

static void
check_damaged (const char *contents,
               gssize      length,
               int         code)
{
  g_autofree char *path = posture_snapshot_cache_dup_path ("damaged");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PostureSnapshot) good = make_snapshot (2, 0);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Another tenant's cache must survive. */
  g_assert_true (posture_snapshot_cache_save ("neighbour", good, &error));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  g_assert_null (posture_snapshot_cache_load ("damaged", NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "moved to"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (count_moved_aside (path), ==, 1);

  /* Reported once: the next start finds no cache, and the neighbour is intact. */
  g_assert_null (posture_snapshot_cache_load ("damaged", NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = posture_snapshot_cache_load ("neighbour", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* And caching works again. */
  g_assert_true (posture_snapshot_cache_save ("damaged", good, &error));
  g_assert_no_error (error);
}

static void
test_snapshot_cache_corrupt (void)
{
  check_damaged ("{\"posture_snapshot\":1,\"sources\":{", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_snapshot_cache_truncated (void)
{
  g_autofree char *text = state_fixture_snapshot (50, 0);

  check_damaged (text, strlen (text) - 100, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_snapshot_cache_empty (void)
{
  check_damaged ("", 0, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_snapshot_cache_not_snapshot (void)
{
  check_damaged ("{\"posture_history\":1,\"records\":[]}", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_snapshot_cache_newer (void)
{
  check_damaged ("{\"posture_snapshot\":3,\"captured_at\":\"2030-01-01T00:00:00Z\",\"sources\":{}}",
                 -1, POSTURE_STORE_ERROR_NEWER_VERSION);
}

static void
test_snapshot_cache_hostile_key (void)
{
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (1, 0);
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "../../../etc/evil", "/tmp/x", "a\nb", "con:tos*o?" };
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "posture", "snapshots", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *path = posture_snapshot_cache_dup_path (keys[i]);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(PostureSnapshot) loaded = NULL;

      g_assert_cmpstr (dir, ==, cache);
      g_assert_true (posture_snapshot_cache_save (keys[i], snapshot, &error));
      g_assert_no_error (error);
      loaded = posture_snapshot_cache_load (keys[i], NULL, &error);
      g_assert_no_error (error);
    }
}

static void
test_snapshot_cache_unwritable (void)
{
  g_autoptr(PostureSnapshot) first = make_snapshot (2, 0);
  g_autoptr(PostureSnapshot) second = make_snapshot (4, 0);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = posture_snapshot_cache_dup_path ("rw");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *parked = g_strconcat (dir, ".parked", NULL);

  g_assert_true (posture_snapshot_cache_save ("rw", first, &error));

  /* The folder replaced by a file: the save fails clearly. */
  g_assert_cmpint (g_rename (dir, parked), ==, 0);
  g_assert_true (g_file_set_contents (dir, "x", -1, NULL));
  g_assert_false (posture_snapshot_cache_save ("rw", second, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Put back: the previous cache is still there. */
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (parked, dir), ==, 0);
  loaded = posture_snapshot_cache_load ("rw", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posture_snapshot_get_n_environments (loaded), ==, 2);

  /* A folder where the cache file should be is an I/O error, not "corrupt". */
  g_assert_true (posture_snapshot_cache_remove ("rw", &error));
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_null (posture_snapshot_cache_load ("rw", NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_snapshot_cache_remove (void)
{
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (1, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_snapshot_cache_remove ("gone", &error));
  g_assert_no_error (error);
  g_assert_true (posture_snapshot_cache_save ("gone", snapshot, &error));
  g_assert_true (posture_snapshot_cache_query ("gone", NULL));
  g_assert_true (posture_snapshot_cache_remove ("gone", &error));
  g_assert_false (posture_snapshot_cache_query ("gone", NULL));
}

static void
test_snapshot_cache_age (void)
{
  g_autoptr(GDateTime) captured = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  struct { int seconds; const char *text; } cases[] = {
    { 0, "just now" }, { 59, "just now" }, { 60, "1 minute ago" }, { 59 * 60, "59 minutes ago" },
    { 3600, "1 hour ago" }, { 23 * 3600 + 3599, "23 hours ago" }, { 86400, "1 day ago" },
    { 40 * 86400, "40 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_seconds (captured, cases[i].seconds);
      g_autofree char *text = posture_snapshot_cache_format_age (captured, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

typedef struct
{
  gboolean         done;
  guint            calls;
  gboolean         ok;
  PostureSnapshot *snapshot;
  GDateTime       *saved_at;
  GError          *error;
} AsyncState;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_snapshot_cache_save_finish (result, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->snapshot = posture_snapshot_cache_load_finish (result, &state->saved_at, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
test_snapshot_cache_async (void)
{
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (10, 0);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncState state = { 0 };

  posture_snapshot_cache_save_async ("async", snapshot, NULL, save_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);

  memset (&state, 0, sizeof state);
  posture_snapshot_cache_load_async ("async", NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.snapshot);
  g_assert_nonnull (state.saved_at);
  g_assert_cmpuint (posture_snapshot_get_n_environments (state.snapshot), ==, 10);
  g_clear_object (&state.snapshot);
  g_clear_pointer (&state.saved_at, g_date_time_unref);

  memset (&state, 0, sizeof state);
  posture_snapshot_cache_load_view_async ("async", NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_cmpuint (posture_snapshot_get_n_environments (state.snapshot), ==, 10);
  g_clear_object (&state.snapshot);
  g_clear_pointer (&state.saved_at, g_date_time_unref);

  memset (&state, 0, sizeof state);
  posture_snapshot_cache_load_async ("nothing-here", NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
  g_assert_null (state.saved_at);
  g_clear_error (&state.error);

  g_cancellable_cancel (cancelled);
  memset (&state, 0, sizeof state);
  posture_snapshot_cache_save_async ("cancelled", snapshot, cancelled, save_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_assert_false (posture_snapshot_cache_query ("cancelled", NULL));
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  posture_snapshot_cache_load_async ("async", cancelled, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);
}


/* ---- The cold-start form ----------------------------------------------------------- */

static char *
variant_path (const char *key)
{
  g_autoptr(PostureSnapshotCache) cache = posture_snapshot_cache_new (key);

  return posture_snapshot_cache_dup_variant_path (cache);
}

/* @mapped, loaded from the variant, is @snapshot's typed view: it assesses the same,
 * and has no raw document. */
static void
assert_same_view (PostureSnapshot *mapped,
                  PostureSnapshot *snapshot)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  g_autoptr(PostureAssessment) a = NULL;
  g_autoptr(PostureAssessment) b = NULL;
  g_autoptr(GError) error = NULL;
  PostureScore sa, sb;

  g_assert_false (posture_snapshot_has_json (mapped));
  g_assert_cmpstr (posture_snapshot_get_tenant_id (mapped), ==,
                   posture_snapshot_get_tenant_id (snapshot));
  g_assert_cmpuint (posture_snapshot_get_n_environments (mapped), ==,
                    posture_snapshot_get_n_environments (snapshot));

  options.now = now;
  a = posture_engine_assess (mapped, &options, &error);
  g_assert_no_error (error);
  b = posture_engine_assess (snapshot, &options, &error);
  g_assert_no_error (error);
  posture_assessment_get_score (a, &sa);
  posture_assessment_get_score (b, &sb);
  g_assert_cmpuint (sa.earned, ==, sb.earned);
  g_assert_cmpuint (sa.possible, ==, sb.possible);
  g_assert_cmpuint (sa.possible, >, 0);
}

/* The document, parsed from the JSON file. */
static void
assert_same_document (PostureSnapshot *loaded,
                      PostureSnapshot *snapshot)
{
  g_autofree char *ta = posture_snapshot_to_data (loaded, NULL);
  g_autofree char *tb = posture_snapshot_to_data (snapshot, NULL);

  g_assert_cmpstr (ta, ==, tb);
}

/* A save writes the variant beside the JSON; a load maps it and does not parse the JSON:
 * the JSON is replaced in place by bytes that are not JSON at all, with its size and
 * times kept, and the load still gives the snapshot. */
static void
test_snapshot_cache_variant_used (void)
{
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (12, 1);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autofree char *path = posture_snapshot_cache_dup_path ("mapped");
  g_autofree char *vpath = variant_path ("mapped");
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  struct timespec times[2];
  int fd;

  g_assert_true (posture_snapshot_cache_save ("mapped", snapshot, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (vpath, &header, NULL, NULL));
  g_assert_cmpmem (header, 8, "PSTRSNAP", 8);
  g_assert_cmpint (stat (vpath, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (stat (path, &st), ==, 0);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  {
    g_autofree char *spaces = g_strnfill (st.st_size, '#');

    g_assert_cmpint (write (fd, spaces, st.st_size), ==, st.st_size);
  }
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (futimens (fd, times), ==, 0);
  close (fd);

  loaded = posture_snapshot_cache_load_view ("mapped", NULL, &error);
  g_assert_no_error (error);
  assert_same_view (loaded, snapshot);

  /* It cannot be cached again: it has no document. */
  g_assert_false (posture_snapshot_cache_save ("mapped", loaded, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The document itself is read from the JSON file, which is no longer JSON. */
  g_assert_null (posture_snapshot_cache_load ("mapped", NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
}

/* A variant whose JSON changed since (another process saved, or a crash came between
 * the two writes) is stale: the JSON wins and a new variant is made. */
static void
test_snapshot_cache_variant_stale (void)
{
  g_autoptr(PostureSnapshot) first = make_snapshot (5, 0);
  g_autoptr(PostureSnapshot) second = make_snapshot (7, 1);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autoptr(PostureSnapshot) mapped = NULL;
  g_autofree char *path = posture_snapshot_cache_dup_path ("stale");
  g_autofree char *vpath = variant_path ("stale");
  g_autofree char *data = posture_snapshot_to_data (second, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_snapshot_cache_save ("stale", first, &error));
  g_assert_true (posture_state_file_write (path, data, strlen (data), &error));
  g_assert_no_error (error);

  g_assert_null (posture_cache_variant_read (vpath, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  loaded = posture_snapshot_cache_load_view ("stale", NULL, &error);
  g_assert_no_error (error);
  assert_same_document (loaded, second);

  /* Rebuilt: it maps now. */
  mapped = posture_cache_variant_read (vpath, path, &error);
  g_assert_no_error (error);
  assert_same_view (mapped, second);
}

typedef enum
{
  DAMAGE_FLIP_PAYLOAD,
  DAMAGE_TRUNCATE,
  DAMAGE_EMPTY,
  DAMAGE_MAGIC,
  DAMAGE_LINK,
  DAMAGE_FIFO,
} VariantDamage;

/* A damaged, truncated, foreign, linked or FIFO variant only costs a parse. */
static void
test_snapshot_cache_variant_damaged (gconstpointer data)
{
  VariantDamage damage = GPOINTER_TO_INT (data);
  g_autoptr(PostureSnapshot) snapshot = make_snapshot (8, 1);
  g_autoptr(PostureSnapshot) loaded = NULL;
  g_autofree char *path = posture_snapshot_cache_dup_path ("vdamaged");
  g_autofree char *vpath = variant_path ("vdamaged");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gsize length = 0;

  g_assert_true (posture_snapshot_cache_save ("vdamaged", snapshot, &error));
  g_assert_true (g_file_get_contents (vpath, &contents, &length, NULL));

  switch (damage)
    {
    case DAMAGE_FLIP_PAYLOAD:
      contents[length - 20] ^= 0x5a;
      g_assert_true (g_file_set_contents (vpath, contents, length, NULL));
      break;
    case DAMAGE_TRUNCATE:
      g_assert_true (g_file_set_contents (vpath, contents, length / 2, NULL));
      break;
    case DAMAGE_EMPTY:
      g_assert_true (g_file_set_contents (vpath, "", 0, NULL));
      break;
    case DAMAGE_MAGIC:
      contents[0] = 'X';
      g_assert_true (g_file_set_contents (vpath, contents, length, NULL));
      break;
    case DAMAGE_LINK:
      g_assert_cmpint (g_unlink (vpath), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", vpath), ==, 0);
      break;
    case DAMAGE_FIFO:
    default:
      g_assert_cmpint (g_unlink (vpath), ==, 0);
      g_assert_cmpint (mkfifo (vpath, 0600), ==, 0);
      break;
    }

  g_assert_null (posture_cache_variant_read (vpath, path, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  loaded = posture_snapshot_cache_load_view ("vdamaged", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  assert_same_document (loaded, snapshot);

  /* Replaced by a good one (a link or a FIFO is replaced, never followed). */
  g_clear_object (&loaded);
  loaded = posture_cache_variant_read (vpath, path, &error);
  g_assert_no_error (error);
  assert_same_view (loaded, snapshot);
  g_assert_false (g_file_test (vpath, G_FILE_TEST_IS_SYMLINK));
}

/* Issue 17: a cached snapshot that is a link (to /dev/zero) or a FIFO fails at once
 * with a message that says what to remove; before, it was read without end. */
static void
test_snapshot_cache_hostile_file (void)
{
  g_autofree char *path = posture_snapshot_cache_dup_path ("hostile");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (i == 0)
        g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
      else
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);

      g_assert_null (posture_snapshot_cache_load ("hostile", NULL, &error));
      g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_false (posture_snapshot_cache_query ("hostile", NULL));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/state/snapshot-cache/round-trip", test_snapshot_cache_round_trip);
  g_test_add_func ("/posture/state/snapshot-cache/missing", test_snapshot_cache_missing);
  g_test_add_func ("/posture/state/snapshot-cache/corrupt", test_snapshot_cache_corrupt);
  g_test_add_func ("/posture/state/snapshot-cache/truncated", test_snapshot_cache_truncated);
  g_test_add_func ("/posture/state/snapshot-cache/empty", test_snapshot_cache_empty);
  g_test_add_func ("/posture/state/snapshot-cache/not-snapshot", test_snapshot_cache_not_snapshot);
  g_test_add_func ("/posture/state/snapshot-cache/newer", test_snapshot_cache_newer);
  g_test_add_func ("/posture/state/snapshot-cache/hostile-key", test_snapshot_cache_hostile_key);
  g_test_add_func ("/posture/state/snapshot-cache/unwritable", test_snapshot_cache_unwritable);
  g_test_add_func ("/posture/state/snapshot-cache/remove", test_snapshot_cache_remove);
  g_test_add_func ("/posture/state/snapshot-cache/age", test_snapshot_cache_age);
  g_test_add_func ("/posture/state/snapshot-cache/async", test_snapshot_cache_async);
  g_test_add_func ("/posture/state/snapshot-cache/variant-used", test_snapshot_cache_variant_used);
  g_test_add_func ("/posture/state/snapshot-cache/variant-stale",
                   test_snapshot_cache_variant_stale);
  g_test_add_func ("/posture/state/snapshot-cache/hostile-file", test_snapshot_cache_hostile_file);
  {
    const char *damages[] = { "flip-payload", "truncate", "empty", "magic", "link", "fifo" };

    for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
      {
        g_autofree char *name = g_strdup_printf ("/posture/state/snapshot-cache/variant-damaged/%s",
                                                 damages[i]);

        g_test_add_data_func (name, GINT_TO_POINTER (i), test_snapshot_cache_variant_damaged);
      }
  }

  return g_test_run ();
}
