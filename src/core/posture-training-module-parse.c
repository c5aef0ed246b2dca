/* posture-training-module-parse.c: a training module's file, parsed and validated
 *
 * A module is a Markdown file with a "---" delimited header of "key: value" lines
 * (data/training/README.md). Parsing is strict and linear: every problem is reported
 * with the file, the line and the field, so an author (or a champion checking an
 * organization's folder) can fix it without guessing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-training-module-private.h"

/* Parsing ------------------------------------------------------------------------- */

typedef struct
{
  const char  *source;
  GError     **error;
  gboolean     failed;
} ParseContext;

static gboolean fail (ParseContext *ctx,
                      guint         line,
                      const char   *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (ParseContext *ctx,
      guint         line,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (!ctx->failed)
    {
      if (line > 0)
        g_set_error (ctx->error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                     "%s:%u: %s", ctx->source, line, message);
      else
        g_set_error (ctx->error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                     "%s: %s", ctx->source, message);
    }
  ctx->failed = TRUE;
  return FALSE;
}

static gboolean
in_vocabulary (const char * const *vocabulary,
               const char         *value)
{
  return g_strv_contains (vocabulary, value);
}

static char *
join_vocabulary (const char * const *vocabulary)
{
  return g_strjoinv (", ", (char **) vocabulary);
}

static char **
split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (item[0] != '\0')
        g_ptr_array_add (items, g_strdup (item));
    }
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

static gboolean
is_single_line_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      return FALSE;
  return TRUE;
}

gboolean
posture_training_module_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > POSTURE_TRAINING_MODULE_MAX_ID_LEN)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return id[len - 1] != '-';
}

typedef enum
{
  SECTION_NONE,
  SECTION_OBJECTIVES,
  SECTION_LESSON,
  SECTION_EXERCISE,
  SECTION_QUIZ,
  SECTION_REFERENCES,
  N_SECTIONS
} Section;

static const char * const section_titles[N_SECTIONS] = {
  NULL, "Learning objectives", "Lesson", "Exercise", "Self-check", "References",
};

/* "- [Title](https://…)" → title and url; FALSE when the line is not that shape. */
static gboolean
parse_reference (const char  *item,
                 char       **out_title,
                 char       **out_url)
{
  const char *close;
  const char *url;
  gsize url_len;

  if (item[0] != '[')
    return FALSE;
  if (!(close = strstr (item, "](")))
    return FALSE;
  url = close + 2;
  url_len = strlen (url);
  if (url_len < 2 || url[url_len - 1] != ')')
    return FALSE;

  *out_title = g_strndup (item + 1, close - item - 1);
  *out_url = g_strndup (url, url_len - 1);
  return TRUE;
}

static gboolean
url_is_acceptable (const char *url)
{
  if (!g_str_has_prefix (url, "https://") || strlen (url) <= strlen ("https://"))
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || *p == '<' || *p == '>' ||
        *p == '"' || *p == '\'' || *p == '(' || *p == ')' || *p == '\\')
      return FALSE;
  return TRUE;
}

static gboolean
finish_question (ParseContext            *ctx,
                 PostureTrainingQuestion *question,
                 GPtrArray               *options,
                 int                      correct,
                 guint                    line)
{
  if (options->len < 2)
    return fail (ctx, line, "field \"Self-check\": the question \"%s\" needs at least two options "
                 "written \"- [ ] …\" or \"- [x] …\"", question->text);
  if (correct < 0)
    return fail (ctx, line, "field \"Self-check\": the question \"%s\" has no right option; "
                 "mark exactly one with \"- [x]\"", question->text);
  if (question->why == NULL)
    return fail (ctx, line, "field \"Self-check\": the question \"%s\" has no \"Why: …\" line "
                 "explaining the answer", question->text);

  question->options = g_new0 (char *, options->len + 1);
  for (guint i = 0; i < options->len; i++)
    question->options[i] = g_strdup (g_ptr_array_index (options, i));
  question->correct = correct;
  return TRUE;
}

static gboolean
parse_header_field (ParseContext          *ctx,
                    PostureTrainingModule *self,
                    const char            *key,
                    const char            *value,
                    guint                  line,
                    GHashTable            *known_controls)
{
  if (g_str_equal (key, "title") || g_str_equal (key, "summary"))
    {
      char **target = g_str_equal (key, "title") ? &self->title : &self->summary;

      if (value[0] == '\0')
        return fail (ctx, line, "field \"%s\" is empty", key);
      if (strlen (value) > (g_str_equal (key, "title") ? 200 : 1000))
        return fail (ctx, line, "field \"%s\" is longer than %u characters", key,
                     g_str_equal (key, "title") ? 200 : 1000);
      *target = g_strdup (value);
    }
  else if (g_str_equal (key, "audience"))
    {
      g_auto(GStrv) items = split_list (value);

      if (items[0] == NULL)
        return fail (ctx, line, "field \"audience\" is empty; use maker, pro-developer or admin");
      for (guint i = 0; items[i] != NULL; i++)
        if (!in_vocabulary (posture_training_audiences, items[i]))
          {
            g_autofree char *expected = join_vocabulary (posture_training_audiences);
            return fail (ctx, line,
                         "field \"audience\": unknown value \"%s\" (expected one or more of %s)",
                         items [i], expected);
          }
      self->audience = g_steal_pointer (&items);
    }
  else if (g_str_equal (key, "phase") || g_str_equal (key, "principle"))
    {
      gboolean is_phase = g_str_equal (key, "phase");
      const char *const *vocabulary =
          is_phase ? posture_training_phases : posture_training_principles;

      if (!in_vocabulary (vocabulary, value))
        {
          g_autofree char *expected = join_vocabulary (vocabulary);
          return fail (ctx, line, "field \"%s\": unknown value \"%s\" (expected one of %s)",
                       key, value, expected);
        }
      if (is_phase)
        self->phase = g_strdup (value);
      else
        self->principle = g_strdup (value);
    }
  else if (g_str_equal (key, "duration"))
    {
      guint64 minutes = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 1, 600, &minutes, NULL))
        return fail (ctx, line,
                     "field \"duration\": \"%s\" is not a number of minutes from 1 to 600", value);
      self->duration = (guint) minutes;
    }
  else if (g_str_equal (key, "tags"))
    self->tags = split_list (value);
  else if (g_str_equal (key, "controls"))
    {
      g_auto(GStrv) items = split_list (value);

      for (guint i = 0; items[i] != NULL; i++)
        {
          if (!posture_training_module_id_is_valid (items[i]))
            return fail (ctx, line, "field \"controls\": \"%s\" is not a control id", items[i]);
          if (known_controls != NULL && !g_hash_table_contains (known_controls, items[i]))
            return fail (ctx, line,
                         "field \"controls\": unknown control \"%s\" (see posture-cli controls)",
                         items [i]);
        }
      if (items[0] == NULL && self->origin == POSTURE_TRAINING_ORIGIN_BUILTIN)
        return fail (
            ctx, line,
            "field \"controls\" is empty; a built-in module must name its related controls");
      self->controls = g_steal_pointer (&items);
    }
  else
    return fail (ctx, line, "unknown field \"%s\" (expected title, summary, audience, phase, "
                 "principle, duration, controls or tags)", key);

  return TRUE;
}

static gboolean
parse_module (ParseContext          *ctx,
              PostureTrainingModule *self,
              char                  *text,
              GHashTable            *known_controls)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) objectives = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(PostureTrainingQuestion) question = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) lesson = g_string_new (NULL);
  g_autoptr(GString) exercise = g_string_new (NULL);
  static const char * const required[] = { "title", "summary", "audience", "phase", "principle",
                                            "duration", "controls", NULL };
  Section section = SECTION_NONE;
  gboolean in_header = FALSE;
  gboolean header_done = FALSE;
  gboolean in_fence = FALSE;
  int correct = -1;
  guint question_line = 0;
  guint line_no = 0;
  char *line = text;

  while (line != NULL)
    {
      char *next = strchr (line, '\n');
      gsize len;

      if (next != NULL)
        *next++ = '\0';
      line_no++;
      len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      for (const char *p = line; *p != '\0'; p++)
        if ((guchar) *p < 0x20 && *p != '\t')
          return fail (ctx, line_no,
                       "contains a control character (0x%02x); save the file as plain text",
                       (guint) (guchar) *p);

      for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* C1 controls reach terminals as escape sequences; bidirectional overrides
           * make text read differently from what it is. */
          if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
              (c >= 0x2066 && c <= 0x2069))
            return fail (ctx, line_no, "contains the invisible control character U+%04X; remove it",
                         c);
        }

      if (line_no == 1)
        {
          if (!g_str_equal (line, "---"))
            return fail (ctx, 1, "the file must start with a \"---\" line that opens the header");
          in_header = TRUE;
          line = next;
          continue;
        }

      if (in_header)
        {
          char *colon;
          char *key;
          char *value;

          if (g_str_equal (line, "---"))
            {
              in_header = FALSE;
              header_done = TRUE;
              for (guint i = 0; required[i] != NULL; i++)
                if (!g_hash_table_contains (seen, required[i]))
                  return fail (ctx, line_no, "field \"%s\" is missing from the header",
                               required [i]);
              line = next;
              continue;
            }
          if (line_no > 64)
            return fail (ctx, line_no, "the header has no closing \"---\" line within 64 lines");
          if (line[0] == '\0' || line[0] == '#')
            {
              line = next;
              continue;
            }
          if (!(colon = strchr (line, ':')))
            return fail (ctx, line_no, "header line \"%s\" is not \"key: value\"", line);
          *colon = '\0';
          key = g_strstrip (line);
          value = g_strstrip (colon + 1);
          if (!posture_training_module_id_is_valid (key))
            return fail (ctx, line_no, "header key \"%s\" is not a lower-case field name", key);
          if (g_hash_table_contains (seen, key))
            return fail (ctx, line_no, "field \"%s\" appears twice", key);
          if (!parse_header_field (ctx, self, key, value, line_no, known_controls))
            return FALSE;
          g_hash_table_add (seen, (gpointer) g_intern_string (key));
          line = next;
          continue;
        }

      /* Body */
      g_string_append (body, line);
      g_string_append_c (body, '\n');

      if (g_str_has_prefix (line, "```"))
        in_fence = !in_fence;

      if (!in_fence && g_str_has_prefix (line, "## "))
        {
          const char *name = g_strstrip (line + 3);
          Section found = SECTION_NONE;

          for (guint i = 1; i < N_SECTIONS; i++)
            if (g_str_equal (name, section_titles[i]))
              found = i;
          if (found == SECTION_NONE)
            return fail (ctx, line_no,
                         "unknown section \"## %s\" (expected Learning objectives, Lesson, "
                         "Exercise, Self-check, References)",
                         name);
          if (found != section + 1)
            return fail (ctx, line_no,
                         "section \"%s\" is out of order or repeated; expected \"## %s\"", name,
                         section + 1 < N_SECTIONS ? section_titles [section + 1] : "(end)");
          if (section == SECTION_QUIZ && question != NULL)
            {
              if (!finish_question (ctx, question, options, correct, question_line))
                return FALSE;
              g_ptr_array_add (self->questions, g_steal_pointer (&question));
            }
          section = found;
          line = next;
          continue;
        }

      switch (section)
        {
        case SECTION_NONE:
          if (line[0] != '\0' && !g_str_has_prefix (line, "# "))
            return fail (
                ctx, line_no,
                "text before \"## Learning objectives\"; the body starts with that section");
          break;

        case SECTION_OBJECTIVES:
          if (g_str_has_prefix (line, "- ") && line[2] != '\0')
            g_ptr_array_add (objectives, g_strdup (g_strstrip (line + 2)));
          else if (line[0] != '\0')
            return fail (
                ctx, line_no,
                "field \"Learning objectives\": write each objective as a \"- \" list item");
          break;

        case SECTION_LESSON:
          g_string_append (lesson, line);
          g_string_append_c (lesson, '\n');
          break;

        case SECTION_EXERCISE:
          g_string_append (exercise, line);
          g_string_append_c (exercise, '\n');
          break;

        case SECTION_QUIZ:
          if (g_str_has_prefix (line, "### "))
            {
              if (question != NULL)
                {
                  if (!finish_question (ctx, question, options, correct, question_line))
                    return FALSE;
                  g_ptr_array_add (self->questions, g_steal_pointer (&question));
                }
              question = g_new0 (PostureTrainingQuestion, 1);
              question->text = g_strdup (g_strstrip (line + 4));
              g_clear_pointer (&options, g_ptr_array_unref);
              options = g_ptr_array_new_with_free_func (g_free);
              correct = -1;
              question_line = line_no;
              if (question->text[0] == '\0')
                return fail (ctx, line_no, "field \"Self-check\": a question heading is empty");
            }
          else if (g_str_has_prefix (line, "- [ ] ") || g_str_has_prefix (line, "- [x] ") ||
                   g_str_has_prefix (line, "- [X] "))
            {
              if (question == NULL)
                return fail (ctx, line_no,
                             "field \"Self-check\": an option comes before any \"### question\"");
              if (question->why != NULL)
                return fail (ctx, line_no,
                             "field \"Self-check\": an option comes after the \"Why:\" line");
              if (line[3] != ' ')
                {
                  if (correct >= 0)
                    return fail (ctx, line_no,
                                 "field \"Self-check\": the question \"%s\" has more than one "
                                 "right option",
                                 question->text);
                  correct = options->len;
                }
              g_ptr_array_add (options, g_strdup (g_strstrip (line + 6)));
            }
          else if (g_str_has_prefix (line, "Why:"))
            {
              const char *why = line + 4;

              if (question == NULL)
                return fail (ctx, line_no,
                             "field \"Self-check\": \"Why:\" comes before any \"### question\"");
              if (question->why != NULL)
                return fail (ctx, line_no,
                             "field \"Self-check\": the question \"%s\" has two \"Why:\" lines",
                             question->text);
              while (*why == ' ')
                why++;
              if (*why == '\0')
                return fail (ctx, line_no, "field \"Self-check\": the \"Why:\" line is empty");
              question->why = g_strdup (why);
            }
          else if (line[0] != '\0')
            return fail (ctx, line_no,
                         "field \"Self-check\": unexpected line; use \"### question\", "
                         "\"- [ ] option\", \"- [x] right option\" and \"Why: …\"");
          break;

        case SECTION_REFERENCES:
          if (g_str_has_prefix (line, "- "))
            {
              PostureTrainingReference *reference = NULL;
              g_autofree char *title = NULL;
              g_autofree char *url = NULL;

              if (!parse_reference (line + 2, &title, &url))
                return fail (
                    ctx, line_no,
                    "field \"References\": write each reference as \"- [Title](https://…)\"");
              if (g_strstrip (title)[0] == '\0')
                return fail (ctx, line_no, "field \"References\": a reference has no title");
              if (!url_is_acceptable (url))
                return fail (ctx, line_no,
                             "field \"References\": \"%s\" is not an https:// address", url);
              reference = g_new0 (PostureTrainingReference, 1);
              reference->title = g_steal_pointer (&title);
              reference->url = g_steal_pointer (&url);
              g_ptr_array_add (self->references, reference);
            }
          else if (line[0] != '\0')
            return fail (ctx, line_no,
                         "field \"References\": write each reference as \"- [Title](https://…)\"");
          break;

        case N_SECTIONS:
        default:
          g_assert_not_reached ();
        }

      line = next;
    }

  if (!header_done)
    return fail (ctx, line_no, "the header has no closing \"---\" line");

  if (section == SECTION_QUIZ && question != NULL)
    {
      if (!finish_question (ctx, question, options, correct, question_line))
        return FALSE;
      g_ptr_array_add (self->questions, g_steal_pointer (&question));
    }

  for (guint i = 1; i < N_SECTIONS; i++)
    if (section < i)
      return fail (ctx, 0, "field \"%s\" is missing: the body needs a \"## %s\" section",
                   section_titles[i], section_titles[i]);

  if (objectives->len == 0)
    return fail (ctx, 0, "field \"Learning objectives\" has no items");
  if (g_strstrip (lesson->str)[0] == '\0')
    return fail (ctx, 0, "field \"Lesson\" is empty");
  if (g_strstrip (exercise->str)[0] == '\0')
    return fail (ctx, 0, "field \"Exercise\" is empty");
  if (self->questions->len == 0)
    return fail (ctx, 0, "field \"Self-check\" has no questions");
  if (self->references->len == 0)
    return fail (ctx, 0, "field \"References\" has no links");

  if (self->tags == NULL)
    self->tags = g_new0 (char *, 1);

  g_ptr_array_add (objectives, NULL);
  self->objectives = (char **) g_ptr_array_free (g_steal_pointer (&objectives), FALSE);
  self->body = g_string_free (g_steal_pointer (&body), FALSE);
  self->lesson = g_string_free (g_steal_pointer (&lesson), FALSE);
  self->exercise = g_string_free (g_steal_pointer (&exercise), FALSE);

  return TRUE;
}

PostureTrainingModule *
posture_training_module_new_from_bytes (const char             *id,
                                        GBytes                 *contents,
                                        PostureTrainingOrigin   origin,
                                        const char             *source,
                                        GHashTable             *known_controls,
                                        GError                **error)
{
  g_autoptr(PostureTrainingModule) self = NULL;
  g_autofree char *text = NULL;
  ParseContext ctx = { source, error, FALSE };
  const char *data;
  gsize size;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!posture_training_module_id_is_valid (id))
    {
      fail (&ctx, 0,
            "field \"id\": the file name \"%s\" is not a module id (lower-case letters, "
            "digits and hyphens, at most %u characters, then .md)",
            id, POSTURE_TRAINING_MODULE_MAX_ID_LEN);
      return NULL;
    }

  data = g_bytes_get_data (contents, &size);
  if (size > POSTURE_TRAINING_MODULE_MAX_SIZE)
    {
      fail (&ctx, 0, "the file is %" G_GSIZE_FORMAT " bytes; a module may be at most %u bytes",
            size, POSTURE_TRAINING_MODULE_MAX_SIZE);
      return NULL;
    }
  if (size == 0)
    {
      fail (&ctx, 0, "the file is empty");
      return NULL;
    }
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
    {
      fail (&ctx, 0, "the file is not UTF-8 text");
      return NULL;
    }

  self = g_object_new (POSTURE_TYPE_TRAINING_MODULE, NULL);
  self->id = g_strdup (id);
  self->origin = origin;
  self->source = g_strdup (source);
  self->content_version =
      g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);

  /* Skip a UTF-8 byte order mark some editors write. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    text = g_strndup (data + 3, size - 3);
  else
    text = g_strndup (data, size);

  if (!parse_module (&ctx, self, text, known_controls))
    return NULL;

  g_assert (is_single_line_text (self->title));
  _posture_training_module_index (self);

  return g_steal_pointer (&self);
}

PostureTrainingModule *
posture_training_module_new_from_file (const char             *path,
                                       PostureTrainingOrigin   origin,
                                       GHashTable             *known_controls,
                                       GError                **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_path_get_basename (path);
  if (!g_str_has_suffix (base, ".md"))
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "%s: a training module's file name must end in .md", path);
      return NULL;
    }
  base[strlen (base) - 3] = '\0';

  if (g_stat (path, &st) == 0 && st.st_size > POSTURE_TRAINING_MODULE_MAX_SIZE)
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "%s: the file is %" G_GINT64_FORMAT " bytes; a module may be at most %u bytes",
                   path, (gint64) st.st_size, POSTURE_TRAINING_MODULE_MAX_SIZE);
      return NULL;
    }

  if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND,
                   "%s: cannot read the module: %s", path, local_error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  return posture_training_module_new_from_bytes (base, bytes, origin, path, known_controls, error);
}
