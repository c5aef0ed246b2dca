/* posture-cli-common.c: option parsing, messages and output shared by every command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "posture-cli-private.h"
#include "posture-text.h"

/* Everything posture-cli prints through g_print() and g_printerr() (messages, errors in
 * the service's words, device-code instructions, warnings) can hold text a server or a
 * file chose: it goes through the one terminal escaper, keeping line breaks. Formatted
 * output (reports, JSON, the coloured text) is written to its stream directly and
 * escapes its fields itself. */
static void
print_escaped (FILE       *stream,
               const char *message)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (message) + 16);
  g_autofree char *converted = NULL;
  const char *charset;

  posture_text_append_escaped (out, message, -1, POSTURE_TEXT_ESCAPE_KEEP_LINES);

  /* As GLib's own handlers do: text in the locale's character set. */
  if (!g_get_charset (&charset))
    converted = g_convert_with_fallback (out->str, out->len, charset, "UTF-8", "?",
                                         NULL, NULL, NULL);
  if (converted != NULL)
    fputs (converted, stream);
  else
    fwrite (out->str, 1, out->len, stream);
  fflush (stream);
}

static void
print_stdout_cb (const char *message)
{
  print_escaped (stdout, message);
}

static void
print_stderr_cb (const char *message)
{
  print_escaped (stderr, message);
}

/* Log messages (a library's warning, POSTURE_HTTP_DEBUG's header log) go the same way. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autofree char *line = NULL;
  g_autofree char *with_newline = NULL;
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
    }

  if (g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  with_newline = g_strconcat (line, "\n", NULL);
  print_escaped (stderr, with_newline);
  return G_LOG_WRITER_HANDLED;
}

void
posture_cli_install_print_handlers (void)
{
  g_set_print_handler (print_stdout_cb);
  g_set_printerr_handler (print_stderr_cb);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
}

/**
 * posture_cli_context_new:
 * @command: the command as typed ("assess", "training list")
 * @parameter_string: (nullable): what follows the options in the usage line ("[N M]")
 *
 * An option context whose --help reads "Usage: posture-cli COMMAND [OPTION…]", then the
 * command's one-line summary (posture_cli_command_summary()). Messages name the command
 * through g_get_prgname().
 */
GOptionContext *
posture_cli_context_new (const char *command,
                         const char *parameter_string)
{
  g_autofree char *prgname = g_strdup_printf ("posture-cli %s", command);
  GOptionContext *context;

  g_assert (posture_cli_command_summary (command) != NULL);

  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, posture_cli_command_summary (command));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

int
posture_cli_usage_error (GOptionContext *context,
                         const char     *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("posture-cli: %s\n", message);
  if (context != NULL)
    g_printerr (_("Try \"%s --help\" for the options.\n"), g_get_prgname ());
  return POSTURE_CLI_EXIT_USAGE;
}

int
posture_cli_fail (const GError *error,
                  const char   *hint)
{
  g_printerr ("posture-cli: %s\n", error != NULL ? error->message : "failed");
  if (hint != NULL)
    g_printerr ("%s\n", hint);
  return POSTURE_CLI_EXIT_FAILED;
}

gboolean
posture_cli_parse (GOptionContext   *context,
                   int              *argc,
                   char           ***argv,
                   int              *exit_code)
{
  g_autoptr(GError) error = NULL;

  g_assert (context != NULL);
  g_assert (exit_code != NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("posture-cli: %s\n", error->message);
      g_printerr (_("Try \"%s --help\" for the options.\n"), g_get_prgname ());
      *exit_code = POSTURE_CLI_EXIT_USAGE;
      return FALSE;
    }

  if (*argc > 1)
    {
      g_printerr (_("posture-cli: unexpected argument \"%s\"\n"), (*argv)[1]);
      g_printerr (_("Try \"%s --help\" for the options.\n"), g_get_prgname ());
      *exit_code = POSTURE_CLI_EXIT_USAGE;
      return FALSE;
    }

  return TRUE;
}

/* The large objects of a command (a snapshot and its assessment: for 10,000 environments
 * a JSON tree of about 200 MB and 190,000 results) are not torn down one allocation at a
 * time just before the process exits: that took a third of `assess`'s run time. They
 * stay referenced from here (so leak checkers see them as reachable, not lost) and the
 * kernel reclaims them at exit, as git's UNLEAK() does. */
static GPtrArray *kept_until_exit;

void
posture_cli_keep_until_exit (gpointer object)
{
  if (object == NULL)
    return;

  if (kept_until_exit == NULL)
    kept_until_exit = g_ptr_array_new ();
  g_ptr_array_add (kept_until_exit, g_object_ref (object));
}

gboolean
posture_cli_is_interactive (int fd)
{
  return isatty (fd) == 1;
}

gboolean
posture_cli_use_color (int fd)
{
  const char *no_color = g_getenv ("NO_COLOR");
  const char *term = g_getenv ("TERM");

  if (no_color != NULL && no_color[0] != '\0')
    return FALSE;
  if (term != NULL && g_str_equal (term, "dumb"))
    return FALSE;

  return posture_cli_is_interactive (fd);
}

/* Reads one line from standard input for --client-secret-stdin. The secret never
 * appears on a command line; the buffer is wiped by the caller. */
char *
posture_cli_read_stdin_secret (GError **error)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stdin)) != EOF && c != '\n')
    {
      if (line->len > 4096)
        {
          memset (line->str, 0, line->len);
          g_string_free (line, TRUE);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The secret on standard input is longer than 4096 bytes");
          return NULL;
        }
      g_string_append_c (line, (char) c);
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (line->len == 0)
    {
      g_string_free (line, TRUE);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "No secret on standard input: pipe it in, for example "
                           "from a secret store, followed by a newline");
      return NULL;
    }

  return g_string_free (line, FALSE);
}

/* Running the async tenant client from a synchronous command: pass
 * posture_cli_sync_cb with a zeroed PostureCliSync, then wait; the caller owns
 * sync.result afterwards (g_clear_object). */
void
posture_cli_sync_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PostureCliSync *sync = user_data;

  g_set_object (&sync->result, result);
}

void
posture_cli_sync_wait (PostureCliSync *sync)
{
  g_assert (sync != NULL);

  while (sync->result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}
