/* posture-json-writer.h: JSON text written as it is produced, without a tree
 *
 * json-glib builds a whole JsonNode tree before it can write a byte; for a tenant of
 * 10,000 environments (about 190,000 resource results) that tree costs more than the
 * assessment itself. This writer appends RFC 8259 text to a GString that its caller
 * drains to a stream whenever it likes (the reports flush every 64 KiB), so the memory
 * used is one buffer, whatever the size of the document.
 *
 * Strings are written as valid UTF-8 (invalid sequences become U+FFFD) with the escapes
 * RFC 8259 requires; the characters posture_text_is_unsafe_char() names (DEL, C1 and
 * bidirectional controls, line separators) are written as \uXXXX escapes as well, so the
 * text is safe to show in a terminal and parses to the same value. Numbers: integers as
 * they are, doubles in the shortest form that reads back (56.67), non-finite as null.
 * The layout, when pretty: two-space indent, "name": value.
 *
 * The writer checks its own use (a member name only inside an object, a value after a
 * name, balanced ends) with g_return_if_fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PostureJsonWriter PostureJsonWriter;

/* @out: (transfer none): the buffer the text is appended to; it must outlive the writer.
 * The caller may remove what was written (after sending it on) at any time. */
PostureJsonWriter *posture_json_writer_new            (GString           *out,
                                                       gboolean           pretty);
void               posture_json_writer_free           (PostureJsonWriter *self);

void               posture_json_writer_begin_object   (PostureJsonWriter *self);
void               posture_json_writer_end_object     (PostureJsonWriter *self);
void               posture_json_writer_begin_array    (PostureJsonWriter *self);
void               posture_json_writer_end_array      (PostureJsonWriter *self);
/* The next value's member name (inside an object only). */
void               posture_json_writer_member         (PostureJsonWriter *self,
                                                       const char        *name);
/* NULL writes null. */
void               posture_json_writer_string         (PostureJsonWriter *self,
                                                       const char        *value);
void               posture_json_writer_int            (PostureJsonWriter *self,
                                                       gint64             value);
void               posture_json_writer_double         (PostureJsonWriter *self,
                                                       double             value);
void               posture_json_writer_boolean        (PostureJsonWriter *self,
                                                       gboolean           value);
void               posture_json_writer_null           (PostureJsonWriter *self);

/* A whole value from a json-glib tree (members in their insertion order). */
void               posture_json_writer_node           (PostureJsonWriter *self,
                                                       JsonNode          *node);

/* Shorthands for a member and its value. */
void               posture_json_writer_member_string  (PostureJsonWriter *self,
                                                       const char        *name,
                                                       const char        *value);
void               posture_json_writer_member_int     (PostureJsonWriter *self,
                                                       const char        *name,
                                                       gint64             value);

/* TRUE once the outermost value is complete (a newline has been added after it). */
gboolean           posture_json_writer_is_complete    (PostureJsonWriter *self);

/* Appends @text as a JSON string (quotes included) to @out. */
void               posture_json_append_string         (GString           *out,
                                                       const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureJsonWriter, posture_json_writer_free)

G_END_DECLS
