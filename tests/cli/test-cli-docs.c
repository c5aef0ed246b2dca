/* test-cli-docs.c: posture-cli documented as its users expect
 *
 * - posture-cli(1) and posture(1) render with groff and man without a warning;
 * - every command and every option posture-cli accepts (read from its own --help) is
 *   described in posture-cli(1), in its command's section, with the exit codes and the
 *   environment variables; every option of the app (where it is built) in posture(1);
 * - each `posture-cli COMMAND --help` opens with the command's one-line summary;
 * - the bash completion, sourced in a real bash, completes commands, options, values and
 *   control ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cli-test.h"

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("POSTURE_SOURCE_ROOT");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (root);
  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* Runs a tool; returns FALSE (and skips the test) when it is not installed. */
static gboolean
spawn (const char * const  *argv,
       const char * const  *envp_extra,
       char               **out,
       char               **err,
       int                 *status)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", argv[0]);

      g_test_skip (message);
      return FALSE;
    }

  for (guint i = 0; envp_extra != NULL && envp_extra[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, envp_extra[i], envp_extra[i + 1], TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err,
                status, &error);
  g_assert_no_error (error);
  return TRUE;
}

/* The page as man(1) shows it, wide, in plain ASCII. */
static char *
render_page (const char *page)
{
  g_autofree char *path = source_path ("data", "man", page, NULL);
  const char *argv[] = { "man", "--warnings", "-l", path, NULL };
  const char *env[] = { "MANPAGER", "cat", "MANWIDTH", "250", "LC_ALL", "C.UTF-8", NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!spawn (argv, env, &out, &err, &status))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL) || err[0] != '\0')
    g_error ("man -l %s: %s", page, err);
  return out;
}

static void
test_docs_render (void)
{
  static const char *pages[] = { "posture-cli.1", "posture.1" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = source_path ("data", "man", pages[i], NULL);
      const char *argv[] = { "groff", "-man", "-Tutf8", "-ww", "-z", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      int status = 0;

      if (!spawn (argv, NULL, &out, &err, &status))
        return;
      if (!g_spawn_check_wait_status (status, NULL) || err[0] != '\0')
        g_error ("groff -ww %s warns:\n%s", pages[i], err);

      text = render_page (pages[i]);
      if (text == NULL)
        return;
      g_assert_nonnull (strstr (text, "NAME"));
      g_assert_nonnull (strstr (text, "SYNOPSIS"));
      g_assert_nonnull (strstr (text, "SEE ALSO"));
    }
}

/* "  -t, --tenant=ID   …" and "  --demo   …" lines of a --help. */
static GPtrArray *
options_of (const char *help)
{
  g_autoptr(GRegex) regex = g_regex_new ("^  (?:-[a-zA-Z], )?(--[a-z][a-z-]*)", G_REGEX_MULTILINE,
                                         0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *options = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, help, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *option = g_match_info_fetch (match, 1);

      if (!g_str_has_prefix (option, "--help"))
        g_ptr_array_add (options, g_steal_pointer (&option));
      g_match_info_next (match, NULL);
    }
  return options;
}

/* The commands posture-cli --help lists, with their summaries. */
static GHashTable *
commands_of_cli (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("^  ([a-z][a-z-]*) +(.+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *commands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  cli_run (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_regex_match (regex, strstr (run.out, "Commands:"), 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_insert (commands, g_match_info_fetch (match, 1), g_match_info_fetch (match, 2));
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (g_hash_table_size (commands), >=, 10);
  return commands;
}

/* The text of a section of the rendered page: from a line "HEADING" (at @indent spaces)
 * to the next heading at that indent or less. */
static char *
section_of (const char *text,
            const char *heading,
            guint       indent)
{
  g_autofree char *pattern = g_strdup_printf ("\n%*s%s\n", indent, "", heading);
  const char *start = strstr (text, pattern);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (pattern);
  for (end = start; *end != '\0'; end = strchr (end, '\n') + 1)
    {
      guint spaces = strspn (end, " ");

      if (end != start && spaces <= indent && end[spaces] != '\n' && end[spaces] != '\0')
        break;
      if (strchr (end, '\n') == NULL)
        {
          end += strlen (end);
          break;
        }
    }
  return g_strndup (start, end - start);
}

static void
assert_documented (const char *page_text,
                   const char *section,
                   const char *extra_section,
                   GPtrArray  *options,
                   const char *what)
{
  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);

      if ((section == NULL || strstr (section, option) == NULL) &&
          (extra_section == NULL || strstr (extra_section, option) == NULL))
        g_error ("%s accepts %s, which its manual section does not describe", what, option);
    }
}

static void
test_docs_cli_page (void)
{
  g_autofree char *text = render_page ("posture-cli.1");
  g_autoptr(GHashTable) commands = NULL;
  g_autofree char *what_to_read = NULL;
  GHashTableIter iter;
  gpointer name, summary;
  static const char *facts[] = {
    "EXIT STATUS", "POSTURE_CLIENT_ID", "POSTURE_CLIENT_SECRET", "POSTURE_HTTP_DEBUG",
    "XDG_CACHE_HOME", "XDG_DATA_HOME", "/dev/null", "/dev/stdout",
  };

  if (text == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    g_assert_nonnull (strstr (text, facts[i]));
  for (guint code = 0; code <= 3; code++)
    {
      g_autofree char *line = g_strdup_printf ("\n       %u      ", code);

      g_assert_nonnull (strstr (text, line));
    }

  what_to_read = section_of (text, "WHAT TO READ", 0);
  g_assert_nonnull (what_to_read);

  commands = commands_of_cli ();
  g_hash_table_iter_init (&iter, commands);
  while (g_hash_table_iter_next (&iter, &name, &summary))
    {
      const char *argv[] = { name, "--help", NULL };
      g_autofree char *section = section_of (text, name, 3);
      g_autofree char *synopsis = g_strdup_printf ("posture-cli %s", (char *) name);
      g_autoptr(GPtrArray) options = NULL;
      g_auto(CliRun) help = { 0 };

      if (section == NULL)
        g_error ("posture-cli(1) has no section for the command %s", (char *) name);
      g_assert_nonnull (strstr (text, synopsis));

      cli_runv (&help, NULL, NULL, 60, argv);
      g_assert_cmpint (help.status, ==, 0);
      options = options_of (help.out);
      assert_documented (text, section, what_to_read, options, synopsis);

      /* training: each subcommand and its options too. */
      if (g_str_equal (name, "training"))
        {
          static const char *subcommands[] = { "list", "show", "validate", "review",
                                                "review-report" };

          for (guint s = 0; s < G_N_ELEMENTS (subcommands); s++)
            {
              const char *sub_argv[] = { "training", subcommands[s], "--help", NULL };
              g_auto(CliRun) sub_help = { 0 };
              g_autoptr(GPtrArray) sub_options = NULL;

              g_assert_nonnull (strstr (section, subcommands[s]));
              cli_runv (&sub_help, NULL, NULL, 60, sub_argv);
              g_assert_cmpint (sub_help.status, ==, 0);
              sub_options = options_of (sub_help.out);
              assert_documented (text, section, NULL, sub_options, "posture-cli training");
            }
        }
    }
}

/* `posture-cli COMMAND --help` opens with a real summary, not the command's name. */
static void
test_docs_help_summary (void)
{
  g_autoptr(GHashTable) commands = commands_of_cli ();
  GHashTableIter iter;
  gpointer name, summary;

  g_hash_table_iter_init (&iter, commands);
  while (g_hash_table_iter_next (&iter, &name, &summary))
    {
      const char *argv[] = { name, "--help", NULL };
      g_auto(CliRun) help = { 0 };
      g_auto(GStrv) lines = NULL;
      g_autofree char *usage = NULL;

      cli_runv (&help, NULL, NULL, 60, argv);
      g_assert_cmpint (help.status, ==, 0);
      lines = g_strsplit (help.out, "\n", 6);
      if (g_str_equal (name, "training"))
        {
          /* Subcommands first: "Usage: posture-cli training SUBCOMMAND …", summary. */
          g_assert_true (g_str_has_prefix (lines[0], "Usage: posture-cli training"));
          g_assert_cmpstr (lines[2], ==, summary);
          continue;
        }

      usage = g_strdup_printf ("  posture-cli %s [OPTION", (char *) name);
      g_assert_cmpstr (lines[0], ==, "Usage:");
      g_assert_true (g_str_has_prefix (lines[1], usage));
      g_assert_cmpstr (lines[2], ==, "");
      g_assert_cmpstr (lines[3], ==, summary);
      g_assert_cmpstr (lines[3], !=, name);
      g_assert_cmpuint (strlen (lines[3]), >, 15);
    }
}

/* posture(1) describes every option the app accepts (when the app is built). */
static void
test_docs_app_page (void)
{
  g_autofree char *cli_dir = g_path_get_dirname (g_getenv ("POSTURE_CLI"));
  g_autofree char *app = g_build_filename (cli_dir, "..", "app", "posture", NULL);
  g_autofree char *text = NULL;
  g_autofree char *options_section = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { app, "--help-all", NULL };
  int status = 0;

  text = render_page ("posture.1");
  if (text == NULL)
    return;
  options_section = section_of (text, "OPTIONS", 0);
  g_assert_nonnull (options_section);
  g_assert_nonnull (strstr (options_section, "--workshop"));

  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the app is not built (-Dui=false): its options cannot be listed");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  options = options_of (out);
  g_assert_cmpuint (options->len, >=, 2);
  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);

      /* GApplication's own options are GLib's (--gapplication-service): not ours. */
      if (g_str_has_prefix (option, "--gapplication"))
        continue;
      if (strstr (options_section, option) == NULL)
        g_error ("posture accepts %s, which posture(1) does not describe", option);
    }
}

/* Completions from the script, sourced in bash, for COMP_WORDS = @words. */
static char *
complete (const char * const *words)
{
  g_autofree char *script = source_path ("data", "bash-completion", "posture-cli", NULL);
  g_autoptr(GString) command = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n = g_strv_length ((char **) words);
  int status = 0;

  g_string_append_printf (command, "source '%s' && COMP_WORDS=('%s'", script,
                          g_getenv ("POSTURE_CLI"));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (command, " '%s'", words[i]);
  g_string_append_printf (command, ") && COMP_CWORD=%u && _posture_cli && "
                          "printf '%%s\\n' \"${COMPREPLY[@]}\"", n);

  {
    const char *argv[] = { "bash", "--norc", "--noprofile", "-c", command->str, NULL };

    if (!spawn (argv, NULL, &out, &err, &status))
      return NULL;
  }
  if (!g_spawn_check_wait_status (status, NULL) || err[0] != '\0')
    g_error ("bash completion failed for %s: %s", command->str, err);
  return g_steal_pointer (&out);
}

static void
test_docs_completion (void)
{
  static const struct
  {
    const char *words[6];
    const char *expected;   /* the completions, one a line, in order */
  } cases[] = {
    { { "as" }, "assess\n" },
    { { "de" }, "decide\ndemo-server\n" },
    { { "training", "rev" }, "review\nreview-report\n" },
    { { "assess", "--for" }, "--format\n" },
    { { "report", "--ti" }, "--timeout\n" },
    { { "login", "--client-" }, "--client-id\n--client-secret-stdin\n" },
    { { "assess", "--format", "" }, "text\njson\ncsv\nhtml\n" },
    { { "report", "--format", "c" }, "csv\n" },
    { { "assess", "--format=j" }, "--format=json\n" },
    { { "assess", "--profile", "" }, "all\nscuba\nppac\n" },
    { { "assess", "--cloud", "gcc" }, "gcc\ngcc-high\n" },
    { { "decide", "--control", "ip-f" }, "ip-firewall\n" },
    { { "decide", "--status", "risk" }, "risk-accepted\n" },
    { { "assess", "--controls", "auditing,dlp-ten" }, "auditing,dlp-tenant-policy\n" },
    { { "fix", "audi" }, "auditing\n" },
    { { "fix", "ip-firewall", "--dry" }, "--dry-run\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = complete (cases[i].words);

      if (out == NULL)
        return;
      if (g_strcmp0 (out, cases[i].expected) != 0)
        g_error ("completing \"%s %s %s\" gave:\n%s\ninstead of:\n%s", cases[i].words[0],
                 cases[i].words[1] ? cases[i].words[1] : "",
                 cases[i].words[1] && cases[i].words[2] ? cases[i].words[2] : "", out,
                 cases[i].expected);
    }

  /* Every command and every control id is offered. */
  {
    const char *nothing[] = { "", NULL };
    const char *controls[] = { "decide", "--control", "", NULL };
    g_autofree char *all_commands = complete (nothing);
    g_autofree char *all_controls = complete (controls);
    g_autoptr(GHashTable) commands = commands_of_cli ();
    g_auto(CliRun) ids = { 0 };
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, commands);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      {
        g_autofree char *line = g_strdup_printf ("%s\n", (char *) name);

        g_assert_nonnull (strstr (all_commands, line));
      }

    cli_run (&ids, "controls", "--list-ids", NULL);
    g_assert_cmpint (ids.status, ==, 0);
    g_assert_cmpuint (strlen (ids.out), >, 100);
    g_assert_cmpstr (all_controls, ==, ids.out);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/posture/cli/docs/render", test_docs_render);
  g_test_add_func ("/posture/cli/docs/cli-page", test_docs_cli_page);
  g_test_add_func ("/posture/cli/docs/help-summary", test_docs_help_summary);
  g_test_add_func ("/posture/cli/docs/app-page", test_docs_app_page);
  g_test_add_func ("/posture/cli/docs/completion", test_docs_completion);

  return g_test_run ();
}
