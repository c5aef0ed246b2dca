/* posture-state-file.c
 *
 * Posture's folders are private (0700; a folder another version left at 0755 is
 * tightened) and so are its files (0600). A state file is opened without following a
 * symbolic link and only read when it is a regular file, at most a bound: a link, a
 * FIFO or a device where a state file should be fails at once with a message that says
 * what to remove, instead of hanging or reading without end. Writes go to a temporary
 * file beside the target (created exclusively, so never through a link), which is
 * flushed to disk and renamed over the target: a crash leaves the previous file whole.
 * A file that cannot be used is renamed NAME.corrupt-TIMESTAMP. Writers serialise on an
 * flock of NAME.lock, itself opened without following a link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-state"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-state-file.h"

struct _PostureStateLock
{
  int   fd;
  char *path;
};

char *
posture_state_path (PostureStateKind  kind,
                    const char       *first_element,
                    ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *element;
  va_list args;

  g_ptr_array_add (parts, (gpointer) (kind == POSTURE_STATE_CACHE ? g_get_user_cache_dir ()
                                                                  : g_get_user_data_dir ()));
  g_ptr_array_add (parts, (gpointer) "posture");

  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);

  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* Tenant ids come from users and servers: keep file names to a safe alphabet so that
 * "../x" or a name with slashes can never escape the state directory. */
char *
posture_state_file_name_for (const char *identifier)
{
  GString *name;

  g_return_val_if_fail (identifier != NULL, NULL);

  name = g_string_new (NULL);
  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && p != identifier))
        g_string_append_c (name, g_ascii_tolower (*p));
      else
        g_string_append_printf (name, "%%%02X", (guint) (guchar) *p);
    }

  if (name->len == 0)
    g_string_append (name, "_");
  if (name->len > 128)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identifier, -1);

      g_string_truncate (name, 64);
      g_string_append_c (name, '-');
      g_string_append_len (name, digest, 16);
    }

  return g_string_free (name, FALSE);
}

char *
posture_state_path_for_tenant (PostureStateKind  kind,
                               const char       *folder,
                               const char       *tenant_key,
                               const char       *extension)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (tenant_key != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  name = posture_state_file_name_for (tenant_key);
  file = g_strconcat (name, extension, NULL);
  return posture_state_path (kind, folder, file, NULL);
}

static gboolean set_io_error (GError     **error,
                              int          errsv,
                              const char  *format,
                              ...) G_GNUC_PRINTF (3, 4);

/* "<what happened, with the path>: <the system's reason>" */
static gboolean
set_io_error (GError     **error,
              int          errsv,
              const char  *format,
              ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO, "%s: %s",
               what, g_strerror (errsv));
  return FALSE;
}

/* Folders that are Posture's own, from its root in the data or cache directory down to
 * @dir, are made private; the XDG directories above them are the user's business. */
static void
tighten_folders (const char *dir)
{
  const char *roots[] = { g_get_user_data_dir (), g_get_user_cache_dir () };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *root = g_build_filename (roots[i], "posture", NULL);
      g_autofree char *current = g_strdup (dir);

      if (!g_str_equal (dir, root) &&
          !(g_str_has_prefix (dir, root) && dir[strlen (root)] == G_DIR_SEPARATOR))
        continue;

      for (;;)
        {
          struct stat st;
          char *parent;

          if (lstat (current, &st) == 0 && S_ISDIR (st.st_mode) && st.st_uid == geteuid () &&
              (st.st_mode & 077) != 0 && chmod (current, st.st_mode & 0700) != 0)
            g_debug ("Cannot make %s private: %s", current, g_strerror (errno));

          if (g_str_equal (current, root))
            break;
          parent = g_path_get_dirname (current);
          g_free (current);
          current = parent;
        }
    }
}

gboolean
posture_state_dir_ensure (const char  *dir,
                          GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_io_error (error, errno,
                         "Cannot create the folder %s; check its permissions and that no "
                         "file stands in its way", dir);

  tighten_folders (dir);
  return TRUE;
}

/**
 * posture_state_file_read:
 * @path: a state file
 * @max_size: the most bytes it may have
 *
 * Reads a state file without following a symbolic link, only when it is a regular file,
 * and at most @max_size bytes (checked while reading, so a growing file is caught too).
 * A file readable by others is made private, and so are Posture's folders above it.
 *
 * Returns: (transfer full): the contents, or %NULL with POSTURE_STORE_ERROR_NOT_FOUND
 *   (nothing there), POSTURE_STORE_ERROR_IO (a link, a FIFO, a device, a folder, or
 *   unreadable: the message says what to do) or POSTURE_STORE_ERROR_CORRUPT (larger than
 *   @max_size)
 */
GBytes *
posture_state_file_read (const char  *path,
                         gsize        max_size,
                         GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize length = 0;
  gsize allocated;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size > 0 && max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == ENOENT || errsv == ENOTDIR)
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND,
                     "%s does not exist yet", path);
      else if (errsv == ELOOP)
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                     "%s is a symbolic link; Posture does not follow links in its own "
                     "folders. Remove the link so that Posture can keep a file there", path);
      else
        set_io_error (error, errsv, "Cannot read %s", path);
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "%s is not a regular file (a folder, a FIFO or a device); Posture does "
                   "not read it. Remove it so that Posture can keep a file there", path);
      return NULL;
    }

  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "it is %" G_GUINT64_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                   " bytes a state file may have", (guint64) st.st_size, max_size);
      return NULL;
    }

  if ((st.st_mode & 077) != 0 && st.st_uid == geteuid ())
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (fchmod (fd, 0600) != 0)
        g_debug ("Cannot make %s private: %s", path, g_strerror (errno));
      tighten_folders (dir);
    }

  /* The size is a hint: read until the end, never past the bound. */
  allocated = MIN ((gsize) st.st_size, max_size) + 1;
  data = g_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          if (allocated > max_size)
            {
              close (fd);
              g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                           "it grew past the %" G_GSIZE_FORMAT " bytes a state file may "
                           "have while it was read", max_size);
              return NULL;
            }
          allocated = MIN (allocated * 2, max_size + 1);
          data = g_realloc (data, allocated);
        }

      n = read (fd, data + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          set_io_error (error, errsv, "Cannot read %s", path);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }

  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * posture_state_file_write:
 *
 * Replaces @path atomically: the data goes to a new temporary file (0600) beside it,
 * which is flushed to disk and renamed over @path. The folder is created (0700). On
 * failure what was stored before is kept.
 *
 * Returns: %TRUE, or %FALSE with POSTURE_STORE_ERROR_IO
 */
gboolean
posture_state_file_write (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (!posture_state_dir_ensure (dir, error))
    return FALSE;

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, errno,
                         "Cannot save %s; check the folder's permissions. What was stored "
                         "before is kept", path);

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);
      g_unlink (tmp);
      return set_io_error (error, errsv,
                           "Cannot save %s. Free some disk space or check the folder's "
                           "permissions; what was stored before is kept", path);
    }

  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      int errsv = errno;

      g_unlink (tmp);
      return set_io_error (error, errsv,
                           "Cannot save %s (remove what stands in its place, or check the "
                           "folder's permissions); what was stored before is kept", path);
    }

  /* The rename itself reaches the disk with the folder. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

/**
 * posture_state_file_aside_path:
 * @what: "corrupt" for a file that could not be used, "damaged" for parts of one
 * @now: (nullable): the time in the name (the real time when %NULL)
 *
 * Returns: (transfer full): @path.WHAT-TIMESTAMP, or with a number after it when that
 *   name is taken
 */
char *
posture_state_file_aside_path (const char *path,
                               const char *what,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) real_now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;
  char *target;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (now == NULL)
    now = real_now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (now);
  stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  target = g_strdup_printf ("%s.%s-%s", path, what, stamp);

  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.%s-%s-%u", path, what, stamp, i);
    }
  return target;
}

/**
 * posture_state_file_move_aside:
 *
 * Renames @path to posture_state_file_aside_path(). A link or a FIFO is renamed
 * itself, never followed.
 *
 * Returns: (transfer full): the new name, or %NULL with POSTURE_STORE_ERROR_IO
 */
char *
posture_state_file_move_aside (const char  *path,
                               const char  *what,
                               GDateTime   *now,
                               GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  target = posture_state_file_aside_path (path, what, now);
  if (g_rename (path, target) != 0)
    {
      set_io_error (error, errno, "Cannot move the damaged file %s aside", path);
      return NULL;
    }

  return g_steal_pointer (&target);
}

/**
 * posture_state_lock_acquire:
 * @path: the state file to lock
 * @timeout_ms: how long to wait for another process
 *
 * Takes the exclusive flock of @path.lock, creating it (0600) without following a link:
 * a link there is refused and its target never created.
 *
 * Returns: (transfer full): the lock, or %NULL with POSTURE_STORE_ERROR_IO
 */
PostureStateLock *
posture_state_lock_acquire (const char  *path,
                            guint        timeout_ms,
                            GError     **error)
{
  g_autofree char *lock_path = NULL;
  g_autofree char *dir = NULL;
  PostureStateLock *lock;
  struct stat st;
  gint64 deadline;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!posture_state_dir_ensure (dir, error))
    return NULL;

  lock_path = g_strconcat (path, ".lock", NULL);
  fd = open (lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
  if (fd < 0 && errno == ELOOP)
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "%s is a symbolic link; Posture does not follow links for its lock "
                   "files. Remove the link and try again", lock_path);
      return NULL;
    }
  if (fd < 0)
    {
      set_io_error (error, errno, "Cannot open the lock file %s", lock_path);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "%s is not a regular file; remove it and try again", lock_path);
      return NULL;
    }

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      if ((errsv != EWOULDBLOCK && errsv != EINTR) || g_get_monotonic_time () >= deadline)
        {
          close (fd);
          g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                       "%s is locked by another Posture process (%s); try again",
                       path, g_strerror (errsv));
          return NULL;
        }
      g_usleep (5000);
    }

  lock = g_new0 (PostureStateLock, 1);
  lock->fd = fd;
  lock->path = g_steal_pointer (&lock_path);
  return lock;
}

void
posture_state_lock_release (PostureStateLock *lock)
{
  if (lock == NULL)
    return;

  flock (lock->fd, LOCK_UN);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
