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

#include <glib/gstdio.h>

#include "posture-cli-private.h"

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
    g_printerr ("Try \"posture-cli %s --help\" for the options.\n",
                g_option_context_get_summary (context) ? g_option_context_get_summary (context) : "");
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
      g_printerr ("Try \"posture-cli %s --help\" for the options.\n", (*argv)[0]);
      *exit_code = POSTURE_CLI_EXIT_USAGE;
      return FALSE;
    }

  if (*argc > 1)
    {
      g_printerr ("posture-cli: unexpected argument \"%s\"\n", (*argv)[1]);
      g_printerr ("Try \"posture-cli %s --help\" for the options.\n", (*argv)[0]);
      *exit_code = POSTURE_CLI_EXIT_USAGE;
      return FALSE;
    }

  return TRUE;
}

/* Writes atomically (temporary file, then rename), so a report or a snapshot being
 * replaced is never left half-written; "-" or NULL is standard output. */
gboolean
posture_cli_write_output (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      if (length > 0 && fwrite (data, 1, length, stdout) != length)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "Cannot write to standard output: %s", g_strerror (errsv));
          return FALSE;
        }
      return fflush (stdout) == 0;
    }

  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
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
