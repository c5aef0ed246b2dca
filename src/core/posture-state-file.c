/* posture-state-file.c
 *
 * Every file Posture keeps is a JSON object that carries its format version under a
 * key of its own ("posture_history": 1, …). Writes are atomic (temporary file, then
 * rename), so a crash leaves the previous file whole. A file that fails to parse, or
 * that a newer Posture wrote, is moved aside as NAME.corrupt-TIMESTAMP, reported once
 * by the caller, and replaced; nothing else is lost. Writers that read-modify-write
 * (the app and posture-cli at the same time) serialise through an flock on NAME.lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-state"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
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

/**
 * posture_state_file_move_aside:
 *
 * Renames @path to @path.corrupt-TIMESTAMP (for a file that could not be used).
 *
 * Returns: (transfer full): the new name, or %NULL with POSTURE_STORE_ERROR_IO
 */
char *
posture_state_file_move_aside (const char  *path,
                               GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS) && i < 100; i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }

  if (g_rename (path, target) != 0)
    {
      int errsv = errno;

      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot move the damaged file %s aside: %s", path, g_strerror (errsv));
      return NULL;
    }

  return g_steal_pointer (&target);
}

JsonNode *
posture_state_file_load (const char  *path,
                         const char  *format_key,
                         gint64       max_version,
                         gint64      *out_version,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *moved = NULL;
  gint64 version = 0;
  gboolean newer = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (format_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND,
                   "%s does not exist yet", path);
      return NULL;
    }

  root = posture_json_parse_file (path, POSTURE_STATE_FILE_MAX_SIZE,
                                  POSTURE_JSON_DEFAULT_MAX_DEPTH, &local_error);

  if (root == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot read %s: %s", path, local_error->message);
      return NULL;
    }

  if (root != NULL)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

      if (object == NULL || !posture_json_get_int (object, format_key, &version) || version < 1)
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                       "it has no \"%s\" format version", format_key);
        }
      else if (version > max_version)
        newer = TRUE;
      else
        {
          if (out_version != NULL)
            *out_version = version;
          return g_steal_pointer (&root);
        }
    }

  if (!(moved = posture_state_file_move_aside (path, error)))
    return NULL;

  if (newer)
    g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NEWER_VERSION,
                 "%s was written by a newer version of Posture (format %" G_GINT64_FORMAT
                 ", this version reads up to %" G_GINT64_FORMAT "); it was moved to %s "
                 "and a new file started", path, version, max_version, moved);
  else
    g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                 "%s was damaged (%s); it was moved to %s and a new file started",
                 path, local_error ? local_error->message : "unreadable", moved);

  return NULL;
}

/**
 * posture_state_file_save_data:
 *
 * Writes @data to @path atomically (temporary file, then rename), creating the folder
 * (0700) and the file (0600). On failure what was stored before is kept.
 */
gboolean
posture_state_file_save_data (const char  *path,
                              const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot create the folder %s: %s; check its permissions",
                   dir, g_strerror (errsv));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot save %s: %s. Free some disk space or check the folder's "
                   "permissions; what was stored before is kept", path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
posture_state_file_save (const char  *path,
                         JsonNode    *root,
                         GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = posture_json_to_string (root, TRUE);
  return posture_state_file_save_data (path, text, -1, error);
}

PostureStateLock *
posture_state_lock_acquire (const char  *path,
                            guint        timeout_ms,
                            GError     **error)
{
  g_autofree char *lock_path = NULL;
  g_autofree char *dir = NULL;
  gint64 deadline;
  PostureStateLock *lock;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot create the folder %s: %s", dir, g_strerror (errsv));
      return NULL;
    }

  lock_path = g_strconcat (path, ".lock", NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot open %s: %s", lock_path, g_strerror (errsv));
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

gboolean
posture_state_file_update (const char              *path,
                           const char              *format_key,
                           gint64                   version,
                           PostureStateUpdateFunc   func,
                           gpointer                 user_data,
                           GError                 **recovered,
                           GError                 **error)
{
  g_autoptr(PostureStateLock) lock = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format_key != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(lock = posture_state_lock_acquire (path, 10000, error)))
    return FALSE;

  root = posture_state_file_load (path, format_key, version, NULL, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND) &&
          recovered != NULL)
        g_propagate_error (recovered, g_steal_pointer (&local_error));

      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }

  object = json_node_get_object (root);
  json_object_set_int_member (object, format_key, version);

  if (!func (object, user_data, error))
    return FALSE;

  /* Compact: a history of a large tenant is rewritten on every append. */
  {
    g_autofree char *text = posture_json_to_string (root, FALSE);

    return posture_state_file_save_data (path, text, -1, error);
  }
}
