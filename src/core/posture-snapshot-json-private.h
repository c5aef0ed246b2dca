/* posture-snapshot-json-private.h: what the snapshot document's two readers share
 *
 * posture-snapshot-json.c reads the document, its header and the Power Platform sources;
 * posture-snapshot-json-graph.c reads the Microsoft Graph sources. Both refuse a value of
 * the wrong type with the origin and the JSON path through these helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-json.h"
#include "posture-snapshot-private.h"

G_BEGIN_DECLS

/* Longest text of a name or a service message kept for messages and warnings. */
#define POSTURE_SNAPSHOT_SHOWN_NAME    80
#define POSTURE_SNAPSHOT_SHOWN_MESSAGE 300

typedef struct
{
  PostureSnapshot  *self;
  const char       *origin;
  GError          **error;
} PostureSnapshotLoader;

/* Sets the error (a damaged snapshot at the path) and returns FALSE. */
gboolean _posture_snapshot_loader_invalid          (PostureSnapshotLoader *ctx,
                                                    JsonNode              *found,
                                                    const char            *path_format,
                                                    ...) G_GNUC_PRINTF (3, 4);
/* Arrays of strings: NULL, absent or "" is empty (NULL in @out when @nullable). */
gboolean _posture_snapshot_loader_read_strv        (PostureSnapshotLoader *ctx,
                                                    JsonObject            *object,
                                                    const char            *member,
                                                    gboolean               nullable,
                                                    GStrv                 *out,
                                                    const char            *path);
/* `{ "error": { "status": 403, "code": "…", "message": "…" } }`: TRUE with @is_error set
 * when @object is an error entry. */
gboolean _posture_snapshot_loader_read_error_entry (PostureSnapshotLoader *ctx,
                                                    JsonObject            *object,
                                                    PostureSourceError    *out,
                                                    gboolean              *is_error,
                                                    const char            *path);
/* A list answer: `{ "value": [ … ] }` (pages merged), or the bare array. */
gboolean _posture_snapshot_loader_read_list        (PostureSnapshotLoader *ctx,
                                                    JsonNode              *node,
                                                    JsonArray            **out,
                                                    const char            *path);

/* posture-snapshot-json-graph.c: `sources.graph` (Conditional Access, security defaults,
 * Global Administrators). */
gboolean _posture_snapshot_load_graph              (PostureSnapshotLoader *ctx,
                                                    JsonNode              *node);

/* The short names both readers use. */
typedef PostureSnapshotLoader Context;
#define invalid          _posture_snapshot_loader_invalid
#define read_strv        _posture_snapshot_loader_read_strv
#define read_error_entry _posture_snapshot_loader_read_error_entry
#define read_list        _posture_snapshot_loader_read_list
#define SHOWN_NAME       POSTURE_SNAPSHOT_SHOWN_NAME
#define SHOWN_MESSAGE    POSTURE_SNAPSHOT_SHOWN_MESSAGE
/* The checked readers of posture-json (posture_json_member_*()). */
#define get_object       posture_json_member_object
#define get_array        posture_json_member_array
#define get_string       posture_json_member_string
#define get_boolean      posture_json_member_boolean
#define MEMBER_ABSENT    POSTURE_JSON_MEMBER_ABSENT
#define MEMBER_OK        POSTURE_JSON_MEMBER_OK
#define MEMBER_WRONG     POSTURE_JSON_MEMBER_WRONG

G_END_DECLS
