/* posture-training-module.c
 *
 * A module is a Markdown file with a "---" delimited header of "key: value" lines
 * (data/training/README.md). Parsing is strict and linear: every problem is reported
 * with the file, the line and the field, so an author (or a champion checking an
 * organization's folder) can fix it without guessing. Nothing from a module is ever
 * interpreted as markup here; rendering is the app's job and escapes everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-training-module-private.h"

struct _PostureTrainingModule
{
  GObject                     parent_instance;

  /* Content (immutable after parsing) */
  char                       *id;
  char                       *title;
  char                       *summary;
  char                      **audience;
  char                       *phase;
  char                       *principle;
  guint                       duration;
  char                      **tags;
  char                      **controls;
  char                      **objectives;
  char                       *body;
  char                       *lesson;
  char                       *exercise;
  GPtrArray                  *questions;       /* PostureTrainingQuestion */
  GPtrArray                  *references;      /* PostureTrainingReference */
  char                       *content_version; /* SHA-256 of the file, hex */
  PostureTrainingOrigin       origin;
  char                       *source;
  char                       *search_text;     /* case-folded title, summary, tags, body */

  /* Learner state */
  PostureTrainingProgress     progress;
  int                         quiz_correct;
  int                         quiz_total;

  /* Review state */
  PostureTrainingReviewState  review_state;
  char                       *reviewer;
  GDateTime                  *reviewed_at;
  char                       *review_notes;
  char                       *reviewed_version;
  PostureTrainingStaleReason  stale_reason;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_AUDIENCE,
  PROP_PHASE,
  PROP_PRINCIPLE,
  PROP_DURATION,
  PROP_TAGS,
  PROP_CONTROLS,
  PROP_OBJECTIVES,
  PROP_BODY,
  PROP_CONTENT_VERSION,
  PROP_ORIGIN,
  PROP_SOURCE,
  PROP_PROGRESS,
  PROP_QUIZ_CORRECT,
  PROP_QUIZ_TOTAL,
  PROP_REVIEW_STATE,
  PROP_REVIEWER,
  PROP_REVIEWED_AT,
  PROP_REVIEW_NOTES,
  PROP_STALE_REASON,
  PROP_NEEDS_REVIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureTrainingModule, posture_training_module, G_TYPE_OBJECT)

static const GEnumValue origin_values[] = {
  { POSTURE_TRAINING_ORIGIN_BUILTIN, "POSTURE_TRAINING_ORIGIN_BUILTIN", "builtin" },
  { POSTURE_TRAINING_ORIGIN_ORGANIZATION, "POSTURE_TRAINING_ORIGIN_ORGANIZATION", "organization" },
  { 0, NULL, NULL }
};
static const GEnumValue progress_values[] = {
  { POSTURE_TRAINING_PROGRESS_NOT_STARTED, "POSTURE_TRAINING_PROGRESS_NOT_STARTED", "not-started" },
  { POSTURE_TRAINING_PROGRESS_IN_PROGRESS, "POSTURE_TRAINING_PROGRESS_IN_PROGRESS", "in-progress" },
  { POSTURE_TRAINING_PROGRESS_COMPLETED, "POSTURE_TRAINING_PROGRESS_COMPLETED", "completed" },
  { 0, NULL, NULL }
};
static const GEnumValue review_values[] = {
  { POSTURE_TRAINING_REVIEW_DRAFT, "POSTURE_TRAINING_REVIEW_DRAFT", "draft" },
  { POSTURE_TRAINING_REVIEW_IN_REVIEW, "POSTURE_TRAINING_REVIEW_IN_REVIEW", "in-review" },
  { POSTURE_TRAINING_REVIEW_APPROVED, "POSTURE_TRAINING_REVIEW_APPROVED", "approved" },
  { POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED, "POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED", "changes-requested" },
  { POSTURE_TRAINING_REVIEW_RETIRED, "POSTURE_TRAINING_REVIEW_RETIRED", "retired" },
  { 0, NULL, NULL }
};
static const GEnumValue stale_values[] = {
  { POSTURE_TRAINING_STALE_NONE, "POSTURE_TRAINING_STALE_NONE", "none" },
  { POSTURE_TRAINING_STALE_NEVER_REVIEWED, "POSTURE_TRAINING_STALE_NEVER_REVIEWED", "never-reviewed" },
  { POSTURE_TRAINING_STALE_IN_REVIEW, "POSTURE_TRAINING_STALE_IN_REVIEW", "in-review" },
  { POSTURE_TRAINING_STALE_CHANGES_REQUESTED, "POSTURE_TRAINING_STALE_CHANGES_REQUESTED", "changes-requested" },
  { POSTURE_TRAINING_STALE_CONTENT_CHANGED, "POSTURE_TRAINING_STALE_CONTENT_CHANGED", "content-changed" },
  { POSTURE_TRAINING_STALE_INTERVAL_PASSED, "POSTURE_TRAINING_STALE_INTERVAL_PASSED", "interval-passed" },
  { 0, NULL, NULL }
};

#define DEFINE_ENUM_GTYPE(func, Name, values)                              \
GType                                                                      \
func (void)                                                                \
{                                                                          \
  static gsize type_id = 0;                                                \
  if (g_once_init_enter (&type_id))                                        \
    g_once_init_leave (&type_id, g_enum_register_static (Name, values));   \
  return type_id;                                                          \
}

DEFINE_ENUM_GTYPE (posture_training_origin_get_type, "PostureTrainingOrigin", origin_values)
DEFINE_ENUM_GTYPE (posture_training_progress_get_type, "PostureTrainingProgress", progress_values)
DEFINE_ENUM_GTYPE (posture_training_review_state_get_type, "PostureTrainingReviewState", review_values)
DEFINE_ENUM_GTYPE (posture_training_stale_reason_get_type, "PostureTrainingStaleReason", stale_values)

static const char *
enum_nick (const GEnumValue *values,
           int               value)
{
  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (values[i].value == value)
      return values[i].value_nick;
  return NULL;
}

static gboolean
enum_from_nick (const GEnumValue *values,
                const char       *nick,
                int              *out_value)
{
  if (nick == NULL)
    return FALSE;
  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (g_str_equal (values[i].value_nick, nick))
      {
        *out_value = values[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
posture_training_progress_to_string (PostureTrainingProgress progress)
{
  return enum_nick (progress_values, progress);
}

gboolean
posture_training_progress_from_string (const char              *text,
                                       PostureTrainingProgress *out_progress)
{
  int value;

  g_return_val_if_fail (out_progress != NULL, FALSE);

  if (!enum_from_nick (progress_values, text, &value))
    return FALSE;
  *out_progress = value;
  return TRUE;
}

const char *
posture_training_review_state_to_string (PostureTrainingReviewState state)
{
  return enum_nick (review_values, state);
}

gboolean
posture_training_review_state_from_string (const char                 *text,
                                           PostureTrainingReviewState *out_state)
{
  int value;

  g_return_val_if_fail (out_state != NULL, FALSE);

  if (!enum_from_nick (review_values, text, &value))
    return FALSE;
  *out_state = value;
  return TRUE;
}

const char *
posture_training_stale_reason_to_string (PostureTrainingStaleReason reason)
{
  return enum_nick (stale_values, reason);
}

const char *
posture_training_origin_to_string (PostureTrainingOrigin origin)
{
  return enum_nick (origin_values, origin);
}

const char * const posture_training_audiences[] = { "maker", "pro-developer", "admin", NULL };
const char * const posture_training_phases[] = { "plan", "build", "test", "deploy", "operate", NULL };
const char * const posture_training_principles[] = { "verify-explicitly", "least-privilege", "assume-breach", NULL };

PostureTrainingQuestion *
posture_training_question_copy (const PostureTrainingQuestion *question)
{
  PostureTrainingQuestion *copy = g_new0 (PostureTrainingQuestion, 1);

  copy->text = g_strdup (question->text);
  copy->options = g_strdupv (question->options);
  copy->correct = question->correct;
  copy->why = g_strdup (question->why);
  return copy;
}

void
posture_training_question_free (PostureTrainingQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->text);
  g_strfreev (question->options);
  g_free (question->why);
  g_free (question);
}

G_DEFINE_BOXED_TYPE (PostureTrainingQuestion, posture_training_question,
                     posture_training_question_copy, posture_training_question_free)

PostureTrainingReference *
posture_training_reference_copy (const PostureTrainingReference *reference)
{
  PostureTrainingReference *copy = g_new0 (PostureTrainingReference, 1);

  copy->title = g_strdup (reference->title);
  copy->url = g_strdup (reference->url);
  return copy;
}

void
posture_training_reference_free (PostureTrainingReference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->title);
  g_free (reference->url);
  g_free (reference);
}

G_DEFINE_BOXED_TYPE (PostureTrainingReference, posture_training_reference,
                     posture_training_reference_copy, posture_training_reference_free)

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
            return fail (ctx, line, "field \"audience\": unknown value \"%s\" (expected one or more of %s)",
                         items[i], expected);
          }
      self->audience = g_steal_pointer (&items);
    }
  else if (g_str_equal (key, "phase") || g_str_equal (key, "principle"))
    {
      gboolean is_phase = g_str_equal (key, "phase");
      const char * const *vocabulary = is_phase ? posture_training_phases : posture_training_principles;

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
        return fail (ctx, line, "field \"duration\": \"%s\" is not a number of minutes from 1 to 600",
                     value);
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
            return fail (ctx, line, "field \"controls\": unknown control \"%s\" (see posture-cli controls)",
                         items[i]);
        }
      if (items[0] == NULL && self->origin == POSTURE_TRAINING_ORIGIN_BUILTIN)
        return fail (ctx, line, "field \"controls\" is empty; a built-in module must name its related controls");
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
          return fail (ctx, line_no, "contains a control character (0x%02x); save the file as plain text",
                       (guint) (guchar) *p);

      for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* C1 controls reach terminals as escape sequences; bidirectional overrides
           * make text read differently from what it is. */
          if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            return fail (ctx, line_no, "contains the invisible control character U+%04X; remove it", c);
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
                  return fail (ctx, line_no, "field \"%s\" is missing from the header", required[i]);
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
            return fail (ctx, line_no, "unknown section \"## %s\" (expected Learning objectives, Lesson, "
                         "Exercise, Self-check, References)", name);
          if (found != section + 1)
            return fail (ctx, line_no, "section \"%s\" is out of order or repeated; expected \"## %s\"",
                         name, section + 1 < N_SECTIONS ? section_titles[section + 1] : "(end)");
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
            return fail (ctx, line_no, "text before \"## Learning objectives\"; the body starts with that section");
          break;

        case SECTION_OBJECTIVES:
          if (g_str_has_prefix (line, "- ") && line[2] != '\0')
            g_ptr_array_add (objectives, g_strdup (g_strstrip (line + 2)));
          else if (line[0] != '\0')
            return fail (ctx, line_no, "field \"Learning objectives\": write each objective as a \"- \" list item");
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
                return fail (ctx, line_no, "field \"Self-check\": an option comes before any \"### question\"");
              if (question->why != NULL)
                return fail (ctx, line_no, "field \"Self-check\": an option comes after the \"Why:\" line");
              if (line[3] != ' ')
                {
                  if (correct >= 0)
                    return fail (ctx, line_no, "field \"Self-check\": the question \"%s\" has more than one "
                                 "right option", question->text);
                  correct = options->len;
                }
              g_ptr_array_add (options, g_strdup (g_strstrip (line + 6)));
            }
          else if (g_str_has_prefix (line, "Why:"))
            {
              const char *why = line + 4;

              if (question == NULL)
                return fail (ctx, line_no, "field \"Self-check\": \"Why:\" comes before any \"### question\"");
              if (question->why != NULL)
                return fail (ctx, line_no, "field \"Self-check\": the question \"%s\" has two \"Why:\" lines",
                             question->text);
              while (*why == ' ')
                why++;
              if (*why == '\0')
                return fail (ctx, line_no, "field \"Self-check\": the \"Why:\" line is empty");
              question->why = g_strdup (why);
            }
          else if (line[0] != '\0')
            return fail (ctx, line_no, "field \"Self-check\": unexpected line; use \"### question\", "
                         "\"- [ ] option\", \"- [x] right option\" and \"Why: …\"");
          break;

        case SECTION_REFERENCES:
          if (g_str_has_prefix (line, "- "))
            {
              PostureTrainingReference *reference = NULL;
              g_autofree char *title = NULL;
              g_autofree char *url = NULL;

              if (!parse_reference (line + 2, &title, &url))
                return fail (ctx, line_no, "field \"References\": write each reference as \"- [Title](https://…)\"");
              if (g_strstrip (title)[0] == '\0')
                return fail (ctx, line_no, "field \"References\": a reference has no title");
              if (!url_is_acceptable (url))
                return fail (ctx, line_no, "field \"References\": \"%s\" is not an https:// address", url);
              reference = g_new0 (PostureTrainingReference, 1);
              reference->title = g_steal_pointer (&title);
              reference->url = g_steal_pointer (&url);
              g_ptr_array_add (self->references, reference);
            }
          else if (line[0] != '\0')
            return fail (ctx, line_no, "field \"References\": write each reference as \"- [Title](https://…)\"");
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

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

static void
build_search_text (PostureTrainingModule *self)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *tags = g_strjoinv (" ", self->tags);

  g_string_append_printf (all, "%s\n%s\n%s\n%s\n%s", self->id, self->title, self->summary,
                          tags, self->body);
  self->search_text = fold (all->str);
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
      fail (&ctx, 0, "field \"id\": the file name \"%s\" is not a module id (lower-case letters, "
            "digits and hyphens, at most %u characters, then .md)", id, POSTURE_TRAINING_MODULE_MAX_ID_LEN);
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
  self->content_version = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);

  /* Skip a UTF-8 byte order mark some editors write. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    text = g_strndup (data + 3, size - 3);
  else
    text = g_strndup (data, size);

  if (!parse_module (&ctx, self, text, known_controls))
    return NULL;

  g_assert (is_single_line_text (self->title));
  build_search_text (self);

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

/* GObject ------------------------------------------------------------------------- */

static void
posture_training_module_finalize (GObject *object)
{
  PostureTrainingModule *self = (PostureTrainingModule *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_strfreev (self->audience);
  g_free (self->phase);
  g_free (self->principle);
  g_strfreev (self->tags);
  g_strfreev (self->controls);
  g_strfreev (self->objectives);
  g_free (self->body);
  g_free (self->lesson);
  g_free (self->exercise);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  g_free (self->content_version);
  g_free (self->source);
  g_free (self->search_text);
  g_free (self->reviewer);
  g_clear_pointer (&self->reviewed_at, g_date_time_unref);
  g_free (self->review_notes);
  g_free (self->reviewed_version);

  G_OBJECT_CLASS (posture_training_module_parent_class)->finalize (object);
}

static void
posture_training_module_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureTrainingModule *self = POSTURE_TRAINING_MODULE (object);

  switch (prop_id)
    {
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_TITLE:           g_value_set_string (value, self->title); break;
    case PROP_SUMMARY:         g_value_set_string (value, self->summary); break;
    case PROP_AUDIENCE:        g_value_set_boxed (value, self->audience); break;
    case PROP_PHASE:           g_value_set_string (value, self->phase); break;
    case PROP_PRINCIPLE:       g_value_set_string (value, self->principle); break;
    case PROP_DURATION:        g_value_set_uint (value, self->duration); break;
    case PROP_TAGS:            g_value_set_boxed (value, self->tags); break;
    case PROP_CONTROLS:        g_value_set_boxed (value, self->controls); break;
    case PROP_OBJECTIVES:      g_value_set_boxed (value, self->objectives); break;
    case PROP_BODY:            g_value_set_string (value, self->body); break;
    case PROP_CONTENT_VERSION: g_value_set_string (value, self->content_version); break;
    case PROP_ORIGIN:          g_value_set_enum (value, self->origin); break;
    case PROP_SOURCE:          g_value_set_string (value, self->source); break;
    case PROP_PROGRESS:        g_value_set_enum (value, self->progress); break;
    case PROP_QUIZ_CORRECT:    g_value_set_int (value, self->quiz_correct); break;
    case PROP_QUIZ_TOTAL:      g_value_set_int (value, self->quiz_total); break;
    case PROP_REVIEW_STATE:    g_value_set_enum (value, self->review_state); break;
    case PROP_REVIEWER:        g_value_set_string (value, self->reviewer); break;
    case PROP_REVIEWED_AT:     g_value_set_boxed (value, self->reviewed_at); break;
    case PROP_REVIEW_NOTES:    g_value_set_string (value, self->review_notes); break;
    case PROP_STALE_REASON:    g_value_set_enum (value, self->stale_reason); break;
    case PROP_NEEDS_REVIEW:    g_value_set_boolean (value, posture_training_module_get_needs_review (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_module_class_init (PostureTrainingModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_training_module_finalize;
  object_class->get_property = posture_training_module_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties [PROP_AUDIENCE] = g_param_spec_boxed ("audience", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, flags);
  properties [PROP_PRINCIPLE] = g_param_spec_string ("principle", NULL, NULL, NULL, flags);
  properties [PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, 600, 0, flags);
  properties [PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_CONTROLS] = g_param_spec_boxed ("controls", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_OBJECTIVES] = g_param_spec_boxed ("objectives", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties [PROP_CONTENT_VERSION] = g_param_spec_string ("content-version", NULL, NULL, NULL, flags);
  properties [PROP_ORIGIN] = g_param_spec_enum ("origin", NULL, NULL, POSTURE_TYPE_TRAINING_ORIGIN,
                                                POSTURE_TRAINING_ORIGIN_BUILTIN, flags);
  properties [PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties [PROP_PROGRESS] = g_param_spec_enum ("progress", NULL, NULL, POSTURE_TYPE_TRAINING_PROGRESS,
                                                  POSTURE_TRAINING_PROGRESS_NOT_STARTED, flags);
  properties [PROP_QUIZ_CORRECT] = g_param_spec_int ("quiz-correct", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties [PROP_QUIZ_TOTAL] = g_param_spec_int ("quiz-total", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties [PROP_REVIEW_STATE] = g_param_spec_enum ("review-state", NULL, NULL, POSTURE_TYPE_TRAINING_REVIEW_STATE,
                                                      POSTURE_TRAINING_REVIEW_DRAFT, flags);
  properties [PROP_REVIEWER] = g_param_spec_string ("reviewer", NULL, NULL, NULL, flags);
  properties [PROP_REVIEWED_AT] = g_param_spec_boxed ("reviewed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_REVIEW_NOTES] = g_param_spec_string ("review-notes", NULL, NULL, NULL, flags);
  properties [PROP_STALE_REASON] = g_param_spec_enum ("stale-reason", NULL, NULL, POSTURE_TYPE_TRAINING_STALE_REASON,
                                                      POSTURE_TRAINING_STALE_NEVER_REVIEWED, flags);
  properties [PROP_NEEDS_REVIEW] = g_param_spec_boolean ("needs-review", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_training_module_init (PostureTrainingModule *self)
{
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_question_free);
  self->references = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_reference_free);
  self->quiz_correct = -1;
  self->quiz_total = -1;
  self->stale_reason = POSTURE_TRAINING_STALE_NEVER_REVIEWED;
}

/* Accessors ----------------------------------------------------------------------- */

#define GETTER(type, name, field)                                   \
type                                                                \
posture_training_module_get_##name (PostureTrainingModule *self)    \
{                                                                   \
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), 0);      \
  return self->field;                                               \
}

GETTER (const char *, id, id)
GETTER (const char *, title, title)
GETTER (const char *, summary, summary)
GETTER (const char *, phase, phase)
GETTER (const char *, principle, principle)
GETTER (guint, duration, duration)
GETTER (const char *, body, body)
GETTER (const char *, lesson, lesson)
GETTER (const char *, exercise, exercise)
GETTER (GPtrArray *, questions, questions)
GETTER (GPtrArray *, references, references)
GETTER (const char *, content_version, content_version)
GETTER (PostureTrainingOrigin, origin, origin)
GETTER (const char *, source, source)
GETTER (PostureTrainingProgress, progress, progress)
GETTER (int, quiz_correct, quiz_correct)
GETTER (int, quiz_total, quiz_total)
GETTER (PostureTrainingReviewState, review_state, review_state)
GETTER (const char *, reviewer, reviewer)
GETTER (GDateTime *, reviewed_at, reviewed_at)
GETTER (const char *, review_notes, review_notes)
GETTER (const char *, reviewed_version, reviewed_version)
GETTER (PostureTrainingStaleReason, stale_reason, stale_reason)

const char * const *
posture_training_module_get_audience (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->audience;
}

const char * const *
posture_training_module_get_tags (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->tags;
}

const char * const *
posture_training_module_get_controls (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->controls;
}

const char * const *
posture_training_module_get_objectives (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->objectives;
}

gboolean
posture_training_module_get_needs_review (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return self->stale_reason != POSTURE_TRAINING_STALE_NONE;
}

gboolean
posture_training_module_has_audience (PostureTrainingModule *self,
                                      const char            *audience)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return audience != NULL && g_strv_contains ((const char * const *) self->audience, audience);
}

gboolean
posture_training_module_has_control (PostureTrainingModule *self,
                                     const char            *control_id)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return control_id != NULL && g_strv_contains ((const char * const *) self->controls, control_id);
}

/* Every whitespace-separated term must occur in the title, summary, tags or body,
 * compared case- and normalization-insensitively. An empty query matches. */
gboolean
posture_training_module_matches_text (PostureTrainingModule *self,
                                      const char            *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) terms = NULL;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return query == NULL;

  folded = fold (query);
  terms = g_strsplit_set (folded, " \t\n\r", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    if (terms[i][0] != '\0' && strstr (self->search_text, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
posture_training_module_matches (PostureTrainingModule *self,
                                 const char            *query,
                                 const char            *audience,
                                 const char            *phase,
                                 const char            *principle,
                                 const char            *control_id)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (audience != NULL && audience[0] != '\0' && !posture_training_module_has_audience (self, audience))
    return FALSE;
  if (phase != NULL && phase[0] != '\0' && g_strcmp0 (self->phase, phase) != 0)
    return FALSE;
  if (principle != NULL && principle[0] != '\0' && g_strcmp0 (self->principle, principle) != 0)
    return FALSE;
  if (control_id != NULL && control_id[0] != '\0' && !posture_training_module_has_control (self, control_id))
    return FALSE;

  return posture_training_module_matches_text (self, query);
}

/* @answers holds the chosen option index per question (-1: unanswered). */
guint
posture_training_module_grade_quiz (PostureTrainingModule *self,
                                    const int             *answers,
                                    gsize                  n_answers)
{
  guint correct = 0;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), 0);
  g_return_val_if_fail (answers != NULL || n_answers == 0, 0);

  for (guint i = 0; i < self->questions->len && i < n_answers; i++)
    {
      const PostureTrainingQuestion *question = g_ptr_array_index (self->questions, i);

      if (answers[i] >= 0 && (guint) answers[i] == question->correct)
        correct++;
    }

  return correct;
}

GDateTime *
posture_training_module_dup_review_due (PostureTrainingModule *self,
                                        guint                  interval_days)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);

  if (self->review_state != POSTURE_TRAINING_REVIEW_APPROVED || self->reviewed_at == NULL)
    return NULL;

  return g_date_time_add_days (self->reviewed_at, (int) interval_days);
}

/* The review workflow: which review a champion may record now. A retired module takes
 * none. A module sent back with "changes requested" takes an approval, another request
 * or a new review only once its content changed since (a new version). An approval is
 * recorded again only when it went stale; a review in progress is not started twice.
 * Anything not retired may be retired. Draft is where modules start, never a review. */
gboolean
posture_training_module_can_record_review (PostureTrainingModule      *self,
                                           PostureTrainingReviewState  state)
{
  gboolean new_version;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (self->review_state == POSTURE_TRAINING_REVIEW_RETIRED)
    return FALSE;

  new_version = g_strcmp0 (self->reviewed_version, self->content_version) != 0;

  switch (state)
    {
    case POSTURE_TRAINING_REVIEW_RETIRED:
      return TRUE;
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:
      if (self->review_state == POSTURE_TRAINING_REVIEW_IN_REVIEW)
        return FALSE;
      break;
    case POSTURE_TRAINING_REVIEW_APPROVED:
      if (self->review_state == POSTURE_TRAINING_REVIEW_APPROVED)
        return self->stale_reason != POSTURE_TRAINING_STALE_NONE;
      break;
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED:
      break;
    case POSTURE_TRAINING_REVIEW_DRAFT:
    default:
      return FALSE;
    }

  return self->review_state != POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED || new_version;
}

/* Private setters ----------------------------------------------------------------- */

static void
notify (PostureTrainingModule *self,
        guint                  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

void
_posture_training_module_set_progress (PostureTrainingModule   *self,
                                       PostureTrainingProgress  progress,
                                       int                      quiz_correct,
                                       int                      quiz_total)
{
  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));

  if (self->progress != progress)
    {
      self->progress = progress;
      notify (self, PROP_PROGRESS);
    }
  if (self->quiz_correct != quiz_correct)
    {
      self->quiz_correct = quiz_correct;
      notify (self, PROP_QUIZ_CORRECT);
    }
  if (self->quiz_total != quiz_total)
    {
      self->quiz_total = quiz_total;
      notify (self, PROP_QUIZ_TOTAL);
    }
}

static void
set_string (PostureTrainingModule  *self,
            char                  **field,
            const char             *value,
            guint                   prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);
}

void
_posture_training_module_set_review (PostureTrainingModule      *self,
                                     PostureTrainingReviewState  state,
                                     const char                 *reviewer,
                                     GDateTime                  *reviewed_at,
                                     const char                 *notes,
                                     const char                 *reviewed_version)
{
  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->review_state != state)
    {
      self->review_state = state;
      notify (self, PROP_REVIEW_STATE);
    }
  set_string (self, &self->reviewer, reviewer, PROP_REVIEWER);
  set_string (self, &self->review_notes, notes, PROP_REVIEW_NOTES);
  g_free (self->reviewed_version);
  self->reviewed_version = g_strdup (reviewed_version);

  if (!(self->reviewed_at == NULL && reviewed_at == NULL) &&
      (self->reviewed_at == NULL || reviewed_at == NULL || !g_date_time_equal (self->reviewed_at, reviewed_at)))
    {
      g_clear_pointer (&self->reviewed_at, g_date_time_unref);
      self->reviewed_at = reviewed_at ? g_date_time_ref (reviewed_at) : NULL;
      notify (self, PROP_REVIEWED_AT);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
_posture_training_module_update_stale (PostureTrainingModule *self,
                                       guint                  interval_days,
                                       GDateTime             *now)
{
  PostureTrainingStaleReason reason = POSTURE_TRAINING_STALE_NONE;
  gboolean was_needed;

  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));
  g_return_if_fail (now != NULL);

  switch (self->review_state)
    {
    case POSTURE_TRAINING_REVIEW_DRAFT:
      reason = POSTURE_TRAINING_STALE_NEVER_REVIEWED;
      break;
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:
      reason = POSTURE_TRAINING_STALE_IN_REVIEW;
      break;
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED:
      reason = POSTURE_TRAINING_STALE_CHANGES_REQUESTED;
      break;
    case POSTURE_TRAINING_REVIEW_RETIRED:
      reason = POSTURE_TRAINING_STALE_NONE;
      break;
    case POSTURE_TRAINING_REVIEW_APPROVED:
      if (g_strcmp0 (self->reviewed_version, self->content_version) != 0)
        reason = POSTURE_TRAINING_STALE_CONTENT_CHANGED;
      else
        {
          g_autoptr(GDateTime) due = posture_training_module_dup_review_due (self, interval_days);

          if (due == NULL || g_date_time_compare (now, due) >= 0)
            reason = POSTURE_TRAINING_STALE_INTERVAL_PASSED;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (reason == self->stale_reason)
    return;

  was_needed = posture_training_module_get_needs_review (self);
  self->stale_reason = reason;
  notify (self, PROP_STALE_REASON);
  if (was_needed != posture_training_module_get_needs_review (self))
    notify (self, PROP_NEEDS_REVIEW);
}
