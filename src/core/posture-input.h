/* posture-input.h: reading a file Posture was handed, safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path whole, refusing what is not a regular file (a FIFO, a device such as
 * /dev/zero, a directory, a socket: each would hang or never end) and what is larger than
 * @max_size bytes, even if it grows while it is read. A symbolic link is followed; what it
 * points to is held to the same rules. @contents is NUL-terminated (not counted in
 * @length).
 *
 * Errors: G_FILE_ERROR_* from the system (G_FILE_ERROR_NOENT, G_FILE_ERROR_ACCES, …),
 * G_IO_ERROR_NOT_REGULAR_FILE, POSTURE_JSON_ERROR_TOO_LARGE when larger than @max_size
 * (the error domain of every "larger than the caller allows" in core). Messages
 * name the path with control characters made visible. */
gboolean posture_read_regular_file (const char  *path,
                                    gsize        max_size,
                                    char       **contents,
                                    gsize       *length,
                                    GError     **error);

G_END_DECLS
