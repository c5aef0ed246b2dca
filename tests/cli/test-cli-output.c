/* test-cli-output.c: --output replaces a regular file atomically and writes anything
 * else straight through, never replacing it (DESIGN.md), in every command that takes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli-test.h"
#include "posture-json.h"

static char *
work_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
assert_assessment_json (const char *what,
                        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = posture_json_parse (text, strlen (text), 64, &error);

  if (node == NULL)
    g_error ("%s: not the assessment JSON (%s):\n%s", what, error->message, text);
  g_assert_true (json_object_has_member (json_node_get_object (node), "score"));
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* No temporary file is left beside the target. */
static void
assert_no_leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_error ("a temporary file was left behind: %s", name);
}

static void
test_output_regular (void)
{
  g_autofree char *path = work_path ("report.json");
  g_autofree char *missing = work_path ("missing.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) failed = { 0 };
  g_auto(CliRun) folder = { 0 };
  g_auto(CliRun) nowhere = { 0 };
  g_autofree char *nowhere_path = work_path ("no-such-folder/report.json");
  struct stat before, after;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  cli_run (&run, "assess", "--demo", "--format", "json", "--output", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  contents = read_file (path);
  assert_assessment_json (path, contents);

  /* Replaced by a rename (a new inode), keeping the permissions it had. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_true (S_ISREG (after.st_mode));
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_cmpint (after.st_mode & 07777, ==, 0600);
  assert_no_leftovers ();

  /* A command that fails leaves the file as it was. */
  cli_run (&failed, "assess", "--snapshot", missing, "--format", "json", "--output", path, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  assert_assessment_json (path, contents);

  cli_run (&folder, "assess", "--demo", "--output", g_get_user_data_dir (), NULL);
  g_assert_cmpint (folder.status, ==, 1);
  g_assert_nonnull (strstr (folder.err, "folder"));

  cli_run (&nowhere, "assess", "--demo", "--output", nowhere_path, NULL);
  g_assert_cmpint (nowhere.status, ==, 1);
  g_assert_nonnull (strstr (nowhere.err, "Cannot write to"));
  assert_no_leftovers ();
}

/* A symbolic link is followed: its target is replaced, the link stays a link. */
static void
test_output_symlink (void)
{
  g_autofree char *target = work_path ("target.csv");
  g_autofree char *link = work_path ("link.csv");
  g_autofree char *chain = work_path ("chain.csv");
  g_autofree char *dangling = work_path ("dangling.csv");
  g_autofree char *created = work_path ("created.csv");
  g_autofree char *contents = NULL;
  g_autofree char *read_link = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) new_target = { 0 };
  struct stat st;

  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (target, 0640), ==, 0);
  g_assert_cmpint (symlink ("target.csv", link), ==, 0);
  g_assert_cmpint (symlink (link, chain), ==, 0);

  cli_run (&run, "report", "--demo", "--format", "csv", "--output", chain, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_cmpint (g_lstat (chain, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  read_link = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_link, ==, "target.csv");

  g_assert_cmpint (g_lstat (target, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  contents = read_file (target);
  g_assert_true (g_str_has_prefix (contents, "control_id,"));

  /* A link to a file not there yet: the file is created where the link points. */
  g_assert_cmpint (symlink ("created.csv", dangling), ==, 0);
  cli_run (&new_target, "report", "--demo", "--format", "csv", "--output", dangling, NULL);
  g_assert_cmpint (new_target.status, ==, 0);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));
  assert_no_leftovers ();
}

/* /dev/null stays the device (as root, replacing it would make it a regular file). */
static void
test_output_dev_null (void)
{
  g_auto(CliRun) run = { 0 };
  struct stat st;

  if (geteuid () != 0)
    g_test_message ("not root: /dev/null could not be replaced anyway; checking that the "
                    "command succeeds");

  cli_run (&run, "assess", "--demo", "--format", "json", "--output", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (major (st.st_rdev), ==, 1);
  g_assert_cmpint (minor (st.st_rdev), ==, 3);
}

/* /dev/stdout when standard output is a pipe: written into the pipe. */
static void
test_output_dev_stdout (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) dash = { 0 };

  cli_run (&run, "assess", "--demo", "--format", "json", "--output", "/dev/stdout", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_assessment_json ("-o /dev/stdout", run.out);

  cli_run (&dash, "assess", "--demo", "--format", "json", "--output", "-", NULL);
  g_assert_cmpint (dash.status, ==, 0);
  assert_assessment_json ("-o -", dash.out);
}

typedef struct
{
  char    *path;
  GString *data;
} FifoReader;

static gpointer
read_fifo_thread (gpointer user_data)
{
  FifoReader *reader = user_data;
  char buffer[4096];
  int fd = g_open (reader->path, O_RDONLY, 0);
  gssize n;

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (reader->data, buffer, n);
  close (fd);
  return NULL;
}

/* A FIFO is written through (a reader gets the report) and stays a FIFO. */
static void
test_output_fifo (void)
{
  g_autofree char *path = work_path ("report.fifo");
  g_autoptr(GString) data = g_string_new (NULL);
  FifoReader reader = { path, data };
  g_auto(CliRun) run = { 0 };
  GThread *thread;
  struct stat st;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("fifo-reader", read_fifo_thread, &reader);
  cli_run (&run, "assess", "--demo", "--format", "json", "--output", path, NULL);
  g_thread_join (thread);

  g_assert_cmpint (run.status, ==, 0);
  assert_assessment_json ("-o FIFO", data->str);
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* Every command that takes --output: through a pipe (/dev/stdout) and to /dev/null. */
static void
test_output_every_command (void)
{
  g_autofree char *snapshot = cli_data_path ("engine", "all-pass.json");
  g_autofree char *assess_json = work_path ("for-history.json");
  const char *commands[][12] = {
    { "assess", "--snapshot", snapshot, "--format", "csv", "--output", NULL },
    { "report", "--snapshot", snapshot, "--format", "html", "--output", NULL },
    { "report", "--snapshot", snapshot, "--action-plan", NULL },
    { "snapshot", "--demo", "--output", NULL },
    { "history", "--tenant", "pipeline", "--format", "csv", "--output", NULL },
    { "training", "review-report", "--format", "csv", "--output", NULL },
  };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) record = { 0 };

  /* Something in the history of "pipeline". */
  cli_run (&json, "assess", "--snapshot", snapshot, "--format", "json", "--output", assess_json,
           NULL);
  g_assert_cmpint (json.status, ==, 0);
  cli_run (&record, "history", "--tenant", "pipeline", "--record", assess_json, NULL);
  g_assert_cmpint (record.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      static const char *targets[] = { "/dev/stdout", "/dev/null" };

      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          g_autoptr(GPtrArray) argv = g_ptr_array_new ();
          g_auto(CliRun) run = { 0 };
          struct stat st;

          for (guint a = 0; commands[i][a] != NULL; a++)
            g_ptr_array_add (argv, (gpointer) commands[i][a]);
          g_ptr_array_add (argv, (gpointer) targets[t]);
          g_ptr_array_add (argv, NULL);

          cli_runv (&run, NULL, NULL, 60, (const char * const *) argv->pdata);
          if (run.status != 0)
            g_error ("%s %s %s: exit %d\n%s", commands[i][0], commands[i][1], targets[t],
                     run.status, run.err);
          if (t == 0)
            g_assert_cmpuint (strlen (run.out), >, 0);
          else
            g_assert_cmpstr (run.out, ==, "");

          g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
          g_assert_true (S_ISCHR (st.st_mode));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/output/regular", test_output_regular);
  g_test_add_func ("/posture/cli/output/symlink", test_output_symlink);
  g_test_add_func ("/posture/cli/output/dev-null", test_output_dev_null);
  g_test_add_func ("/posture/cli/output/dev-stdout", test_output_dev_stdout);
  g_test_add_func ("/posture/cli/output/fifo", test_output_fifo);
  g_test_add_func ("/posture/cli/output/every-command", test_output_every_command);

  return g_test_run ();
}
