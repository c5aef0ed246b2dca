/* posture-state-file.h: the files Posture keeps under the XDG directories
 *
 * The low level of the state library: where a file lives, how it is read (never through
 * a symbolic link, only a regular file, never more than a bound), how it is written
 * (atomically, private to the user), how a damaged one is moved aside, and the lock that
 * serialises the processes writing it. PostureStateStore builds the one store pattern
 * on these; nothing else in Posture opens a state file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POSTURE_STATE_DATA,   /* $XDG_DATA_HOME/posture: history, decisions, training, pending fixes */
  POSTURE_STATE_CACHE,  /* $XDG_CACHE_HOME/posture: last snapshots */
} PostureStateKind;

/* Largest state file read: keeps a damaged or hostile file from exhausting memory. */
#define POSTURE_STATE_FILE_MAX_SIZE (512 * 1024 * 1024)

typedef struct _PostureStateLock PostureStateLock;

char             *posture_state_path            (PostureStateKind   kind,
                                                 const char        *first_element,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* The file of a tenant: <kind>/posture/<folder>/<safe name of tenant_key><extension>. */
char             *posture_state_path_for_tenant (PostureStateKind   kind,
                                                 const char        *folder,
                                                 const char        *tenant_key,
                                                 const char        *extension);
char             *posture_state_file_name_for   (const char        *identifier);
/* Creates @dir (0700) and tightens Posture's folders on the way to it to 0700. */
gboolean          posture_state_dir_ensure      (const char        *dir,
                                                 GError           **error);
GBytes           *posture_state_file_read       (const char        *path,
                                                 gsize              max_size,
                                                 GError           **error);
gboolean          posture_state_file_write      (const char        *path,
                                                 const char        *data,
                                                 gsize              length,
                                                 GError           **error);
char             *posture_state_file_aside_path (const char        *path,
                                                 const char        *what,
                                                 GDateTime         *now);
char             *posture_state_file_move_aside (const char        *path,
                                                 const char        *what,
                                                 GDateTime         *now,
                                                 GError           **error);
PostureStateLock *posture_state_lock_acquire    (const char        *path,
                                                 guint              timeout_ms,
                                                 GError           **error);
void              posture_state_lock_release    (PostureStateLock  *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureStateLock, posture_state_lock_release)

G_END_DECLS
