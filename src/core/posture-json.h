/* posture-json.h: bounded parsing and tolerant accessors shared by core, tenant and demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib recurses once per nesting level and overflows the stack near 100,000
 * levels; everything from outside goes through posture_json_parse(), which rejects
 * deep input with a linear pre-scan before json-glib sees it. */
#define POSTURE_JSON_DEFAULT_MAX_DEPTH 256

gboolean     posture_json_check_depth         (const char  *data,
                                               gsize        length,
                                               guint        max_depth,
                                               GError     **error);
JsonNode    *posture_json_parse               (const char  *data,
                                               gsize        length,
                                               guint        max_depth,
                                               GError     **error);
JsonNode    *posture_json_parse_bytes         (GBytes      *bytes,
                                               guint        max_depth,
                                               GError     **error);
JsonNode    *posture_json_parse_file          (const char  *path,
                                               gsize        max_size,
                                               guint        max_depth,
                                               GError     **error);
char        *posture_json_to_string           (JsonNode    *node,
                                               gboolean     pretty);

/* Tolerant readers: a missing member, a null, or a value of another type gives the
 * fallback (or NULL), never a critical. Booleans and integers also accept the string
 * forms ("true", "False", "-1") that real admin APIs send in extended settings. */
JsonObject  *posture_json_get_object          (JsonObject  *object,
                                               const char  *member);
JsonArray   *posture_json_get_array           (JsonObject  *object,
                                               const char  *member);
const char  *posture_json_get_string          (JsonObject  *object,
                                               const char  *member);
gboolean     posture_json_get_boolean         (JsonObject  *object,
                                               const char  *member,
                                               gboolean    *out_value);
gboolean     posture_json_get_int             (JsonObject  *object,
                                               const char  *member,
                                               gint64      *out_value);
JsonNode    *posture_json_get_path            (JsonObject  *object,
                                               const char  *dotted_path);
JsonObject  *posture_json_get_path_object     (JsonObject  *object,
                                               const char  *dotted_path);
const char  *posture_json_get_path_string     (JsonObject  *object,
                                               const char  *dotted_path);
gboolean     posture_json_get_path_boolean    (JsonObject  *object,
                                               const char  *dotted_path,
                                               gboolean    *out_value);
JsonObject  *posture_json_get_member_ci       (JsonObject  *object,
                                               const char  *member,
                                               JsonNode   **out_node);

const char  *posture_json_node_type_name      (JsonNode    *node);

/* Sets @member to @value, or to null when @value is NULL. */
void         posture_json_set_string_or_null  (JsonObject  *object,
                                               const char  *member,
                                               const char  *value);

G_END_DECLS
