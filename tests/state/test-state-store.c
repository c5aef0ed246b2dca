/* test-state-store.c: the one store pattern, on a store of numbers defined here
 *
 * Every test gets a fresh store on isolated XDG folders and a fixed clock (the names of
 * files moved aside carry its time), from one fixture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"
#include "state-test.h"

/* ---- A store of numbers: { "posture_test": 1, "items": [ 1, 2, … ] } ------------------ */

#define TEST_TYPE_NUMBERS (test_numbers_get_type ())
G_DECLARE_FINAL_TYPE (TestNumbers, test_numbers, TEST, NUMBERS, PostureStateStore)

struct _TestNumbers
{
  PostureStateStore  parent_instance;
  GArray            *numbers;     /* applied */
  guint              n_applied;
};

G_DEFINE_FINAL_TYPE (TestNumbers, test_numbers, POSTURE_TYPE_STATE_STORE)

#define TEST_MAX_SIZE (1024 * 1024)

static gpointer
test_numbers_parse (PostureStateStore  *store,
                    JsonObject         *root,
                    gint64              version,
                    GPtrArray          *damaged,
                    GError            **error)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *items = root ? posture_json_get_array (root, "items") : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (node);

          g_array_append_val (numbers, value);
        }
      else
        g_ptr_array_add (damaged, json_node_ref (node));
    }
  return numbers;
}

static void
test_numbers_serialize (PostureStateStore *store,
                        gpointer           contents,
                        JsonObject        *root)
{
  GArray *numbers = contents;
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < numbers->len; i++)
    json_array_add_int_element (items, g_array_index (numbers, gint64, i));
  json_object_set_array_member (root, "items", items);
}

static void
test_numbers_apply (PostureStateStore  *store,
                    gpointer           *contents)
{
  TestNumbers *self = TEST_NUMBERS (store);

  g_clear_pointer (&self->numbers, g_array_unref);
  self->numbers = g_steal_pointer (contents);
  self->n_applied++;
}

static void
test_numbers_finalize (GObject *object)
{
  g_clear_pointer (&TEST_NUMBERS (object)->numbers, g_array_unref);
  G_OBJECT_CLASS (test_numbers_parent_class)->finalize (object);
}

static void
test_numbers_class_init (TestNumbersClass *klass)
{
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_numbers_finalize;
  store_class->format_key = "posture_test";
  store_class->format_version = 1;
  store_class->max_size = TEST_MAX_SIZE;
  store_class->free_contents = (GDestroyNotify) g_array_unref;
  store_class->parse = test_numbers_parse;
  store_class->serialize = test_numbers_serialize;
  store_class->apply = test_numbers_apply;
}

static void
test_numbers_init (TestNumbers *self)
{
}

static gboolean
append_edit (PostureStateStore  *store,
             gpointer            contents,
             gpointer            edit_data,
             GDateTime          *now,
             GError            **error)
{
  gint64 value = GPOINTER_TO_INT (edit_data);

  g_array_append_val ((GArray *) contents, value);
  return TRUE;
}

static gboolean
refuse_edit (PostureStateStore  *store,
             gpointer            contents,
             gpointer            edit_data,
             GDateTime          *now,
             GError            **error)
{
  g_array_set_size (contents, 0);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
  return FALSE;
}

/* ---- The fixture ------------------------------------------------------------------- */

typedef struct
{
  TestNumbers       *store;
  PostureStateStore *base;        /* the same store */
  char              *path;
  char              *dir;
  GDateTime         *now;
  guint              n_recovered;
} Fixture;

static void
recovered_cb (PostureStateStore *store,
              const GError      *error,
              Fixture           *fixture)
{
  g_assert_nonnull (error);
  fixture->n_recovered++;
}

static TestNumbers *
numbers_new (const char *path,
             GDateTime  *now)
{
  return g_object_new (TEST_TYPE_NUMBERS, "path", path, "now", now, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = posture_state_path (POSTURE_STATE_DATA, "test", "numbers.json", NULL);
  fixture->dir = g_path_get_dirname (fixture->path);
  fixture->now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  fixture->store = numbers_new (fixture->path, fixture->now);
  fixture->base = POSTURE_STATE_STORE (fixture->store);
  g_signal_connect (fixture->store, "recovered", G_CALLBACK (recovered_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_date_time_unref (fixture->now);
}

static void
write_raw (Fixture    *fixture,
           const char *contents,
           gssize      length)
{
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
}

static void
append_ok (TestNumbers *store,
           int          value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_posture_state_store_edit (POSTURE_STATE_STORE (store), append_edit,
                                            GINT_TO_POINTER (value), NULL, &error));
  g_assert_no_error (error);
}

static char *
read_raw (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Loads the file in a second store, as another process would. */
static GArray *
load_numbers (Fixture *fixture)
{
  g_autoptr(TestNumbers) other = numbers_new (fixture->path, fixture->now);
  g_autoptr(GError) error = NULL;

  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (other), NULL, &error));
  g_assert_no_error (error);
  return g_array_ref (other->numbers);
}

static guint
count_aside (Fixture    *fixture,
             const char *what)
{
  g_autofree char *base = g_path_get_basename (fixture->path);
  g_autofree char *prefix = g_strdup_printf ("%s.%s-", base, what);
  g_autoptr(GDir) d = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)))
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* ---- Round trip, versions, damage -------------------------------------------------- */

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) loaded = NULL;
  g_autofree char *text = NULL;
  struct stat st;

  /* Nothing stored is empty, not an error. */
  g_assert_true (posture_state_store_load (fixture->base, &recovered, &error));
  g_assert_no_error (error);
  g_assert_no_error (recovered);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 0);

  append_ok (fixture->store, 7);
  append_ok (fixture->store, 8);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 2);
  g_assert_cmpuint (fixture->store->n_applied, ==, 3);

  /* Private to the user: the folder 0700, the file 0600; the format version first. */
  g_assert_cmpint (stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (fixture->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  text = read_raw (fixture->path);
  g_assert_cmpstr (text, ==, "{\"posture_test\":1,\"items\":[7,8]}");

  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded, gint64, 1), ==, 8);
  g_assert_cmpuint (fixture->n_recovered, ==, 0);
}

static void
test_store_refused_edit (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) loaded = NULL;

  append_ok (fixture->store, 1);
  g_assert_false (_posture_state_store_edit (fixture->base, refuse_edit,
                                             NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);

  /* The file and the applied contents are as they were. */
  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 1);
}

typedef struct
{
  const char *contents;
  gssize      length;
  int         code;
} Damage;

static void
check_damaged (Fixture    *fixture,
               const char *contents,
               gssize      length,
               int         code)
{
  g_autofree char *other_path = posture_state_path (POSTURE_STATE_DATA, "test", "other.json", NULL);
  g_autoptr(TestNumbers) other = numbers_new (other_path, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  append_ok (other, 42);
  write_raw (fixture, contents, length);

  g_assert_true (posture_state_store_load (fixture->base, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, code);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 0);
  g_assert_cmpuint (fixture->n_recovered, ==, 1);

  /* It says what happened and where the file went: a name with the store's clock. */
  expected = g_strconcat (fixture->path, ".corrupt-20261128T100000Z", NULL);
  g_assert_nonnull (strstr (recovered->message, expected));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_test_message ("%s", recovered->message);
  g_clear_error (&recovered);

  /* Reported once; then it keeps working, and the other file was not touched. */
  g_assert_true (posture_state_store_load (fixture->base, &recovered, &error));
  g_assert_no_error (recovered);
  append_ok (fixture->store, 1);
  g_assert_true (posture_state_store_load (POSTURE_STATE_STORE (other), NULL, &error));
  g_assert_cmpuint (other->numbers->len, ==, 1);
  g_assert_cmpuint (count_aside (fixture, "corrupt"), ==, 1);
}

static void
test_store_damaged (Fixture       *fixture,
                    gconstpointer  data)
{
  const Damage *damage = data;

  check_damaged (fixture, damage->contents, damage->length, damage->code);
}

/* Deeper than json-glib could survive: refused before parsing. */
static void
test_store_too_deep (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("{\"posture_test\": 1, \"x\": ");

  while (text->len < 100000)
    g_string_append_c (text, '[');
  check_damaged (fixture, text->str, text->len, POSTURE_STORE_ERROR_CORRUPT);
}

/* Larger than the store reads: refused without reading it. */
static void
test_store_too_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = g_strnfill (TEST_MAX_SIZE + 1, ' ');

  check_damaged (fixture, text, TEST_MAX_SIZE + 1, POSTURE_STORE_ERROR_CORRUPT);
}

/* Damaged entries among good ones are moved to a side file and reported; the next
 * write never drops them silently. */
static void
test_store_damaged_entries (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *side = g_strconcat (fixture->path, ".damaged-20261128T100000Z", NULL);
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autofree char *side_text = NULL;
  g_autofree char *main_text = NULL;
  JsonArray *items;

  write_raw (fixture, "{\"posture_test\":1,\"items\":[1,\"two\",3,{\"four\":4}]}", -1);

  g_assert_true (posture_state_store_load (fixture->base, &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (recovered->message, "2 damaged entries"));
  g_assert_nonnull (strstr (recovered->message, side));
  g_assert_cmpuint (fixture->store->numbers->len, ==, 2);
  g_assert_cmpuint (fixture->n_recovered, ==, 1);
  g_clear_error (&recovered);

  /* The side file holds them, the file itself only the good ones. */
  side_text = read_raw (side);
  kept = posture_json_parse (side_text, strlen (side_text), 16, &error);
  g_assert_no_error (error);
  items = posture_json_get_array (json_node_get_object (kept), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (items, 0), ==, "two");
  g_assert_cmpstr (posture_json_get_string (json_node_get_object (kept), "damaged_from"), ==,
                   fixture->path);
  main_text = read_raw (fixture->path);
  g_assert_cmpstr (main_text, ==, "{\"posture_test\":1,\"items\":[1,3]}");

  /* Reported once; an append keeps the good ones. */
  g_assert_true (posture_state_store_load (fixture->base, &recovered, &error));
  g_assert_no_error (recovered);
  append_ok (fixture->store, 5);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 3);
  g_assert_cmpuint (count_aside (fixture, "damaged"), ==, 1);
}

/* An edit that finds a damaged file moves it aside and stores the change. */
static void
test_store_edit_replaces_damaged (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) loaded = NULL;

  write_raw (fixture, "{ broken", -1);
  g_assert_true (_posture_state_store_edit (fixture->base, append_edit,
                                            GINT_TO_POINTER (9), &recovered, &error));
  g_assert_no_error (error);
  g_assert_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (count_aside (fixture, "corrupt"), ==, 1);
  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 1);
}

/* ---- Hostile files ----------------------------------------------------------------- */

/* Before, a state file was read through a link: a link to /dev/zero read without end. */
static void
test_store_symlink_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *elsewhere = g_build_filename (g_get_user_data_dir (), "elsewhere.json", NULL);
  const char *targets[] = { "/dev/zero", elsewhere };
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (elsewhere, "{\"posture_test\":1,\"items\":[1]}", -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (symlink (targets[i], fixture->path), ==, 0);

      g_assert_false (posture_state_store_load (fixture->base, NULL, &error));
      g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "symbolic link"));
      g_test_message ("%s", error->message);
      g_clear_error (&error);

      /* An edit reads first: refused too, and the link's target is never written. */
      g_assert_false (_posture_state_store_edit (fixture->base, append_edit,
                                                 GINT_TO_POINTER (2), NULL, &error));
      g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
      g_clear_error (&error);
      g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
      g_assert_cmpint (g_unlink (fixture->path), ==, 0);
    }

  after = read_raw (elsewhere);
  g_assert_cmpstr (after, ==, "{\"posture_test\":1,\"items\":[1]}");
}

/* Before, a FIFO in place of a state file made the load wait for a writer forever. */
static void
test_store_fifo_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fixture->path, 0600), ==, 0);

  start = g_get_monotonic_time ();
  g_assert_false (posture_state_store_load (fixture->base, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_assert_nonnull (strstr (error->message, "Remove it"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* A folder in its place the same. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  g_assert_false (posture_state_store_load (fixture->base, NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
}

/* Before, a symbolic link in place of the lock file was followed and its target
 * created. */
static void
test_store_symlinked_lock (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *lock = g_strconcat (fixture->path, ".lock", NULL);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "created-by-lock", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_assert_cmpint (symlink (target, lock), ==, 0);

  g_assert_false (_posture_state_store_edit (fixture->base, append_edit,
                                             GINT_TO_POINTER (1), NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* Before, a posture/ folder another version created 0755 stayed readable by others. */
static void
test_store_tightens_permissions (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "posture", NULL);
  struct stat st;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (chmod (root, 0755), ==, 0);
  g_assert_cmpint (chmod (fixture->dir, 0755), ==, 0);
  write_raw (fixture, "{\"posture_test\":1,\"items\":[1]}", -1);
  g_assert_cmpint (chmod (fixture->path, 0644), ==, 0);

  /* Reading a file others could read makes it and its folders private. */
  g_assert_true (posture_state_store_load (fixture->base, NULL, NULL));
  g_assert_cmpint (stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (fixture->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Writing tightens what another version left open again. */
  g_assert_cmpint (chmod (root, 0755), ==, 0);
  g_assert_cmpint (chmod (fixture->dir, 0755), ==, 0);

  append_ok (fixture->store, 2);
  g_assert_cmpint (stat (fixture->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The user's own XDG folder above is not Posture's to change. */
  g_assert_cmpint (stat (g_get_user_data_dir (), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, !=, 0);
}

/* A store holds its file in place: the write replaces a link with a regular file and
 * never writes through it. */
static void
test_store_write_replaces_link (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *outside = g_build_filename (g_get_user_data_dir (), "outside.txt", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (outside, "keep me", -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_assert_cmpint (symlink (outside, fixture->path), ==, 0);

  g_assert_true (posture_state_file_write (fixture->path, "{}", 2, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK));
  after = read_raw (outside);
  g_assert_cmpstr (after, ==, "keep me");
}

/* ---- Crashes, concurrency, full disks ---------------------------------------------- */

/* A writer killed at an arbitrary moment never leaves a partial file. */
static void
test_store_killed_writer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("{\"posture_test\":1,\"items\":[0");
  guint n_new = 0;

  /* Large, so that the write takes a while, but of few values: white space is cheap to
   * parse even under a sanitizer. */
  for (guint i = 1; i < 1000; i++)
    g_string_append_printf (big, ",%u%850s", i, "");
  g_string_append (big, "]}");
  append_ok (fixture->store, 1);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GArray) loaded = NULL;
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        for (;;)
          posture_state_file_write (fixture->path, big->str, big->len, NULL);

      g_usleep (g_test_rand_int_range (20, 400) * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      loaded = load_numbers (fixture);
      g_assert_true (loaded->len == 1 || loaded->len == 1000);
      n_new += loaded->len > 1;
      g_assert_cmpuint (count_aside (fixture, "corrupt"), ==, 0);
    }

  g_test_message ("%u of 12 kills found the new file, the others the previous one", n_new);
}

/* Killed exactly between writing the temporary file and renaming it. */
static void
test_store_killed_before_rename (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GArray) loaded = NULL;
  int status = 0;
  pid_t pid;

  append_ok (fixture->store, 1);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 16, 16 };
      const char *text = "{\"posture_test\":1,\"items\":[1,2,3,4,5]}";

      /* The file-size limit stops the process with SIGXFSZ in the write. */
      setrlimit (RLIMIT_FSIZE, &limit);
      posture_state_file_write (fixture->path, text, strlen (text), NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGXFSZ);

  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 1);
}

/* Two processes editing at once lose nothing (the lock). */
static void
test_store_concurrent_writers (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) loaded = NULL;
  const guint per_writer = 60;
  pid_t pids[2];

  for (guint w = 0; w < G_N_ELEMENTS (pids); w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          g_autoptr(TestNumbers) store = numbers_new (fixture->path, NULL);

          for (guint i = 0; i < per_writer; i++)
            if (!_posture_state_store_edit (POSTURE_STATE_STORE (store), append_edit,
                                            GINT_TO_POINTER ((int) (w * 1000 + i)), NULL, NULL))
              _exit (10);
          _exit (0);
        }
    }

  for (guint w = 0; w < G_N_ELEMENTS (pids); w++)
    state_test_assert_exited_ok (pids[w]);

  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 2 * per_writer);
  for (guint i = 0; i < loaded->len; i++)
    g_hash_table_add (seen, GINT_TO_POINTER ((int) g_array_index (loaded, gint64, i)));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2 * per_writer);
}

/* A file where the folder must be (permissions do not stop root). */
static void
test_store_unwritable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (fixture->dir);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->dir, "I am a file", -1, NULL));

  /* Nothing can be stored there: nothing is stored yet, and an edit fails clearly. */
  g_assert_true (posture_state_store_load (fixture->base, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (_posture_state_store_edit (fixture->base, append_edit,
                                             GINT_TO_POINTER (1), NULL, &error));
  g_assert_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_test_message ("%s", error->message);
}

/* A full disk: a file-size limit makes every write past 4 KiB fail with EFBIG, the same
 * path through write() as ENOSPC. The previous file stays whole. */
static void
test_store_full_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GArray) loaded = NULL;
  int status = 0;
  pid_t pid;

  append_ok (fixture->store, 1);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 4096, 4096 };
      g_autofree char *big = g_strnfill (100000, ' ');
      g_autoptr(GError) child_error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
      if (posture_state_file_write (fixture->path, big, 100000, &child_error))
        _exit (10);
      if (!g_error_matches (child_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO) ||
          strstr (child_error->message, "Free some disk space") == NULL ||
          strstr (child_error->message, fixture->path) == NULL)
        _exit (11);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  loaded = load_numbers (fixture);
  g_assert_cmpuint (loaded->len, ==, 1);
}

static void
test_store_lock_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PostureStateLock) held = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  held = posture_state_lock_acquire (fixture->path, 1000, &error);
  g_assert_no_error (error);

  /* flock locks belong to the open file: another process waits, then gives up. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      PostureStateLock *lock = posture_state_lock_acquire (fixture->path, 100, &child_error);

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
  held = posture_state_lock_acquire (fixture->path, 100, &error);
  g_assert_no_error (error);
  g_assert_nonnull (held);
}

/* ---- Async ------------------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  guint     calls;
  gboolean  ok;
  GError   *error;
  GError   *recovered;
} AsyncState;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = posture_state_store_load_finish (POSTURE_STATE_STORE (object), result,
                                               &state->recovered, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
edit_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = _posture_state_store_edit_finish (POSTURE_STATE_STORE (object), result,
                                                &state->recovered, &state->error);
  state->done = TRUE;
  state->calls++;
}

static void
test_store_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncState state = { 0 };

  write_raw (fixture, "not json", -1);
  _posture_state_store_edit_async (fixture->base, append_edit,
                                   GINT_TO_POINTER (3), NULL, NULL, edit_cb, &state);
  state_test_wait (&state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_error (state.recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT);
  g_assert_cmpuint (fixture->n_recovered, ==, 1);
  g_assert_cmpuint (fixture->store->numbers->len, ==, 1);
  g_clear_error (&state.recovered);

  memset (&state, 0, sizeof state);
  posture_state_store_load_async (fixture->base, NULL, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_true (state.ok);
  g_assert_no_error (state.recovered);

  /* Cancelled before it starts: the callback runs once, nothing is written. */
  g_cancellable_cancel (cancelled);
  memset (&state, 0, sizeof state);
  _posture_state_store_edit_async (fixture->base, append_edit,
                                   GINT_TO_POINTER (4), NULL, cancelled, edit_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);

  memset (&state, 0, sizeof state);
  posture_state_store_load_async (fixture->base, cancelled, load_cb, &state);
  state_test_wait (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, ==, 1);
  g_clear_error (&state.error);

  {
    g_autoptr(GArray) loaded = load_numbers (fixture);

    g_assert_cmpuint (loaded->len, ==, 1);
  }

  state_test_wait_released (fixture->store);
}

int
main (int    argc,
      char **argv)
{
  static const Damage damages[] = {
    { "{\"posture_test\": 1, \"items\": [1, 2", -1, POSTURE_STORE_ERROR_CORRUPT },
    { "", 0, POSTURE_STORE_ERROR_CORRUPT },
    { "[1, 2, 3]", -1, POSTURE_STORE_ERROR_CORRUPT },
    { "{\"items\": []}", -1, POSTURE_STORE_ERROR_CORRUPT },
    { "\x00\xff\xfe{\x01\x02\"posture_test\"", 16, POSTURE_STORE_ERROR_CORRUPT },
    { "{\"posture_test\": 99, \"future\": true}", -1, POSTURE_STORE_ERROR_NEWER_VERSION },
  };
  static const char *damage_names[] = {
    "truncated", "empty", "not-object", "no-version", "binary", "newer",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/posture/state/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_store_round_trip);
  ADD ("refused-edit", test_store_refused_edit);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/posture/state/store/damaged/%s", damage_names[i]);

      g_test_add (path, Fixture, &damages[i], fixture_setup, test_store_damaged, fixture_teardown);
    }
  ADD ("damaged/too-deep", test_store_too_deep);
  ADD ("damaged/too-large", test_store_too_large);
  ADD ("damaged-entries", test_store_damaged_entries);
  ADD ("edit-replaces-damaged", test_store_edit_replaces_damaged);
  ADD ("hostile/symlink", test_store_symlink_refused);
  ADD ("hostile/fifo", test_store_fifo_refused);
  ADD ("hostile/symlinked-lock", test_store_symlinked_lock);
  ADD ("hostile/permissions", test_store_tightens_permissions);
  ADD ("hostile/write-replaces-link", test_store_write_replaces_link);
  ADD ("killed-writer", test_store_killed_writer);
  ADD ("killed-before-rename", test_store_killed_before_rename);
  ADD ("concurrent-writers", test_store_concurrent_writers);
  ADD ("unwritable", test_store_unwritable);
  ADD ("full-disk", test_store_full_disk);
  ADD ("lock-timeout", test_store_lock_timeout);
  ADD ("async", test_store_async);

#undef ADD

  return g_test_run ();
}
