/* test-state-file.c: where state files live, and how they are read
 *
 * The store pattern on top of these is tested in test-state-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-state-file.h"

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
test_state_file_read (void)
{
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, "read.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (posture_state_file_read (path, 100, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (posture_state_file_write (path, "0123456789", 10, &error));
  g_assert_no_error (error);

  bytes = posture_state_file_read (path, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "0123456789", 10);

  /* One byte over the bound is refused, and called damage (it gets moved aside). */
  g_assert_null (posture_state_file_read (path, 9, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A device through a link fails at once, without reading. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  g_assert_null (posture_state_file_read (path, G_MAXINT, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A FIFO with no writer does not block the read. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_null (posture_state_file_read (path, G_MAXINT, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_clear_error (&error);
}

static void
test_state_file_aside_path (void)
{
  g_autofree char *path = posture_state_path (POSTURE_STATE_DATA, "aside.json", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  g_autofree char *first = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  first = posture_state_file_aside_path (path, "corrupt", now);
  g_assert_true (g_str_has_suffix (first, "/aside.json.corrupt-20261128T100000Z"));

  /* A name already taken is never overwritten. */
  g_assert_true (posture_state_file_write (path, "x", 1, &error));
  moved = posture_state_file_move_aside (path, "corrupt", now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, first);
  second = posture_state_file_aside_path (path, "corrupt", now);
  g_assert_true (g_str_has_suffix (second, "/aside.json.corrupt-20261128T100000Z-1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/state/file/paths", test_state_file_paths);
  g_test_add_func ("/posture/state/file/read", test_state_file_read);
  g_test_add_func ("/posture/state/file/aside-path", test_state_file_aside_path);

  return g_test_run ();
}
