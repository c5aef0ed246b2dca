/* posture-cli-output.c: where --output goes, for every command that takes it
 *
 * DESIGN.md: "--output FILE writes atomically to a regular file and writes straight
 * through to anything else (/dev/null, /dev/stdout, a pipe), never replacing it."
 *
 * - A regular file, or a path that does not exist yet: the output goes to a temporary
 *   file beside it, which is renamed over it on commit, so a reader sees the old file or
 *   the new one, never half of one, and a failed command leaves the old one in place.
 *   A symbolic link is followed: its target is replaced, the link stays a link. An
 *   existing file keeps its permissions.
 * - Anything else (a character device such as /dev/null, a FIFO, a socket, the pipe or
 *   terminal behind /dev/stdout) is opened and written as it is; it is never replaced,
 *   so `-o /dev/null` as root leaves the device a device.
 * - "-" (or no --output): standard output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "posture-cli-private.h"
#include "posture-json-writer.h"

#define OUTPUT_BUFFER_SIZE (64 * 1024)
#define MAX_SYMLINKS       40

struct _PostureCliOutput
{
  GOutputStream *stream;        /* owned: buffered, over fd */
  int            fd;            /* the descriptor written (owned by the unix stream) */
  char          *display;       /* the path as given, for messages */
  char          *target;        /* owned, nullable: the file a commit replaces */
  char          *temporary;     /* owned, nullable: the temporary file beside it */
  gboolean       existed;       /* the target existed: fsync before the rename */
  gboolean       committed;
};

static gboolean
same_file (const struct stat *st,
           int                fd)
{
  struct stat other;

  return fstat (fd, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Cannot write to %s: %s"),
               display, g_strerror (errsv));
}

/* Follows @path's symbolic links to the file a write really lands in (which may not
 * exist yet). */
static char *
resolve_target (const char  *path,
                GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops <= MAX_SYMLINKS; hops++)
    {
      struct stat st;
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;
      g_autoptr(GError) local_error = NULL;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      link = g_file_read_link (current, &local_error);
      if (link == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          dir = g_path_get_dirname (current);
          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }

  set_errno_error (error, ELOOP, path);
  return NULL;
}

static gboolean
open_replacement (PostureCliOutput  *self,
                  const char        *path,
                  GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  struct stat st;
  int fd;

  self->target = resolve_target (path, error);
  if (self->target == NULL)
    return FALSE;

  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  self->temporary = g_steal_pointer (&template);

  /* A replaced file keeps its permissions (and, for root, its owner). */
  if (stat (self->target, &st) == 0 && S_ISREG (st.st_mode))
    {
      self->existed = TRUE;
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("Could not keep the permissions of %s: %s", self->target, g_strerror (errno));
      if (geteuid () == 0 && fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", self->target, g_strerror (errno));
    }

  self->fd = fd;
  return TRUE;
}

static gboolean
is_descriptor_path (const char *path)
{
  return g_str_has_prefix (path, "/proc/") || g_str_has_prefix (path, "/dev/fd/");
}

/**
 * posture_cli_output_open:
 * @path: (nullable): the --output value; NULL or "-" is standard output
 *
 * Returns: (transfer full): the output, or NULL with @error set (a folder, a path that
 *   cannot be created, a device that cannot be opened)
 */
PostureCliOutput *
posture_cli_output_open (const char  *path,
                         GError     **error)
{
  g_autoptr(PostureCliOutput) self = g_new0 (PostureCliOutput, 1);
  GOutputStream *base;
  gboolean close_fd = TRUE;
  struct stat st;

  self->fd = -1;

  if (path == NULL || g_str_equal (path, "-"))
    {
      self->display = g_strdup (_("standard output"));
      self->fd = STDOUT_FILENO;
      close_fd = FALSE;
    }
  else
    {
      gboolean exists = stat (path, &st) == 0;

      self->display = g_filename_display_name (path);

      if (exists && S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("Cannot write to %s: it is a folder"), self->display);
          return NULL;
        }

      if (exists && same_file (&st, STDOUT_FILENO))
        {
          /* /dev/stdout, /proc/self/fd/1 or the very file stdout goes to. */
          self->fd = STDOUT_FILENO;
          close_fd = FALSE;
        }
      else if (exists && same_file (&st, STDERR_FILENO))
        {
          self->fd = STDERR_FILENO;
          close_fd = FALSE;
        }
      else if ((exists && !S_ISREG (st.st_mode)) || is_descriptor_path (path))
        {
          /* A device, a FIFO, a socket, a descriptor: written as it is, never replaced. */
          self->fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
          if (self->fd < 0)
            {
              set_errno_error (error, errno, path);
              return NULL;
            }
        }
      else if (!open_replacement (self, path, error))
        return NULL;
    }

  if (!close_fd)
    fflush (stdout);

  base = g_unix_output_stream_new (self->fd, close_fd);
  self->stream = g_buffered_output_stream_new_sized (base, OUTPUT_BUFFER_SIZE);
  g_object_unref (base);

  return g_steal_pointer (&self);
}

GOutputStream *
posture_cli_output_get_stream (PostureCliOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

/* TRUE when the output is a terminal (colour and progress are for people). */
gboolean
posture_cli_output_is_terminal (PostureCliOutput *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return posture_cli_is_interactive (self->fd);
}

/**
 * posture_cli_output_commit:
 *
 * Flushes and closes the output; a replacement is then renamed over its target. After
 * a failure the target is left as it was.
 */
gboolean
posture_cli_output_commit (PostureCliOutput  *self,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, &local_error))
    goto failed;

  if (self->temporary != NULL && self->existed && fsync (self->fd) != 0)
    {
      int errsv = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s",
                   g_strerror (errsv));
      goto failed;
    }

  if (!g_output_stream_close (self->stream, NULL, &local_error))
    goto failed;

  if (self->temporary != NULL && g_rename (self->temporary, self->target) != 0)
    {
      int errsv = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s",
                   g_strerror (errsv));
      goto failed;
    }

  g_clear_pointer (&self->temporary, g_free);
  self->committed = TRUE;
  return TRUE;

failed:
  g_set_error (error, local_error->domain, local_error->code, _("Cannot write to %s: %s"),
               self->display, local_error->message);
  return FALSE;
}

/* Says where a failed write was going: "Cannot write to FILE: …". Returns FALSE. */
gboolean
posture_cli_output_failed (PostureCliOutput  *self,
                           GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("Cannot write to %s: "), self->display);
  return FALSE;
}

/* Frees @self; an output never committed leaves its target as it was (a temporary file
 * is removed). */
void
posture_cli_output_free (PostureCliOutput *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    {
      /* Nothing half-written reaches a replaced file: the buffer is dropped with it. */
      if (self->temporary == NULL)
        g_output_stream_flush (self->stream, NULL, NULL);
      g_output_stream_close (self->stream, NULL, NULL);
    }
  if (self->temporary != NULL)
    g_unlink (self->temporary);

  g_clear_object (&self->stream);
  g_free (self->display);
  g_free (self->target);
  g_free (self->temporary);
  g_free (self);
}

/* A json-glib tree as text: two-space indent, newline-terminated, through
 * PostureJsonWriter, so that what a server or a file put in it is safe on a terminal
 * (C1 and bidirectional controls as \\u escapes). */
char *
posture_cli_json_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);
  g_autoptr(PostureJsonWriter) writer = posture_json_writer_new (out, TRUE);

  posture_json_writer_node (writer, node);
  return g_string_free (out, FALSE);
}

/* The whole of @data to @path, through the same rules. */
gboolean
posture_cli_write_output (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(PostureCliOutput) output = NULL;

  output = posture_cli_output_open (path, error);
  if (output == NULL)
    return FALSE;

  if (!g_output_stream_write_all (output->stream, data, length, NULL, NULL, error))
    return posture_cli_output_failed (output, error);

  return posture_cli_output_commit (output, error);
}
