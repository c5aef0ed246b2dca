/* posture-json-writer.c: JSON text written as it is produced, without a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-json-writer"

#include "config.h"

#include "posture-json-writer.h"
#include "posture-text.h"

#include <math.h>
#include <string.h>

typedef struct
{
  gboolean object;
  guint    count;
} Frame;

struct _PostureJsonWriter
{
  GString  *out;            /* not owned */
  GArray   *stack;          /* of Frame: the open objects and arrays */
  gboolean  pretty;
  gboolean  member_pending; /* a member name was written; its value comes next */
  gboolean  complete;
};

PostureJsonWriter *
posture_json_writer_new (GString  *out,
                         gboolean  pretty)
{
  PostureJsonWriter *self;

  g_return_val_if_fail (out != NULL, NULL);

  self = g_new0 (PostureJsonWriter, 1);
  self->out = out;
  self->pretty = pretty;
  self->stack = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  return self;
}

void
posture_json_writer_free (PostureJsonWriter *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->stack);
  g_free (self);
}

/* g_string_append_len () without its general case (an insertion) while the text fits:
 * a large snapshot is a million short appends. */
static inline void
append_len (GString    *out,
            const char *text,
            gsize       length)
{
  if (out->len + length < out->allocated_len)
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, length);
}

static void
append_indent (PostureJsonWriter *self,
               guint              depth)
{
  if (!self->pretty)
    return;

  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (self->out, "  ");
}

static Frame *
top (PostureJsonWriter *self)
{
  if (self->stack->len == 0)
    return NULL;
  return &g_array_index (self->stack, Frame, self->stack->len - 1);
}

/* Separators and indentation before a value; FALSE when a value is not allowed here. */
static gboolean
before_value (PostureJsonWriter *self)
{
  Frame *frame = top (self);

  if (frame == NULL)
    {
      g_return_val_if_fail (!self->complete, FALSE);
      return TRUE;
    }

  if (frame->object)
    {
      g_return_val_if_fail (self->member_pending, FALSE);
      self->member_pending = FALSE;
      return TRUE;
    }

  if (frame->count > 0)
    g_string_append_c (self->out, ',');
  append_indent (self, self->stack->len);
  frame->count++;
  return TRUE;
}

static void
after_value (PostureJsonWriter *self)
{
  if (self->stack->len == 0)
    {
      self->complete = TRUE;
      g_string_append_c (self->out, '\n');
    }
}

void
posture_json_append_string (GString    *out,
                            const char *text)
{
  g_autofree char *valid = NULL;
  gboolean checked = FALSE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0';)
    {
      guchar byte = (guchar) *p;
      const char *run = p;

      /* The common case: a run of printable ASCII copied at once. */
      while (byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\')
        byte = (guchar) *++p;
      if (p > run)
        append_len (out, run, p - run);
      if (byte == '\0')
        break;

      if (byte < 0x80)
        {
          switch (byte)
            {
            case '"':  g_string_append (out, "\\\""); break;
            case '\\': g_string_append (out, "\\\\"); break;
            case '\n': g_string_append (out, "\\n"); break;
            case '\r': g_string_append (out, "\\r"); break;
            case '\t': g_string_append (out, "\\t"); break;
            case '\b': g_string_append (out, "\\b"); break;
            case '\f': g_string_append (out, "\\f"); break;
            default:   g_string_append_printf (out, "\\u%04x", (guint) byte); break;
            }
          p++;
        }
      else
        {
          gunichar c;
          const char *next;

          /* ASCII is valid UTF-8: the text is checked (and mended) from its first other
           * byte on, once. */
          if (!checked)
            {
              checked = TRUE;
              if (!g_utf8_validate (p, -1, NULL))
                p = valid = g_utf8_make_valid (p, -1);
            }
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);

          if (posture_text_is_unsafe_char (c))
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            append_len (out, p, next - p);
          p = next;
        }
    }
  g_string_append_c (out, '"');
}

void
posture_json_writer_begin_object (PostureJsonWriter *self)
{
  Frame frame = { TRUE, 0 };

  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  g_string_append_c (self->out, '{');
  g_array_append_val (self->stack, frame);
}

void
posture_json_writer_begin_array (PostureJsonWriter *self)
{
  Frame frame = { FALSE, 0 };

  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  g_string_append_c (self->out, '[');
  g_array_append_val (self->stack, frame);
}

static void
end_container (PostureJsonWriter *self,
               gboolean           object)
{
  Frame *frame = top (self);
  guint count;

  g_return_if_fail (frame != NULL && frame->object == object);
  g_return_if_fail (!self->member_pending);

  count = frame->count;
  g_array_set_size (self->stack, self->stack->len - 1);
  if (count > 0)
    append_indent (self, self->stack->len);
  g_string_append_c (self->out, object ? '}' : ']');
  after_value (self);
}

void
posture_json_writer_end_object (PostureJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  end_container (self, TRUE);
}

void
posture_json_writer_end_array (PostureJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  end_container (self, FALSE);
}

void
posture_json_writer_member (PostureJsonWriter *self,
                            const char        *name)
{
  Frame *frame;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  frame = top (self);
  g_return_if_fail (frame != NULL && frame->object);
  g_return_if_fail (!self->member_pending);

  if (frame->count > 0)
    g_string_append_c (self->out, ',');
  append_indent (self, self->stack->len);
  frame->count++;
  posture_json_append_string (self->out, name);
  if (self->pretty)
    append_len (self->out, ": ", 2);
  else
    g_string_append_c (self->out, ':');
  self->member_pending = TRUE;
}

void
posture_json_writer_string (PostureJsonWriter *self,
                            const char        *value)
{
  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  if (value != NULL)
    posture_json_append_string (self->out, value);
  else
    g_string_append (self->out, "null");
  after_value (self);
}

void
posture_json_writer_int (PostureJsonWriter *self,
                         gint64             value)
{
  char digits[24];
  char *start = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  /* By hand: printf costs more than the rest of writing a number. */
  do
    *--start = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--start = '-';
  append_len (self->out, start, digits + sizeof digits - start);
  after_value (self);
}

void
posture_json_writer_double (PostureJsonWriter *self,
                            double             value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  int precision = 15;

  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;

  if (!isfinite (value))
    {
      g_string_append (self->out, "null");
      after_value (self);
      return;
    }

  /* The fewest significant digits that read back as the same double. */
  do
    g_ascii_formatd (buffer, sizeof buffer, precision == 15 ? "%.15g" : "%.17g", value);
  while (g_ascii_strtod (buffer, NULL) != value && (precision += 2) <= 17);

  g_string_append (self->out, buffer);
  after_value (self);
}

void
posture_json_writer_boolean (PostureJsonWriter *self,
                             gboolean           value)
{
  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  if (value)
    append_len (self->out, "true", 4);
  else
    append_len (self->out, "false", 5);
  after_value (self);
}

void
posture_json_writer_null (PostureJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  if (!before_value (self))
    return;
  append_len (self->out, "null", 4);
  after_value (self);
}

void
posture_json_writer_node (PostureJsonWriter *self,
                          JsonNode          *node)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        posture_json_writer_begin_object (self);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            posture_json_writer_member (self, name);
            posture_json_writer_node (self, member);
          }
        posture_json_writer_end_object (self);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        posture_json_writer_begin_array (self);
        for (guint i = 0; i < json_array_get_length (array); i++)
          posture_json_writer_node (self, json_array_get_element (array, i));
        posture_json_writer_end_array (self);
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          posture_json_writer_string (self, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          posture_json_writer_boolean (self, json_node_get_boolean (node));
        else if (type == G_TYPE_DOUBLE)
          posture_json_writer_double (self, json_node_get_double (node));
        else
          posture_json_writer_int (self, json_node_get_int (node));
      }
      break;

    case JSON_NODE_NULL:
    default:
      posture_json_writer_null (self);
      break;
    }
}

void
posture_json_writer_member_string (PostureJsonWriter *self,
                                   const char        *name,
                                   const char        *value)
{
  posture_json_writer_member (self, name);
  posture_json_writer_string (self, value);
}

void
posture_json_writer_member_int (PostureJsonWriter *self,
                                const char        *name,
                                gint64             value)
{
  posture_json_writer_member (self, name);
  posture_json_writer_int (self, value);
}

gboolean
posture_json_writer_is_complete (PostureJsonWriter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete;
}
