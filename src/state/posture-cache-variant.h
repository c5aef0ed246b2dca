/* posture-cache-variant.h: the cached snapshot in a form that loads without parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-snapshot.h"

G_BEGIN_DECLS

/* The layout of the file; raised whenever the header changes, so that files of another
 * layout are rebuilt from the JSON snapshot (a payload of another layout has another
 * type string, whose hash the header keeps). */
#define POSTURE_CACHE_VARIANT_FORMAT_VERSION 2

/* Writes @snapshot beside @json_path, keyed to that file as it is now (its size,
 * modification time and inode), atomically. */
gboolean         posture_cache_variant_write (const char       *path,
                                                 const char       *json_path,
                                                 PostureSnapshot  *snapshot,
                                                 GError          **error);
/* Maps @path and returns its snapshot when the file is whole, of this layout, and
 * was made from @json_path as it is now: core's typed view, without the raw document
 * (posture_snapshot_has_json() is FALSE). Otherwise NULL with G_IO_ERROR_NOT_FOUND
 * (missing), G_IO_ERROR_INVALID_DATA (damaged, another layout or another machine's
 * byte order) or G_IO_ERROR_FAILED (stale: the JSON file changed since): the caller
 * reads the JSON file and writes a new one. */
PostureSnapshot *posture_cache_variant_read  (const char       *path,
                                                 const char       *json_path,
                                                 GError          **error);

G_END_DECLS
