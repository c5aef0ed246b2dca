/* posture-markdown-view.c
 *
 * Renders the Markdown subset of training modules (data/training/README.md) as GTK
 * widgets: headings, paragraphs, bullet and numbered lists, fenced code, and inline
 * strong, emphasis, code and links. Module text comes from files an organization
 * can add, so it is never trusted as markup: every run of source text goes through
 * g_markup_escape_text(), the only markup in a label is what this file writes, and
 * only https://, http:// and mailto: links become clickable (opened with
 * gtk_show_uri). Code blocks are plain labels with markup off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-markdown-view"

#include "config.h"

#include <string.h>

#include "posture-markdown-view.h"

#define MAX_INLINE_DEPTH 8

struct _PostureMarkdownView
{
  AdwBin     parent_instance;

  /* Owned */
  char      *markdown;
  GPtrArray *labels;     /* GtkLabel, borrowed from the box, in reading order */

  /* Children */
  GtkBox    *box;
};

enum {
  PROP_0,
  PROP_MARKDOWN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureMarkdownView, posture_markdown_view, ADW_TYPE_BIN)

gboolean
posture_markdown_uri_is_safe (const char *uri)
{
  if (uri == NULL)
    return FALSE;
  if (!g_str_has_prefix (uri, "https://") && !g_str_has_prefix (uri, "http://") &&
      !g_str_has_prefix (uri, "mailto:"))
    return FALSE;
  for (const char *p = uri; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
      return FALSE;
  return strlen (uri) > strlen ("http://");
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = NULL;

  if (len == 0)
    return;
  escaped = g_markup_escape_text (text, len);
  g_string_append (out, escaped);
}

static gssize
find (const char *text,
      gsize       len,
      gsize       from,
      const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= len; i++)
    if (memcmp (text + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

/* The ")" that closes a link target, allowing balanced parentheses inside it. */
static gssize
find_closing_paren (const char *text,
                    gsize       len,
                    gsize       from)
{
  guint depth = 0;

  for (gsize i = from; i < len; i++)
    {
      if (text[i] == '(')
        depth++;
      else if (text[i] == ')')
        {
          if (depth == 0)
            return (gssize) i;
          depth--;
        }
    }
  return -1;
}

static void
inline_append (GString    *out,
               const char *text,
               gsize       len,
               guint       depth,
               gboolean    in_link)
{
  gsize plain = 0;
  gsize i = 0;

#define FLUSH()                                                                                    \
  G_STMT_START { append_escaped (out, text + plain, (gssize) (i - plain)); }                       \
  G_STMT_END

  while (i < len)
    {
      char c = text[i];
      gssize j;

      if (c == '\\' && i + 1 < len && strchr ("\\`*_[]()#+-.!<>|~", text[i + 1]) != NULL)
        {
          FLUSH ();
          append_escaped (out, text + i + 1, 1);
          i += 2;
          plain = i;
          continue;
        }

      if (c == '`' && (j = find (text, len, i + 1, "`")) > (gssize) i + 1)
        {
          FLUSH ();
          g_string_append (out, "<tt>");
          append_escaped (out, text + i + 1, j - (gssize) i - 1);
          g_string_append (out, "</tt>");
          i = (gsize) j + 1;
          plain = i;
          continue;
        }

      if (depth < MAX_INLINE_DEPTH && c == '*' && i + 2 < len && text[i + 1] == '*' &&
          text[i + 2] != ' ' && (j = find (text, len, i + 2, "**")) > (gssize) i + 2)
        {
          FLUSH ();
          g_string_append (out, "<b>");
          inline_append (out, text + i + 2, (gsize) j - i - 2, depth + 1, in_link);
          g_string_append (out, "</b>");
          i = (gsize) j + 2;
          plain = i;
          continue;
        }

      if (depth < MAX_INLINE_DEPTH && (c == '*' || c == '_') && i + 1 < len && text[i + 1] != ' ' &&
          text[i + 1] != c && (c == '*' || i == 0 || !g_ascii_isalnum (text[i - 1])))
        {
          char needle[2] = { c, '\0' };

          j = find (text, len, i + 1, needle);
          if (j > (gssize) i + 1 && text[j - 1] != ' ' &&
              (c == '*' || (gsize) j + 1 >= len || !g_ascii_isalnum (text[j + 1])))
            {
              FLUSH ();
              g_string_append (out, "<i>");
              inline_append (out, text + i + 1, (gsize) j - i - 1, depth + 1, in_link);
              g_string_append (out, "</i>");
              i = (gsize) j + 1;
              plain = i;
              continue;
            }
        }

      if (c == '[' && depth < MAX_INLINE_DEPTH)
        {
          gssize mid = find (text, len, i + 1, "](");
          gssize end = mid >= 0 ? find_closing_paren (text, len, (gsize) mid + 2) : -1;

          if (mid >= 0 && end >= 0)
            {
              g_autofree char *uri = g_strndup (text + mid + 2, end - mid - 2);

              FLUSH ();
              if (!in_link && posture_markdown_uri_is_safe (uri))
                {
                  g_autofree char *escaped_uri = g_markup_escape_text (uri, -1);

                  g_string_append_printf (out, "<a href=\"%s\">", escaped_uri);
                  inline_append (out, text + i + 1, (gsize) mid - i - 1, depth + 1, TRUE);
                  g_string_append (out, "</a>");
                }
              else
                {
                  /* Not a link we open: show the words, never the target as a link. */
                  inline_append (out, text + i + 1, (gsize) mid - i - 1, depth + 1, in_link);
                }
              i = (gsize) end + 1;
              plain = i;
              continue;
            }
        }

      i++;
    }

  FLUSH ();
#undef FLUSH
}

char *
posture_markdown_inline_to_markup (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  inline_append (out, valid, strlen (valid), 0, FALSE);
  return g_string_free (out, FALSE);
}

static gboolean
on_activate_link_cb (GtkLabel   *label,
                     const char *uri,
                     gpointer    user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (label));

  /* Handled either way: unsafe targets are not passed on to the default handler. */
  if (posture_markdown_uri_is_safe (uri))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  else
    g_debug ("Refused to open a link that is not http(s) or mailto");

  return TRUE;
}

static GtkLabel *
add_label (PostureMarkdownView *self,
           GtkBox              *parent,
           const char          *markup_or_text,
           gboolean             is_markup,
           const char          *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  if (is_markup)
    gtk_label_set_markup (label, markup_or_text);
  else
    gtk_label_set_text (label, markup_or_text);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0.0);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (label), GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (is_markup)
    g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link_cb), NULL);

  gtk_box_append (parent, GTK_WIDGET (label));
  g_ptr_array_add (self->labels, label);
  return label;
}

static void
add_inline (PostureMarkdownView *self,
            GtkBox              *parent,
            const char          *text,
            const char          *css_class)
{
  g_autofree char *markup = posture_markdown_inline_to_markup (text);

  add_label (self, parent, markup, TRUE, css_class);
}

static void
add_list_item (PostureMarkdownView *self,
               const char          *marker,
               const char          *text)
{
  GtkBox *row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  GtkWidget *bullet = gtk_label_new (marker);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (row), 12);
  gtk_box_append (row, bullet);
  add_inline (self, row, text, NULL);
  gtk_box_append (self->box, GTK_WIDGET (row));
}

typedef enum
{
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_NUMBERED,
} BlockKind;

static void
flush_block (PostureMarkdownView *self,
             BlockKind           *kind,
             GString             *text,
             char                *marker)
{
  if (*kind == BLOCK_PARAGRAPH && text->len > 0)
    add_inline (self, self->box, text->str, NULL);
  else if (*kind == BLOCK_BULLET)
    add_list_item (self, "•", text->str);
  else if (*kind == BLOCK_NUMBERED)
    add_list_item (self, marker, text->str);

  *kind = BLOCK_NONE;
  g_string_truncate (text, 0);
}

static gboolean
numbered_item (const char  *line,
               char        *marker,
               gsize        marker_size,
               const char **rest)
{
  const char *p = line;

  while (g_ascii_isdigit (*p) && p - line < 4)
    p++;
  if (p == line || p[0] != '.' || p[1] != ' ')
    return FALSE;

  g_snprintf (marker, marker_size, "%.*s.", (int) (p - line), line);
  *rest = p + 2;
  return TRUE;
}

static void
render (PostureMarkdownView *self)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) code = NULL;
  g_autofree char *valid = NULL;
  BlockKind kind = BLOCK_NONE;
  char marker[8] = "";
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_ptr_array_set_size (self->labels, 0);

  if (self->markdown == NULL)
    return;

  valid = g_utf8_make_valid (self->markdown, -1);
  lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *rest;
      char number[8];

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      if (code != NULL)
        {
          if (g_str_has_prefix (line, "```"))
            {
              GtkLabel *label;

              if (code->len > 0 && code->str[code->len - 1] == '\n')
                g_string_truncate (code, code->len - 1);
              label = add_label (self, self->box, code->str, FALSE, "monospace");
              gtk_widget_add_css_class (GTK_WIDGET (label), "card");
              gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
              g_string_free (g_steal_pointer (&code), TRUE);
              continue;
            }
          g_string_append (code, line);
          g_string_append_c (code, '\n');
          continue;
        }

      if (g_str_has_prefix (line, "```"))
        {
          flush_block (self, &kind, text, marker);
          code = g_string_new (NULL);
          continue;
        }

      if (line[strspn (line, " \t")] == '\0')
        {
          flush_block (self, &kind, text, marker);
          continue;
        }

      if (g_str_has_prefix (line, "### ") || g_str_has_prefix (line, "## ") ||
          g_str_has_prefix (line, "# "))
        {
          const char *css = line[1] != '#' ? "title-1" : line[2] != '#' ? "title-2" : "title-4";

          flush_block (self, &kind, text, marker);
          add_inline (self, self->box, line + strspn (line, "#") + 1, css);
          continue;
        }

      if (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* "))
        {
          flush_block (self, &kind, text, marker);
          kind = BLOCK_BULLET;
          g_string_append (text, line + 2);
          continue;
        }

      if (numbered_item (line, number, sizeof number, &rest))
        {
          flush_block (self, &kind, text, marker);
          kind = BLOCK_NUMBERED;
          memcpy (marker, number, sizeof marker);
          g_string_append (text, rest);
          continue;
        }

      /* A continuation of the paragraph or list item. */
      if (kind == BLOCK_NONE)
        kind = BLOCK_PARAGRAPH;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, line + strspn (line, " \t"));
    }

  if (code != NULL)
    add_label (self, self->box, code->str, FALSE, "monospace");
  flush_block (self, &kind, text, marker);
}

static void
posture_markdown_view_dispose (GObject *object)
{
  PostureMarkdownView *self = (PostureMarkdownView *)object;

  if (self->labels != NULL)
    g_ptr_array_set_size (self->labels, 0);

  G_OBJECT_CLASS (posture_markdown_view_parent_class)->dispose (object);
}

static void
posture_markdown_view_finalize (GObject *object)
{
  PostureMarkdownView *self = (PostureMarkdownView *)object;

  g_clear_pointer (&self->markdown, g_free);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_markdown_view_parent_class)->finalize (object);
}

static void
posture_markdown_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PostureMarkdownView *self = POSTURE_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      g_value_set_string (value, self->markdown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_markdown_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PostureMarkdownView *self = POSTURE_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      posture_markdown_view_set_markdown (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_markdown_view_class_init (PostureMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_markdown_view_dispose;
  object_class->finalize = posture_markdown_view_finalize;
  object_class->get_property = posture_markdown_view_get_property;
  object_class->set_property = posture_markdown_view_set_property;

  properties [PROP_MARKDOWN] =
    g_param_spec_string ("markdown", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_markdown_view_init (PostureMarkdownView *self)
{
  self->labels = g_ptr_array_new ();
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
}

GtkWidget *
posture_markdown_view_new (void)
{
  return g_object_new (POSTURE_TYPE_MARKDOWN_VIEW, NULL);
}

const char *
posture_markdown_view_get_markdown (PostureMarkdownView *self)
{
  g_return_val_if_fail (POSTURE_IS_MARKDOWN_VIEW (self), NULL);
  return self->markdown;
}

void
posture_markdown_view_set_markdown (PostureMarkdownView *self,
                                    const char          *markdown)
{
  g_return_if_fail (POSTURE_IS_MARKDOWN_VIEW (self));

  if (g_strcmp0 (self->markdown, markdown) == 0)
    return;

  g_free (self->markdown);
  self->markdown = g_strdup (markdown);
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MARKDOWN]);
}

char *
posture_markdown_view_dup_text (PostureMarkdownView *self)
{
  GString *text;

  g_return_val_if_fail (POSTURE_IS_MARKDOWN_VIEW (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->labels->len; i++)
    {
      g_string_append (text, gtk_label_get_text (g_ptr_array_index (self->labels, i)));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
