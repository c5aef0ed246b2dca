/* posture-state-file.h: versioned JSON files under the XDG directories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  POSTURE_STATE_DATA,   /* $XDG_DATA_HOME/posture: history, decisions, training progress */
  POSTURE_STATE_CACHE,  /* $XDG_CACHE_HOME/posture: last snapshots */
} PostureStateKind;

/* Largest state file we read: keeps a damaged or hostile file from exhausting memory. */
#define POSTURE_STATE_FILE_MAX_SIZE (512 * 1024 * 1024)

typedef struct _PostureStateLock PostureStateLock;

/* Called with the lock held; modify @root in place. Return FALSE and set @error to abort
 * (the file is then left as it was). */
typedef gboolean (*PostureStateUpdateFunc) (JsonObject  *root,
                                            gpointer     user_data,
                                            GError     **error);

char             *posture_state_path           (PostureStateKind         kind,
                                                const char              *first_element,
                                                ...) G_GNUC_NULL_TERMINATED;
char             *posture_state_file_name_for  (const char              *identifier);
JsonNode         *posture_state_file_load      (const char              *path,
                                                const char              *format_key,
                                                gint64                   max_version,
                                                gint64                  *out_version,
                                                GError                 **error);
gboolean          posture_state_file_save      (const char              *path,
                                                JsonNode                *root,
                                                GError                 **error);
gboolean          posture_state_file_save_data (const char              *path,
                                                const char              *data,
                                                gssize                   length,
                                                GError                 **error);
char             *posture_state_file_move_aside (const char             *path,
                                                GError                 **error);
gboolean          posture_state_file_update    (const char              *path,
                                                const char              *format_key,
                                                gint64                   version,
                                                PostureStateUpdateFunc   func,
                                                gpointer                 user_data,
                                                GError                 **recovered,
                                                GError                 **error);
PostureStateLock *posture_state_lock_acquire   (const char              *path,
                                                guint                    timeout_ms,
                                                GError                 **error);
void              posture_state_lock_release   (PostureStateLock        *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureStateLock, posture_state_lock_release)

G_END_DECLS
