/* posture-cache-variant.c: the cached snapshot in a form that loads without parsing
 *
 * Beside each cached snapshot (NAME.json, the evidence and the export) the cache keeps
 * NAME.variant, which the app maps on a cold start instead of parsing 20 MB of JSON:
 *
 *   a 72-byte header: "PSTRSNAP", a byte-order mark, the layout version, the JSON
 *   file's size, modification time and inode when the variant was made, the payload's
 *   size, a 64-bit hash of it and one of its type string; then the payload: core's
 *   serialised snapshot (posture_snapshot_to_variant(), POSTURE_SNAPSHOT_VARIANT_TYPE).
 *
 * The file is read without following a link and only when it is a regular file; the
 * header is checked before anything else is trusted, the payload is hashed, and the
 * GVariant is opened as untrusted data. A variant whose JSON file changed since (another
 * process saved a newer reading, or a crash came between the two writes) is stale.
 * Anything wrong only costs a parse of the JSON file, after which a new variant is made.
 *
 * The payload is the snapshot's document as a GVariant (json-glib's mapping of JSON to
 * a{sv}, av, s, x, d, b, mv), which spares the text parse but not the normalisation. It
 * is a stand-in until core gives the snapshot a GVariant form of its own
 * (posture_snapshot_to_variant()); only payload_new() and payload_load() change then,
 * with POSTURE_CACHE_VARIANT_FORMAT_VERSION.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot-variant"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posture-cache-variant.h"
#include "posture-state-file.h"

#define MAGIC       "PSTRSNAP"
#define BYTE_ORDER_MARK 0x01020304u

typedef struct
{
  char     magic[8];
  guint32  byte_order;
  guint32  format_version;
  guint64  json_size;
  gint64   json_mtime_sec;
  gint64   json_mtime_nsec;
  guint64  json_inode;
  guint64  payload_size;
  guint64  payload_hash;
  guint64  type_hash;
} Header;

G_STATIC_ASSERT (sizeof (Header) == 72);

/* Not cryptographic: it catches a damaged file, 8 bytes a step. Whoever can write the
 * cache can also write the JSON file; the payload is opened as untrusted data anyway. */
static guint64
hash_payload (const guint8 *data,
              gsize         length)
{
  guint64 hash = 0x9e3779b97f4a7c15ull ^ length;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      hash = (hash ^ word) * 0x100000001b3ull;
      hash ^= hash >> 29;
    }
  for (; i < length; i++)
    hash = (hash ^ data[i]) * 0x100000001b3ull;

  return hash;
}

static guint64
type_hash (void)
{
  const char *type = POSTURE_SNAPSHOT_VARIANT_TYPE;

  return hash_payload ((const guint8 *) type, strlen (type));
}

/* Untrusted: core checks every offset and index against its tables. */
static PostureSnapshot *
payload_load (GBytes      *bytes,
              GError     **error)
{
  const GVariantType *type = G_VARIANT_TYPE (POSTURE_SNAPSHOT_VARIANT_TYPE);
  g_autoptr(GVariant) payload = g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, FALSE));

  return posture_snapshot_new_from_variant (payload, error);
}

static gboolean
stat_json (const char   *json_path,
           struct stat  *st,
           GError      **error)
{
  if (lstat (json_path, st) != 0 || !S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s is not a regular file", json_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
posture_cache_variant_write (const char       *path,
                                const char       *json_path,
                                PostureSnapshot  *snapshot,
                                GError          **error)
{
  g_autoptr(GVariant) payload = NULL;
  g_autofree guint8 *data = NULL;
  Header header = { { 0 } };
  struct stat st;
  gsize size;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (json_path != NULL, FALSE);
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stat_json (json_path, &st, error))
    return FALSE;
  payload = g_variant_ref_sink (posture_snapshot_to_variant (snapshot));

  size = g_variant_get_size (payload);
  data = g_malloc (sizeof header + size);
  g_variant_store (payload, data + sizeof header);

  memcpy (header.magic, MAGIC, sizeof header.magic);
  header.byte_order = BYTE_ORDER_MARK;
  header.format_version = POSTURE_CACHE_VARIANT_FORMAT_VERSION;
  header.json_size = (guint64) st.st_size;
  header.json_mtime_sec = st.st_mtim.tv_sec;
  header.json_mtime_nsec = st.st_mtim.tv_nsec;
  header.json_inode = (guint64) st.st_ino;
  header.payload_size = size;
  header.payload_hash = hash_payload (data + sizeof header, size);
  header.type_hash = type_hash ();
  memcpy (data, &header, sizeof header);

  return posture_state_file_write (path, (const char *) data, sizeof header + size, error);
}

static GMappedFile *
map_regular_file (const char  *path,
                  GError     **error)
{
  GMappedFile *mapped;
  struct stat st;
  int fd;

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR,
                   errsv == ENOENT ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_INVALID_DATA,
                   "Cannot open %s: %s", path, g_strerror (errsv));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size < (off_t) sizeof (Header))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a regular file with a header", path);
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, error);
  close (fd);
  return mapped;
}

PostureSnapshot *
posture_cache_variant_read (const char  *path,
                               const char  *json_path,
                               GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) payload_bytes = NULL;
  const guint8 *data;
  Header header;
  struct stat st;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (json_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(mapped = map_regular_file (path, error)))
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  data = g_bytes_get_data (bytes, &size);
  memcpy (&header, data, sizeof header);

  if (memcmp (header.magic, MAGIC, sizeof header.magic) != 0 ||
      header.byte_order != BYTE_ORDER_MARK ||
      header.format_version != POSTURE_CACHE_VARIANT_FORMAT_VERSION ||
      header.type_hash != type_hash () ||
      header.payload_size != size - sizeof header)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is damaged, of another layout or from another machine", path);
      return NULL;
    }

  if (!stat_json (json_path, &st, error))
    return NULL;
  if (header.json_size != (guint64) st.st_size || header.json_mtime_sec != st.st_mtim.tv_sec ||
      header.json_mtime_nsec != st.st_mtim.tv_nsec || header.json_inode != (guint64) st.st_ino)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s is stale: %s changed since it was made", path, json_path);
      return NULL;
    }

  if (hash_payload (data + sizeof header, header.payload_size) != header.payload_hash)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is damaged", path);
      return NULL;
    }

  /* The mapping's bytes stay alive as long as the variant. */
  payload_bytes = g_bytes_new_from_bytes (bytes, sizeof header, header.payload_size);
  return payload_load (payload_bytes, error);
}
