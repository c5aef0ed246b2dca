/* test-state-file.c: versioned, atomic, locked state files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-state-file.h"

static JsonNode *
make_doc (gint64      version,
          const char *text,
          guint       n_items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posture_test");
  json_builder_add_int_value (builder, version);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    json_builder_add_int_value (builder, i);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
test_path (const char *name)
{
  return posture_state_path (POSTURE_STATE_DATA, name, NULL);
}

/* Lists the NAME.corrupt-* files beside @path. */
static guint
count_moved_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_state_file_paths (void)
{
  g_autofree char *data = posture_state_path (POSTURE_STATE_DATA, "history", "x.json", NULL);
  g_autofree char *cache = posture_state_path (POSTURE_STATE_CACHE, "x.json", NULL);
  g_autofree char *expected_data = g_build_filename (g_get_user_data_dir (), "posture",
                                                     "history", "x.json", NULL);
  g_autofree char *expected_cache = g_build_filename (g_get_user_cache_dir (), "posture",
                                                      "x.json", NULL);
  const char *hostile[] = { "../../etc/passwd", "/abs", ".hidden", "", "a b/c\\d\n",
                            "Contoso.OnMicrosoft.com" };

  g_assert_cmpstr (data, ==, expected_data);
  g_assert_cmpstr (cache, ==, expected_cache);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = posture_state_file_name_for (hostile[i]);

      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 0);
      g_assert_null (strchr (name, '/'));
      g_assert_null (strchr (name, '\\'));
      g_assert_null (strchr (name, '\n'));
      g_assert_false (name[0] == '.');
    }

  {
    g_autofree char *a = posture_state_file_name_for ("Contoso.OnMicrosoft.com");
    g_autofree char *longname = g_strnfill (1000, 'a');
    g_autofree char *b = posture_state_file_name_for (longname);

    g_assert_cmpstr (a, ==, "contoso.onmicrosoft.com");
    g_assert_cmpuint (strlen (b), <=, 128);
  }
}

static void
test_state_file_round_trip (void)
{
  g_autofree char *path = test_path ("round.json");
  g_autoptr(JsonNode) doc = make_doc (1, "héllo \"quoted\"", 10);
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gint64 version = 0;

  g_assert_true (posture_state_file_save (path, doc, &error));
  g_assert_no_error (error);

  /* Private to the user: the folder 0700, the file 0600. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = posture_state_file_load (path, "posture_test", 1, &version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (version, ==, 1);
  g_assert_true (json_node_equal (doc, loaded));
}

static void
test_state_file_missing (void)
{
  g_autofree char *path = test_path ("absent.json");
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = posture_state_file_load (path, "posture_test", 1, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
}

static void
check_damaged (const char *contents,
               gssize      length,
               int         expected_code)
{
  g_autofree char *path = test_path ("damaged.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other = test_path ("other.json");
  g_autoptr(JsonNode) other_doc = make_doc (1, "untouched", 3);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_true (posture_state_file_save (other, other_doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  node = posture_state_file_load (path, "posture_test", 1, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, POSTURE_STORE_ERROR, expected_code);
  /* The message says what happened and where the file went. */
  g_assert_nonnull (strstr (error->message, "moved to"));
  g_assert_nonnull (strstr (error->message, ".corrupt-"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_moved_aside (path), ==, 1);
  g_clear_error (&error);

  /* Reported once: the next load finds nothing, not the same damage again. */
  node = posture_state_file_load (path, "posture_test", 1, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new file starts, and the other files were not touched. */
  fresh = make_doc (1, "fresh", 1);
  g_assert_true (posture_state_file_save (path, fresh, &error));
  g_assert_no_error (error);
  again = posture_state_file_load (other, "posture_test", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (again, other_doc));
}

static void
test_state_file_corrupt (void)
{
  check_damaged ("{\"posture_test\": 1, \"text\": [1, 2", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_truncated (void)
{
  g_autoptr(JsonNode) doc = make_doc (1, "truncated", 500);
  g_autofree char *text = posture_json_to_string (doc, FALSE);

  check_damaged (text, strlen (text) / 2, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_empty (void)
{
  check_damaged ("", 0, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_not_object (void)
{
  check_damaged ("[1, 2, 3]", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_no_version (void)
{
  check_damaged ("{\"text\": \"no version\"}", -1, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_binary (void)
{
  const char garbage[] = "\x00\xff\xfe{\x01\x02\"posture_test\"";

  check_damaged (garbage, sizeof garbage, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_too_deep (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"posture_test\": 1, \"x\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  check_damaged (deep->str, deep->len, POSTURE_STORE_ERROR_CORRUPT);
}

static void
test_state_file_newer (void)
{
  check_damaged ("{\"posture_test\": 99, \"future\": true}", -1,
                 POSTURE_STORE_ERROR_NEWER_VERSION);
}

static gboolean
append_item_cb (JsonObject  *root,
                gpointer     user_data,
                GError     **error)
{
  JsonArray *items = posture_json_get_array (root, "items");

  if (items == NULL)
    {
      json_object_set_array_member (root, "items", json_array_new ());
      items = json_object_get_array_member (root, "items");
    }
  json_array_add_int_element (items, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static gboolean
refuse_cb (JsonObject  *root,
           gpointer     user_data,
           GError     **error)
{
  json_object_set_string_member (root, "text", "should not be saved");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
  return FALSE;
}

static void
test_state_file_update (void)
{
  g_autofree char *path = test_path ("update.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) loaded = NULL;
  JsonArray *items;

  /* A damaged file is reported through @recovered and replaced by the update. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ broken", -1, NULL));

  g_assert_true (posture_state_file_update (path, "posture_test", 1, append_item_cb,
                                            GINT_TO_POINTER (7), &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_clear_error (&recovered);
  g_assert_cmpuint (count_moved_aside (path), ==, 1);

  g_assert_true (posture_state_file_update (path, "posture_test", 1, append_item_cb,
                                            GINT_TO_POINTER (8), &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);

  /* A refusing callback leaves the file as it was. */
  g_assert_false (posture_state_file_update (path, "posture_test", 1, refuse_cb,
                                             NULL, &recovered, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);

  loaded = posture_state_file_load (path, "posture_test", 1, NULL, NULL);
  g_assert_nonnull (loaded);
  g_assert_null (posture_json_get_string (json_node_get_object (loaded), "text"));
  items = posture_json_get_array (json_node_get_object (loaded), "items");
  g_assert_nonnull (items);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_array_get_int_element (items, 0), ==, 7);
  g_assert_cmpint (json_array_get_int_element (items, 1), ==, 8);
}

/* A writer killed at an arbitrary moment (between writing the temporary file and
 * renaming it, or in the middle of writing) never leaves a partial file: whatever
 * remains is one of the complete documents. */
static void
test_state_file_killed_writer (void)
{
  g_autofree char *path = test_path ("killed.json");
  g_autoptr(JsonNode) first = make_doc (1, "first", 10);
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  g_assert_true (posture_state_file_save (path, first, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(JsonNode) loaded = NULL;
      const char *text;
      int status = 0;
      pid_t pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          /* A large document keeps the child inside the write for a while. */
          JsonNode *big = make_doc (1, "second", 200000);

          for (;;)
            posture_state_file_save (path, big, NULL);
        }

      g_usleep (g_test_rand_int_range (20, 400) * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      loaded = posture_state_file_load (path, "posture_test", 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (loaded);
      text = posture_json_get_string (json_node_get_object (loaded), "text");
      if (g_strcmp0 (text, "second") == 0)
        {
          n_new++;
          g_assert_cmpuint (json_array_get_length (posture_json_get_array (json_node_get_object (loaded), "items")), ==, 200000);
        }
      else
        {
          g_assert_cmpstr (text, ==, "first");
          g_assert_true (json_node_equal (loaded, first));
        }
      g_assert_cmpuint (count_moved_aside (path), ==, 0);
    }

  g_test_message ("%u of 12 kills found the new file, the others the previous one", n_new);
}

/* The writer is killed with the new document written to its temporary file and not yet
 * renamed: the process dies exactly between write and rename. */
static void
test_state_file_killed_before_rename (void)
{
  g_autofree char *path = test_path ("before-rename.json");
  g_autoptr(JsonNode) first = make_doc (1, "first", 3);
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  g_assert_true (posture_state_file_save (path, first, &error));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 64, 64 };

      /* The file-size limit makes the write of the temporary file stop the process with
       * SIGXFSZ after 64 bytes, before any rename could happen. */
      setrlimit (RLIMIT_FSIZE, &limit);
      {
        g_autoptr(JsonNode) big = make_doc (1, "second", 1000);
        posture_state_file_save (path, big, NULL);
      }
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGXFSZ);

  loaded = posture_state_file_load (path, "posture_test", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (loaded, first));
}

/* Two processes appending at once through posture_state_file_update() lose nothing. */
static void
test_state_file_concurrent_writers (void)
{
  g_autofree char *path = test_path ("concurrent.json");
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const guint per_writer = 60;
  pid_t pids[2];
  JsonArray *items;

  for (guint w = 0; w < G_N_ELEMENTS (pids); w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          for (guint i = 0; i < per_writer; i++)
            {
              g_autoptr(GError) child_error = NULL;

              if (!posture_state_file_update (path, "posture_test", 1, append_item_cb,
                                              GINT_TO_POINTER ((int) (w * 1000 + i)),
                                              NULL, &child_error))
                _exit (10);
            }
          _exit (0);
        }
    }

  for (guint w = 0; w < G_N_ELEMENTS (pids); w++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[w], &status, 0), ==, pids[w]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  loaded = posture_state_file_load (path, "posture_test", 1, NULL, &error);
  g_assert_no_error (error);
  items = posture_json_get_array (json_node_get_object (loaded), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2 * per_writer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_hash_table_add (seen, GINT_TO_POINTER ((int) json_array_get_int_element (items, i)));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2 * per_writer);
}

/* A folder that cannot be written: as root permissions do not stop us, so the state
 * folder is made impossible by putting a plain file where a folder must be. */
static void
test_state_file_unwritable (void)
{
  g_autofree char *blocker = test_path ("blocker");
  g_autofree char *path = g_build_filename (blocker, "inside.json", NULL);
  g_autoptr(JsonNode) doc = make_doc (1, "x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (blocker);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "I am a file", -1, NULL));

  g_assert_false (posture_state_file_save (path, doc, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, blocker));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (posture_state_file_update (path, "posture_test", 1, append_item_cb,
                                             NULL, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_clear_error (&error);

  /* Reading a file that cannot be opened is an I/O error, not "corrupt": the file is
   * not moved aside. A folder in place of the file cannot be read even by root. */
  {
    g_autofree char *as_dir = test_path ("a-folder.json");

    g_assert_cmpint (g_mkdir_with_parents (as_dir, 0700), ==, 0);
    g_assert_null (posture_state_file_load (as_dir, "posture_test", 1, NULL, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }
}

/* A full disk: a file-size limit makes every write past 4 KiB fail with EFBIG, the
 * same path through write() as ENOSPC. The save fails with a clear message and the
 * previous file stays whole. */
static void
test_state_file_full_disk (void)
{
  g_autofree char *path = test_path ("full.json");
  g_autoptr(JsonNode) first = make_doc (1, "first", 5);
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  g_assert_true (posture_state_file_save (path, first, &error));
  g_assert_no_error (error);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 4096, 4096 };
      g_autoptr(JsonNode) big = make_doc (1, "second", 100000);
      g_autoptr(JsonNode) loaded = NULL;
      g_autoptr(GError) child_error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
      if (posture_state_file_save (path, big, &child_error))
        _exit (10);
      if (!g_error_matches (child_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO))
        _exit (11);
      if (strstr (child_error->message, "Free some disk space") == NULL)
        _exit (12);
      if (strstr (child_error->message, path) == NULL)
        _exit (13);
      loaded = posture_state_file_load (path, "posture_test", 1, NULL, NULL);
      if (loaded == NULL || !json_node_equal (loaded, first))
        _exit (14);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  {
    g_autoptr(JsonNode) loaded = posture_state_file_load (path, "posture_test", 1, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (json_node_equal (loaded, first));
  }
}

static void
test_state_file_lock_timeout (void)
{
  g_autofree char *path = test_path ("locked.json");
  g_autoptr(PostureStateLock) held = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  held = posture_state_lock_acquire (path, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (held);

  /* flock locks belong to the open file: another process waits, then gives up. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      PostureStateLock *lock = posture_state_lock_acquire (path, 100, &child_error);

      if (lock != NULL)
        _exit (10);
      if (!g_error_matches (child_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO) ||
          strstr (child_error->message, "locked") == NULL)
        _exit (11);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_clear_pointer (&held, posture_state_lock_release);
  held = posture_state_lock_acquire (path, 100, &error);
  g_assert_no_error (error);
  g_assert_nonnull (held);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/core/state-file/paths", test_state_file_paths);
  g_test_add_func ("/posture/core/state-file/round-trip", test_state_file_round_trip);
  g_test_add_func ("/posture/core/state-file/missing", test_state_file_missing);
  g_test_add_func ("/posture/core/state-file/corrupt", test_state_file_corrupt);
  g_test_add_func ("/posture/core/state-file/truncated", test_state_file_truncated);
  g_test_add_func ("/posture/core/state-file/empty", test_state_file_empty);
  g_test_add_func ("/posture/core/state-file/not-object", test_state_file_not_object);
  g_test_add_func ("/posture/core/state-file/no-version", test_state_file_no_version);
  g_test_add_func ("/posture/core/state-file/binary", test_state_file_binary);
  g_test_add_func ("/posture/core/state-file/too-deep", test_state_file_too_deep);
  g_test_add_func ("/posture/core/state-file/newer", test_state_file_newer);
  g_test_add_func ("/posture/core/state-file/update", test_state_file_update);
  g_test_add_func ("/posture/core/state-file/killed-writer", test_state_file_killed_writer);
  g_test_add_func ("/posture/core/state-file/killed-before-rename",
                   test_state_file_killed_before_rename);
  g_test_add_func ("/posture/core/state-file/concurrent-writers",
                   test_state_file_concurrent_writers);
  g_test_add_func ("/posture/core/state-file/unwritable", test_state_file_unwritable);
  g_test_add_func ("/posture/core/state-file/full-disk", test_state_file_full_disk);
  g_test_add_func ("/posture/core/state-file/lock-timeout", test_state_file_lock_timeout);

  return g_test_run ();
}
