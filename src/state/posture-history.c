/* posture-history.c: one record per reading, kept per tenant
 *
 * The file is $XDG_DATA_HOME/posture/history/<tenant>.json:
 *
 *   { "posture_history": 2, "tenant": { "id": "…" },
 *     "records": [ <record>, … ] }           (posture-history-record.c: the record)
 *
 * Records are kept oldest first, each with its reading's sequence number (1, 2, … per
 * tenant) and its time to the microsecond, so that two readings within a second (a fix
 * and its verifying re-read) stay two records and "what changed" compares a reading
 * with the one before it. Format 1 (times in whole seconds, no sequence) is read and
 * numbered in file order, which was time order; the next write stores format 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-history"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"

/* A bound on what one file may hold, against damaged or hostile files. */
#define MAX_RECORDS 100000

struct _PostureHistory
{
  PostureStateList  parent_instance;

  guint             retention_days;
};

enum {
  PROP_0,
  PROP_RETENTION_DAYS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureHistory, posture_history, POSTURE_TYPE_STATE_LIST)

static GPtrArray *
get_records (PostureHistory *self)
{
  return posture_state_list_get_items (POSTURE_STATE_LIST (self));
}

static int
compare_sequences (PostureHistoryRecord *ra,
                   PostureHistoryRecord *rb)
{
  guint64 sa = posture_history_record_get_sequence (ra);
  guint64 sb = posture_history_record_get_sequence (rb);

  return sa < sb ? -1 : sa > sb;
}

static int
compare_by_sequence (gconstpointer a,
                     gconstpointer b)
{
  return compare_sequences (*(PostureHistoryRecord **) a, *(PostureHistoryRecord **) b);
}

/* Reading order: by time, then by sequence (two readings within the same microsecond,
 * or an import of an older reading, keep the order in which they were recorded). */
static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  PostureHistoryRecord *ra = *(PostureHistoryRecord **) a;
  PostureHistoryRecord *rb = *(PostureHistoryRecord **) b;
  int cmp = g_date_time_compare (posture_history_record_get_assessed_at (ra),
                                 posture_history_record_get_assessed_at (rb));

  return cmp != 0 ? cmp : compare_sequences (ra, rb);
}

static gpointer
posture_history_parse (PostureStateStore  *store,
                       JsonObject         *root,
                       gint64              version,
                       GPtrArray          *damaged,
                       GError            **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) nodes = g_hash_table_new (NULL, NULL);   /* record → its node */
  GPtrArray *kept;
  JsonArray *array = root ? posture_json_get_array (root, "records") : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      PostureHistoryRecord *record = NULL;

      /* Migration from format 1: number the readings in file order. */
      if (version < 2 && JSON_NODE_HOLDS_OBJECT (node))
        json_object_set_int_member (json_node_get_object (node), "sequence", i + 1);

      if (i < MAX_RECORDS)
        record = posture_history_record_new_from_json (node, &local_error);
      if (record == NULL)
        {
          g_debug ("History record %u is damaged: %s", i,
                   local_error ? local_error->message : "beyond the bound");
          g_ptr_array_add (damaged, json_node_ref (node));
          continue;
        }
      g_ptr_array_add (records, record);
      g_hash_table_insert (nodes, record, node);
    }

  /* A sequence number is a reading's key: a second record claiming it is damage. */
  g_ptr_array_sort (records, compare_by_sequence);
  kept = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      PostureHistoryRecord *record = g_ptr_array_index (records, i);

      if (kept->len > 0 && compare_sequences (g_ptr_array_index (kept, kept->len - 1), record) == 0)
        g_ptr_array_add (damaged, json_node_ref (g_hash_table_lookup (nodes, record)));
      else
        g_ptr_array_add (kept, g_object_ref (record));
    }

  g_ptr_array_sort (kept, compare_records);
  return kept;
}

static void
posture_history_serialize (PostureStateStore *store,
                           gpointer           contents,
                           JsonObject        *root)
{
  GPtrArray *records = contents;
  JsonArray *array = json_array_sized_new (records->len);

  for (guint i = 0; i < records->len; i++)
    json_array_add_element (array, posture_history_record_to_json (g_ptr_array_index (records, i)));
  json_object_set_array_member (root, "records", array);
}

typedef struct
{
  JsonNode *record;          /* without a sequence yet */
  guint     retention_days;
} AppendData;

static void
append_data_free (gpointer data)
{
  AppendData *append = data;

  json_node_unref (append->record);
  g_free (append);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AppendData, append_data_free)

static AppendData *
append_data_new (PostureHistory       *self,
                 PostureHistoryRecord *record)
{
  AppendData *append = g_new0 (AppendData, 1);

  append->record = posture_history_record_to_json (record);
  append->retention_days = self->retention_days;
  return append;
}

static gboolean
append_edit (PostureStateStore  *store,
             gpointer            contents,
             gpointer            edit_data,
             GDateTime          *now,
             GError            **error)
{
  GPtrArray *records = contents;
  AppendData *append = edit_data;
  g_autoptr(PostureHistoryRecord) added = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  guint64 next = 1;

  for (guint i = 0; i < records->len; i++)
    next = MAX (next, posture_history_record_get_sequence (g_ptr_array_index (records, i)) + 1);

  json_object_set_int_member (json_node_get_object (append->record), "sequence", (gint64) next);
  if (!(added = posture_history_record_new_from_json (append->record, error)))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    if (posture_history_record_same_reading (g_ptr_array_index (records, i), added))
      return TRUE;

  g_ptr_array_add (records, g_object_ref (added));
  g_ptr_array_sort (records, compare_records);

  if (append->retention_days == 0)
    return TRUE;

  /* The record just added is always kept, whatever its time (an import). */
  cutoff = g_date_time_add_days (now, -(int) append->retention_days);
  for (guint i = records->len; i > 0; i--)
    {
      PostureHistoryRecord *record = g_ptr_array_index (records, i - 1);

      if (record != added &&
          g_date_time_compare (posture_history_record_get_assessed_at (record), cutoff) < 0)
        g_ptr_array_remove_index (records, i - 1);
    }
  return TRUE;
}

static void
posture_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PostureHistory *self = POSTURE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_RETENTION_DAYS:
      g_value_set_uint (value, self->retention_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PostureHistory *self = POSTURE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_RETENTION_DAYS:
      posture_history_set_retention_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_history_class_init (PostureHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  object_class->get_property = posture_history_get_property;
  object_class->set_property = posture_history_set_property;

  store_class->format_key = POSTURE_HISTORY_FORMAT_KEY;
  store_class->format_version = POSTURE_HISTORY_FORMAT_VERSION;
  store_class->parse = posture_history_parse;
  store_class->serialize = posture_history_serialize;
  POSTURE_STATE_LIST_CLASS (klass)->item_type = POSTURE_TYPE_HISTORY_RECORD;

  properties[PROP_RETENTION_DAYS] =
    g_param_spec_uint ("retention-days", NULL, NULL, 0, 36500, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_history_init (PostureHistory *self)
{
}

/**
 * posture_history_new:
 * @tenant_id: the tenant's id (any string: it is made safe for a file name)
 *
 * Returns: (transfer full): an empty history; call posture_history_load()
 */
PostureHistory *
posture_history_new (const char *tenant_id)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  path = posture_state_path_for_tenant (POSTURE_STATE_DATA, "history", tenant_id, ".json");
  return g_object_new (POSTURE_TYPE_HISTORY, "tenant-id", tenant_id, "path", path, NULL);
}

const char *
posture_history_get_tenant_id (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);
  return posture_state_store_get_tenant_id (POSTURE_STATE_STORE (self));
}

char *
posture_history_dup_path (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);
  return g_strdup (posture_state_store_get_path (POSTURE_STATE_STORE (self)));
}

guint
posture_history_get_retention_days (PostureHistory *self)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), 0);
  return self->retention_days;
}

void
posture_history_set_retention_days (PostureHistory *self,
                                    guint           days)
{
  g_return_if_fail (POSTURE_IS_HISTORY (self));

  if (self->retention_days == days)
    return;
  self->retention_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETENTION_DAYS]);
}

gboolean
posture_history_load (PostureHistory  *self,
                      GError         **recovered,
                      GError         **error)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  return posture_state_store_load (POSTURE_STATE_STORE (self), recovered, error);
}

void
posture_history_load_async (PostureHistory      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_HISTORY (self));
  posture_state_store_load_async (POSTURE_STATE_STORE (self), cancellable, callback, user_data);
}

gboolean
posture_history_load_finish (PostureHistory  *self,
                             GAsyncResult    *result,
                             GError         **recovered,
                             GError         **error)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  return posture_state_store_load_finish (POSTURE_STATE_STORE (self), result, recovered, error);
}

gboolean
posture_history_append (PostureHistory        *self,
                        PostureHistoryRecord  *record,
                        GError               **recovered,
                        GError               **error)
{
  g_autoptr(AppendData) append = NULL;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (POSTURE_IS_HISTORY_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  append = append_data_new (self, record);
  return _posture_state_store_edit (POSTURE_STATE_STORE (self), append_edit, append,
                                    recovered, error);
}

void
posture_history_append_async (PostureHistory        *self,
                              PostureHistoryRecord  *record,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_return_if_fail (POSTURE_IS_HISTORY (self));
  g_return_if_fail (POSTURE_IS_HISTORY_RECORD (record));

  _posture_state_store_edit_async (POSTURE_STATE_STORE (self), append_edit,
                                   append_data_new (self, record), append_data_free,
                                   cancellable, callback, user_data);
}

gboolean
posture_history_append_finish (PostureHistory  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);
  return _posture_state_store_edit_finish (POSTURE_STATE_STORE (self), result, NULL, error);
}

PostureHistoryRecord *
posture_history_get_latest (PostureHistory *self)
{
  GPtrArray *records;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  records = get_records (self);
  return records->len > 0 ? g_ptr_array_index (records, records->len - 1) : NULL;
}

PostureHistoryRecord *
posture_history_get_previous (PostureHistory *self)
{
  GPtrArray *records;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  records = get_records (self);
  return records->len > 1 ? g_ptr_array_index (records, records->len - 2) : NULL;
}

gboolean
posture_history_latest_regressed (PostureHistory  *self,
                                  PostureDiff    **out_diff)
{
  PostureHistoryRecord *latest;
  PostureHistoryRecord *previous;
  g_autoptr(PostureDiff) diff = NULL;
  gboolean regressed;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), FALSE);

  if (out_diff != NULL)
    *out_diff = NULL;

  latest = posture_history_get_latest (self);
  previous = posture_history_get_previous (self);
  if (latest == NULL || previous == NULL)
    return FALSE;

  diff = posture_diff_new (previous, latest);
  regressed = posture_diff_is_regression (diff);
  if (out_diff != NULL)
    *out_diff = g_steal_pointer (&diff);
  return regressed;
}

gboolean
posture_history_format_from_string (const char           *text,
                                    PostureHistoryFormat *format)
{
  if (g_strcmp0 (text, "text") == 0)
    *format = POSTURE_HISTORY_FORMAT_TEXT;
  else if (g_strcmp0 (text, "json") == 0)
    *format = POSTURE_HISTORY_FORMAT_JSON;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = POSTURE_HISTORY_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a spreadsheet never
 * runs a tenant-supplied value as a formula. */
static void
append_csv_field (GString    *out,
                  const char *value)
{
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (strchr ("=+-@", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static char *
format_percent (double percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (percent < 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", percent));
}

char *
posture_history_format (PostureHistory       *self,
                        PostureHistoryFormat  format)
{
  GPtrArray *records;
  GString *out;

  g_return_val_if_fail (POSTURE_IS_HISTORY (self), NULL);

  records = get_records (self);

  if (format == POSTURE_HISTORY_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = _posture_state_store_to_json (POSTURE_STATE_STORE (self), records);
      g_autofree char *text = NULL;

      text = posture_json_to_string (root, TRUE);
      return g_strconcat (text, "\n", NULL);
    }

  out = g_string_new (NULL);

  if (format == POSTURE_HISTORY_FORMAT_CSV)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < records->len; i++)
        {
          PostureHistoryRecord *r = g_ptr_array_index (records, i);

          for (guint j = 0; j < posture_history_record_get_n_controls (r); j++)
            {
              const PostureHistoryControl *c = posture_history_record_get_control (r, j);

              if (g_hash_table_add (seen, c->id))
                g_ptr_array_add (ids, c->id);
            }
        }

      g_string_append (out, "assessed_at,profile,percent,level,earned,possible");
      for (guint k = 0; k < ids->len; k++)
        {
          g_string_append_c (out, ',');
          append_csv_field (out, g_ptr_array_index (ids, k));
        }
      g_string_append (out, "\r\n");

      for (guint i = 0; i < records->len; i++)
        {
          PostureHistoryRecord *r = g_ptr_array_index (records, i);
          GDateTime *assessed_at = posture_history_record_get_assessed_at (r);
          g_autoptr(GDateTime) utc = g_date_time_to_utc (assessed_at);
          g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
          g_autofree char *percent = format_percent (posture_history_record_get_percent (r));

          g_string_append_printf (out, "%s,", when);
          append_csv_field (out, posture_history_record_get_profile (r));
          g_string_append_printf (out, ",%s,%s,%u,%u", percent,
                                  posture_level_to_string (posture_history_record_get_level (r)),
                                  posture_history_record_get_earned (r),
                                  posture_history_record_get_possible (r));
          for (guint k = 0; k < ids->len; k++)
            {
              const PostureHistoryControl *c =
                posture_history_record_lookup_control (r, g_ptr_array_index (ids, k));

              g_string_append_c (out, ',');
              if (c != NULL)
                g_string_append (out, c->status);
            }
          g_string_append (out, "\r\n");
        }

      return g_string_free (out, FALSE);
    }

  /* Text: a table for people. */
  if (records->len == 0)
    {
      g_string_append_printf (out, "No assessment of %s has been recorded yet.\n",
                              posture_history_get_tenant_id (self));
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, "%-5s %-20s %-8s %7s %-8s %s\n",
                          "#", "Assessed (UTC)", "Profile", "Score", "Level", "Points");
  for (guint i = 0; i < records->len; i++)
    {
      PostureHistoryRecord *r = g_ptr_array_index (records, i);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (posture_history_record_get_assessed_at (r));
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
      double value = posture_history_record_get_percent (r);
      g_autofree char *percent = value < 0 ? g_strdup ("—") : format_percent (value);
      g_autofree char *profile = g_utf8_make_valid (posture_history_record_get_profile (r), -1);

      g_string_append_printf (out, "%-5u %-20s %-8s %6s%s %-8s %u/%u\n",
                              i + 1, when, profile, percent, value < 0 ? " " : "%",
                              posture_level_to_string (posture_history_record_get_level (r)),
                              posture_history_record_get_earned (r),
                              posture_history_record_get_possible (r));
    }

  return g_string_free (out, FALSE);
}
