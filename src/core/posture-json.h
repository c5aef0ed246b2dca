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

JsonNode    *posture_json_parse               (const char  *data,
                                               gsize        length,
                                               guint        max_depth,
                                               GError     **error);
JsonNode    *posture_json_parse_bytes         (GBytes      *bytes,
                                               guint        max_depth,
                                               GError     **error);
/* Reads @path with posture_read_regular_file() (regular files only, at most @max_size
 * bytes; 0 means G_MAXSSIZE) and parses it; errors are prefixed with the path. */
JsonNode    *posture_json_parse_file          (const char  *path,
                                               gsize        max_size,
                                               guint        max_depth,
                                               GError     **error);
/* Whether no string (member names included) of the JSON text @data is longer than
 * @max_string bytes once its escapes are decoded: the bound a parsed tree is held to by
 * posture_json_node_check_bounds(), checked before json-glib copies a huge string.
 * Linear and memchr-fast. Error: POSTURE_JSON_ERROR_TOO_LARGE naming the byte offset. */
gboolean     posture_json_check_strings       (const char  *data,
                                               gsize        length,
                                               gsize        max_string,
                                               GError     **error);
/* The same bounds on a tree built in memory (a live read): nesting at most @max_depth
 * (the root object or array is level 1, as in posture_json_parse()) and no string or
 * member name longer than @max_string bytes. Iterative: a tree of any depth is safe.
 * Errors: POSTURE_JSON_ERROR_TOO_DEEP, POSTURE_JSON_ERROR_TOO_LARGE. */
gboolean     posture_json_node_check_bounds   (JsonNode    *node,
                                               guint        max_depth,
                                               gsize        max_string,
                                               GError     **error);
char        *posture_json_to_string           (JsonNode    *node,
                                               gboolean     pretty);

/* Tolerant readers: a missing member, a null, or a value of another type gives the
 * fallback (or NULL), never a critical. Booleans and integers also accept the string
 * forms ("true", "False", "-1") that real admin APIs send in extended settings.
 *
 * The one rule for booleans: true and false, or a string that is "true" or "false" in
 * any case. The one rule for integers: an integer, a number with no fraction, or a
 * string of decimal digits with an optional sign. @node may be NULL. */
gboolean     posture_json_string_to_boolean   (const char  *text,
                                               gboolean    *out_value);
gboolean     posture_json_string_to_int       (const char  *text,
                                               gint64      *out_value);
gboolean     posture_json_node_get_boolean    (JsonNode    *node,
                                               gboolean    *out_value);
gboolean     posture_json_node_get_int        (JsonNode    *node,
                                               gint64      *out_value);
/* The member @member: exactly, else matched case-insensitively (real payloads vary:
 * "vNets" and "vnets", "@odata.nextLink" and "@odata.nextlink"). NULL when absent. */
JsonNode    *posture_json_lookup              (JsonObject  *object,
                                               const char  *member);
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

/* Checked readers, for documents whose shape is known (snapshots, the catalog): the
 * member (posture_json_lookup(): exact, else in any case) is absent (missing or null),
 * of the expected type (@out set), or of another type (WRONG: the caller refuses the
 * document, naming the path; @found is the node, for the message). */
typedef enum
{
  POSTURE_JSON_MEMBER_ABSENT,
  POSTURE_JSON_MEMBER_OK,
  POSTURE_JSON_MEMBER_WRONG,
} PostureJsonMember;

PostureJsonMember posture_json_member_object  (JsonObject  *object,
                                               const char  *member,
                                               JsonObject **out,
                                               JsonNode   **found);
PostureJsonMember posture_json_member_array   (JsonObject  *object,
                                               const char  *member,
                                               JsonArray  **out,
                                               JsonNode   **found);
PostureJsonMember posture_json_member_string  (JsonObject  *object,
                                               const char  *member,
                                               const char **out,
                                               JsonNode   **found);
/* By the one rule of posture_json_node_get_boolean(). */
PostureJsonMember posture_json_member_boolean (JsonObject  *object,
                                               const char  *member,
                                               gboolean    *out,
                                               JsonNode   **found);

/* Builders: @member set to @value, or to null when @value is NULL. */
void         posture_json_builder_add_string_or_null (JsonBuilder *builder,
                                                      const char  *member,
                                                      const char  *value);

G_END_DECLS
