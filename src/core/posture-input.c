/* posture-input.c: reading a file Posture was handed, safely
 *
 * g_file_get_contents() reads whatever the path names until it ends: /dev/zero never
 * ends, a FIFO without a writer blocks forever, and a growing file grows the buffer.
 * This reader opens without blocking, looks at what it opened (fstat, so a symbolic link
 * swapped between a check and the open changes nothing), and reads at most one byte past
 * the bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-input"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "posture-error.h"
#include "posture-input.h"
#include "posture-text.h"

static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a pipe (FIFO)";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *shown)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "Cannot %s %s: %s", what, shown, g_strerror (saved_errno));
  return FALSE;
}

/**
 * posture_read_regular_file:
 * @path: the file to read
 * @max_size: the largest size accepted, in bytes
 * @contents: (out) (transfer full): the bytes read, NUL-terminated
 * @length: (out) (optional): the number of bytes read
 *
 * Returns: %TRUE when @path is a regular file of at most @max_size bytes and was read
 */
gboolean
posture_read_regular_file (const char  *path,
                           gsize        max_size,
                           char       **contents,
                           gsize       *length,
                           GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize allocated;
  gsize used = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *contents = NULL;
  if (length != NULL)
    *length = 0;

  shown = posture_text_printable (path, 200);

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    return set_errno_error (error, errno, "open", shown);

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, "read", shown);
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s is %s, not a regular file; give the path of a file", shown,
                   file_kind (st.st_mode));
      return FALSE;
    }

  if ((guint64) st.st_size > (guint64) max_size)
    {
      close (fd);
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                   "%s is %" G_GUINT64_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                   " bytes allowed", shown, (guint64) st.st_size, max_size);
      return FALSE;
    }

  /* The size may change while reading; read at most one byte past the bound. */
  allocated = MIN ((gsize) st.st_size, max_size) + 1;
  buffer = g_malloc (allocated + 1);

  for (;;)
    {
      gssize n;

      if (used == allocated)
        {
          if (used > max_size)
            break;
          allocated = MIN (allocated * 2, max_size + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }

      n = read (fd, buffer + used, allocated - used);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          return set_errno_error (error, saved_errno, "read", shown);
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }

  close (fd);

  if (used > max_size)
    {
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                   "%s grew past the %" G_GSIZE_FORMAT " bytes allowed while it was read",
                   shown, max_size);
      return FALSE;
    }

  buffer[used] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length != NULL)
    *length = used;

  return TRUE;
}
